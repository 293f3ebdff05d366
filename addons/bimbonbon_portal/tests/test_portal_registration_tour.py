# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
import os
import re
import time
from html import unescape
from urllib.parse import urlsplit

from odoo.tests import tagged

from .common import take_phone_screenshot
from .common_portal_registration import PortalRegistrationCase

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install")
class TestPortalRegistrationTour(PortalRegistrationCase):
    # the tours run phone sized: the portal is used on phones
    browser_size = "390x844"

    def take_phone_screenshot(self, url, name, login):
        """With BIMBONBON_SCREENSHOTS=1: the page in Dutch as
        docs/screenshots/tests/portal_<name>.png (common.take_phone_screenshot)."""
        if os.environ.get("BIMBONBON_SCREENSHOTS") != "1":
            return
        if not getattr(self, "_dutch_active", False):
            self.activate_dutch(
                (
                    "bimbonbon_portal",
                    "bimbonbon_service",
                    "portal",
                    "website",
                    "helpdesk_mgmt",
                    "auth_signup",
                )
            )
            self._dutch_active = True
        take_phone_screenshot(self, f"/nl{url}", f"portal_{name}", login=login)

    def test_tour_quick_registration_new_visitor(self):
        """A brand-new visitor scans the label, fills three fields, follows the link of the
        mail and lands on the product page; sign-up stays closed (b2b)."""
        self.assertEqual(self.env["website"].get_current_website().auth_signup_uninvited, "b2b")
        token = self.serial_free.registration_token
        # the asset bundles are built on the first page of a test database: not the visitor's
        self.browser_js(
            f"/r/{self.batch.registration_token}",
            "console.log('test successful')",
            ready="document.readyState === 'complete'",
        )
        start = time.perf_counter()
        self.start_tour(f"/r/{token}", "bimbonbon_registration_quick")
        registered = time.perf_counter() - start
        mail = self.env["mail.mail"].search([("email_to", "ilike", "sanne.scan@example.com")])
        self.assertEqual(len(mail), 1)
        link = urlsplit(unescape(re.search(r'href="([^"]*/r/signin\?[^"]*)"', mail.body_html)[1]))
        self.start_tour(f"{link.path}?{link.query}", "bimbonbon_registration_signin")
        elapsed = time.perf_counter() - start
        # the README states this time (phone size, headless Chromium, two browser starts)
        message = (
            f"QR link to product page as a new visitor: {elapsed:.1f} s "
            f"(registered after {registered:.1f} s)"
        )
        print(f"\n{message}")  # pylint: disable=print-used
        _logger.info(message)
        user = self.env["res.users"].search([("login", "=", "sanne.scan@example.com")])
        self.assertTrue(user._is_portal())
        self.assertTrue(user.login_date, "signed in by the link")
        registration = self.serial_free.registration_ids
        self.assertRecordValues(
            registration,
            [{"partner_id": user.partner_id.id, "channel": "qr", "state": "registered"}],
        )
        self.assertEqual(str(registration.purchase_date), "2026-01-05")
        self.assertLess(elapsed, 60)
        self.take_phone_screenshot(f"/r/{self.batch.registration_token}", "qr_quick", None)
        self.take_phone_screenshot(f"/r/{self.batch.registration_token}", "qr_confirm", "klant_a")
        self.take_phone_screenshot(f"/my/products/{self.registration_a.id}", "product", "klant_a")

    def test_tour_logged_in_one_tap(self):
        token = self.serial_free.registration_token
        self.start_tour(f"/r/{token}", "bimbonbon_registration_one_tap", login="klant_a")
        self.assertEqual(self.serial_free.registration_ids.partner_id, self.partner_a)
        self.assertEqual(self.serial_free.registration_ids.channel, "qr")

    def test_tour_register_code(self):
        self.start_tour("/my/products", "bimbonbon_registration_code", login="klant_a")
        registration = self.serial_free.registration_ids
        self.assertEqual(registration.partner_id, self.user_a.partner_id)
        self.assertEqual(registration.channel, "portal")
        self.assertEqual(
            self.env["bimbonbon.registration.attempt"].search_count(
                [("user_id", "=", self.user_a.id), ("code", "=", "KM-VERKEERD")]
            ),
            1,
        )
        self.take_phone_screenshot("/my/products", "products", "klant_a")
        self.take_phone_screenshot("/my/products/register", "register", "klant_a")

    def test_tour_report_fault(self):
        self.start_tour(
            f"/my/products/{self.registration_a.id}", "bimbonbon_ticket_report", login="klant_a"
        )
        ticket = self.env["helpdesk.ticket"].search(
            [("registration_id", "=", self.registration_a.id)]
        )
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.priority, "2")
        self.assertEqual(ticket.ticket_kind, "fault")
        self.assertEqual(ticket.partner_id, self.partner_a)
        self.assertEqual(ticket.attachment_ids.mapped("mimetype"), ["image/png"])
        suggestion = self.env["bimbonbon.knowledge.suggestion"].search(
            [("partner_id", "=", self.partner_a.id)]
        )
        self.assertEqual(suggestion.ticket_id, ticket)
        self.assertIn(self.faq, suggestion.article_ids)
        self.take_phone_screenshot(f"/my/ticket/{ticket.id}", "ticket", "klant_a")
        self.take_phone_screenshot(
            f"/my/products/{self.registration_a.id}/report", "report", "klant_a"
        )
