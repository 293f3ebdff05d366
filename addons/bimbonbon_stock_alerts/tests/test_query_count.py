# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .common import StockAlertCase

# Queries of the detection hook for one batch of done moves, whatever its size.
BUDGET_NO_ALERT = 11
BUDGET_ONE_ALERT = 72


@tagged("post_install", "-at_install")
class TestQueryCount(StockAlertCase):
    def _done_moves(self, product_qties):
        """Deliveries, done without detection; detection is then measured on its own."""
        env = self.env(context=dict(self.env.context, bimbonbon_stock_alert_skip=True))
        customers = env.ref("stock.stock_location_customers")
        moves = env["stock.move"].create(
            [
                {
                    "product_id": product.id,
                    "product_uom_qty": qty,
                    "location_id": self.stock_location.id,
                    "location_dest_id": customers.id,
                    "picking_type_id": self.warehouse.out_type_id.id,
                }
                for product, qty in product_qties
            ]
        )
        moves = moves._action_confirm(merge=False)
        moves._action_assign()
        for move in moves:
            move.quantity = move.product_uom_qty
        moves.picked = True
        moves._action_done()
        self.env.invalidate_all()
        return moves.with_env(self.env)

    def _count(self, function, *args):
        before = self.cr.sql_log_count
        function(*args)
        return self.cr.sql_log_count - before

    def _stocked_products(self, count, quantity):
        products = self.env["product.product"]
        for index in range(count):
            products |= self._create_product(f"Budget product {index}")
        env = self.env(context=dict(self.env.context, bimbonbon_stock_alert_skip=True))
        for product in products:
            env["stock.quant"]._update_available_quantity(product, self.stock_location, quantity)
        return products

    def test_budget_without_alerts_1_vs_20_moves(self):
        products = self._stocked_products(21, 100)
        warm, products = products[0], products[1:]
        Alert = self.env["bimbonbon.stock.alert"]
        Alert._check_moves(self._done_moves([(warm, 1)]))
        one = self._done_moves([(products[0], 1)])
        with self.assertQueryCount(BUDGET_NO_ALERT):
            count_one = self._count(Alert._check_moves, one)
        twenty = self._done_moves([(product, 1) for product in products])
        with self.assertQueryCount(BUDGET_NO_ALERT):
            count_twenty = self._count(Alert._check_moves, twenty)
        self.assertEqual(count_one, count_twenty)
        self.assertFalse(Alert.search([("product_id", "in", products.ids)]))

    def test_budget_with_an_alert_1_vs_20_moves(self):
        warm, first, second = self._stocked_products(3, 30)
        Alert = self.env["bimbonbon.stock.alert"]
        # A first alert fills the registry caches (templates, groups, activity types).
        Alert._check_moves(self._done_moves([(warm, 25)]))
        one = self._done_moves([(first, 25)])
        with self.assertQueryCount(BUDGET_ONE_ALERT):
            count_one = self._count(Alert._check_moves, one)
        twenty = self._done_moves([(second, 1.25)] * 20)
        with self.assertQueryCount(BUDGET_ONE_ALERT):
            count_twenty = self._count(Alert._check_moves, twenty)
        self.assertEqual(count_one, count_twenty, "one alert each: the same queries")
        self.assertEqual(len(Alert.search([("product_id", "in", (first | second).ids)])), 2)

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
        short = self._alerts(self.product, kind="short_for_orders")
        self.assertEqual(short.sale_order_ids, orders, "later orders join the open shortage")
        self.assertEqual(
            len(short.activity_ids.filtered(lambda a: a.user_id == self.salesperson)),
            1,
            "one activity for the salesperson, listing all eleven orders",
        )
        note = str(short.activity_ids.filtered(lambda a: a.user_id == self.salesperson).note)
        self.assertTrue(all(order.name in note for order in orders))
