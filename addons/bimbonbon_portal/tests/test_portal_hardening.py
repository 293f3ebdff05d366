# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Holes a logged-in customer could use: each test failed before its fix."""

from odoo.tests import tagged

from .common_portal_registration import PortalRegistrationCase, make_png

# A Windows executable's first bytes: whatever its name says, it is no image.
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


@tagged("post_install", "-at_install")
class TestPortalHardening(PortalRegistrationCase):
    def test_codes_are_not_patterns(self):
        """``%`` registered a unit the customer never bought, and ``KM-%`` or ``________``
        revealed other customers' serial numbers in the error message."""
        self.authenticate("klant_a", "klant_a")
        Attempt = self.env["bimbonbon.registration.attempt"]
        for code in ("%", "KM-%", "%0002", "________", "KM-_-0002", "km-f-000_", "\\%"):
            with self.subTest(code=code):
                response = self.post("/my/products/register", {"code": code})
                self.assertEqual(response.status_code, 400)
                for serial in ("KM-F-0002", "KM-B-0003", "KM-A-0001", "SW-2026-A"):
                    self.assertNotIn(serial, response.text)
        self.assertFalse(self.serial_free.registration_ids)
        # every refused code counts for the rate limit
        self.assertEqual(Attempt.search_count([("user_id", "=", self.user_a.id)]), 7)
        # the real code still works, case and surrounding spaces aside
        response = self.post("/my/products/register", {"code": "  km-f-0002 "})
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self.serial_free.registration_ids.partner_id, self.partner_a)

    def test_wrong_product_does_not_name_the_other(self):
        self.authenticate("klant_a", "klant_a")
        self.mix.sale_ok = self.mixer.sale_ok = True
        response = self.post(
            "/my/products/register", {"code": "SW-2026-A", "product_id": self.mixer.id}
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("does not belong to Keukenmixer KM-1", response.text)
        self.assertNotIn("but to", response.text)
