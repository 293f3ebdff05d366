# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .common_portal_registration import PortalRegistrationCase
from .test_portal_budget import production_mode

#: Run in the page: no Odoo JavaScript, no Odoo bundle, the phone menu opens, the service
#: worker registers. Any console error fails the test (browser_js).
LEAN_PAGE_CHECK = """
(async () => {
    const fail = (message) => console.error(`lean page ${location.pathname}: ${message}`);
    if (window.odoo && (odoo.define || odoo.loader || odoo.__session_info__)) {
        fail("Odoo's JavaScript runs here");
    }
    const urls = [...document.querySelectorAll("script[src], link[href]")].map(
        (el) => el.getAttribute("src") || el.getAttribute("href")
    );
    if (urls.some((url) => url.includes("web.assets_frontend"))) {
        fail("Odoo's frontend bundle is loaded: " + urls.join(" "));
    }
    if (!urls.some((url) => url.includes("bimbonbon_portal.assets_app"))) {
        fail("the app's own bundle is missing");
    }
    const menu = document.querySelector("details.o_bimbonbon_app_menu");
    const link = menu && menu.querySelector("a[href='/my/products']");
    if (!link) {
        fail("no phone menu with a link to the products");
    } else if (link.checkVisibility()) {
        fail("the phone menu is open before a tap (" + window.innerWidth + " px wide)");
    } else {
        menu.querySelector("summary").click();
        await new Promise((resolve) => requestAnimationFrame(resolve));
        if (!menu.open || !link.checkVisibility()) {
            fail("the phone menu does not open");
        }
    }
    // form fields and cards show their edges (a missing colour variable once hid them all)
    for (const element of document.querySelectorAll(".form-control, .form-select, .card")) {
        const style = getComputedStyle(element);
        if (element.checkVisibility() && style.borderTopStyle === "none") {
            fail(`no border on ${element.tagName} ${element.className}`);
        }
    }
    const registration = await Promise.race([
        navigator.serviceWorker.ready,
        new Promise((resolve) => setTimeout(resolve, 10000)),
    ]);
    if (!registration || !registration.active) {
        fail("the service worker did not register");
    }
    console.log("test successful");
})();
"""


@tagged("post_install", "-at_install")
class TestPortalAppLayout(PortalRegistrationCase):
    """The customer's app in its lean layout (views/app_layout_templates.xml), as production
    serves it (tests add Odoo's full bundles back for the tours), on a phone."""

    browser_size = "390x844"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ticket_a = cls._create_ticket_a()
        cls.contract_a = cls._create_contract_a()
        cls.contract_to_sign = cls._create_contract_a(state="sent")

    def _lean_paths(self):
        registration = self.registration_a
        return [
            "/my",
            "/my/products",
            f"/my/products/{registration.id}",
            f"/my/products/{registration.id}/report",
            "/my/tickets",
            f"/my/ticket/{self.ticket_a.id}",
            "/my/offers",
            "/my/feedback",
            "/my/notices",
            "/my/contracts",
            f"/my/contracts/{self.contract_a.id}",
            f"/my/contracts/{self.contract_to_sign.id}",
        ]

    def test_lean_pages_in_browser(self):
        for path in self._lean_paths():
            with self.subTest(path=path), production_mode():
                self.browser_js(path, LEAN_PAGE_CHECK, login="klant_a", timeout=60)

    def test_lean_markup(self):
        """What each lean page carries, server side: our bundle and header, the CSRF token
        in its forms, no Odoo script; the home's counts without portal's script."""
        self.authenticate("klant_a", "klant_a")
        with production_mode():
            for path in self._lean_paths():
                html = self.url_open(path).text
                self.assertIn("bimbonbon_portal.assets_app", html, path)
                self.assertIn("o_bimbonbon_app_header", html, path)
                self.assertNotIn("web.assets_frontend", html, path)
                self.assertNotIn("__session_info__", html, path)
                # the logo, the largest paint of most pages, loads at once
                self.assertRegex(html, r'o_bimbonbon_app_logo">\s*<img[^>]*loading="eager"', path)
                if "<form" in html and 'method="post"' in html.lower():
                    self.assertIn('name="csrf_token"', html, path)
            home = self.url_open("/my").text
            # klant_a has one product: its tile shows with the count, from the server
            self.assertRegex(home, r'data-placeholder_count="registration_count"[^>]*>1<')
            # Odoo's own portal pages keep Odoo's layout
            orders = self.url_open("/my/orders").text
            self.assertIn("web.assets_frontend", orders)
            self.assertNotIn("o_bimbonbon_app_header", orders)

    def test_full_bundles_for_tests_and_chat(self):
        """Tours need Odoo's bundles (test mode); the chat too (?chat=1)."""
        self.authenticate("klant_a", "klant_a")
        self.assertIn("web.assets_frontend", self.url_open("/my/products").text)
        with production_mode():
            html = self.url_open("/my/products?chat=1").text
        self.assertIn("web.assets_frontend", html)
        self.assertIn("o_bimbonbon_app_header", html)
