# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.tests import tagged

from .common import StockAlertCase

# Queries the addon adds to the validation of a picking, whatever its number of moves: the
# INSERT of the products to check, the cron's state and the INSERT of its trigger.
VALIDATION_OVERHEAD = HOOK_BUDGET = 3


@tagged("post_install", "-at_install")
class TestQueryCount(StockAlertCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env(context=dict(cls.env.context, bimbonbon_stock_alert_skip=True))
        cls.products = env["product.product"].create(
            [{"name": f"Budget product {i}", "is_storable": True} for i in range(50)]
        )
        for product in cls.products:
            env["stock.quant"]._update_available_quantity(product, cls.stock_location, 100)

    def _ready_picking(self, products):
        """A delivery of one unit of each product, reserved, not validated (no detection)."""
        env = self.env(context=dict(self.env.context, bimbonbon_stock_alert_skip=True))
        customers = env.ref("stock.stock_location_customers")
        picking = env["stock.picking"].create(
            {
                "picking_type_id": self.warehouse.out_type_id.id,
                "location_id": self.stock_location.id,
                "location_dest_id": customers.id,
                "move_ids": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "product_uom_qty": 1,
                            "location_id": self.stock_location.id,
                            "location_dest_id": customers.id,
                        }
                    )
                    for product in products
                ],
            }
        )
        picking.action_confirm()
        picking.action_assign()
        picking.move_ids.quantity = 1
        picking.move_ids.picked = True
        self.env.flush_all()
        return picking.with_env(self.env)

    def _validate_count(self, products, with_addon):
        picking = self._ready_picking(products)
        if not with_addon:
            picking = picking.with_context(bimbonbon_stock_alert_skip=True)
        # The hook finds its cron by XML id, from Odoo's LRU-bounded ormcache: warm it here, so a
        # long run's evictions (seen once in a full run) are not counted as the hook's.
        self.env["ir.model.data"]._xmlid_to_res_model_res_id(
            "bimbonbon_stock_alerts.ir_cron_process_stock_alerts"
        )
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        picking.button_validate()
        self.env.flush_all()
        count = self.cr.sql_log_count - before
        self.assertEqual(picking.state, "done")
        return count

    def test_validation_overhead_is_constant(self):
        """Validating 1 and 50 moves: the same few extra queries with the addon."""
        one, fifty = self.products[:1], self.products
        for with_addon in (False, True):  # warm the caches
            self._validate_count(one, with_addon)
            self._validate_count(fifty, with_addon)
        counts = {
            (len(products), with_addon): self._validate_count(products, with_addon)
            for products in (one, fifty)
            for with_addon in (False, True)
        }
        overhead_1 = counts[1, True] - counts[1, False]
        overhead_50 = counts[50, True] - counts[50, False]
        self.assertEqual((overhead_1, overhead_50), (VALIDATION_OVERHEAD,) * 2, counts)
        self.assertEqual(
            len(self.env["bimbonbon.stock.alert.check"].search([]).product_id),
            50,
            "the products are queued for the cron",
        )
        # The hook on its own, on 1 and on 50 done moves: the same budget.
        Check = self.env["bimbonbon.stock.alert.check"]
        for products in (one, fifty):
            moves = self._ready_picking(products).move_ids
            self.env.invalidate_all()
            with self.assertQueryCount(HOOK_BUDGET):
                Check._record_moves(moves)

    def test_sales_list_flag_same_queries_for_1_and_10_orders(self):
        """The "delivery at risk" column costs the same for one order as for ten."""
        self._set_stock(self.product, 0)
        orders = self.env["sale.order"]
        for _index in range(11):
            orders |= self._sell(self.customer_a, self.salesperson, self.product, 1)
        SaleOrder = self.env["sale.order"].with_user(self.salesperson)
        fields_ = {"name": {}, "partner_id": {}, "delivery_at_risk": {}}
        SaleOrder.web_search_read([("id", "in", orders.ids)], fields_)  # warm the caches
        counts = []
        for batch in (orders[1:], orders[:1], orders[1:]):
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            records = SaleOrder.web_search_read([("id", "in", batch.ids)], fields_)["records"]
            counts.append(self.cr.sql_log_count - before)
            self.assertTrue(all(record["delivery_at_risk"] for record in records))
        self.assertEqual(counts[1], counts[2], counts)
        alert = self._alerts(self.product)
        self.assertEqual(alert.sale_order_ids, orders, "later orders join the open shortage")
        activity = alert.activity_ids.filtered(lambda a: a.user_id == self.salesperson)
        self.assertEqual(len(activity), 1, "one activity for the salesperson, all eleven orders")
        self.assertTrue(all(order.name in str(activity.note) for order in orders))
