# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.fields import Command
from odoo.tests import tagged

from .common_portal_registration import PortalRegistrationCase

# queries of the ticket page for its actions: one search, then one read per document model
RESOLUTION_QUERIES = 5


@tagged("post_install", "-at_install")
class TestPortalTicketResolution(PortalRegistrationCase):
    """The customer follows what we do about their ticket: theirs only."""

    def _ticket(self, partner, registration):
        return self.env["helpdesk.ticket"].create(
            {
                "name": "Mixer stopt",
                "description": "<p>Mixer stopt</p>",
                "ticket_kind": "fault",
                "partner_id": partner.id,
                "registration_id": registration.id,
            }
        )

    def _replacement(self, ticket):
        order = self.env["sale.order"].create(
            {
                "partner_id": ticket.partner_id.id,
                "order_line": [Command.create({"product_id": self.mixer.id, "price_unit": 0})],
            }
        )
        return self.env["bimbonbon.ticket.resolution"].create(
            {
                "ticket_id": ticket.id,
                "kind": "replacement",
                "state": "in_progress",
                "sale_order_id": order.id,
            }
        )

    def _page(self, ticket):
        start = self.cr.sql_log_count
        response = self.url_open(f"/my/ticket/{ticket.id}")
        return response, self.cr.sql_log_count - start

    def test_customer_sees_the_resolution(self):
        ticket = self._ticket(self.partner_a, self.registration_a)
        resolution = self._replacement(ticket)
        draft = self.env["bimbonbon.ticket.resolution"].create(
            {"ticket_id": ticket.id, "kind": "credit"}
        )
        self.authenticate("klant_a", "klant_a")
        html = self.url_open(f"/my/ticket/{ticket.id}").text
        self.assertIn("o_bimbonbon_ticket_resolution", html)
        self.assertIn("Replacement", html)
        self.assertIn("Under warranty, free of charge", html)
        self.assertIn(resolution.sale_order_id.name, html)
        self.assertNotIn("Credit", html, "a draft is no news for the customer yet")
        self.assertTrue(draft)

    def test_other_customer_sees_nothing(self):
        """IDOR: Bert asks for Anna's ticket by its number: no page, no order number."""
        ticket = self._ticket(self.partner_a, self.registration_a)
        resolution = self._replacement(ticket)
        self.authenticate("klant_b", "klant_b")
        response = self.url_open(f"/my/ticket/{ticket.id}", allow_redirects=False)
        self.assertNotEqual(response.status_code, 200)
        self.assertNotIn(resolution.sale_order_id.name, response.text)
        response = self.url_open(f"/my/ticket/{ticket.id}")
        self.assertNotIn("o_bimbonbon_ticket_resolution", response.text)
        self.assertNotIn(resolution.sale_order_id.name, response.text)

    def test_queries_do_not_grow_with_the_actions(self):
        ticket = self._ticket(self.partner_a, self.registration_a)
        self.authenticate("klant_a", "klant_a")
        self._page(ticket)  # warm up
        _response, without = self._page(ticket)
        self._replacement(ticket)
        visit = self.env["maintenance.request"].create({"name": "Bezoek", "ticket_id": ticket.id})
        self.env["bimbonbon.ticket.resolution"].create(
            {
                "ticket_id": ticket.id,
                "kind": "repair",
                "state": "done",
                "maintenance_request_id": visit.id,
            }
        )
        self.env["bimbonbon.ticket.resolution"].create(
            {"ticket_id": ticket.id, "kind": "credit", "state": "to_approve"}
        )
        self._page(ticket)
        response, with_three = self._page(ticket)
        self.assertEqual(response.text.count("o_bimbonbon_resolution "), 3)
        self.assertLessEqual(with_three, without + RESOLUTION_QUERIES)
