# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class StockWarehouseOrderpoint(models.Model):
    _inherit = "stock.warehouse.orderpoint"

    @api.model
    def _get_stock_alert_orderpoints(self, alerts):
        """{alert: reordering rule of its product in its warehouse}; a manual rule at the
        alert's threshold (as Odoo's replenishment report creates them) where there is none.
        One search and one create for all alerts."""
        by_key = {}
        for orderpoint in self.search(
            [
                ("product_id", "in", alerts.product_id.ids),
                ("warehouse_id", "in", alerts.warehouse_id.ids),
            ],
            order="id",
        ):
            by_key.setdefault((orderpoint.product_id, orderpoint.warehouse_id), orderpoint)
        missing = {}
        for alert in alerts:
            key = (alert.product_id, alert.warehouse_id)
            if not alert.orderpoint_id and key not in by_key:
                missing.setdefault(key, alert)
        created = self.create(
            [
                self._get_orderpoint_values(alert.product_id.id, alert.warehouse_id.lot_stock_id.id)
                | {
                    "company_id": alert.company_id.id,
                    "product_min_qty": alert.threshold,
                    "product_max_qty": alert.threshold,
                }
                for alert in missing.values()
            ]
        )
        for orderpoint in created:
            by_key[orderpoint.product_id, orderpoint.warehouse_id] = orderpoint
        return {
            alert: alert.orderpoint_id or by_key[alert.product_id, alert.warehouse_id]
            for alert in alerts
        }

    def _replenish_stock_alert(self, interactive):
        """Odoo's replenishment up to the maximum: the report's "Order to Max" when a buyer
        presses "Order" (errors are shown to them); as the scheduler runs a rule otherwise,
        so that a failure becomes core's warning activity on the product."""
        self.ensure_one()
        if interactive:
            self.action_replenish(force_to_max=True)
            return
        self.qty_to_order = self._get_multiple_rounded_qty(self.product_max_qty - self.qty_forecast)
        self._procure_orderpoint_confirm(company_id=self.company_id, raise_user_error=False)
        self.action_remove_manual_qty_to_order()
