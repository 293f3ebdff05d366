# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import BimbonbonCrmCase


@tagged("post_install", "-at_install")
class TestIntake(BimbonbonCrmCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stages = cls.env["crm.stage"].create(
            [{"name": f"Intake stage {seq}", "sequence": 900 + seq} for seq in range(2)]
        )
        cls.salesperson = cls.users["sales"]

    def test_intake_creates_customer_and_moves_on(self):
        lead = (
            self.env["crm.lead"]
            .with_user(self.salesperson)
            .create(
                {
                    "name": "Bakkerij Brood en Banket",
                    "type": "opportunity",
                    "partner_name": "Brood en Banket B.V.",
                    "contact_name": "Kees Bakker",
                    "email_from": "kees@broodenbanket.example.com",
                    "phone": "+31 30 111 2222",
                    "street": "Dorpsstraat 1",
                    "city": "Utrecht",
                    "stage_id": self.stages[0].id,
                }
            )
        )
        with self.assertRaises(UserError):
            lead.action_complete_intake()
        lead.action_schedule_intake()
        event = lead.intake_event_id
        self.assertIn(self.salesperson.partner_id, event.partner_ids)
        self.assertEqual(event.opportunity_id, lead)
        lead.write(
            {
                "intake_notes": "<p>Wil 3 ovens laten onderhouden.</p>",
                "intake_vat": "NL123456789B01",
                "intake_company_registry": "12345678",
            }
        )
        lead.action_complete_intake()
        self.assertTrue(lead.intake_done)
        self.assertEqual(lead.stage_id, self.stages[1])
        customer = lead.partner_id.commercial_partner_id
        self.assertEqual(customer.name, "Brood en Banket B.V.")
        self.assertEqual(customer.vat, "NL123456789B01")
        self.assertEqual(customer.company_registry, "12345678")
        self.assertEqual(customer.city, "Utrecht")
        self.assertFalse(customer.customer_number, "a prospect until it buys or signs")
        self.assertTrue(customer.data_confirmed_date)
        self.assertIn("3 ovens", customer.message_ids[0].body)
        with self.assertRaises(UserError):
            lead.action_complete_intake()

    def test_intake_for_existing_customer(self):
        lead = (
            self.env["crm.lead"]
            .with_user(self.salesperson)
            .create(
                {
                    "name": "Uitbreiding",
                    "type": "opportunity",
                    "partner_id": self.contact.id,
                    "stage_id": self.stages[0].id,
                }
            )
        )
        lead.action_schedule_intake()
        self.assertIn(self.contact, lead.intake_event_id.partner_ids)
        lead.intake_company_registry = "87654321"
        lead.action_complete_intake()
        self.assertEqual(lead.partner_id, self.contact)
        self.assertEqual(self.customer.company_registry, "87654321")
