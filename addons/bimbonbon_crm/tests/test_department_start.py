# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from pathlib import Path

from odoo import Command
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged

from .access_table import (
    APPS,
    ROLE_GROUPS,
    ROLES,
    START_PAGES,
    expected_apps,
    expected_start,
    start_pages_markdown,
)

BIMBONBON_ADDONS = {addon for _name, addon, _roles in APPS.values()} | {
    addon for pages in START_PAGES.values() for _xmlid, _name, addon in pages
}


def installed_addons(env):
    return set(
        env["ir.module.module"]
        .search([("state", "=", "installed"), ("name", "in", list(BIMBONBON_ADDONS))])
        .mapped("name")
    )


def visible_apps(env, user):
    """The xmlids of the top menus the web client shows `user` (as /web/webclient/load_menus)."""
    menus = env["ir.ui.menu"].with_user(user).load_menus(debug=False)
    return {menus[menu_id]["xmlid"] for menu_id in menus["root"]["children"]}


@tagged("post_install", "-at_install")
class TestDepartmentStart(TransactionCase):
    """Each department starts on its own page (Odoo's home action) and sees only its apps."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.installed = installed_addons(cls.env)
        cls.users = {
            role: new_test_user(cls.env, login=f"start_{role}", groups=group)
            for role, group in ROLE_GROUPS.items()
        }

    def _ref(self, xmlid):
        """The action `xmlid` as the home action field holds it (ir.actions.actions)."""
        actions = self.env["ir.actions.actions"]
        return actions.browse(self.env.ref(xmlid).id) if xmlid else actions

    def assertDepartmentStart(self, role):
        user = self.users[role]
        expected = expected_start(role, self.installed)
        self.assertEqual(user.action_id, self._ref(expected), "the department's start page")
        if expected:
            self.assertEqual(user.odoobot_state, "disabled", "no OdooBot onboarding chat")
        self.assertEqual(visible_apps(self.env, user), expected_apps(role, self.installed))

    def test_sales(self):
        self.assertDepartmentStart("sales")

    def test_customer_service(self):
        self.assertDepartmentStart("customer_service")

    def test_technician(self):
        self.assertDepartmentStart("technician")

    def test_planner(self):
        self.assertDepartmentStart("planner")

    def test_purchasing(self):
        self.assertDepartmentStart("purchasing")

    def test_management(self):
        self.assertDepartmentStart("management")

    def test_start_page_follows_the_department(self):
        user = self.users["sales"]
        sales_start = self._ref(expected_start("sales", self.installed))
        user.group_ids = [Command.link(self.env.ref(ROLE_GROUPS["management"]).id)]
        self.assertEqual(user.action_id, self._ref(expected_start("management", self.installed)))
        self.assertIn(
            "spreadsheet_dashboard.spreadsheet_dashboard_menu_root", visible_apps(self.env, user)
        )
        user.group_ids = [Command.unlink(self.env.ref(ROLE_GROUPS["management"]).id)]
        self.assertEqual(user.action_id, sales_start)
        # through the group (Settings > Groups > Users) as well
        self.env.ref(ROLE_GROUPS["management"]).user_ids = [Command.link(user.id)]
        self.assertNotEqual(user.action_id, sales_start)
        self.env.ref(ROLE_GROUPS["management"]).user_ids = [Command.unlink(user.id)]
        self.assertEqual(user.action_id, sales_start)
        # out of every department: Odoo's default start (the first app) again
        user.group_ids = [Command.set([self.env.ref("base.group_user").id])]
        self.assertFalse(user.action_id)

    def test_home_action_chosen_by_hand_is_kept(self):
        user = self.users["sales"]
        pipeline = self._ref("crm.crm_lead_action_pipeline")
        user.action_id = pipeline
        user.group_ids = [Command.link(self.env.ref(ROLE_GROUPS["management"]).id)]
        self.assertEqual(user.action_id, pipeline)
        user.group_ids = [Command.set([self.env.ref("base.group_user").id])]
        self.assertEqual(user.action_id, pipeline)

    def test_department_gets_another_start_page(self):
        sales = self.env.ref(ROLE_GROUPS["sales"])
        pipeline = self._ref("crm.crm_lead_action_pipeline")
        sales.department_home_action_id = pipeline
        self.assertEqual(self.users["sales"].action_id, pipeline)
        self.assertNotEqual(self.users["management"].action_id, pipeline, "management's own")

    def test_outside_the_departments_nothing_changes(self):
        """Administrators and employees outside every department keep Odoo's apps and
        start (Odoo's own tours open Discuss and Calendar as a plain employee)."""
        employee = new_test_user(self.env, login="start_plain", groups="base.group_user")
        self.assertFalse(employee.action_id)
        self.assertFalse(employee.odoobot_state)
        self.assertTrue(
            {"mail.menu_root_discuss", "calendar.mail_menu_calendar"}
            <= visible_apps(self.env, employee)
        )
        admin = self.env.ref("base.user_admin")
        self.assertTrue(admin.has_group(ROLE_GROUPS["management"]))
        admin_apps = visible_apps(self.env, admin)
        self.assertTrue(
            expected_apps("management", self.installed)
            | {"mail.menu_root_discuss", "base.menu_administration"}
            <= admin_apps
        )
        portal = new_test_user(self.env, login="start_portal", groups="base.group_portal")
        self.assertFalse(portal.action_id)

    def test_readme_holds_the_start_pages(self):
        readme = Path(__file__).parents[1] / "readme" / "CONFIGURE.md"
        self.assertIn(start_pages_markdown(), readme.read_text(encoding="utf-8"))


@tagged("post_install", "-at_install")
class TestDepartmentStartTour(HttpCase):
    """Logging in as a department user lands on its start page, at 1400×900."""

    browser_size = "1400x900"

    def test_login_lands_on_the_start_page(self):
        installed = installed_addons(self.env)
        odoobot = self.env.ref("base.partner_root")
        roles = [role for role in ROLES if expected_start(role, installed)]
        self.assertIn("sales", roles)
        for role in roles:
            with self.subTest(role=role):
                login = f"tour_{role}"
                user = new_test_user(
                    self.env, login=login, password=login, groups=ROLE_GROUPS[role]
                )
                self.assertEqual(
                    user.action_id.id, self.env.ref(expected_start(role, installed)).id
                )
                self.start_tour("/odoo", "bimbonbon_department_start", login=login)
                chats = self.env["discuss.channel"].search(
                    [
                        ("channel_type", "=", "chat"),
                        ("channel_member_ids.partner_id", "=", user.partner_id.id),
                    ]
                )
                self.assertNotIn(odoobot, chats.channel_member_ids.partner_id, "no OdooBot chat")
