# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestDepartments(TransactionCase):
    def test_customer_service_falls_under_sales(self):
        user = new_test_user(self.env, "cs", groups="bimbonbon_crm.group_customer_service")
        self.assertTrue(user.has_group("bimbonbon_crm.group_sales"))
        self.assertTrue(user.has_group("sales_team.group_sale_salesman_all_leads"))
        self.assertFalse(user.has_group("bimbonbon_crm.group_management"))

    def test_management_implies_every_department(self):
        user = new_test_user(self.env, "boss", groups="bimbonbon_crm.group_management")
        for xmlid in ("sales", "customer_service", "maintenance", "purchasing"):
            self.assertTrue(user.has_group(f"bimbonbon_crm.group_{xmlid}"), xmlid)

    def test_maintenance_is_not_sales(self):
        user = new_test_user(self.env, "tech", groups="bimbonbon_crm.group_maintenance")
        self.assertFalse(user.has_group("sales_team.group_sale_salesman"))

    def test_salesperson_sees_orders_of_their_customers(self):
        """A salesperson sees and changes the orders of the customers they serve that another
        user took, not those of other customers; Odoo's rule alone shows them only their own."""
        vera = new_test_user(self.env, "vera_sales", groups="bimbonbon_crm.group_sales")
        other = new_test_user(self.env, "other_sales", groups="bimbonbon_crm.group_sales")
        customer = self.env["res.partner"].create({"name": "Bakkerij Vera", "user_id": vera.id})
        contact = self.env["res.partner"].create({"name": "Inkoper", "parent_id": customer.id})
        stranger = self.env["res.partner"].create({"name": "Bakkerij Ander"})
        product = self.env["product.product"].create({"name": "Stroopwafels", "list_price": 3})
        orders = self.env["sale.order"].create(
            [
                {
                    "partner_id": partner.id,
                    "user_id": other.id,
                    "order_line": [Command.create({"product_id": product.id})],
                }
                for partner in (customer, contact, stranger)
            ]
        )
        self.env.invalidate_all()
        SaleOrder = self.env["sale.order"].with_user(vera)
        self.assertEqual(SaleOrder.search([("id", "in", orders.ids)]), orders[:2])
        self.assertEqual(SaleOrder.browse(orders[1].id).order_line.product_id, product)
        SaleOrder.browse(orders[0].id).note = "Vera belt de klant"
        with self.assertRaises(AccessError):
            SaleOrder.browse(orders[2].id).read(["name"])
        with self.assertRaises(AccessError):
            SaleOrder.browse(orders[0].id).unlink()
