# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import threading
from unittest.mock import patch

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestRegistrationConcurrency(TransactionCase):
    """Two registrations of one serial in two real transactions: exactly one wins.

    The data is committed (other transactions must see it) and removed again afterwards.
    """

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            template = env["product.template"].create(
                {"name": "Concurrency mixer", "is_storable": True, "tracking": "serial"}
            )
            lot = env["stock.lot"].create(
                {"name": "RACE-0001", "product_id": template.product_variant_id.id}
            )
            partners = env["res.partner"].create([{"name": "Racer A"}, {"name": "Racer B"}])
            self.template_id, self.lot_id, self.partner_ids = template.id, lot.id, partners.ids
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            lot = env["stock.lot"].browse(self.lot_id)
            env["mail.activity"].search(
                [("res_model", "=", "stock.lot"), ("res_id", "=", lot.id)]
            ).unlink()
            env["bimbonbon.product.registration"].search([("lot_id", "=", lot.id)]).unlink()
            lot.unlink()
            env["product.template"].browse(self.template_id).unlink()
            env["res.partner"].browse(self.partner_ids).unlink()

    def _register(self, cr, partner_id):
        env = api.Environment(cr, SUPERUSER_ID, {})
        try:
            registration = env["bimbonbon.product.registration"]._register_lot(
                env["res.partner"].browse(partner_id),
                env["stock.lot"].browse(self.lot_id),
                channel="qr",
            )
            return registration.id
        except UserError as error:
            return error

    def _check_outcome(self, results):
        winners = [r for r in results if isinstance(r, int)]
        losers = [r for r in results if isinstance(r, UserError)]
        self.assertEqual(len(winners), 1, results)
        self.assertEqual(len(losers), 1, results)
        self.assertIn("Serial number RACE-0001 is already registered", str(losers[0]))
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            registrations = env["bimbonbon.product.registration"].search(
                [("lot_id", "=", self.lot_id)]
            )
            self.assertEqual(registrations.ids, winners)
            activities = env["mail.activity"].search(
                [("res_model", "=", "stock.lot"), ("res_id", "=", self.lot_id)]
            )
            self.assertEqual(len(activities), 1, "review task for customer service")

    def test_two_transactions_same_snapshot(self):
        """B's snapshot predates A's commit: only the unique index can refuse B."""
        cr_a = self.registry.cursor()
        cr_b = self.registry.cursor()
        try:
            # take B's snapshot now (REPEATABLE READ): A's registration stays invisible to it
            cr_b.execute("SELECT id FROM bimbonbon_product_registration LIMIT 1")
            result_a = self._register(cr_a, self.partner_ids[0])
            cr_a.commit()
            # B's check finds no owner (snapshot): the unique index refuses B's insert
            Registration = type(self.env["bimbonbon.product.registration"])
            refusals = []
            original = Registration._refuse_serial

            def spy(model, partner, lot, existing):
                refusals.append(existing)
                return original(model, partner, lot, existing)

            with patch.object(Registration, "_refuse_serial", spy):
                result_b = self._register(cr_b, self.partner_ids[1])
            self.assertEqual(len(refusals), 1)
            self.assertFalse(refusals[0], "refused by the database, not by the search")
            cr_b.commit()
        finally:
            cr_a.close()
            cr_b.close()
        self._check_outcome([result_a, result_b])

    def test_two_threads_at_once(self):
        barrier = threading.Barrier(2, timeout=30)
        results = [None, None]

        def run(index):
            with self.registry.cursor() as cr:
                cr.execute("SELECT 1")
                barrier.wait()
                # leaving the block commits (the review task of the loser too)
                results[index] = self._register(cr, self.partner_ids[index])

        threads = [threading.Thread(target=run, args=(index,)) for index in (0, 1)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        self._check_outcome(results)
