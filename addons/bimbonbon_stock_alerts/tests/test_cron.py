# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from unittest.mock import patch

from odoo.tests import tagged

from .common import StockAlertCase


@tagged("post_install", "-at_install")
class TestCron(StockAlertCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.products = cls.product
        for index in range(4):
            cls.products |= cls._create_product(f"Cron product {index}")
        cls.env["ir.config_parameter"].set_param("bimbonbon_stock_alerts.cron_batch_size", 2)

    def _run_cron(self, crash_at=None):
        """Run the scheduled check; `_commit_progress` "commits" by setting a savepoint that
        a crash rolls back to, as a real crash rolls back to the last commit."""
        calls = []

        def commit_progress(cron, processed=0, *, remaining=None, deactivate=False):
            calls.append(processed)
            if crash_at and len(calls) == crash_at:
                raise RuntimeError("worker killed")
            self.env.cr.execute("SAVEPOINT cron_committed")
            return float("inf")

        self.env.cr.execute("SAVEPOINT cron_committed")
        with patch.object(self.registry["ir.cron"], "_commit_progress", commit_progress):
            try:
                self.env["bimbonbon.stock.alert"]._cron_check_stock_alerts()
            except RuntimeError:
                self.env.invalidate_all(flush=False)
                self.env.cr.execute("ROLLBACK TO SAVEPOINT cron_committed")
                self.env.invalidate_all(flush=False)
        return calls

    def _state(self):
        alerts = self.env["bimbonbon.stock.alert"].search([("product_id", "in", self.products.ids)])
        return alerts, self._mails(alerts)

    def test_cron_catches_missed_shortages_once(self):
        # No stock ever moved: detection never ran; the scheduled check finds them.
        self.assertFalse(self._state()[0])
        calls = self._run_cron()
        self.assertGreaterEqual(len(calls), 3, "batches of 2 products")
        alerts, mails = self._state()
        self.assertEqual(len(alerts), 10, "out of stock and nearly out for 5 products")
        self.assertEqual(len(mails), 10)
        self._run_cron()
        self.assertEqual(self._state(), (alerts, mails), "a re-run sends nothing twice")

    def test_cron_resolves(self):
        self._run_cron()
        self.env["stock.quant"].with_context(
            bimbonbon_stock_alert_skip=True
        )._update_available_quantity(self.product, self.stock_location, 40)
        self._run_cron()
        alerts = self._alerts(self.product)
        self.assertEqual(set(alerts.mapped("state")), {"resolved"})

    def test_crash_mid_run_loses_nothing_and_doubles_nothing(self):
        self._run_cron(crash_at=2)
        alerts, mails = self._state()
        self.assertEqual(len(alerts), 4, "only the first batch (2 products) was committed")
        self.assertEqual(len(mails), 4)
        self._run_cron()
        alerts, mails = self._state()
        self.assertEqual(len(alerts), 10)
        self.assertEqual(len(mails), 10, "one mail per alert, none twice")
