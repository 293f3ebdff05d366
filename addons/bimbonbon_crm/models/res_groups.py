# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.fields import Domain


class ResGroups(models.Model):
    _inherit = "res.groups"

    def _get_department_users(self, companies=None, members_only=False):
        """The active staff of these departments (groups), ordered by id: who gets a
        department's mails and to-dos.

        :param companies: only users working in one of these companies
        :param members_only: only the groups' own members, not those who have them through
            another group (management implies every department but is not its staff)
        """
        domain = Domain("share", "=", False) & Domain(
            "group_ids" if members_only else "all_group_ids", "in", self.ids
        )
        if companies:
            domain &= Domain("company_ids", "in", companies.ids)
        return self.env["res.users"].sudo().search(domain, order="id")
