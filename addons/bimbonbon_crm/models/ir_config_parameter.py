# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class IrConfigParameter(models.Model):
    _inherit = "ir.config_parameter"

    @api.model
    def _get_day_list(self, key, default):
        """The days (whole numbers above zero) of the comma separated system parameter ``key``,
        ascending and each once: the one reading of "days, comma separated" settings (contract
        reminders, overdue reminder levels). Parts that are no such number are skipped;
        ``default`` when none is left."""
        days = set()
        for part in (self.sudo().get_param(key) or "").split(","):
            part = part.strip()
            if part.isdigit() and int(part) > 0:
                days.add(int(part))
        return tuple(sorted(days)) or tuple(sorted(default))
