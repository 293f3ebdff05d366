# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class StockWarehouseOrderpoint(models.Model):
    _inherit = "stock.warehouse.orderpoint"

    @api.model
    def _get_stock_alert_orderpoint(self, product, warehouse, threshold):
        """The reordering rule of `product` in `warehouse`; a manual one at the threshold
        (as Odoo's replenishment report creates them) when there is none."""
        orderpoint = self.search(
            [("product_id", "=", product.id), ("warehouse_id", "=", warehouse.id)], limit=1
        )
        if not orderpoint:
            orderpoint = self.create(
                self._get_orderpoint_values(product.id, warehouse.lot_stock_id.id)
                | {"product_min_qty": threshold, "product_max_qty": threshold}
            )
        return orderpoint

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
