# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HelpdeskTicketCategory(models.Model):
    _inherit = "helpdesk.ticket.category"

    # helpdesk_mgmt's nl.po has no Dutch for this column of the category list: the label is
    # repeated here so that our nl.po gives it.
    parent_id = fields.Many2one(string="Parent Category")
