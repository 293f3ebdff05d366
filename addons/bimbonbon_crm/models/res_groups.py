# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResGroups(models.Model):
    _inherit = "res.groups"

    department_home_action_id = fields.Many2one(
        "ir.actions.actions",
        string="Department start page",
        ondelete="set null",
        help="The page the members of this department land on after logging in (their home "
        "action), unless they chose another one.",
    )
    department_app_ids = fields.Many2many(
        "ir.ui.menu",
        "res_groups_department_app_rel",
        "group_id",
        "menu_id",
        string="Department apps",
        domain=[("parent_id", "=", False)],
        help="The apps (top menus) the members of this department see, among those their "
        "rights open. Members of several departments see the apps of each; users outside "
        "every department and administrators see Odoo's standard apps.",
    )

    def write(self, vals):
        """A department that gets another start page, members or implied groups moves its
        members' start pages along."""
        if "department_app_ids" in vals:
            self.env.registry.clear_cache()  # the menus visible to each set of groups
        watched = {"department_home_action_id", "user_ids", "implied_ids"}
        if not watched & set(vals):
            return super().write(vals)
        users = self._get_start_page_users()
        previous_start_pages = self.sudo().department_home_action_id
        result = super().write(vals)
        (users | self._get_start_page_users())._update_department_start(previous_start_pages)
        return result

    def _get_start_page_users(self):
        """The users whose start page depends on these groups: their members, when the groups
        are or imply a department with a start page."""
        groups = self.sudo()
        if not groups.all_implied_ids.filtered("department_home_action_id"):
            return self.env["res.users"]
        return groups.with_context(active_test=False).all_user_ids

    def _get_department_users(self, companies=None, members_only=False):
        """The active staff of these departments (groups), ordered by id: who gets a
        department's mails and to-dos.

        :param companies: only users working in one of these companies
        :param members_only: only the groups' own members, not those who have them through
            another group (management implies every department but is not its staff)
        """
        # Read through the groups' members (cached for the transaction) rather than searching
        # users: crons ask this once per record they handle.
        groups = self.sudo()
        users = groups.user_ids if members_only else groups.all_user_ids
        return users.filtered(
            lambda user: user.active
            and not user.share
            and (not companies or user.company_ids & companies)
        ).sorted("id")
