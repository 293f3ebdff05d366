/* Copyright 2026 BimBonBon
   License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
import {registry} from "@web/core/registry";

// The contract is created by the Python test (test_contract_portal.py).
registry.category("web_tour.tours").add("bimbonbon_contract_portal_sign", {
    url: "/my/contracts",
    steps: () => [
        {
            content: "Open the contract to sign",
            trigger: "a:text(CON-TOUR-1)",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The contract waits for a signature",
            trigger: ".o_contract_state:contains('To sign')",
        },
        {
            // Odoo's dialog, or with bimbonbon_portal the signing part of the lean page
            content: "Open the signature dialog",
            trigger: "a.o_contract_sign",
            run: "click",
        },
        {
            content: "Enter the name of the signatory",
            trigger: ".o_web_sign_name_and_signature input",
            run: "edit Joke Jansen",
        },
        {
            trigger: "canvas.o_web_sign_signature",
            run: "canvasNotEmpty",
        },
        {
            content: "Sign",
            trigger: ".o_portal_sign_submit:enabled",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The signature is confirmed",
            trigger: ".o_contract_signed:contains(Joke Jansen)",
        },
        {
            trigger: ".o_contract_state:not(:contains('To sign'))",
        },
    ],
});
