# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPurchasingDepartment(TransactionCase):
    def test_purchasing_gets_purchase_and_inventory(self):
        user = new_test_user(self.env, "buyer", groups="bimbonbon_crm.group_purchasing")
        self.assertTrue(user.has_group("purchase.group_purchase_user"))
        self.assertTrue(user.has_group("stock.group_stock_user"))
        self.assertFalse(user.has_group("purchase.group_purchase_manager"))
        self.assertFalse(user.has_group("sales_team.group_sale_salesman"))
