# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.http import request
from odoo.tools import file_open

from odoo.addons.http_routing.controllers.main import SessionWebsite

SERVICE_WORKER_PATH = "bimbonbon_portal/static/src/js/service_worker.js"


class BimbonbonServiceWorker(http.Controller):
    """The customer's app service worker and its offline page.

    The worker is served from a route (not from /bimbonbon_portal/static/) so that it may take
    the whole site as its scope (``Service-Worker-Allowed: /``): the QR label's /r/<token>
    page and the login page are the customer's app too. Odoo's own worker
    (/web/service-worker.js) keeps the backend (/odoo), the narrower scope."""

    @http.route(
        "/bimbonbon/service-worker.js",
        type="http",
        auth="public",
        methods=["GET"],
        sitemap=False,
        readonly=True,
    )
    def service_worker(self):
        with file_open(SERVICE_WORKER_PATH) as script:
            body = script.read()
        return request.make_response(
            body,
            [
                ("Content-Type", "text/javascript; charset=utf-8"),
                ("Service-Worker-Allowed", "/"),
                # a new version reaches the phones at their next visit
                ("Cache-Control", "no-cache"),
            ],
        )

    @http.route(
        "/bimbonbon/offline",
        type="http",
        auth="public",
        methods=["GET"],
        website=True,
        sitemap=False,
        readonly=True,
    )
    def offline(self):
        """The page the service worker shows when a page cannot be loaded: self-contained
        (no asset bundle, no script), cached by the worker when it installs."""
        return request.render(
            "bimbonbon_portal.offline_page",
            {"lang": request.env.lang or "nl_NL"},
            headers={"Cache-Control": "no-cache"},
        )


class BimbonbonSession(SessionWebsite):
    @http.route()
    def logout(self, redirect="/odoo"):
        """Logging out clears what the browser kept of the session: the HTTP cache, the
        service worker with its caches (the customer's pages) and the local storage, so the
        next person on the phone sees nothing of them, even offline. The phone's push
        subscription goes too: its pushes were for the customer who left."""
        self._bimbonbon_forget_push_device()
        response = super().logout(redirect=redirect)
        response.headers["Clear-Site-Data"] = '"cache", "storage"'
        return response

    def _bimbonbon_forget_push_device(self):
        endpoint = request.session.get("bimbonbon_push_endpoint")
        user = request.env.user
        if endpoint and request.session.uid and not user._is_public():
            request.env["mail.push.device"]._bimbonbon_unregister(user.partner_id, endpoint)
