/** @odoo-module */
// Copyright 2026 BimBonBon
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { registry } from "@web/core/registry";

const PAGES = "bimbonbon-pages-";
const SHELL = "bimbonbon-shell-v1";
const OFFLINE_MARK = "o_bimbonbon_offline";

function check(condition, message) {
    if (!condition) {
        throw new Error(`Service worker: ${message}`);
    }
}

async function waitFor(predicate, message, timeout = 8000) {
    const end = Date.now() + timeout;
    while (Date.now() < end) {
        if (await predicate()) {
            return;
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`Service worker: ${message}`);
}

/** The logged-in customer's id, as the server tells the service worker. */
async function currentUid() {
    const response = await fetch("/my", { credentials: "same-origin" });
    return response.headers.get("X-Bimbonbon-User");
}

async function cachedText(cacheName, url) {
    const response = await (await caches.open(cacheName)).match(url);
    return response ? response.text() : null;
}

const networkDown = () => Promise.reject(new TypeError("Failed to fetch"));

function page(uid, text) {
    return () =>
        Promise.resolve(
            new Response(`<html><body>${text}</body></html>`, {
                status: 200,
                headers: { "Content-Type": "text/html", "X-Bimbonbon-User": String(uid) },
            })
        );
}

registry.category("web_tour.tours").add("bimbonbon_portal_service_worker", {
    url: "/my",
    steps: () => [
        {
            content: "The portal registers the service worker for the whole site",
            trigger: ".o_bimbonbon_home",
            run: async () => {
                check(window.isSecureContext, "the test page is not a secure context");
                const registration = await navigator.serviceWorker.ready;
                check(registration.scope === `${location.origin}/`, `scope ${registration.scope}`);
                check(
                    registration.active.scriptURL.endsWith("/bimbonbon/service-worker.js"),
                    registration.active.scriptURL
                );
                const uid = await currentUid();
                check(uid && uid !== "0", `the portal user is told as ${uid}`);
                // The worker keeps the page that registered it, the files it loaded and the
                // offline page.
                await waitFor(
                    async () => (await cachedText(`${PAGES}${uid}`, `${location.origin}/my`)) !== null,
                    "/my is not kept for the customer"
                );
                const offline = await cachedText(SHELL, `${location.origin}/bimbonbon/offline`);
                check(offline && offline.includes(OFFLINE_MARK), "the offline page is not cached");
                await waitFor(
                    async () =>
                        (await (await caches.open(SHELL)).keys()).some((request) =>
                            new URL(request.url).pathname.startsWith("/web/assets/")
                        ),
                    "no asset bundle in the app shell"
                );
                const names = (await caches.keys()).filter((name) => name.startsWith(PAGES));
                check(names.length === 1, `pages of several users are kept: ${names}`);
            },
        },
        {
            content: "Open the tickets through the service worker",
            trigger: ".o_portal_index_card:not(.d-none) a[href$='/my/tickets']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The tickets page is kept for the customer as it was opened",
            trigger: ".o_portal_wrap",
            run: async () => {
                check(navigator.serviceWorker.controller, "the page is not controlled");
                const uid = await currentUid();
                const kept = await cachedText(`${PAGES}${uid}`, `${location.origin}/my/tickets`);
                check(kept && kept.includes("o_portal_wrap"), "/my/tickets is not kept");
            },
        },
        {
            content: "The worker's fetch logic, with the network down, on the real Cache API",
            trigger: ".o_portal_wrap",
            run: async () => {
                await new Promise((resolve, reject) => {
                    const script = document.createElement("script");
                    script.src = "/bimbonbon/service-worker.js";
                    script.onload = resolve;
                    script.onerror = reject;
                    document.head.append(script);
                });
                const sw = window.bimbonbonServiceWorker;
                const origin = location.origin;
                const uid = Number(await currentUid());
                const other = uid + 100000;
                const navigate = (url, fetch) =>
                    sw.handleNavigation(new Request(`${origin}${url}`), { fetch, caches });

                // Offline: the customer's own copy of a page they opened...
                let text = await (await navigate("/my/tickets", networkDown)).text();
                check(text.includes("o_portal_wrap"), "offline /my/tickets is not the kept copy");
                check(!text.includes(OFFLINE_MARK), "offline /my/tickets shows the offline page");
                // ... and the Dutch offline page for a page they did not open.
                text = await (await navigate("/my/orders", networkDown)).text();
                check(text.includes(OFFLINE_MARK), "offline /my/orders is not the offline page");

                // Another customer logs in on this phone: the first one's pages are gone
                // before the second one's first page is kept, and never shown to them.
                await navigate("/my", page(other, "other customer's home"));
                const names = await caches.keys();
                check(!names.includes(`${PAGES}${uid}`), "the first customer's pages are kept");
                check(names.includes(`${PAGES}${other}`), "the other customer's page is not kept");
                text = await (await navigate("/my/tickets", networkDown)).text();
                check(text.includes(OFFLINE_MARK), "the first customer's tickets reach another");
                text = await (await navigate("/my", networkDown)).text();
                check(text.includes("other customer's home"), "the other customer's own /my");

                // A page for nobody (logged out): no customer's pages are kept at all.
                await navigate("/web/login", page(0, "login"));
                check(
                    !(await caches.keys()).some((name) => name.startsWith(PAGES)),
                    "pages are kept after a page for nobody"
                );
                text = await (await navigate("/my", networkDown)).text();
                check(text.includes(OFFLINE_MARK), "a page is shown offline with nobody logged in");

                // A response the server does not name a user for is not kept.
                await navigate("/my/orders", page(uid, "my orders"));
                await navigate("/my/products", () => Promise.resolve(new Response("no header")));
                check(
                    (await cachedText(`${PAGES}${uid}`, `${origin}/my/orders`)) === "<html><body>my orders</body></html>",
                    "the customer's page is not kept"
                );
                check(
                    (await cachedText(`${PAGES}${uid}`, `${origin}/my/products`)) === null,
                    "a response without user is kept"
                );

                // Only GETs are touched: a POST is neither answered nor queued by the worker.
                check(!sw.handles(new Request(`${origin}/my/tickets`, { method: "POST" })), "POST");
                check(
                    !sw.handles(new Request(`${origin}/web/assets/x.js`, { method: "POST" })),
                    "POST to an asset"
                );
                check(!sw.handles(new Request("https://example.com/web/assets/x.js")), "other origin");
                check(!sw.handles(new Request(`${origin}/my/counters`)), "an RPC");
                check(sw.handles(new Request(`${origin}/web/assets/x.js`)), "an asset bundle");

                // Asset bundles come from the cache without the network once kept.
                const asset = `${origin}/web/assets/bimbonbon-test/web.assets_test.min.js`;
                let calls = 0;
                const counting = () => {
                    calls++;
                    return Promise.resolve(new Response("/* js */", { status: 200 }));
                };
                await sw.handleAsset(new Request(asset), { fetch: counting, caches });
                text = await (await sw.handleAsset(new Request(asset), { fetch: networkDown, caches })).text();
                check(calls === 1 && text === "/* js */", "the asset bundle is fetched again");
                await (await caches.open(SHELL)).delete(asset);
                await caches.delete(`${PAGES}${uid}`);
            },
        },
    ],
});
