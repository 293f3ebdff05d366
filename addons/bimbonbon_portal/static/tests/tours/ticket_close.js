/** @odoo-module */
// Copyright 2026 BimBonBon
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("bimbonbon_portal_ticket_close", {
    steps: () => [
        {
            content: "The page fits the phone, even with a long title",
            trigger: "body:has(.o_bimbonbon_ticket_close)",
            run() {
                const width = document.documentElement.scrollWidth;
                if (width > window.innerWidth) {
                    throw new Error(`The page is ${width} px wide on a ${window.innerWidth} px screen`);
                }
            },
        },
        {
            content: "Closing sits below the conversation and asks first: no close button shows",
            trigger: "#task_chat ~ .o_bimbonbon_ticket_close details:not([open])",
        },
        {
            content: "Open the closing step",
            trigger: ".o_bimbonbon_ticket_close summary",
            run: "click",
        },
        {
            content: "Confirm: my problem is solved",
            trigger: ".o_bimbonbon_ticket_close details[open] button.o_bimbonbon_ticket_close_confirm:contains('Done')",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Back on the ticket, closed: nothing left to close",
            trigger: "#card_header .badge:contains('Done')",
        },
        {
            trigger: "body:not(:has(.o_bimbonbon_ticket_close))",
        },
    ],
});
