# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Benchmark of the bimbonbon_crm reminder crons over 100,000 partners and invoices.

The records are copied in SQL from one partner and one posted invoice made with the ORM (every
column, so they are as valid as the originals for the crons), then the crons run as in
production, minus the commits (`_commit_progress` only flushes here)."""

from datetime import date, timedelta
from unittest.mock import patch

from odoo import fields
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL

from .common import copy_rows, measure, scale, series


@tagged("post_install", "-at_install")
class BenchCrmReminders(TransactionCase):
    def _fake_commit_progress(self):
        calls = []

        def commit_progress(ir_cron, processed=0, *, remaining=None, deactivate=False):
            calls.append(processed)
            self.env.flush_all()
            self.env.invalidate_all()
            return 3600.0

        return calls, patch.object(type(self.env["ir.cron"]), "_commit_progress", commit_progress)

    def _setup_data(self, count):
        env = self.env
        company = env.company
        if not company.chart_template:
            env["account.chart.template"].try_loading("generic_coa", company, install_demo=False)
        product = env["product.product"].create({"name": "Bench product", "list_price": 100})
        partner = env["res.partner"].create(
            {"name": "Bench customer", "is_company": True, "email": "bench@example.com"}
        )
        invoice = env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_date": date(2026, 1, 1),
                "invoice_date_due": date(2026, 1, 1),
                "invoice_line_ids": [
                    fields.Command.create(
                        {"product_id": product.id, "price_unit": 100, "tax_ids": []}
                    )
                ],
            }
        )
        invoice.action_post()
        env.flush_all()
        partner_ids = copy_rows(
            env.cr,
            "res_partner",
            partner.id,
            series(count),
            {
                "name": "'Bench customer ' || src.n",
                "complete_name": "'Bench customer ' || src.n",
                "email": "'bench' || src.n || '@example.com'",
                "customer_number": "'B' || lpad(src.n::text, 7, '0')",
                "create_date": "'2024-01-01'::timestamp",
                "payment_status": "'open'",
                "commercial_partner_id": "NULL",
            },
        )
        env.cr.execute(
            SQL(
                "UPDATE res_partner SET commercial_partner_id = id WHERE id = ANY(%s)",
                partner_ids,
            )
        )
        first = partner_ids[0]
        copy_rows(
            env.cr,
            "account_move",
            invoice.id,
            series(count),
            {
                "name": "'BENCH/' || src.n",
                "partner_id": f"{first - 1} + src.n",
                "commercial_partner_id": f"{first - 1} + src.n",
                "payment_reference": "'BENCH/' || src.n",
            },
        )
        env.invalidate_all()
        return partner_ids

    def test_bench_reminders(self):
        count = scale(100_000)
        self._setup_data(count)
        Move, Partner = self.env["account.move"], self.env["res.partner"]
        MailMail = self.env["mail.mail"]
        today = date(2026, 1, 1) + timedelta(days=10)  # 9-10 days overdue: level 1

        with patch.object(fields.Date, "context_today", lambda *a, **k: today):
            with measure(self.env, "payment status filter (overdue by time)", count) as fig:
                fig["partners"] = Partner.search_count([("payment_status", "=", "overdue")])

            mails_before = MailMail.search_count([])
            calls, patcher = self._fake_commit_progress()
            with patcher, measure(self.env, "overdue reminder cron", count) as fig:
                Move._cron_send_overdue_reminder()
                fig["batches"] = len(calls)
                fig["mails"] = MailMail.search_count([]) - mails_before
            self.assertGreaterEqual(fig["mails"], count)

            mails_before = MailMail.search_count([])
            calls, patcher = self._fake_commit_progress()
            with patcher, measure(self.env, "data reminder cron", count) as fig:
                Partner._cron_send_data_reminder()
                fig["batches"] = len(calls)
                fig["mails"] = MailMail.search_count([]) - mails_before
            self.assertGreaterEqual(fig["mails"], count)

            mails_before = MailMail.search_count([])
            calls, patcher = self._fake_commit_progress()
            with patcher, measure(self.env, "both crons again (nothing due)", count) as fig:
                Move._cron_send_overdue_reminder()
                Partner._cron_send_data_reminder()
                fig["batches"] = len(calls)
            # each cron still reports its (empty) progress to the scheduler, as Odoo's do
            self.assertFalse(any(calls), "nothing processed a second time")
            self.assertEqual(MailMail.search_count([]), mails_before, "no mail twice")
