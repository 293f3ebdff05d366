# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
from unittest.mock import patch

from odoo.tests import tagged

from odoo.addons.portal.controllers.portal import CustomerPortal

from .common import BimbonbonPortalCase


@tagged("post_install", "-at_install")
class TestPortalFeedback(BimbonbonPortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order = cls._create_order(cls.customer, cls.product)

    def _feedback(self, partner=None):
        return self.env["helpdesk.ticket"].search(
            [
                ("partner_id", "=", (partner or self.customer).id),
                ("ticket_kind", "=", "feedback"),
            ]
        )

    def _post(self, **data):
        return self.url_open("/my/feedback/submit", data={"csrf_token": self._csrf(), **data})

    def test_feedback_page_lists_own_products(self):
        self.authenticate("klant", "klant")
        response = self.url_open(f"/my/feedback?product_id={self.product.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Bakvorm Rond", response.text)
        self.assertIn('name="csrf_token"', response.text)
        self.assertNotIn("Taartschep", response.text)  # never bought or registered

    def test_feedback_page_has_text_box_on_first_visit(self):
        # QWeb drops an element whose t-out is None: the textarea only appeared after a failed
        # submit had put the text back in the form.
        self.authenticate("klant", "klant")
        response = self.url_open("/my/feedback")
        self.assertIn('id="bimbonbon_feedback_text"', response.text)

    def test_feedback_tour(self):
        self.browser_size = "390x844"
        self.start_tour("/my/feedback", "bimbonbon_portal_feedback", login="klant")
        ticket = self._feedback()
        self.assertEqual(ticket.rating, 8)
        self.assertIn("stil en krachtig", str(ticket.description))

    def test_feedback_creates_ticket_for_product_development(self):
        self.authenticate("klant", "klant")
        response = self._post(product_id=self.product.id, rating="9", text="Bakt <b>heerlijk</b>!")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.url.endswith("/my/feedback?sent=1"))
        ticket = self._feedback()
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.rating, 9)
        self.assertEqual(ticket.product_id, self.product)
        self.assertIn("heerlijk", str(ticket.description))
        self.assertNotIn("<b>", str(ticket.description))  # escaped, not HTML
        # ... and shows in the customer's list, without turning the page into a ticket page
        # (the list's loop variable was called `ticket`: the breadcrumb showed it)
        html = self.url_open("/my/feedback").text
        self.assertIn("9/10", html)
        breadcrumb = re.search(r'<ol class="o_portal_submenu breadcrumb.*?</ol>', html, re.S)
        self.assertTrue(breadcrumb)
        self.assertNotIn('href="/my/tickets', breadcrumb.group())

    def test_multi_line_feedback(self):
        """Several lines showed a literal "<br/>" (Markup.replace escaped the tag)."""
        self.authenticate("klant", "klant")
        self._post(product_id=self.product.id, rating="8", text="Regel een\nRegel twee")
        description = str(self._feedback().description)
        self.assertNotIn("&lt;br", description)
        self.assertRegex(description, r"Regel een<br/?>\s*Regel twee")
        page = self.url_open("/my/feedback").text
        self.assertNotIn("&lt;br", page)

    def test_feedback_rating_is_validated(self):
        self.authenticate("klant", "klant")
        for rating in ("0", "11", "abc", "", "7.5"):
            with self.subTest(rating=rating):
                response = self._post(product_id=self.product.id, rating=rating, text="Mooi")
                self.assertEqual(response.status_code, 400)
                self.assertIn("Please give a rating from 1 to 10.", response.text)
                self.assertIn("Mooi", response.text)  # the text is kept
        self.assertFalse(self._feedback())

    def test_feedback_on_a_product_not_owned_is_refused(self):
        self.authenticate("klant", "klant")
        response = self._post(product_id=self.product_other.id, rating="5", text="Hmm")
        self.assertEqual(response.status_code, 400)
        self.assertIn("Please choose one of your products.", response.text)
        response = self._post(product_id="x", rating="5", text="Hmm")
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self._feedback())

    def test_feedback_needs_text(self):
        self.authenticate("klant", "klant")
        response = self._post(rating="5", text="   ")
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self._feedback())

    def test_feedback_without_csrf_is_refused(self):
        self.authenticate("klant", "klant")
        response = self.url_open("/my/feedback/submit", data={"rating": "5", "text": "Hallo"})
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self._feedback())

    def test_feedback_list_is_paged(self):
        Ticket = self.env["helpdesk.ticket"]
        for rating in (3, 4, 5):
            Ticket._create_feedback(self.customer, self.product, rating, "Ok")
        self.authenticate("klant", "klant")
        with patch.object(CustomerPortal, "_items_per_page", 2):
            first = self.url_open("/my/feedback").text
            second = self.url_open("/my/feedback/page/2").text
        self.assertEqual(first.count("/10"), 2)
        self.assertIn("/my/feedback/page/2", first)
        self.assertEqual(second.count("/10"), 1)

    def test_feedback_of_others_is_not_shown(self):
        self.env["helpdesk.ticket"]._create_feedback(
            self.other_customer, self.product, 2, "Geheime klacht"
        )
        self.authenticate("klant", "klant")
        self.assertNotIn("2/10", self.url_open("/my/feedback").text)
