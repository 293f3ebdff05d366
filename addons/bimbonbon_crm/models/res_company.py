# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    bimbonbon_invoice_auto_send = fields.Boolean(
        string="Send invoices automatically",
        default=True,
        help="A posted customer invoice or credit note is sent to the customer in the "
        "background, once, by the channel set on the customer.",
    )
