# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ServiceCommon


@tagged("post_install", "-at_install")
class TestProductRegistration(ServiceCommon):
    def test_token_on_create_unguessable_url(self):
        self.assertTrue(self.serial_1.registration_token)
        self.assertNotIn("KM-0001", self.serial_1.registration_token)
        self.assertGreaterEqual(len(self.serial_1.registration_token), 20)
        self.assertNotEqual(self.serial_1.registration_token, self.serial_2.registration_token)
        self.assertEqual(
            self.serial_1._get_registration_url(),
            f"https://bbb.example.com/r/{self.serial_1.registration_token}",
        )
        untracked = self.env["product.product"].create({"name": "Los", "is_storable": True})
        self.assertFalse(untracked.is_registrable)
        old = self.serial_1.registration_token
        self.serial_1.action_generate_registration_token()
        self.assertNotEqual(self.serial_1.registration_token, old)
        self.assertFalse(self.env["stock.lot"]._get_by_registration_token(old))
        self.assertEqual(
            self.env["stock.lot"]._get_by_registration_token(self.serial_1.registration_token),
            self.serial_1,
        )
        self.serial_1.action_revoke_registration_token()
        self.assertFalse(self.serial_1._get_registration_url())

    @freeze_time("2026-03-01")
    def test_register_code_and_warranty(self):
        registration = self.Registration._register_code(
            self.contact,
            "km-0001",
            product=self.mixer,
            channel="portal",
            values={"purchase_date": date(2025, 1, 15), "marketing_consent": True, "state": "x"},
        )
        self.assertEqual(registration.lot_id, self.serial_1)
        self.assertEqual(registration.channel, "portal")
        self.assertEqual(registration.state, "registered")
        self.assertTrue(registration.is_serial)
        self.assertEqual(registration.warranty_end_date, date(2027, 1, 15))
        self.assertEqual(registration.warranty_state, "in_warranty")
        self.assertTrue(registration.marketing_consent)
        with freeze_time("2027-02-01"):
            registration.invalidate_recordset(["warranty_state"])
            self.assertEqual(registration.warranty_state, "expired")
        batch_reg = self.Registration._register_code(self.contact, "SW-2026-A")
        self.assertEqual(batch_reg.warranty_state, "none")
        self.assertEqual(
            self.Registration.search([("warranty_state", "=", "in_warranty")]), registration
        )

    def test_wrong_codes_clear_messages(self):
        with self.assertRaisesRegex(UserError, "Unknown code NOPE"):
            self.Registration._register_code(self.contact, "NOPE")
        with self.assertRaisesRegex(UserError, "does not belong to Stroopwafelmix"):
            self.Registration._register_code(self.contact, "KM-0001", product=self.mix)
        self.Registration._register_code(self.contact, "KM-0001")
        with self.assertRaisesRegex(UserError, "already registered KM-0001|KM-0001"):
            self.Registration._register_code(self.contact, "KM-0001")

    def test_serial_one_owner_review_task(self):
        self.Registration._register_code(self.contact, "KM-0002", channel="qr")
        with self.assertRaisesRegex(UserError, "Serial number KM-0002 is already registered"):
            self.Registration._register_code(self.other_customer, "KM-0002")
        activity = self.serial_2.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertIn("Bakkerij Jansen", activity.note)
        # a cancelled registration frees the serial for a new owner
        self.serial_2.registration_ids.action_cancel()
        new = self.Registration._register_code(self.other_customer, "KM-0002")
        self.assertEqual(new.partner_id, self.other_customer)

    def test_batch_code_many_owners(self):
        first = self.Registration._register_code(self.contact, "SW-2026-A")
        second = self.Registration._register_code(self.other_customer, "SW-2026-A")
        self.assertFalse(first.is_serial)
        self.assertEqual(self.batch.registration_count, 2)
        self.assertNotEqual(first, second)

    def test_portal_sees_own_registrations_only(self):
        own = self.Registration._register_code(self.contact, "SW-2026-A")
        other = self.Registration._register_code(self.other_customer, "KM-0001")
        Registration = self.Registration.with_user(self.portal_user)
        self.assertEqual(Registration.search([]), own)
        with self.assertRaises(AccessError):
            Registration.browse(other.id).read(["name"])
        with self.assertRaises(AccessError):
            Registration.create({"partner_id": self.contact.id})
