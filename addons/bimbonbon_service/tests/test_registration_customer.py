# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .common import ServiceCommon


@tagged("post_install", "-at_install")
class TestRegistrationMakesACustomer(ServiceCommon):
    def test_registration_makes_a_customer(self):
        """Registering a product makes its owner a customer (core's customer rank), with a
        customer number (bimbonbon_crm)."""
        self.assertFalse(self.customer.customer_rank)
        self.assertFalse(self.customer.customer_number)
        self.Registration._register_code(
            self.contact, "km-0001", product=self.mixer, channel="portal"
        )
        self.assertGreater(self.customer.customer_rank, 0)
        self.assertTrue(self.customer.customer_number)
        self.assertFalse(self.contact.customer_number, "contacts share their company's number")
