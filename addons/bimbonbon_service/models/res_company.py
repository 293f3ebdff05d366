# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    resolution_visit_team_id = fields.Many2one(
        comodel_name="maintenance.team",
        string="Team for repair visits",
        domain="[('company_id', 'in', [id, False])]",
        help="The maintenance team a repair at the customer's goes to. Empty: the company's "
        "first team.",
    )
    resolution_workshop_team_id = fields.Many2one(
        comodel_name="maintenance.team",
        string="Team for workshop repairs",
        domain="[('company_id', 'in', [id, False])]",
        help="The maintenance team a repair in our workshop goes to. Empty: the company's "
        "first team.",
    )
    resolution_credit_approval_amount = fields.Monetary(
        string="Credits approved by management above (excl. VAT)",
        default=250.0,
        help="A credit from a ticket above this amount waits for management's approval.",
    )
