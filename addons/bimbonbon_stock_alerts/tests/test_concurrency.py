# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestConcurrentDetection(TransactionCase):
    """Two pickings of one product done at once, in two transactions: recording never makes
    one wait for the other, and the cron gives one open alert however the work interleaves."""

    def setUp(self):
        super().setUp()
        # Committed data, seen by both transactions; removed again in the cleanup.
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            self.warehouse_id = env["stock.warehouse"].search([], limit=1).id
            self.product_id = (
                env["product.product"]
                .create({"name": "Concurrency test product", "type": "consu", "is_storable": True})
                .id
            )
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            alerts = env["bimbonbon.stock.alert"].search([("product_id", "=", self.product_id)])
            env["mail.mail"].search(
                [("model", "=", alerts._name), ("res_id", "in", alerts.ids)]
            ).unlink()
            alerts.activity_ids.unlink()
            alerts.unlink()
            env["bimbonbon.stock.alert.check"].search(
                [("product_id", "=", self.product_id)]
            ).unlink()
            product = env["product.product"].browse(self.product_id)
            env["stock.warehouse.orderpoint"].search([("product_id", "=", product.id)]).unlink()
            product.product_tmpl_id.unlink()

    def _env(self, cr):
        return api.Environment(cr, api.SUPERUSER_ID, {})

    def _record(self, cr):
        """What the stock.move hook of a validated picking writes."""
        self._env(cr)["bimbonbon.stock.alert.check"].create(
            {"product_id": self.product_id, "warehouse_id": self.warehouse_id}
        )

    def _apply(self, cr):
        env = self._env(cr)
        warehouse = env["stock.warehouse"].browse(self.warehouse_id)
        product = env["product.product"].browse(self.product_id)
        levels = env["bimbonbon.stock.alert.check"]._get_levels(product, warehouse)
        return env["bimbonbon.stock.alert"]._apply_levels(warehouse, levels)

    def _open_alerts(self):
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT level, state FROM bimbonbon_stock_alert WHERE product_id = %s",
                [self.product_id],
            )
            return cr.fetchall()

    def test_recording_does_not_wait_and_cron_opens_one_alert(self):
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            self._record(cr1)
            self._record(cr2)  # would block here if recording locked a shared row
            cr1.commit()
            cr2.commit()
        with self.registry.cursor() as cr:
            self.assertEqual(self._env(cr)["bimbonbon.stock.alert.check"]._process(1000), 1)
        self.assertEqual(self._open_alerts(), [("out_of_stock", "open")])

    def test_two_transactions_one_open_alert(self):
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            # Both transactions take their snapshot before either has created an alert.
            for cr in (cr1, cr2):
                cr.execute(
                    "SELECT count(*) FROM bimbonbon_stock_alert WHERE product_id = %s",
                    [self.product_id],
                )
                self.assertEqual(cr.fetchone()[0], 0)
            self.assertEqual(self._apply(cr1).mapped("level"), ["out_of_stock"])
            cr1.commit()
            # cr2 does not see cr1's alert (repeatable read) and tries to create it too.
            with mute_logger("odoo.sql_db"):
                self.assertFalse(self._apply(cr2), "the second transaction gives way")
            cr2.commit()
        self.assertEqual(self._open_alerts(), [("out_of_stock", "open")])
