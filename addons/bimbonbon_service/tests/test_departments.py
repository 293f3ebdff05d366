# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestServiceDepartments(TransactionCase):
    def test_maintenance_gets_helpdesk_and_maintenance(self):
        user = new_test_user(self.env, "tech", groups="bimbonbon_crm.group_maintenance")
        self.assertTrue(user.has_group("helpdesk_mgmt.group_helpdesk_user"))
        self.assertTrue(user.has_group("maintenance.group_equipment_manager"))
        self.assertFalse(user.has_group("helpdesk_mgmt.group_helpdesk_manager"))

    def test_ticket_rights_per_department(self):
        """The helpdesk.ticket row of bimbonbon_crm's access table."""
        expected = {
            "group_sales": "r",
            "group_customer_service": "rcw",
            "group_maintenance": "rcw",
            "group_purchasing": "r",
            "group_management": "rcwu",
        }
        operations = {"r": "read", "c": "create", "w": "write", "u": "unlink"}
        for xmlid, cell in expected.items():
            user = new_test_user(self.env, f"dep_{xmlid}", groups=f"bimbonbon_crm.{xmlid}")
            Ticket = self.env["helpdesk.ticket"].with_user(user)
            actual = "".join(op for op, name in operations.items() if Ticket.has_access(name))
            self.assertEqual(actual, cell, xmlid)
