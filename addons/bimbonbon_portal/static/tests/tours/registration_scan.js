/** @odoo-module */
// Copyright 2026 BimBonBon
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { registry } from "@web/core/registry";

// Started on /r/<token> by the Python test, logged out.
registry.category("web_tour.tours").add("bimbonbon_registration_scan", {
    steps: () => [
        {
            content: "A visitor is asked to log in or sign up",
            trigger: "a.o_bimbonbon_signup",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: "input[name=login]",
            run: "edit scan.klant@example.com",
        },
        {
            trigger: "input[name=name]",
            run: "edit Sanne Scan",
        },
        {
            trigger: "input[name=password]",
            run: "edit Bimbonbon-2026!",
        },
        {
            trigger: "input[name=confirm_password]",
            run: "edit Bimbonbon-2026!",
        },
        {
            content: "Sign up",
            trigger: "form.oe_signup_form button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Back on the QR page: confirm the purchase",
            trigger: "form.o_bimbonbon_confirm_form input[name=purchase_place]",
            run: "edit Bakkerij Jansen",
        },
        {
            trigger: "form.o_bimbonbon_confirm_form input[name=purchase_date]",
            run() {
                this.anchor.value = "2026-01-05";
            },
        },
        {
            trigger: "form.o_bimbonbon_confirm_form input[name=marketing_consent]",
            run: "click",
        },
        {
            content: "Register",
            trigger: "form.o_bimbonbon_confirm_form button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The product page opens",
            trigger: ".o_bimbonbon_registered",
        },
        {
            trigger: "h3.o_bimbonbon_product_name:contains(Keukenmixer KM-1)",
        },
    ],
});
