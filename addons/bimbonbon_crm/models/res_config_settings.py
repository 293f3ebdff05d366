# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    bimbonbon_overdue_reminder_days = fields.Char(
        string="Overdue reminder days",
        config_parameter="bimbonbon_crm.overdue_reminder_days",
        default="7,21,35",
        help="Days past the due date at which a reminder is sent, separated by commas.",
    )
    bimbonbon_data_reminder_months = fields.Integer(
        string="Data reminder interval (months)",
        config_parameter="bimbonbon_crm.data_reminder_months",
        default=12,
        help="Customers whose data was confirmed longer ago get a reminder to check it.",
    )

    @api.constrains("bimbonbon_data_reminder_months")
    def _check_bimbonbon_data_reminder_months(self):
        for settings in self:
            if settings.bimbonbon_data_reminder_months < 1:
                raise ValidationError(
                    self.env._("The data reminder interval must be at least one month.")
                )

    # --- Invoices send themselves (issue 12) ------------------------------------------------
    bimbonbon_invoice_auto_send = fields.Boolean(
        related="company_id.bimbonbon_invoice_auto_send",
        readonly=False,
    )
