/** @odoo-module */
// Copyright 2026 BimBonBon
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("bimbonbon_portal_reorder", {
    steps: () => [
        {
            content: "A past order shows the re-order button",
            trigger: "form.o_bimbonbon_reorder button[name='reorder']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "We land on the new quotation, with the products of the past order",
            trigger: "#portal_sale_content:contains('Bakvorm Rond'):contains('Taartschep')",
        },
        {
            content: "It is a quotation, not the old order",
            trigger: ".o_portal_sale_sidebar:not(:has(form.o_bimbonbon_reorder))",
        },
    ],
});
