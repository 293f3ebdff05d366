/** @odoo-module */
// Copyright 2026 BimBonBon
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("bimbonbon_registration_code", {
    url: "/my/products",
    steps: () => [
        {
            content: "Register a product by code",
            trigger: "a.o_bimbonbon_register_button",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: "form.o_bimbonbon_register_form select[name=product_id]",
            run: "selectByLabel Keukenmixer KM-1",
        },
        {
            content: "Type a wrong code",
            trigger: "form.o_bimbonbon_register_form input[name=code]",
            run: "edit KM-VERKEERD",
        },
        {
            trigger: "form.o_bimbonbon_register_form button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "A clear message, the code is kept",
            trigger: ".o_bimbonbon_register_error:contains(Unknown code KM-VERKEERD)",
        },
        {
            trigger: "form.o_bimbonbon_register_form input[name=code]:value(KM-VERKEERD)",
            run: "edit KM-F-0002",
        },
        {
            trigger: "form.o_bimbonbon_register_form button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The product is registered and shown",
            trigger: ".o_bimbonbon_registered",
        },
        {
            trigger: "h3.o_bimbonbon_product_name:contains(Keukenmixer KM-1)",
        },
    ],
});
