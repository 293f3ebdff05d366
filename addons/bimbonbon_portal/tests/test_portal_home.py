# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .common import BimbonbonPortalCase, take_phone_screenshot


@tagged("post_install", "-at_install")
class TestPortalHome(BimbonbonPortalCase):
    def test_portal_home_tour(self):
        self._create_order(self.customer, self.product)
        self.start_tour("/my", "bimbonbon_portal_home", login="klant")

    def test_portal_home_tour_in_dutch(self):
        self._create_order(self.customer, self.product)
        self._speak_dutch(self.customer_user)
        self.authenticate("klant", "klant")
        html = self.url_open("/my").text
        for dutch in ("Hallo", "Bestellingen", "Aanbiedingen", "Mijn gegevens", "Meldingen"):
            self.assertIn(dutch, html)
        # the customer's app is BimBonBon's: no "Aangeboden door Odoo - Maak een gratis website"
        self.assertNotIn("Aangeboden door", html)
        self.assertNotIn("odoo.com", html)
        self.start_tour("/my", "bimbonbon_portal_home", login="klant")
        take_phone_screenshot(self, "/my", "portal_home")

    def test_home_tiles_and_web_app_head(self):
        self.authenticate("klant", "klant")
        html = self.url_open("/my").text
        self.assertIn("o_bimbonbon_home", html)
        for url in ("/my/offers", "/my/feedback", "/my/account", "/my/orders", "/my/tickets"):
            self.assertIn(f'href="{url}"', html)
        # The tiles of sale and helpdesk_mgmt are relabelled, not duplicated
        self.assertEqual(html.count('data-placeholder_count="order_count"'), 1)
        # (the header links to the tickets too)
        self.assertEqual(html.count('data-placeholder_count="ticket_count"'), 1)
        self.assertIn("Complaints &amp; faults", html)
        self.assertIn('rel="manifest" href="/bimbonbon/manifest.webmanifest"', html)
        self.assertIn('name="theme-color" content="#111111"', html)
        self.assertIn('rel="apple-touch-icon"', html)

    def test_counters_only_when_asked(self):
        self.authenticate("klant", "klant")
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["order_count"]})
        self.assertNotIn("offer_count", counters)
        self.assertNotIn("feedback_count", counters)
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["offer_count", "feedback_count"]}
        )
        self.assertEqual(counters, {"offer_count": 0, "feedback_count": 0})

    def test_web_app_manifest(self):
        response = self.url_open("/bimbonbon/manifest.webmanifest")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/manifest+json")
        manifest = response.json()
        # the name under the icon is the brand; the full name is translated (Mijn BimBonBon)
        self.assertEqual(manifest["short_name"], "BimBonBon")
        self.assertEqual(manifest["name"], "My BimBonBon")
        self.assertEqual(manifest["start_url"], "/my")
        self.assertEqual(manifest["display"], "standalone")
        self.assertEqual(manifest["theme_color"], "#111111")
        # each size twice since the icons come as "any" and "maskable" (test_web_app.py)
        self.assertEqual(
            sorted({icon["sizes"] for icon in manifest["icons"]}), ["192x192", "512x512"]
        )
        for icon in manifest["icons"]:
            image = self.url_open(icon["src"])
            self.assertEqual(image.status_code, 200)
            self.assertEqual(image.headers["Content-Type"], "image/png")
            self.assertTrue(image.content.startswith(b"\x89PNG"))
