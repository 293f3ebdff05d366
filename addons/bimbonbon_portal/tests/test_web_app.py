# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
from unittest.mock import patch

from PIL import Image

from odoo.tests import new_test_user, tagged
from odoo.tests.common import ChromeBrowser

from .common import BimbonbonPortalCase

MANIFEST = "/bimbonbon/manifest.webmanifest"
SERVICE_WORKER = "/bimbonbon/service-worker.js"
REGISTER_SCRIPT = "/bimbonbon_portal/static/src/js/register_service_worker.js"


@tagged("post_install", "-at_install")
class TestWebApp(BimbonbonPortalCase):
    """The customer's app on a phone: installable (manifest, icons), its service worker and
    offline page, and what logging out clears."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.staff_user = new_test_user(cls.env, login="pwa_staff", groups="base.group_user")

    def test_manifest_installable(self):
        response = self.url_open(MANIFEST)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/manifest+json")
        manifest = response.json()
        self.assertEqual(manifest["short_name"], "BimBonBon")
        self.assertEqual(manifest["start_url"], "/my")
        self.assertEqual(manifest["scope"], "/")
        self.assertEqual(manifest["display"], "standalone")
        self.assertEqual(manifest["theme_color"], "#111111")
        self.assertEqual(manifest["background_color"], "#111111")
        # Chrome installs with a 192 and a 512 px icon of purpose "any"; phones crop the
        # maskable ones to their shape.
        self.assertEqual(
            sorted((icon["sizes"], icon["purpose"]) for icon in manifest["icons"]),
            [
                ("192x192", "any"),
                ("192x192", "maskable"),
                ("512x512", "any"),
                ("512x512", "maskable"),
            ],
        )
        for icon in manifest["icons"]:
            image = self.url_open(icon["src"])
            self.assertEqual(image.status_code, 200)
            self.assertEqual(image.headers["Content-Type"], "image/png")
            width = int(icon["sizes"].split("x")[0])
            self.assertEqual(Image.open(io.BytesIO(image.content)).size, (width, width))

    def test_installable_in_chromium(self):
        """Chromium itself finds nothing against installing the app: it asks for the
        manifest of the page, checks it and its icons (DevTools Page.getInstallabilityErrors)."""
        found = {}
        wait_code_ok = ChromeBrowser._wait_code_ok

        def wait_and_ask(browser, *args, **kwargs):
            wait_code_ok(browser, *args, **kwargs)
            found["manifest"] = browser._websocket_request("Page.getAppManifest")
            found["errors"] = browser._websocket_request("Page.getInstallabilityErrors")

        with patch.object(ChromeBrowser, "_wait_code_ok", wait_and_ask):
            self.browser_js(
                "/my",
                "navigator.serviceWorker.ready.then(() => console.log('test successful'))",
                ready="document.readyState === 'complete'",
                login="klant",
            )
        self.assertTrue(found["manifest"]["url"].endswith(MANIFEST))
        self.assertEqual(found["manifest"]["errors"], [])
        self.assertEqual(found["errors"]["installabilityErrors"], [])

    def test_manifest_in_dutch(self):
        self._speak_dutch(self.customer_user)
        self.authenticate("klant", "klant")
        manifest = self.url_open(MANIFEST).json()
        self.assertEqual(manifest["name"], "Mijn BimBonBon")
        self.assertEqual(manifest["lang"], "nl-NL")
        self.assertIn("Je BimBonBon-producten", manifest["description"])

    def test_manifest_only_on_portal_pages(self):
        self.authenticate("klant", "klant")
        self.assertIn(f'rel="manifest" href="{MANIFEST}"', self.url_open("/my").text)
        # Odoo's own website pages outside the portal layout are left alone
        self.assertNotIn(MANIFEST, self.url_open("/contactus").text)

    def test_service_worker_served(self):
        response = self.url_open(SERVICE_WORKER)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "text/javascript; charset=utf-8")
        self.assertEqual(response.headers["Service-Worker-Allowed"], "/")
        self.assertEqual(response.headers["Cache-Control"], "no-cache")
        self.assertIn("bimbonbon-pages-", response.text)
        self.assertIn("/bimbonbon/offline", response.text)

    def test_service_worker_registered_for_portal_users_only(self):
        self.authenticate("klant", "klant")
        self.assertIn(REGISTER_SCRIPT, self.url_open("/my").text)
        self.assertEqual(self.url_open(REGISTER_SCRIPT).status_code, 200)
        self.authenticate("pwa_staff", "pwa_staff")
        self.assertNotIn(REGISTER_SCRIPT, self.url_open("/my").text)
        self.authenticate(None, None)
        self.assertNotIn(REGISTER_SCRIPT, self.url_open("/web/login").text)

    def test_pages_say_whose_they_are(self):
        """The service worker keys its pages to the portal user the server names."""
        self.authenticate("klant", "klant")
        self.assertEqual(
            self.url_open("/my").headers["X-Bimbonbon-User"], str(self.customer_user.id)
        )
        self.authenticate("andere", "andere")
        self.assertEqual(self.url_open("/my").headers["X-Bimbonbon-User"], str(self.other_user.id))
        # staff and visitors: nobody's pages are kept
        self.authenticate("pwa_staff", "pwa_staff")
        self.assertEqual(self.url_open("/my").headers["X-Bimbonbon-User"], "0")
        self.authenticate(None, None)
        self.assertEqual(self.url_open("/web/login").headers["X-Bimbonbon-User"], "0")

    def test_offline_page_in_dutch(self):
        self._speak_dutch(self.customer_user)
        self.authenticate("klant", "klant")
        response = self.url_open("/bimbonbon/offline")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "text/html; charset=utf-8")
        self.assertIn("Je bent offline", response.text)
        self.assertIn('lang="nl-NL"', response.text)
        self.assertIn("o_bimbonbon_offline", response.text)
        # self-contained: it must show without the network
        self.assertNotIn("<script", response.text)
        self.assertNotIn("/web/assets/", response.text)

    def test_logout_clears_the_browser(self):
        self.authenticate("klant", "klant")
        response = self.url_open("/web/session/logout?redirect=/", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertEqual(response.headers["Clear-Site-Data"], '"cache", "storage"')
        self.assertEqual(response.headers["X-Bimbonbon-User"], "0")
        login = self.url_open("/my", allow_redirects=False)
        self.assertIn("/web/login", login.headers["Location"])

    def test_service_worker_tour(self):
        """With the real service worker registered: the portal's pages are kept for their
        customer, and its fetch handler, loaded in the page with the network replaced by a
        failing one, answers from the right customer's cache or with the offline page."""
        self.start_tour("/my", "bimbonbon_portal_service_worker", login="klant")
