/** @odoo-module */
// Copyright 2026 BimBonBon
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("bimbonbon_portal_notice_acknowledge", {
    steps: () => [
        {
            content: "The notices tile shows one unread notice",
            trigger: "a[href='/my/notices'] [data-placeholder_count='notice_count']:contains('1')",
        },
        {
            content: "Open the notices",
            trigger: "a[href='/my/notices']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Open the recall",
            trigger: ".o_bimbonbon_notice_line:contains('Terugroepactie')",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The page fits the phone",
            trigger: "body:has(.o_bimbonbon_notice)",
            run() {
                const width = document.documentElement.scrollWidth;
                if (width > window.innerWidth) {
                    throw new Error(`The page is ${width} px wide on a ${window.innerWidth} px screen`);
                }
            },
        },
        {
            content: "Acknowledge the recall",
            trigger: ".o_bimbonbon_notice_acknowledge button",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Confirmed, no button left",
            trigger: ".o_bimbonbon_notice_acknowledged",
        },
        {
            trigger: "body:not(:has(.o_bimbonbon_notice_acknowledge))",
        },
    ],
});
