# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.fields import Domain

from .bimbonbon_stock_alert import SHORTAGE_KINDS


class SaleOrder(models.Model):
    _inherit = "sale.order"

    delivery_at_risk = fields.Boolean(
        compute="_compute_delivery_at_risk",
        search="_search_delivery_at_risk",
        help="A confirmed, undelivered line of this order is short in stock and the stock "
        "is not expected back before the date promised to the customer.",
    )

    @api.depends_context("uid")
    def _compute_delivery_at_risk(self):
        at_risk = self._get_orders_at_risk(self.ids)
        for order in self:
            order.delivery_at_risk = order.id in at_risk

    def _search_delivery_at_risk(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        values = {bool(v) for v in value}
        if operator == "not in":
            values = {True, False} - values
        if values == {True, False}:
            return Domain.TRUE
        if not values:
            return Domain.FALSE
        at_risk = list(self._get_orders_at_risk())
        return Domain("id", "in" if True in values else "not in", at_risk)

    @api.model
    def _get_orders_at_risk(self, order_ids=None):
        """Ids of confirmed orders with an undelivered line in an unresolved shortage alert
        whose stock is expected after the promised date."""
        domain = Domain([("state", "!=", "resolved"), ("kind", "in", SHORTAGE_KINDS)])
        if order_ids is not None:
            if not order_ids:
                return set()
            domain &= Domain("sale_line_ids.order_id", "in", list(order_ids))
        alerts = self.env["bimbonbon.stock.alert"].sudo().search(domain)
        at_risk = set()
        for alert in alerts:
            expected = alert.expected_date
            for line in alert.sale_line_ids:
                order = line.order_id
                if order.state != "sale" or order.id in at_risk:
                    continue
                if line.product_uom_id.compare(line.qty_delivered, line.product_uom_qty) >= 0:
                    continue
                promised = order.commitment_date or order.expected_date
                if not promised or promised < expected:
                    at_risk.add(order.id)
        return at_risk

    def action_open_new_date(self):
        self._check_staff_access("write")
        self.ensure_one()
        self.env["sale.order.new.date"].check_access("create")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("New appointment"),
            "res_model": "sale.order.new.date",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_order_id": self.id},
        }
