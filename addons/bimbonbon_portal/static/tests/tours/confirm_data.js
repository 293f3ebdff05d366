/** @odoo-module */
// Copyright 2026 BimBonBon
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("bimbonbon_portal_confirm_data", {
    steps: () => [
        {
            content: "The reminder link opens the customer's details with a confirm button",
            trigger: "button[name='confirm_data']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Thank you, and the date is shown",
            trigger: "[name='bimbonbon_data_confirm'] .alert-success",
        },
        {
            content: "The date of the confirmation is stored and shown",
            trigger: "[name='bimbonbon_data_confirm'] small:contains('Last confirmed on')",
        },
    ],
});
