/* Copyright 2026 BimBonBon
   License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
import {registry} from "@web/core/registry";

// Run by test_contract_portal.py right after the customer signed in the portal: the
// responsible salesperson opens the contract in the backend and finds the notice.
registry.category("web_tour.tours").add("bimbonbon_contract_staff_notice", {
    steps: () => [
        {
            content: "The signed PDF and the signatory are on the contract's chatter",
            trigger: ".o-mail-Message:contains(Contract signed by Joke Jansen)",
        },
        {
            content: "The responsible has a to-do on the contract",
            trigger: ".o-mail-Activity:contains(Contract signed: CON-TOUR-1)",
        },
        {
            content: "The contract is no longer waiting for a signature",
            trigger: ".o_statusbar_status button.o_arrow_button_current:not(:contains('To sign'))",
        },
    ],
});
