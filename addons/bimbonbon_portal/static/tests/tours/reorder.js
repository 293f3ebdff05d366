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
        {
            content: "A business customer confirms by signing; no payment is asked",
            trigger: ".o_portal_sale_sidebar a[data-bs-target='#modalaccept']:not(:contains('Pay'))",
            run: "click",
        },
        {
            content: "The name is filled in and signs automatically",
            trigger: ".modal .o_web_sign_name_and_signature input:value(Klant Een)",
        },
        {
            trigger: ".modal canvas.o_web_sign_signature",
            run: "canvasNotEmpty",
        },
        {
            content: "Accept and sign",
            trigger: ".modal .o_portal_sign_submit:enabled",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "We end on the confirmed order, which can be ordered again in turn",
            trigger: ".o_portal_sale_sidebar form.o_bimbonbon_reorder",
        },
        {
            content: "No payment step is left",
            trigger: "body:not(:has(#o_sale_portal_paynow)):not(:has(a[data-bs-target='#modalaccept']))",
        },
    ],
});
