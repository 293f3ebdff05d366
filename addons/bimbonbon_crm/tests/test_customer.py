# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import ast

from odoo.exceptions import AccessError
from odoo.fields import Domain
from odoo.tests import new_test_user, tagged

from .common import BimbonbonCrmCase


@tagged("post_install", "-at_install")
class TestOneIdeaOfCustomer(BimbonbonCrmCase):
    """A customer is a partner with a customer rank (set by sales, invoices, registrations):
    only customers are numbered, listed as customers and locked for read-only departments."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.vendor = Partner.create(
            {"name": "Meelfabriek De Molen", "is_company": True, "supplier_rank": 1}
        )
        cls.prospect = Partner.create({"name": "Misschien BV", "is_company": True})

    def test_only_customers_are_numbered(self):
        self.assertTrue(self.customer.customer_number)
        self.assertFalse(self.contact.customer_number, "contacts share their company's number")
        self.assertFalse(self.vendor.customer_number)
        self.assertFalse(self.prospect.customer_number)
        self.assertFalse(self.users["sales"].partner_id.customer_number, "staff")
        # the number comes when the partner becomes a customer
        self.prospect._increase_rank("customer_rank")
        self.assertTrue(self.prospect.customer_number)
        # created from the Customers list: a customer at once
        action = self.env.ref("bimbonbon_crm.res_partner_action_customers")
        context = ast.literal_eval(action.context)
        new = self.env["res.partner"].with_context(**context).create({"name": "Nieuwe Klant BV"})
        self.assertTrue(new.customer_number)

    def test_sale_confirmation_makes_a_customer(self):
        product = self.env["product.product"].create({"name": "Taart", "lst_price": 20.0})
        order = (
            self.env["sale.order"]
            .with_user(self.users["sales"])
            .create(
                {
                    "partner_id": self.prospect.id,
                    "order_line": [(0, 0, {"product_id": product.id})],
                }
            )
        )
        self.assertFalse(self.prospect.customer_number)
        order.action_confirm()
        self.assertGreater(self.prospect.customer_rank, 0)
        self.assertTrue(self.prospect.customer_number)

    def test_customer_list_shows_customers_not_staff(self):
        staff_partner = self.users["sales"].partner_id
        staff_partner.customer_rank = 1  # bought something in the shop: still staff
        action = self.env.ref("bimbonbon_crm.res_partner_action_customers")
        listed = self.env["res.partner"].search(Domain(ast.literal_eval(action.domain)))
        self.assertIn(self.customer, listed)
        self.assertNotIn(self.vendor, listed)
        self.assertNotIn(self.prospect, listed)
        self.assertNotIn(staff_partner, listed)
        self.assertNotIn(self.contact, listed)

    def test_purchasing_keeps_its_vendors_not_customers(self):
        buyer = new_test_user(
            self.env,
            login="crm_buyer",
            groups="bimbonbon_crm.group_purchasing,base.group_partner_manager",
        )
        Partner = self.env["res.partner"].with_user(buyer)
        vendor = Partner.with_context(res_partner_search_mode="supplier").create(
            {"name": "Suikerhandel", "is_company": True, "phone": "+31 50 111 2222"}
        )
        self.assertEqual(vendor.supplier_rank, 1)
        vendor.write({"phone": "+31 50 111 3333"})
        self.vendor.with_user(buyer).write({"street": "Molenweg 1"})
        with self.assertRaisesRegex(AccessError, "may read customers but not change"):
            self.customer.with_user(buyer).write({"phone": "+31 6 12345678"})
        with self.assertRaisesRegex(AccessError, "may read customers but not change"):
            self.contact.with_user(buyer).write({"phone": "+31 6 12345678"})
        with self.assertRaisesRegex(AccessError, "may read customers but not change"):
            Partner.create({"name": "Klant van inkoop", "customer_rank": 1})
