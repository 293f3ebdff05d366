# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestConcurrentDetection(TransactionCase):
    """Two transactions see the same shortage at once (two stock moves finishing together):
    the partial unique index lets only one open alert in, the other gives way quietly."""

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
            alerts.unlink()
            env["product.product"].browse(self.product_id).product_tmpl_id.unlink()

    def _check(self, cr):
        env = api.Environment(cr, api.SUPERUSER_ID, {})
        return env["bimbonbon.stock.alert"]._check_stock(
            env["product.product"].browse(self.product_id),
            env["stock.warehouse"].browse(self.warehouse_id),
        )

    def test_two_transactions_one_open_alert(self):
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            # Both transactions take their snapshot before either has created an alert.
            for cr in (cr1, cr2):
                cr.execute(
                    "SELECT count(*) FROM bimbonbon_stock_alert WHERE product_id = %s",
                    [self.product_id],
                )
                self.assertEqual(cr.fetchone()[0], 0)
            created_1 = self._check(cr1)
            self.assertEqual(created_1.mapped("kind"), ["out_of_stock"])
            cr1.commit()
            # cr2 does not see cr1's alert (repeatable read) and tries to create it too.
            with mute_logger("odoo.sql_db"):
                created_2 = self._check(cr2)
            self.assertFalse(created_2, "the second transaction gives way")
            cr2.commit()
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT kind, state FROM bimbonbon_stock_alert WHERE product_id = %s",
                [self.product_id],
            )
            self.assertEqual(cr.fetchall(), [("out_of_stock", "open")])
