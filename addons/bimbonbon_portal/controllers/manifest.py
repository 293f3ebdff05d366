# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json

from odoo import http
from odoo.http import request

THEME_COLOR = "#111111"
ICON_PATH = "/bimbonbon_portal/static/src/img/icon-%s.png"
MASKABLE_ICON_PATH = "/bimbonbon_portal/static/src/img/icon-maskable-%s.png"
ICON_SIZES = (192, 512)


class BimbonbonWebManifest(http.Controller):
    """The web app manifest of the customer portal, so customers can add it to their phone's
    home screen. Odoo's own /web/manifest.webmanifest describes the backend (scope /odoo) and
    `website` serves none for the frontend, so, like website_event_track's /event manifest,
    the portal gets its own. Its scope is the whole site, as the service worker's: the QR
    label's /r/<token> page and the login page open in the app too; it starts on /my."""

    def _get_portal_webmanifest(self):
        url_for = request.env["ir.http"]._url_for
        lang = request.env.lang or "nl_NL"
        return {
            "name": request.env._("My BimBonBon"),
            "short_name": "BimBonBon",
            "description": request.env._("Your BimBonBon products, orders, offers and service"),
            "lang": lang.replace("_", "-"),
            "id": "/my",
            "scope": "/",
            "start_url": url_for("/my"),
            "display": "standalone",
            "background_color": THEME_COLOR,
            "theme_color": THEME_COLOR,
            "icons": [
                *(
                    {
                        "src": ICON_PATH % size,
                        "sizes": f"{size}x{size}",
                        "type": "image/png",
                        "purpose": "any",
                    }
                    for size in ICON_SIZES
                ),
                *(
                    {
                        "src": MASKABLE_ICON_PATH % size,
                        "sizes": f"{size}x{size}",
                        "type": "image/png",
                        "purpose": "maskable",
                    }
                    for size in ICON_SIZES
                ),
            ],
        }

    @http.route(
        "/bimbonbon/manifest.webmanifest",
        type="http",
        auth="public",
        methods=["GET"],
        website=True,
        sitemap=False,
        readonly=True,
    )
    def portal_webmanifest(self):
        return request.make_response(
            json.dumps(self._get_portal_webmanifest()),
            [("Content-Type", "application/manifest+json")],
        )
