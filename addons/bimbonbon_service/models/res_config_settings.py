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
    bimbonbon_label_base_url = fields.Char(
        string="Public address on QR labels",
        config_parameter="bimbonbon_service.label_base_url",
        help="The address (https://...) printed in the QR code of every label, e.g. "
        "https://mijn.bimbonbon.nl. A label lives for years: without this address, labels are "
        "only printed when web.base.url is frozen (web.base.url.freeze), never with the "
        "address of whoever last logged in.",
    )
    bimbonbon_credit_approval_amount = fields.Monetary(
        related="company_id.resolution_credit_approval_amount",
        currency_field="currency_id",
        readonly=False,
    )
    bimbonbon_resolution_visit_team_id = fields.Many2one(
        related="company_id.resolution_visit_team_id", readonly=False
    )
    bimbonbon_resolution_workshop_team_id = fields.Many2one(
        related="company_id.resolution_workshop_team_id", readonly=False
    )
