# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    stock_alert_user_id = fields.Many2one(
        "res.users",
        string="Stock alert responsible",
        help="Gets the activity of a new stock alert when the product has no responsible "
        "in purchasing. Empty: the first user of the purchasing department.",
    )
