# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        users._update_department_start()
        return users

    def write(self, vals):
        result = super().write(vals)
        if "group_ids" in vals:
            self._update_department_start()
        return result

    def _get_department_apps(self):
        """The apps (top menus) of the user's departments, or None when the user sees Odoo's
        standard apps: administrators and users outside every department with apps."""
        self.ensure_one()
        user = self.sudo()
        departments = user.all_group_ids.filtered("department_app_ids")
        if not departments or user._is_system():
            return None
        return departments.department_app_ids

    def _get_department_home_action(self):
        """The start page of the user's department (hook): that of management when they are
        in it, else of the department shown last on the user form (customer service before
        sales, the planner before the technician), or an empty action."""
        self.ensure_one()
        departments = self.sudo().all_group_ids.filtered("department_home_action_id")
        if not departments:
            return self.env["ir.actions.actions"]
        department = departments.sorted(
            lambda group: (group.privilege_id.sequence, group.sequence, group.id)
        )[-1]
        return department.department_home_action_id

    def _update_department_start(self, previous_start_pages=None):
        """Staff start on their department's page (Odoo's home action, `action_id`) and
        without OdooBot's onboarding chat: they work in their apps, not in Discuss.

        A home action that is none of the departments' start pages (nor one of
        `previous_start_pages`, those departments had before a change) was chosen by hand and
        is kept; so are administrators' (they keep Odoo's default start) and portal users'."""
        users = self.sudo().filtered(lambda u: not u.share and not u._is_system())
        if not users:
            return
        start_pages = (
            self.env["res.groups"]
            .sudo()
            .search([("department_home_action_id", "!=", False)])
            .department_home_action_id
        )
        if previous_start_pages:
            start_pages |= previous_start_pages
        for user in users:
            home_action = user._get_department_home_action()
            vals = {}
            if user.action_id != home_action and (
                not user.action_id or user.action_id in start_pages
            ):
                vals["action_id"] = home_action.id
            if home_action and user.odoobot_state in (False, "not_initialized"):
                vals["odoobot_state"] = "disabled"
            if vals:
                user.write(vals)
