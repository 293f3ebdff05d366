/** @odoo-module */
// Copyright 2026 BimBonBon
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { registry } from "@web/core/registry";

// The customer grades a solved ticket from the link in the mail, on a phone, not signed in.
registry.category("web_tour.tours").add("bimbonbon_portal_ticket_grade", {
    steps: () => [
        {
            content: "The grade page fits the phone",
            trigger: "body:has(.o_bimbonbon_grade_form)",
            run() {
                const width = document.documentElement.scrollWidth;
                if (width > window.innerWidth) {
                    throw new Error(`The page is ${width} px wide on a ${window.innerWidth} px screen`);
                }
                const buttons = document.querySelectorAll(".o_bimbonbon_grade_btn");
                if (buttons.length !== 10) {
                    throw new Error(`${buttons.length} grade buttons, not 10`);
                }
                for (const button of buttons) {
                    const box = button.getBoundingClientRect();
                    if (box.height < 40 || box.width < 40) {
                        throw new Error(`Grade ${button.textContent} is too small to tap`);
                    }
                }
            },
        },
        {
            content: "Give a 9",
            trigger: "label[for='bimbonbon_grade_9']",
            run: "click",
        },
        {
            content: "Say why (optional)",
            trigger: "textarea[name='remark']",
            run: "edit Snel opgelost, dank!",
        },
        {
            content: "Send the grade",
            trigger: "button.o_bimbonbon_grade_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Thanked for the 9",
            trigger: ".o_bimbonbon_grade_thanks strong:contains('9')",
        },
    ],
});
