# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from markupsafe import Markup

from odoo import api, fields, models
from odoo.fields import Domain


class SaleOrder(models.Model):
    _inherit = "sale.order"

    delivery_at_risk = fields.Boolean(
        compute="_compute_delivery_at_risk",
        search="_search_delivery_at_risk",
        help="A product of this order is in an open stock alert and Odoo's forecast of the "
        "delivery (late availability) does not cover it by the promised date.",
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
        """Ids of the orders (among `order_ids`) with a delivery that sale_stock's forecast
        sees late, of a product in an unresolved stock alert."""
        if order_ids is not None and not order_ids:
            return set()
        alerts = self.env["bimbonbon.stock.alert"].sudo().search([("state", "!=", "resolved")])
        if not alerts:
            return set()
        moves = self.env["stock.move"]._get_late_for_shortage(alerts, order_ids)
        return set(moves.sale_line_id.order_id.ids)

    @api.model
    def _get_shortage_dates(self, orders):
        """When the late deliveries of `orders` are expected: sale_stock's forecast date,
        else the replenishment's (today plus the lead time of the alert)."""
        alerts = self.env["bimbonbon.stock.alert"].sudo().search([("state", "!=", "resolved")])
        moves = self.env["stock.move"]._get_late_for_shortage(alerts, orders.ids)
        expected = {(alert.product_id, alert.warehouse_id): alert.expected_date for alert in alerts}
        return [
            move.forecast_expected_date
            or expected.get((move.product_id, move.location_id.warehouse_id))
            for move in moves
        ]

    @api.model
    def _inform_about_shortages(self, alerts):
        """Link to `alerts` the order lines they make late (the forecast of their deliveries)
        and tell the salespeople of the lines linked now."""
        moves = self.env["stock.move"]._get_late_for_shortage(alerts) if alerts else None
        for alert in alerts:
            lines = moves.filtered(
                lambda m, a=alert: m.product_id == a.product_id
                and m.location_id.warehouse_id == a.warehouse_id
            ).sale_line_id
            added = lines - alert.sale_line_ids
            if added:
                alert.sale_line_ids |= added
                self._notify_shortage(alert, added.order_id)

    def _get_shortage_salespeople(self):
        """Who informs the customer of this order about a shortage (hook): the order's
        salesperson and the customer's, when someone else took the order."""
        self.ensure_one()
        partner = self.partner_id
        users = self.user_id | partner.user_id | partner.commercial_partner_id.user_id
        return users.filtered(lambda user: not user.share)

    @api.model
    def _notify_shortage(self, alert, orders):
        """One activity per salesperson and alert, listing their customers and orders hit;
        orders hit later join that activity's list."""
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        env = self.with_context(lang=alert.company_id.partner_id.lang).env  # as the mails
        summary = env._("Customers to inform about a shortage")
        orders_by_user = defaultdict(lambda: self.env["sale.order"])
        for order in orders:
            for user in order._get_shortage_salespeople():
                orders_by_user[user] |= order
        for user, user_orders in orders_by_user.items():
            items = Markup("").join(
                Markup("<li>%s: %s (%s)</li>")
                % (
                    order.partner_id.display_name,
                    order.name,
                    fields.Date.to_string(order.commitment_date or order.expected_date),
                )
                for order in user_orders
            )
            existing = alert.activity_ids.filtered(
                lambda a, u=user: a.user_id == u and a.activity_type_id == activity_type
            )[:1]
            if existing:
                existing.note = (existing.note or Markup("")) + Markup("<ul>%s</ul>") % items
                continue
            note = Markup("<p>%s</p><ul>%s</ul><p>%s</p>") % (
                env._(
                    "%(product)s is short in %(warehouse)s. These customers and orders "
                    "are affected:",
                    product=alert.product_id.display_name,
                    warehouse=alert.warehouse_id.name,
                ),
                items,
                env._('Open an order and use "New appointment" to give the customer a new date.'),
            )
            alert.activity_schedule(
                activity_type_id=activity_type.id, summary=summary, note=note, user_id=user.id
            )

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
