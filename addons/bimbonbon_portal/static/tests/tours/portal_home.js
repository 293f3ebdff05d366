/** @odoo-module */
// Copyright 2026 BimBonBon
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("bimbonbon_portal_home", {
    url: "/my",
    steps: () => [
        {
            content: "The portal home is a grid of tiles",
            trigger: ".o_bimbonbon_home .o_portal_docs",
        },
        {
            content: "The orders tile shows its count once the counters are loaded",
            trigger: ".o_portal_index_card:not(.d-none) a[href$='/my/orders'] [data-placeholder_count='order_count']:contains('1')",
        },
        {
            content: "The problems tile shows how many tickets the customer has",
            trigger: ".o_portal_index_card:not(.d-none) a[href$='/my/tickets'] [data-placeholder_count='ticket_count']:contains('0')",
        },
        {
            content: "The offers, feedback and details tiles are there",
            trigger: ".o_portal_index_card:not(.d-none) a[href$='/my/offers']",
        },
        {
            content: "Open the feedback tile",
            trigger: ".o_portal_index_card a[href$='/my/feedback']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The feedback page opens",
            trigger: "form.o_bimbonbon_feedback_form",
        },
    ],
});
