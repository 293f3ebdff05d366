# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Benchmark of product notices: a recall over a batch delivered to 100,000 customers.

The customers, deliveries and registrations are SQL copies of one record made through the
ORM (the ORM would take an hour to make 100,000 deliveries); the audience, the recipient
lines and the mails are then made by the code under test."""

import time
from unittest.mock import patch

from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL

from odoo.addons.bimbonbon_service.tests.common import ServiceFixtures
from odoo.addons.bimbonbon_service.tests.common_notice import NoticeFixtures

from .common import copy_rows, measure, scale, series


@tagged("post_install", "-at_install", "bench")
class BenchNotices(NoticeFixtures, ServiceFixtures, TransactionCase):
    def test_bench_recall(self):
        count = scale(100000)
        print(f"\nBENCH notices: scale {count} customers")
        self._create_registrable_products()
        batch = self.env["stock.lot"].create({"name": "SW-BENCH", "product_id": self.mix.id})
        template = self._create_customer("Sjabloon", email="sjabloon@example.com")
        self._move_lot(batch, template, 1)
        registration = self.env["bimbonbon.product.registration"].create(
            {"partner_id": template.id, "product_id": self.mix.id, "lot_id": batch.id}
        )
        self.env.flush_all()
        cr = self.env.cr
        start = time.perf_counter()
        partners = copy_rows(
            cr,
            "res_partner",
            template.id,
            series(count),
            {
                "name": SQL("'Klant ' || src.n"),
                "email": SQL(
                    "CASE WHEN src.n %% 10 = 0 THEN NULL"
                    " ELSE 'klant' || src.n || '@example.com' END"
                ),
                "customer_number": SQL("NULL"),
            },
        )
        cr.execute(
            "UPDATE res_partner SET commercial_partner_id = id WHERE id = ANY(%s)", [partners]
        )
        source = SQL("SELECT unnest(%s::int[]) AS partner_id", partners)
        line = self.env["stock.move.line"].search([("lot_id", "=", batch.id)])
        moves = copy_rows(
            cr,
            "stock_move",
            line.move_id.id,
            source,
            {"partner_id": SQL("src.partner_id"), "picking_id": SQL("NULL")},
        )
        copy_rows(
            cr,
            "stock_move_line",
            line.id,
            SQL("SELECT unnest(%s::int[]) AS move_id", moves),
            {"move_id": SQL("src.move_id"), "picking_id": SQL("NULL")},
        )
        # a tenth of them also registered their pack (deduplicated with the delivery)
        copy_rows(
            cr,
            "bimbonbon_product_registration",
            registration.id,
            SQL("SELECT unnest(%s::int[]) AS partner_id", partners[::10]),
            {
                "partner_id": SQL("src.partner_id"),
                "commercial_partner_id": SQL("src.partner_id"),
            },
        )
        cr.execute(
            "ANALYZE res_partner, stock_move, stock_move_line, bimbonbon_product_registration"
        )
        print(f"BENCH notices: {count} customers copied in {time.perf_counter() - start:.1f}s")
        self.env.invalidate_all()

        notice = self._create_notice(self.mix_tmpl, lot_ids=[(6, 0, batch.ids)])
        self.env.invalidate_all()
        with measure(self.env, "notice audience counts", count + 1) as figures:
            figures["reachable"] = notice.audience_reachable_count
            figures["unreachable"] = notice.audience_unreachable_count
        self.assertEqual(figures["reachable"] + figures["unreachable"], count + 1)

        with (
            measure(self.env, "notice action_send (recipient lines)", count + 1),
            patch.object(type(self.env["ir.cron"]), "_trigger"),
        ):
            notice.action_send()
        self.assertEqual(notice.recipient_count, count + 1)

        batches = []

        def commit_progress(ir_cron, processed=0, *, remaining=None, deactivate=False):
            self.env.flush_all()
            batches.append(cr.sql_log_count)
            return 3600.0

        mailed = figures["reachable"]
        with (
            measure(self.env, "notice cron: mails queued", mailed) as figures,
            patch.object(type(self.env["ir.cron"]), "_commit_progress", commit_progress),
        ):
            start = time.perf_counter()
            self.env["bimbonbon.product.notice"]._cron_send_product_notices()
            figures["mails_per_second"] = round(mailed / (time.perf_counter() - start), 1)
            per_batch = [b - a for a, b in zip(batches[1:], batches[2:], strict=False)]
            figures["queries_per_batch"] = sorted(set(per_batch[:-1] or per_batch))
        self.assertEqual(notice.mailed_count, mailed)
