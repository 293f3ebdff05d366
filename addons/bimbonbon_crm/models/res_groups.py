# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class ResGroups(models.Model):
    _inherit = "res.groups"

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
