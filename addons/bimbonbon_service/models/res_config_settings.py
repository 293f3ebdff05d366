# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    bimbonbon_ticket_reminder_days = fields.Integer(
        string="Days without news before a reminder",
        config_parameter="bimbonbon_service.ticket_reminder_days",
        default=5,
    )
    bimbonbon_batch_alarm_count = fields.Integer(
        string="Complaints per batch for an alarm",
        config_parameter="bimbonbon_service.batch_alarm_count",
        default=3,
    )
    bimbonbon_batch_alarm_days = fields.Integer(
        string="Batch alarm window (days)",
        config_parameter="bimbonbon_service.batch_alarm_days",
        default=30,
    )
