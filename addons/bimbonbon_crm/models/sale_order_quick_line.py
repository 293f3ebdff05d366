# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SaleOrderQuickLine(models.TransientModel):
    _name = "sale.order.quick.line"
    _description = "Quick sale line"

    quick_id = fields.Many2one(
        "sale.order.quick", string="Quick sale", required=True, ondelete="cascade"
    )
    product_id = fields.Many2one("product.product", required=True, domain=[("sale_ok", "=", True)])
    quantity = fields.Float(default=1.0, digits="Product Unit")

    @api.constrains("quantity")
    def _check_quantity(self):
        if any(line.quantity < 0 for line in self):
            raise ValidationError(self.env._("A quantity cannot be negative."))
