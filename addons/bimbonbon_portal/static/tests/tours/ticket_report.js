/** @odoo-module */
// Copyright 2026 BimBonBon
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { registry } from "@web/core/registry";

// A 1x1 yellow PNG.
const PNG_BASE64 =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5/hPwAIAgL/4d1j8wAAAABJRU5ErkJggg==";

async function setPhoto(input) {
    const bytes = Uint8Array.from(atob(PNG_BASE64), (c) => c.charCodeAt(0));
    const file = new File([bytes], "storing.png", { type: "image/png" });
    const dataTransfer = new DataTransfer();
    dataTransfer.items.add(file);
    input.files = dataTransfer.files;
    input.dispatchEvent(new Event("change", { bubbles: true }));
}

// Started on the product page of a registered unit by the Python test.
registry.category("web_tour.tours").add("bimbonbon_ticket_report", {
    steps: () => [
        {
            content: "Report a problem",
            trigger: "a.o_bimbonbon_report_button",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: "form.o_bimbonbon_report_step1 textarea[name=description]",
            run: "edit De mixer draait niet meer",
        },
        {
            trigger: "form.o_bimbonbon_report_step1 select[name=urgency]",
            run: "select high",
        },
        {
            trigger: "form.o_bimbonbon_report_step1 button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Suggestions are shown first",
            trigger: ".o_bimbonbon_suggestions .o_bimbonbon_suggestion:contains(De mixer draait niet)",
        },
        {
            content: "No, report it: add a photo",
            trigger: "form.o_bimbonbon_report_step2 input[name=photos]",
            async run() {
                await setPhoto(this.anchor);
            },
        },
        {
            trigger: "form.o_bimbonbon_report_step2 textarea[name=description]:value(De mixer draait niet meer)",
        },
        {
            trigger: "form.o_bimbonbon_report_step2 button.o_bimbonbon_report_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The ticket page shows the status timeline",
            trigger: ".o_bimbonbon_ticket_timeline li[aria-current=step]",
        },
        {
            content: "Go to the list of tickets",
            trigger: ".o_portal_submenu a[href^='/my/tickets']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The ticket is in the list with its status",
            trigger: "tr:contains(De mixer draait niet meer) .badge",
        },
    ],
});
