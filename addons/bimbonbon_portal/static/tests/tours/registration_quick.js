/** @odoo-module */
// Copyright 2026 BimBonBon
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { registry } from "@web/core/registry";

// Started on /r/<token> by the Python test, as a brand-new visitor (logged out).
registry.category("web_tour.tours").add("bimbonbon_registration_quick", {
    steps: () => [
        {
            content: "Name",
            trigger: "form.o_bimbonbon_quick_form input[name=name]",
            run: "edit Sanne Scan",
        },
        {
            content: "E-mail address",
            trigger: "form.o_bimbonbon_quick_form input[name=email]",
            run: "edit sanne.scan@example.com",
        },
        {
            content: "Purchase date (optional)",
            trigger: "form.o_bimbonbon_quick_form input[name=purchase_date]",
            run() {
                this.anchor.value = "2026-01-05";
            },
        },
        {
            content: "Register",
            trigger: "form.o_bimbonbon_quick_form button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Registered: the link is in the mail",
            trigger: ".o_bimbonbon_mail_sent",
        },
    ],
});

// Started on the sign-in link of the mail by the Python test.
registry.category("web_tour.tours").add("bimbonbon_registration_signin", {
    steps: () => [
        {
            content: "One tap opens the product",
            trigger: "form.o_bimbonbon_signin_form button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The product page, signed in",
            trigger: "h3.o_bimbonbon_product_name:contains(Keukenmixer KM-1)",
        },
    ],
});

// Started on /r/<token> by a logged-in customer: one tap.
registry.category("web_tour.tours").add("bimbonbon_registration_one_tap", {
    steps: () => [
        {
            content: "Confirm with one tap",
            trigger: "form.o_bimbonbon_confirm_form button.o_bimbonbon_confirm_button",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: ".o_bimbonbon_registered",
        },
    ],
});
