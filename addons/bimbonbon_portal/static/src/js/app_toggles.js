/** @odoo-module ignore */
/* Copyright 2026 BimBonBon
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
 *
 * The customer app's lean pages (views/app_layout_templates.xml) load no Odoo JavaScript, so
 * Bootstrap's own scripts do not run. Odoo's portal markup on them (the search bar's sort and
 * filter menus, a collapsed search) still says data-bs-toggle="dropdown|collapse": this opens
 * and closes those, nothing more. The phone menu needs no script (a <details>).
 */
(function () {
    "use strict";
    function closeDropdowns(except) {
        document.querySelectorAll(".dropdown-menu.show").forEach(function (menu) {
            if (menu !== except) {
                menu.classList.remove("show");
                var toggle = menu.parentElement.querySelector("[data-bs-toggle='dropdown']");
                if (toggle) {
                    toggle.setAttribute("aria-expanded", "false");
                }
            }
        });
    }
    document.addEventListener("click", function (event) {
        var toggle = event.target.closest("[data-bs-toggle='dropdown'], [data-bs-toggle='collapse']");
        if (!toggle) {
            closeDropdowns(null);
            return;
        }
        event.preventDefault();
        var target;
        if (toggle.dataset.bsToggle === "dropdown") {
            target = toggle.parentElement.querySelector(".dropdown-menu");
            closeDropdowns(target);
        } else {
            target = document.querySelector(toggle.dataset.bsTarget || toggle.getAttribute("href"));
        }
        if (target) {
            var open = target.classList.toggle("show");
            toggle.setAttribute("aria-expanded", open ? "true" : "false");
        }
    });
})();
