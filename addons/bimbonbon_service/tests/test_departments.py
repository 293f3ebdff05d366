# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestServiceDepartments(TransactionCase):
    def test_maintenance_gets_helpdesk_and_maintenance(self):
        """Technicians are no maintenance managers (they failed this before: every technician
        could edit or delete every request and equipment); planners are."""
        user = new_test_user(self.env, "tech", groups="bimbonbon_crm.group_maintenance")
        self.assertTrue(user.has_group("helpdesk_mgmt.group_helpdesk_user"))
        self.assertFalse(user.has_group("maintenance.group_equipment_manager"))
        self.assertFalse(user.has_group("helpdesk_mgmt.group_helpdesk_manager"))
        planner = new_test_user(self.env, "planner", groups="bimbonbon_crm.group_planner")
        self.assertTrue(planner.has_group("maintenance.group_equipment_manager"))
        self.assertTrue(planner.has_group("bimbonbon_crm.group_maintenance"))

    def test_departments_combine(self):
        """One privilege per department: a person can be technician and buyer at once (before,
        the five departments were one selection in the user form)."""
        user = new_test_user(
            self.env,
            "tech_buyer",
            groups="bimbonbon_crm.group_maintenance,bimbonbon_crm.group_purchasing",
        )
        self.assertTrue(user.has_group("bimbonbon_crm.group_maintenance"))
        self.assertTrue(user.has_group("bimbonbon_crm.group_purchasing"))
        privileges = self.env.ref("bimbonbon_crm.group_maintenance").privilege_id
        self.assertNotEqual(privileges, self.env.ref("bimbonbon_crm.group_purchasing").privilege_id)

    def test_technician_sees_own_visits_only(self):
        tech = new_test_user(self.env, "tech_own", groups="bimbonbon_crm.group_maintenance")
        other = new_test_user(self.env, "tech_other", groups="bimbonbon_crm.group_maintenance")
        Request = self.env["maintenance.request"]
        own, others = Request.create(
            [
                {"name": "Bij Jansen", "user_id": tech.id},
                {"name": "Bij Pietersen", "user_id": other.id},
            ]
        )
        visible = Request.with_user(tech).search([("id", "in", (own | others).ids)])
        self.assertEqual(visible, own)
        own.with_user(tech).action_start()
        self.assertEqual(own.stage_id, self.env.ref("maintenance.stage_1"))

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

    def test_purchasing_opens_lots_without_registrations(self):
        """Purchasing reads no registrations (proofs of purchase, addresses), yet opens lots."""
        buyer = new_test_user(self.env, "buyer", groups="bimbonbon_crm.group_purchasing")
        product = self.env["product.product"].create(
            {"name": "Mixer", "is_storable": True, "tracking": "serial"}
        )
        lot = self.env["stock.lot"].create({"name": "KM-9", "product_id": product.id})
        self.assertFalse(
            self.env["bimbonbon.product.registration"].with_user(buyer).has_access("read")
        )
        view = self.env.ref("stock.view_production_lot_form")
        arch = lot.with_user(buyer).get_views([(view.id, "form")])["views"]["form"]["arch"]
        self.assertNotIn("registration_count", arch)
        lot.with_user(buyer).web_read({"name": {}, "registration_token": {}})
