/* Copyright 2026 BimBonBon
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
 *
 * Registers the customer's app service worker (/bimbonbon/service-worker.js, scope "/"). Loaded
 * only on portal pages for a logged-in portal user (bimbonbon_portal.pwa_head). Once the worker
 * runs, it is told the files this page loaded and the page itself, so they are there offline.
 */
(function () {
    "use strict";
    if (!("serviceWorker" in navigator) || !window.isSecureContext) {
        return;
    }
    window.addEventListener("load", function () {
        navigator.serviceWorker
            .register("/bimbonbon/service-worker.js", { scope: "/" })
            .then(function () {
                return navigator.serviceWorker.ready;
            })
            .then(function (registration) {
                var assets = performance.getEntriesByType("resource").map(function (entry) {
                    return entry.name;
                });
                registration.active.postMessage({
                    type: "bimbonbon-remember",
                    assets: assets,
                    page: window.location.href,
                });
            })
            .catch(function () {
                // no worker (private mode, blocked storage): the app works as a website
            });
    });
})();
