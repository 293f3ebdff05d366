# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
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
