# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .common_portal_registration import PortalRegistrationCase


@tagged("post_install", "-at_install")
class TestPortalPhoneJourney(PortalRegistrationCase):
    """Issue 19: on a phone, with the customer's service worker in control of every page,
    a scanned label becomes a registered product, a problem report and an answer on the
    ticket's page, end to end."""

    browser_size = "390x844"

    def test_scan_register_report_on_a_phone(self):
        lot = self.serial_free
        self.start_tour(
            f"/r/{lot.registration_token}", "bimbonbon_phone_scan_to_report", login="klant_a"
        )
        registration = lot.registration_ids
        self.assertRecordValues(registration, [{"partner_id": self.partner_a.id, "channel": "qr"}])
        ticket = self.env["helpdesk.ticket"].search([("registration_id", "=", registration.id)])
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.partner_id, self.partner_a)
        self.assertIn("De mixer draait niet meer", ticket.description)
        answer = ticket.message_ids.filtered(lambda m: "raar geluid" in str(m.body))
        self.assertEqual(answer.author_id, self.partner_a)
