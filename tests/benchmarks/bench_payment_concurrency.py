# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Two accountants register payments at the same moment, each in its own transaction.

Case "one customer": both pay an invoice of the same customer. Case "two customers": each pays
an invoice of a different customer (the baseline: what Odoo itself costs, e.g. the payment
journal's sequence). Each payment runs through `odoo.service.model.retrying`, as an RPC call or
a click does: a serialization failure rolls back and retries after a random back-off. Printed:
rounds, attempts (a retry is an attempt more than the payments), the mean and worst time of a
payment, and whether the customer's payment status is right afterwards.

Unlike the other benchmarks this one must commit (concurrency needs two real transactions): it
commits its own customers and invoices to the benchmark database, which `make bench` drops."""

import threading
import time
from datetime import date

from odoo import api, fields
from odoo.modules.registry import Registry
from odoo.service.model import retrying
from odoo.tests import BaseCase, tagged
from odoo.tests.common import get_db_name

from .common import scale


@tagged("post_install", "-at_install")
class BenchPaymentConcurrency(BaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())

    def _setup(self, rounds):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            company = env.company
            if not company.chart_template:
                env["account.chart.template"].try_loading("generic_coa", company, False)
            customers = env["res.partner"].create(
                [
                    {"name": f"Bench payer {n}", "is_company": True, "customer_rank": 1}
                    for n in range(3)
                ]
            )
            invoices = {}
            for customer, count in zip(customers, (2 * rounds, rounds, rounds), strict=True):
                moves = env["account.move"].create(
                    [
                        {
                            "move_type": "out_invoice",
                            "partner_id": customer.id,
                            "invoice_date": date(2026, 1, 1),
                            "invoice_date_due": date(2026, 1, 1),
                            "invoice_line_ids": [
                                fields.Command.create(
                                    {"name": "Stroopwafels", "price_unit": 100, "tax_ids": []}
                                )
                            ],
                        }
                        for __ in range(count)
                    ]
                )
                moves.action_post()
                invoices[customer.id] = moves.ids
            return customers.ids, invoices

    def _pay(self, invoice_id, barrier, stats):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})

            def pay():
                stats["attempts"] += 1
                invoice = env["account.move"].browse(invoice_id)
                env["account.payment.register"].with_context(
                    active_model="account.move", active_ids=invoice.ids
                ).create({"payment_date": date(2026, 1, 15)})._create_payments()

            barrier.wait()
            start = time.perf_counter()
            retrying(pay, env)
            stats["times"].append(time.perf_counter() - start)

    def _run(self, label, pairs, check_partner_ids):
        stats = {"attempts": 0, "times": []}
        for first, second in pairs:
            barrier = threading.Barrier(2)
            threads = [
                threading.Thread(target=self._pay, args=(invoice_id, barrier, stats))
                for invoice_id in (first, second)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            partners = env["res.partner"].browse(check_partner_ids)
            statuses = partners.mapped("payment_status")
            open_amounts = partners.mapped("open_amount")
        payments = 2 * len(pairs)
        times = stats["times"]
        right = statuses == ["paid"] * len(partners) and not any(open_amounts)
        print(
            f"\nBENCH payment concurrency, {label}: rounds={len(pairs)}, payments={payments}, "
            f"attempts={stats['attempts']}, retries={stats['attempts'] - payments}, "
            f"mean={sum(times) / max(len(times), 1):.3f}s, worst={max(times, default=0):.3f}s, "
            f"status right={right} ({statuses}, open={open_amounts})"
        )
        self.assertEqual(len(times), payments, "a payment failed after all its retries")
        self.assertTrue(right, "the payment status is wrong after concurrent payments")

    def test_concurrent_payments(self):
        rounds = scale(20)
        (same, first, second), invoices = self._setup(rounds)
        same_ids = invoices[same]
        self._run("one customer", list(zip(same_ids[::2], same_ids[1::2], strict=True)), [same])
        self._run(
            "two customers",
            list(zip(invoices[first], invoices[second], strict=True)),
            [first, second],
        )
