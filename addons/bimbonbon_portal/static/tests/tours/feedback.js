/** @odoo-module */
// Copyright 2026 BimBonBon
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("bimbonbon_portal_feedback", {
    steps: () => [
        {
            content: "The text box is there on the first visit, empty",
            trigger: "form.o_bimbonbon_feedback_form textarea#bimbonbon_feedback_text:empty",
            run: "edit De mixer is stil en krachtig.",
        },
        {
            content: "Give a rating",
            trigger: "label[for='bimbonbon_rating_8']",
            run: "click",
        },
        {
            content: "Send it",
            trigger: "form.o_bimbonbon_feedback_form button[name='send_feedback']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Thanked, and the form is ready for the next one",
            trigger: ".o_bimbonbon_feedback .alert-success:has(~ form textarea#bimbonbon_feedback_text)",
        },
    ],
});
