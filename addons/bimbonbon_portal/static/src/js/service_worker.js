/* Copyright 2026 BimBonBon
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
 *
 * The service worker of the customer's app, served by /bimbonbon/service-worker.js with scope
 * "/" and registered only on portal pages for logged-in portal users (register.js).
 *
 * - App shell: the static files of the pages (Odoo's asset bundles, whose URLs change with
 *   their content, and our icons) come from the cache first.
 * - Pages: a navigation always goes to the network first. The customer's own pages (/my...,
 *   /r/...) are kept in a cache named after the user ("bimbonbon-pages-<uid>"), told by the
 *   server in the X-Bimbonbon-User header (0 when nobody or not a portal user is logged in).
 *   When a response names another user (or nobody), every other user's pages are deleted
 *   first, and only the current user's pages are ever served: never one customer's page to
 *   another. Logging out (Clear-Site-Data on /web/session/logout) deletes everything.
 * - Offline: a navigation that fails shows the customer's last copy of that page, else the
 *   Dutch offline page (/bimbonbon/offline, cached at install).
 * - Only GET requests are touched: a POST is never cached, queued or sent again.
 * - Push notifications (with the customer's consent, Mijn gegevens): Odoo's payload
 *   ({title, options: {body, icon, data: {url}}}) is shown; a tap opens data.url, a page of
 *   this site (an open window of the app goes there, else a new one).
 *
 * The logic lives in `bimbonbonServiceWorker` (functions taking `fetch` and `caches`), so a
 * page can load this file and test it against the browser's real Cache API.
 */
/* eslint-disable no-restricted-globals */
self.bimbonbonServiceWorker = (() => {
    const PREFIX = "bimbonbon-";
    const SHELL_CACHE = `${PREFIX}shell-v1`;
    const PAGES_CACHE = `${PREFIX}pages-`;
    const OFFLINE_URL = "/bimbonbon/offline";
    const OFFLINE_ICON = "/bimbonbon_portal/static/src/img/icon-192.png";
    const USER_HEADER = "X-Bimbonbon-User";
    const MAX_PAGES = 30;
    const MAX_SHELL = 80;

    function sameOrigin(url) {
        return new URL(url, self.location.href).origin === self.location.origin;
    }

    function path(url) {
        return new URL(url, self.location.href).pathname;
    }

    /** The customer's own pages, kept for offline use. */
    function isPersonalPage(url) {
        const pathname = path(url);
        return (
            pathname === "/my" ||
            pathname.startsWith("/my/") ||
            (pathname.startsWith("/r/") && !pathname.startsWith("/r/signin"))
        );
    }

    /** Static files of the app shell: asset bundles (URL unique per content) and our images. */
    function isShellAsset(url) {
        const pathname = path(url);
        return (
            pathname.startsWith("/web/assets/") ||
            pathname.startsWith("/bimbonbon_portal/static/") ||
            pathname.startsWith("/web/static/") ||
            pathname.startsWith("/website/static/")
        );
    }

    /** Whether this worker answers the request at all: same-origin GETs only. */
    function handles(request) {
        return (
            request.method === "GET" &&
            sameOrigin(request.url) &&
            (request.mode === "navigate" || isShellAsset(request.url))
        );
    }

    async function pageCacheNames(storage) {
        return (await storage.keys()).filter((name) => name.startsWith(PAGES_CACHE));
    }

    /** The user whose pages are kept (at most one at a time), 0 when none. */
    async function currentUser(storage) {
        const names = await pageCacheNames(storage);
        return names.length === 1 ? Number(names[0].slice(PAGES_CACHE.length)) || 0 : 0;
    }

    /** The user a response was rendered for, or null when the response does not say. */
    function responseUser(response) {
        const value = response.type === "opaqueredirect" ? null : response.headers.get(USER_HEADER);
        return value === null || !/^\d+$/.test(value) ? null : Number(value);
    }

    /** Deletes the pages of every user but ``uid`` (all of them when uid is 0). */
    async function forgetOtherUsers(storage, uid) {
        const names = await pageCacheNames(storage);
        await Promise.all(
            names.filter((name) => name !== `${PAGES_CACHE}${uid}`).map((name) => storage.delete(name))
        );
    }

    async function trim(cache, max) {
        const keys = await cache.keys();
        await Promise.all(keys.slice(0, Math.max(0, keys.length - max)).map((key) => cache.delete(key)));
    }

    /** Learns the user from a page's response, keeps the page when it is the customer's. */
    async function rememberPage(storage, url, response) {
        const uid = responseUser(response);
        if (uid === null) {
            return;
        }
        await forgetOtherUsers(storage, uid);
        if (uid && response.status === 200 && !response.redirected && isPersonalPage(url)) {
            const cache = await storage.open(`${PAGES_CACHE}${uid}`);
            await cache.delete(url); // the newest copy goes last, trim() drops the oldest
            await cache.put(url, response);
            await trim(cache, MAX_PAGES);
        }
    }

    async function offlineResponse(storage, url) {
        const uid = await currentUser(storage);
        if (uid) {
            const cache = await storage.open(`${PAGES_CACHE}${uid}`);
            const page = await cache.match(url);
            if (page) {
                return page;
            }
        }
        const offline = await (await storage.open(SHELL_CACHE)).match(OFFLINE_URL);
        return (
            offline ||
            new Response("<h1>Je bent offline</h1>", {
                status: 503,
                headers: { "Content-Type": "text/html; charset=utf-8" },
            })
        );
    }

    /** Network first; the customer's copy of the page or the offline page when it fails. */
    async function handleNavigation(request, { fetch, caches: storage, preloadResponse }) {
        let response;
        try {
            response = (preloadResponse && (await preloadResponse)) || (await fetch(request));
        } catch {
            return offlineResponse(storage, request.url);
        }
        try {
            await rememberPage(storage, request.url, response.clone());
        } catch {
            // a full or unavailable storage never breaks the page
        }
        return response;
    }

    /**
     * The app shell: asset bundles cache first (their URL changes with their content), other
     * static files network first with the cached copy when offline.
     */
    async function handleAsset(request, { fetch, caches: storage }) {
        const cache = await storage.open(SHELL_CACHE);
        let response;
        if (path(request.url).startsWith("/web/assets/")) {
            response = await cache.match(request);
            if (response) {
                return response;
            }
        }
        try {
            response = await fetch(request);
        } catch (error) {
            const cached = await cache.match(request);
            if (cached) {
                return cached;
            }
            throw error;
        }
        if (response.status === 200) {
            await cache.put(request, response.clone());
            await trim(cache, MAX_SHELL);
        }
        return response;
    }

    /** Keeps the files a page loaded before this worker controlled it, and the page itself. */
    async function rememberLoaded({ assets, page }, { fetch, caches: storage }) {
        const cache = await storage.open(SHELL_CACHE);
        for (const url of (assets || []).filter((url) => sameOrigin(url) && isShellAsset(url))) {
            if (!(await cache.match(url))) {
                const response = await fetch(url, { credentials: "same-origin" });
                if (response.status === 200) {
                    await cache.put(url, response);
                }
            }
        }
        await trim(cache, MAX_SHELL);
        if (page && sameOrigin(page) && isPersonalPage(page)) {
            const response = await fetch(page, { credentials: "same-origin" });
            await rememberPage(storage, page, response);
        }
    }

    /** What a push shows: Odoo's payload, whose page must be ours (same origin). */
    function pushNotification(data) {
        const options = (data && data.options) || {};
        const url = (options.data && options.data.url) || "/my";
        return {
            title: (data && data.title) || "BimBonBon",
            options: {
                body: options.body || "",
                icon: options.icon || OFFLINE_ICON,
                badge: options.badge || OFFLINE_ICON,
                tag: options.tag || url,
                data: { url: sameOrigin(url) ? new URL(url, self.location.href).href : "/my" },
            },
        };
    }

    /** Focus a window of the app on ``url``, or open one. */
    async function openPage(url, clients) {
        const windows = await clients.matchAll({ type: "window", includeUncontrolled: true });
        const client = windows.find((client) => sameOrigin(client.url));
        if (client) {
            try {
                await client.focus();
                return await client.navigate(url); // only a window this worker controls
            } catch {
                // not ours to navigate: a new window below
            }
        }
        return clients.openWindow(url);
    }

    return {
        SHELL_CACHE,
        PAGES_CACHE,
        OFFLINE_URL,
        OFFLINE_ICON,
        USER_HEADER,
        handles,
        isPersonalPage,
        isShellAsset,
        currentUser,
        rememberPage,
        handleNavigation,
        handleAsset,
        rememberLoaded,
        pushNotification,
        openPage,
    };
})();

if (typeof ServiceWorkerGlobalScope !== "undefined" && self instanceof ServiceWorkerGlobalScope) {
    const sw = self.bimbonbonServiceWorker;
    const env = () => ({ fetch: (...args) => fetch(...args), caches });

    self.addEventListener("install", (event) => {
        event.waitUntil(
            caches
                .open(sw.SHELL_CACHE)
                .then((cache) =>
                    cache.addAll(
                        [sw.OFFLINE_URL, sw.OFFLINE_ICON].map((url) => new Request(url, { cache: "reload" }))
                    )
                )
                .then(() => self.skipWaiting())
        );
    });

    self.addEventListener("activate", (event) => {
        event.waitUntil(
            (async () => {
                // Older shell caches (another version of this worker) go.
                const names = await caches.keys();
                await Promise.all(
                    names
                        .filter((name) => name.startsWith("bimbonbon-shell-") && name !== sw.SHELL_CACHE)
                        .map((name) => caches.delete(name))
                );
                if (self.registration.navigationPreload) {
                    await self.registration.navigationPreload.enable();
                }
                await self.clients.claim();
            })()
        );
    });

    self.addEventListener("fetch", (event) => {
        const request = event.request;
        if (!sw.handles(request)) {
            return; // the browser's own handling: POSTs, RPC, other origins, ...
        }
        if (request.mode === "navigate") {
            event.respondWith(
                sw.handleNavigation(request, { ...env(), preloadResponse: event.preloadResponse })
            );
        } else {
            event.respondWith(sw.handleAsset(request, env()));
        }
    });

    self.addEventListener("message", (event) => {
        if (event.data && event.data.type === "bimbonbon-remember") {
            event.waitUntil(sw.rememberLoaded(event.data, env()).catch(() => {}));
        }
    });

    self.addEventListener("push", (event) => {
        let data = null;
        try {
            data = event.data ? event.data.json() : null;
        } catch {
            // not JSON: the generic notification below
        }
        const { title, options } = sw.pushNotification(data);
        event.waitUntil(self.registration.showNotification(title, options));
    });

    self.addEventListener("notificationclick", (event) => {
        event.notification.close();
        const url = (event.notification.data && event.notification.data.url) || "/my";
        event.waitUntil(sw.openPage(url, self.clients));
    });
}
