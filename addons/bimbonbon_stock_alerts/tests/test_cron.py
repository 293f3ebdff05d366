# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from unittest.mock import patch

from odoo import Command
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

    def _state(self):
        alerts = self.env["bimbonbon.stock.alert"].search([("product_id", "in", self.products.ids)])
        return alerts, self._mails(alerts)

    def _deliver(self, product, quantity):
        """A delivery of `quantity`, validated by a stock user; the cron does not run."""
        picking = self.env["stock.picking"].create(
            {
                "picking_type_id": self.warehouse.out_type_id.id,
                "location_id": self.stock_location.id,
                "location_dest_id": self.env.ref("stock.stock_location_customers").id,
                "move_ids": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "product_uom_qty": quantity,
                            "location_id": self.stock_location.id,
                            "location_dest_id": self.env.ref("stock.stock_location_customers").id,
                        }
                    )
                ],
            }
        )
        picking.action_confirm()
        picking.action_assign()
        picking.move_ids.quantity = quantity
        picking.move_ids.picked = True
        picking.button_validate()
        return picking

    def test_full_check_catches_missed_shortages_once(self):
        # No stock ever moved: no move recorded them; the scheduled check finds them.
        self.assertFalse(self._state()[0])
        calls = self._run_full_check()
        self.assertGreaterEqual(len(calls), 3, "batches of 2 products")
        alerts, mails = self._state()
        self.assertEqual(len(alerts), 5, "one alert per product")
        self.assertEqual(set(alerts.mapped("level")), {"out_of_stock"})
        self.assertEqual(len(mails), 5)
        self._run_full_check()
        self.assertEqual(self._state(), (alerts, mails), "a re-run sends nothing twice")

    def test_full_check_leaves_the_work_to_the_processing_cron(self):
        """The full check queues every product and wakes the processing cron: only that
        cron works the queue (Odoo never runs one cron twice at once), no second worker
        racing it on the same product's alert."""
        cron = self.env.ref("bimbonbon_stock_alerts.ir_cron_process_stock_alerts")
        Trigger = self.env["ir.cron.trigger"]
        triggers = Trigger.search_count([("cron_id", "=", cron.id)])
        self.env["bimbonbon.stock.alert.check"]._cron_check_stock_alerts()
        self.assertFalse(self._state()[0], "nothing done by the check itself")
        self.assertTrue(self.env["bimbonbon.stock.alert.check"].search_count([]))
        self.assertGreater(Trigger.search_count([("cron_id", "=", cron.id)]), triggers)
        self._process()
        self.assertEqual(len(self._state()[0]), 5)

    def test_full_check_resolves(self):
        self._run_full_check()
        self.env["stock.quant"].with_context(
            bimbonbon_stock_alert_skip=True
        )._update_available_quantity(self.product, self.stock_location, 40)
        self._run_full_check()
        self.assertEqual(self._alerts(self.product).state, "resolved")

    def test_crash_mid_run_loses_nothing_and_doubles_nothing(self):
        self._run_full_check(crash_at=2)
        alerts, mails = self._state()
        self.assertEqual(len(alerts), 2, "only the first batch (2 products) was committed")
        self.assertEqual(len(mails), 2)
        self._process()
        alerts, mails = self._state()
        self.assertEqual(len(alerts), 5, "the queue kept the rest")
        self.assertEqual(len(mails), 5, "one mail per alert, none twice")

    def test_validation_does_nothing_but_record(self):
        """Validating a picking creates no alert, mail or activity; it records the product
        and triggers the cron, which does the work."""
        self._set_stock(self.product, 30)
        Mail, Activity = self.env["mail.mail"], self.env["mail.activity"]
        mails, activities = Mail.search_count([]), Activity.search_count([])
        cron = self.env.ref("bimbonbon_stock_alerts.ir_cron_process_stock_alerts")
        triggers = self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)])
        picking = self._deliver(self.product, 25)
        self.assertEqual(picking.state, "done")
        self.assertFalse(self._alerts(self.product))
        self.assertEqual((Mail.search_count([]), Activity.search_count([])), (mails, activities))
        self.assertGreater(
            self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)]), triggers
        )
        queued = self.env["bimbonbon.stock.alert.check"].search([])
        self.assertEqual(queued.mapped("product_id"), self.product)
        self._process()
        self.assertEqual(self._alerts(self.product).level, "nearly_out")

    def test_crash_in_notification_keeps_picking_and_retries(self):
        self._set_stock(self.product, 30)
        picking = self._deliver(self.product, 30)
        Alert = self.registry["bimbonbon.stock.alert"]
        with patch.object(
            Alert, "_schedule_purchasing_activity", side_effect=RuntimeError("mail server down")
        ):
            self._process(crash=True)
        self.assertEqual(picking.state, "done", "the warehouse is never blocked")
        self.assertFalse(self._alerts(self.product), "rolled back")
        self.assertTrue(self.env["bimbonbon.stock.alert.check"].search([]), "still queued")
        self._process()
        alert = self._alerts(self.product)
        self.assertEqual(alert.level, "out_of_stock")
        self.assertEqual(len(self._mails(alert)), 1)
        self.assertEqual(len(alert.activity_ids), 1)
        self._process()
        self._run_full_check()
        self.assertEqual(len(self._mails(alert)), 1, "nothing sent twice")
