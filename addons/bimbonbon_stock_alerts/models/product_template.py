# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    stock_alert_threshold = fields.Float(
        "Alert threshold",
        digits="Product Unit",
        help="Warn purchasing when the stock on hand in a warehouse falls to this quantity. "
        "Leave at 0 to use the minimum of the product's reordering rule.",
    )
    stock_alert_order_mode = fields.Selection(
        [
            ("none", "Notify only"),
            ("draft", "Order automatically (draft RFQ)"),
            ("confirm", "Order automatically (confirmed PO)"),
        ],
        string="On a stock alert",
        default="none",
        required=True,
        help="What happens when a stock alert opens: only tell purchasing, or also order "
        "from the preferred vendor at once, as a draft request for quotation or as a "
        "confirmed purchase order.",
    )
