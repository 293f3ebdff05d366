# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, time

import pytz

from odoo import Command, fields, models
from odoo.exceptions import AccessError, UserError

#: The departments that take orders at the customer (customer service and management imply it).
QUICK_SALE_GROUP = "bimbonbon_crm.group_sales"


class SaleOrderQuick(models.TransientModel):
    """A sales order taken at the customer on a tablet (the "Quick sale" screen).

    The screen (client action ``bimbonbon_crm.quick_sale``) creates one of these with its lines
    and calls :meth:`action_confirm_order`, which makes it a normal, confirmed sales order."""

    _name = "sale.order.quick"
    _description = "Quick sale"

    partner_id = fields.Many2one("res.partner", string="Customer", required=True)
    commitment_date = fields.Date(
        string="Delivery date",
        required=True,
        help="The day the customer wants the goods.",
    )
    line_ids = fields.One2many("sale.order.quick.line", "quick_id", string="Products")
    order_id = fields.Many2one("sale.order", string="Sales order", readonly=True)

    def action_confirm_order(self):
        """Create the sales order, confirm it and open it (once: a repeated call, e.g. a
        tablet retrying on a flaky network, opens the same order)."""
        self._check_staff_access("write")
        self.ensure_one()
        if not self.env.user.has_group(QUICK_SALE_GROUP):
            raise AccessError(
                self.env._("Only sales, customer service and management take orders.")
            )
        order = self.order_id
        if not order:
            order = self.env["sale.order"].create(self._prepare_order_values())
            order.action_confirm()
            self.order_id = order
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "res_id": order.id,
            "views": [(False, "form")],
            "target": "current",
        }

    def _prepare_order_values(self):
        """Check the quick sale and return the values of its sales order (hook)."""
        self.ensure_one()
        lines = self.line_ids.filtered(lambda line: line.quantity > 0)
        if not lines:
            raise UserError(self.env._("Add at least one product."))
        if not all(lines.product_id.mapped("sale_ok")):
            raise UserError(self.env._("One of the products cannot be sold."))
        if self.commitment_date < fields.Date.context_today(self):
            raise UserError(self.env._("The delivery date cannot lie in the past."))
        return {
            "partner_id": self.partner_id.id,
            "commitment_date": self._get_commitment_datetime(),
            "order_line": [
                Command.create({"product_id": line.product_id.id, "product_uom_qty": line.quantity})
                for line in lines
            ],
        }

    def _get_commitment_datetime(self):
        """Noon of the delivery date in the user's time zone, in UTC (sale.order stores a
        datetime; noon shows the same day in every European time zone)."""
        tz = pytz.timezone(self.env.context.get("tz") or self.env.user.tz or "Europe/Amsterdam")
        local = tz.localize(datetime.combine(self.commitment_date, time(12)))
        return local.astimezone(pytz.utc).replace(tzinfo=None)
