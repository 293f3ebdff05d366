# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class StockMove(models.Model):
    _inherit = "stock.move"

    # The hooks only record which products changed where (one query per batch of moves) and
    # trigger the stock-alert cron: nothing is mailed, scheduled or ordered in the user's
    # transaction.

    def _action_done(self, cancel_backorder=False):
        # Inventory adjustments (stock.quant._apply_inventory) end here too.
        moves = super()._action_done(cancel_backorder=cancel_backorder)
        self.env["bimbonbon.stock.alert.check"]._record_moves(moves)
        return moves

    def _action_confirm(self, merge=True, merge_into=False, create_proc=True):
        # A confirmed delivery lowers the forecast, a confirmed receipt raises it.
        moves = super()._action_confirm(merge=merge, merge_into=merge_into, create_proc=create_proc)
        self.env["bimbonbon.stock.alert.check"]._record_moves(moves)
        return moves

    def _action_cancel(self):
        res = super()._action_cancel()
        self.env["bimbonbon.stock.alert.check"]._record_moves(self)
        return res

    @api.model
    def _get_late_for_shortage(self, alerts, order_ids=None):
        """The pending deliveries to customers of the alerts' products and warehouses that
        Odoo's forecast (the one behind sale_stock's "late availability") does not cover on
        time: short without an expected date, or expected after the promised date. Only
        those of `order_ids` when given."""
        moves = self.sudo().search(
            [
                ("product_id", "in", alerts.product_id.ids),
                ("location_id.warehouse_id", "in", alerts.warehouse_id.ids),
                ("location_dest_id.usage", "=", "customer"),
                ("state", "in", ("waiting", "confirmed", "partially_available", "assigned")),
                ("sale_line_id", "!=", False),
                *(
                    [("sale_line_id.order_id", "in", list(order_ids))]
                    if order_ids is not None
                    else []
                ),
            ]
        )
        return moves.filtered(lambda move: move._is_forecast_late())

    def _is_forecast_late(self):
        self.ensure_one()
        promised = self.date_deadline or self.picking_id.scheduled_date
        if self.forecast_expected_date:
            return bool(promised and promised < self.forecast_expected_date)
        return self.product_id.uom_id.compare(self.forecast_availability, self.product_qty) < 0
