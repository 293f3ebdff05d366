# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Stock alerts over 10,000 products and 50,000 stock moves: the detection hook (what a
picking validation pays) and the cron (what it does later), measured separately.

Products and reordering rules are created through the ORM in batches; quants and moves, plain
rows that the check only reads, are inserted with SQL. Run:
BENCH_PATHS=tests/benchmarks/bench_stock_alerts.py ADDONS=bimbonbon_stock_alerts make bench
"""

from unittest.mock import patch

from odoo import Command
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL

from .common import measure, scale


@tagged("post_install", "-at_install")
class BenchStockAlerts(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env(context=dict(cls.env.context, tracking_disable=True, mail_create_nolog=True))
        cls.warehouse = env["stock.warehouse"].search(
            [("company_id", "=", env.company.id)], limit=1
        )
        stock = cls.warehouse.lot_stock_id
        customers = env.ref("stock.stock_location_customers")
        vendor = env["res.partner"].create({"name": "Bench vendor"})
        cls.n_products = scale(10000)
        cls.n_moves = scale(50000)
        products = env["product.product"]
        for start in range(0, cls.n_products, 1000):
            products |= env["product.product"].create(
                [
                    {
                        "name": f"Bench product {index}",
                        "type": "consu",
                        "is_storable": True,
                        "stock_alert_threshold": 10 if index % 3 == 0 else 0,
                        "seller_ids": [Command.create({"partner_id": vendor.id, "delay": 2})],
                    }
                    for index in range(start, min(start + 1000, cls.n_products))
                ]
            )
        cls.products = products
        env["stock.warehouse.orderpoint"].create(
            [
                {
                    "product_id": product.id,
                    "warehouse_id": cls.warehouse.id,
                    "location_id": stock.id,
                    "trigger": "manual",
                    "product_min_qty": 20,
                    "product_max_qty": 80,
                }
                for product in products[::5]
            ]
        )
        env.flush_all()
        cr = env.cr
        # Stock on hand: 0..99 per product (every 7th has none).
        cr.execute(
            SQL(
                """INSERT INTO stock_quant (product_id, location_id, company_id, quantity,
                                            reserved_quantity, in_date, create_date, write_date)
                   SELECT p.id, %(stock)s, %(company)s, (p.id * 37) %% 100, 0, now(), now(), now()
                     FROM product_product p WHERE p.id = ANY(%(ids)s) AND p.id %% 7 != 0""",
                stock=stock.id,
                company=env.company.id,
                ids=products.ids,
            )
        )
        # Moves: 4 in 5 done history, 1 in 5 confirmed deliveries that lower the forecast.
        cr.execute(
            SQL(
                """INSERT INTO stock_move (product_id, product_uom, location_id, location_dest_id,
                                           company_id, procure_method, product_uom_qty,
                                           product_qty, quantity, state, date, create_date,
                                           write_date)
                   SELECT ids.id, %(uom)s, %(stock)s, %(customers)s, %(company)s,
                          'make_to_stock', 1 + n %% 5, 1 + n %% 5, 0,
                          CASE WHEN n %% 5 = 0 THEN 'confirmed' ELSE 'done' END,
                          now(), now(), now()
                     FROM generate_series(0, %(moves)s - 1) AS n
                     JOIN LATERAL (SELECT (%(ids)s)[1 + n %% %(count)s] AS id) ids ON TRUE""",
                uom=env.ref("uom.product_uom_unit").id,
                stock=stock.id,
                customers=customers.id,
                company=env.company.id,
                moves=cls.n_moves,
                ids=products.ids,
                count=len(products),
            )
        )
        env.invalidate_all()

    def _run_cron(self, full):
        # No commits inside a test: the batches are counted, not committed.
        Check = self.env["bimbonbon.stock.alert.check"]
        with patch.object(
            self.registry["ir.cron"], "_commit_progress", lambda *a, **k: float("inf")
        ):
            if full:
                Check._cron_check_stock_alerts()
            else:
                Check._cron_process_stock_alerts()

    def test_bench_hook_and_cron(self):
        Alert = self.env["bimbonbon.stock.alert"]
        moves = self.env["stock.move"].search([("product_id", "in", self.products.ids)])
        batch = 50
        with measure(self.env, "stock alerts: hook, 50 moves per validation", len(moves)) as f:
            for start in range(0, len(moves), batch):
                self.env["bimbonbon.stock.alert.check"]._record_moves(moves[start : start + batch])
            f["validations"] = -(-len(moves) // batch)
        before = self.cr.sql_log_count
        self.env["bimbonbon.stock.alert.check"]._record_moves(moves[:batch])
        print(
            f"BENCH stock alerts: hook queries for one validation: {self.cr.sql_log_count - before}"
        )
        self.env.invalidate_all()
        with measure(self.env, "stock alerts: cron, after the hook", self.n_products) as f:
            self._run_cron(full=False)
            for level, count in Alert._read_group(
                [("product_id", "in", self.products.ids)], ["level"], ["__count"]
            ):
                f[level] = count
        self.env.invalidate_all()
        alerts_before = Alert.search_count([("product_id", "in", self.products.ids)])
        with measure(self.env, "stock alerts: hourly check of every product", self.n_products) as f:
            self._run_cron(full=True)
            f["alerts"] = Alert.search_count([("product_id", "in", self.products.ids)])
        self.assertEqual(f["alerts"], alerts_before, "the re-run opens nothing new")
