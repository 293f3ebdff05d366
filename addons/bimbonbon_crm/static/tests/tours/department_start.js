/* Copyright 2026 BimBonBon
   License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
import {registry} from "@web/core/registry";
import {user} from "@web/core/user";

// Run by test_department_start.py at 1400×900 as a user of each department: logging in
// (/odoo without an action) lands on the user's home action, their department's start page,
// in the app that holds it, in BimBonBon's colours (the Python test checks that no OdooBot chat was opened).

/** WCAG relative luminance of a CSS "rgb(a)" colour, blended over `background` when
 * translucent. */
function parseColor(css, background = [255, 255, 255]) {
    const [r, g, b, a = 1] = css.match(/[\d.]+/g).map(Number);
    return [r, g, b].map((c, i) => c * a + background[i] * (1 - a));
}

function luminance(rgb) {
    const [r, g, b] = rgb.map((c) => {
        c /= 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(foreground, background) {
    const [light, dark] = [luminance(foreground), luminance(background)].sort((a, b) => b - a);
    return (light + 0.05) / (dark + 0.05);
}

function checkContrast(element, what) {
    const style = getComputedStyle(element);
    let node = element;
    while (node && getComputedStyle(node).backgroundColor === "rgba(0, 0, 0, 0)") {
        node = node.parentElement;
    }
    const background = parseColor(node ? getComputedStyle(node).backgroundColor : "rgb(255, 255, 255)");
    const ratio = contrast(parseColor(style.color, background), background);
    if (ratio < 4.5) {
        throw new Error(`${what}: contrast ${ratio.toFixed(2)}:1 is below WCAG AA (4.5:1)`);
    }
    return background;
}

registry.category("web_tour.tours").add("bimbonbon_department_start", {
    steps: () => [
        {
            content: "An action is loaded: the user's home action, not the first app (Discuss)",
            trigger: ".o_action_manager > .o_action",
            run() {
                const controller = odoo.__WOWL_DEBUG__.root.env.services.action.currentController;
                if (!user.homeActionId || controller.action.id !== user.homeActionId) {
                    throw new Error(
                        `Landed on action ${controller.action.id}, not the home action ${user.homeActionId}`
                    );
                }
            },
        },
        {
            content: "The navbar shows the app of the start page, not Discuss",
            trigger: ".o_main_navbar .o_menu_brand:not(:contains(Discuss))",
        },
        {
            content: "The navbar is BimBonBon black, its text readable (WCAG AA)",
            trigger: ".o_main_navbar .o_menu_brand",
            run() {
                const navbar = document.querySelector(".o_main_navbar");
                const background = getComputedStyle(navbar).backgroundColor;
                if (background !== "rgb(17, 17, 17)") {
                    throw new Error(`The navbar is ${background}, not BimBonBon black`);
                }
                checkContrast(document.querySelector(".o_main_navbar .o_menu_brand"), "App name");
                for (const entry of document.querySelectorAll(".o_main_navbar .o_nav_entry, .o_main_navbar .dropdown-toggle")) {
                    if (entry.offsetParent) {
                        checkContrast(entry, `Navbar entry "${entry.textContent.trim()}"`);
                    }
                }
                for (const button of document.querySelectorAll(".o_action_manager .btn-primary")) {
                    if (button.offsetParent) {
                        checkContrast(button, `Button "${button.textContent.trim()}"`);
                    }
                }
            },
        },
    ],
});
