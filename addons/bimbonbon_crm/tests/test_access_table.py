# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from pathlib import Path

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .access_table import ACCESS_TABLE, ALONE_OVERRIDES, DEPARTMENTS, to_markdown
from .common import BimbonbonCrmCase

OPERATION_NAMES = {"r": "read", "c": "create", "w": "write", "u": "unlink"}


@tagged("post_install", "-at_install")
class TestAccessTable(BimbonbonCrmCase):
    def _expected_table(self):
        """ACCESS_TABLE for the models in the registry, with the cells that differ when the
        addons giving some departments their app groups are not installed."""
        installed = set(
            self.env["ir.module.module"]
            .search([("state", "=", "installed"), ("name", "in", list(ALONE_OVERRIDES))])
            .mapped("name")
        )
        table = {}
        for model, (_label, cells) in ACCESS_TABLE.items():
            if model in self.env:
                table[model] = dict(cells)
        for addon, overrides in ALONE_OVERRIDES.items():
            if addon in installed:
                continue
            for (model, department), cell in overrides.items():
                if model in table:
                    table[model][department] = cell
        return table

    def _partner_can(self, user, operation):
        """Really try the operation on a customer: the department rule lives in code, not only
        in the access rights."""
        partner = self.customer.with_user(user)
        try:
            with self.env.cr.savepoint():
                if operation == "read":
                    partner.read(["name", "customer_number", "payment_status"])
                elif operation == "create":
                    partner.create({"name": "New customer", "is_company": True})
                elif operation == "write":
                    partner.write({"phone": "+31 20 123 4567"})
                else:
                    partner.unlink()
        except AccessError:
            return False
        return True

    def _actual_cell(self, model, user):
        cell = ""
        for op, operation in OPERATION_NAMES.items():
            if model == "res.partner":
                allowed = self._partner_can(user, operation)
            else:
                allowed = self.env[model].with_user(user).browse().has_access(operation)
            if allowed:
                cell += op
        return cell or "-"

    def test_access_table(self):
        """Walk every department x model x operation; report all differing cells at once."""
        expected = self._expected_table()
        self.assertIn("res.partner", expected)
        differences = []
        for model, cells in expected.items():
            for department in DEPARTMENTS:
                actual = self._actual_cell(model, self.users[department])
                if actual != cells[department]:
                    differences.append(
                        f"{model} / {department}: expected {cells[department]!r}, got {actual!r}"
                    )
        self.assertFalse(differences, "\n".join(differences))

    def test_read_only_departments_with_extra_partner_rights(self):
        """Even with an Odoo group that may write contacts ("Contact creation", Purchase
        manager), maintenance and purchasing may not change customer data (clear AccessError),
        while system writes and other fields keep working."""
        extra_groups = {
            "maintenance": "base.group_partner_manager",
            "purchasing": "base.group_partner_manager",
        }
        if "purchase.order" in self.env:
            extra_groups["purchasing"] += ",purchase.group_purchase_manager"
        for department, extra in extra_groups.items():
            with self.subTest(department=department):
                user = new_test_user(
                    self.env,
                    login=f"crm_{department}_extra",
                    groups=f"bimbonbon_crm.group_{department},{extra}",
                )
                customer = self.customer.with_user(user)
                with self.assertRaisesRegex(AccessError, "may read customers but not change"):
                    customer.write({"phone": "+31 6 12345678"})
                with self.assertRaisesRegex(AccessError, "may read customers but not change"):
                    customer.create({"name": "Other customer"})
                # a field outside the master data (e.g. written by a flow) is not refused
                customer.write({"comment": f"Visited by {department}"})
                # and a system write in sudo is not refused either
                customer.sudo().write({"phone": f"+31 6 1234567{len(department)}"})
                self.assertEqual(self.customer.phone, f"+31 6 1234567{len(department)}")

    def test_users_outside_departments_keep_odoo_rules(self):
        user = new_test_user(
            self.env, login="crm_plain", groups="base.group_user,base.group_partner_manager"
        )
        self.customer.with_user(user).write({"phone": "+31 10 765 4321"})
        self.assertEqual(self.customer.phone, "+31 10 765 4321")

    def test_readme_holds_the_table(self):
        readme = Path(__file__).parents[1] / "readme" / "CONFIGURE.md"
        self.assertIn(to_markdown(), readme.read_text(encoding="utf-8"))
