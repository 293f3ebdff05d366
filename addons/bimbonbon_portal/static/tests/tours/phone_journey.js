/** @odoo-module */
// Copyright 2026 BimBonBon
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { registry } from "@web/core/registry";

async function waitFor(predicate, message, timeout = 10000) {
    const end = Date.now() + timeout;
    while (Date.now() < end) {
        if (await predicate()) {
            return;
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(message);
}

const controlled = () =>
    waitFor(
        () => navigator.serviceWorker && navigator.serviceWorker.controller,
        "The customer's service worker does not control the page"
    );

// Started by the Python test on a phone-sized screen, on /r/<token> of a unit nobody
// registered yet, as a logged-in customer: what follows a scan of the label in a shop.
registry.category("web_tour.tours").add("bimbonbon_phone_scan_to_report", {
    steps: () => [
        {
            content: "The label's page, under the customer's service worker",
            trigger: "form.o_bimbonbon_confirm_form",
            run: controlled,
        },
        {
            content: "Register it with one tap",
            trigger: "form.o_bimbonbon_confirm_form button.o_bimbonbon_confirm_button",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Registered: the product page, served through the worker",
            trigger: ".o_bimbonbon_registered",
            run: controlled,
        },
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
            trigger: "form.o_bimbonbon_report_step1 button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Our answers first; not helped: report it",
            trigger: "form.o_bimbonbon_report_step2 button.o_bimbonbon_report_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The ticket's page",
            trigger: ".o_bimbonbon_ticket_timeline li[aria-current=step]",
            async run() {
                await controlled();
                // the pages opened on the way are kept for this customer, for a bad connection
                const names = (await caches.keys()).filter((name) =>
                    name.startsWith("bimbonbon-pages-")
                );
                if (names.length !== 1) {
                    throw new Error(`One customer's page cache expected, found ${names}`);
                }
                const urls = (await (await caches.open(names[0])).keys()).map(
                    (request) => new URL(request.url).pathname
                );
                if (!urls.some((path) => /^\/(nl\/)?my\/products\/\d+$/.test(path))) {
                    throw new Error(`The product page is not kept: ${urls}`);
                }
            },
        },
        {
            content: "An answer for the service desk, without Odoo's chatter",
            trigger: "form.o_bimbonbon_conversation_reply textarea[name=body]",
            run: "edit Hij maakt ook een raar geluid",
        },
        {
            trigger: "form.o_bimbonbon_conversation_reply button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The answer is on the ticket's page, as the customer's own",
            trigger: ".o_bimbonbon_conversation_message_own:contains(raar geluid)",
        },
    ],
});
