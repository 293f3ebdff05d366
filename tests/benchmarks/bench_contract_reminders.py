# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The contract expiry cron over 100,000 contracts (BENCH_SCALE scales the number).

The contracts are inserted with one INSERT ... SELECT generate_series; their end dates are
spread over the next 100 days, so about nine in ten have a reminder due. The cron runs as in
production, in batches of 500; `_commit_progress` is replaced by a flush + savepoint (a test may
not commit), which runs the same precommit work a real commit runs.
"""

from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import SQL

from odoo.addons.base.models.ir_cron import IrCron

from .common import measure, scale

BATCH_SIZE = 500


@tagged("post_install", "-at_install", "bench")
class BenchContractReminders(TransactionCase):
    def test_bench_contract_reminders(self):
        env = self.env
        n = scale(100_000)
        user = new_test_user(env, "bench_contract", groups="bimbonbon_crm.group_sales")
        partner = env["res.partner"].create(
            {"name": "Bench customer", "email": "bench@example.com", "is_company": True}
        )
        today = fields.Date.context_today(env["bimbonbon.contract"])
        env.flush_all()
        env.cr.execute(
            SQL(
                """
                INSERT INTO bimbonbon_contract (
                    name, company_id, partner_id, commercial_partner_id, user_id, state,
                    date_start, date_end, notice_period_days, auto_renew, renewal_term_months,
                    amount_total, access_token, create_uid, write_uid, create_date, write_date)
                SELECT 'BENCH/' || g, %(company)s, %(partner)s, %(partner)s, %(user)s, 'running',
                       %(start)s, %(today)s + (g %% 100) + 1, 30, g %% 2 = 0, 12,
                       1000 + g %% 500, md5(random()::text || g::text), 1, 1, now(), now()
                  FROM generate_series(1, %(n)s) AS g
                """,
                company=env.company.id,
                partner=partner.id,
                user=user.id,
                start=today - timedelta(days=300),
                today=today,
                n=n,
            )
        )
        Contract = env["bimbonbon.contract"]
        due = len(Contract._get_due_reminders(today, Contract._get_reminder_offsets()))
        batches = []

        def fake_commit(cron_self, processed=0, *, remaining=None, deactivate=False):
            env.flush_all()
            env.cr.flush()
            env.cr.execute("SAVEPOINT bench_contract")
            env.invalidate_all()
            batches.append(env.cr.sql_log_count)
            return float("inf")

        with (
            patch.object(IrCron, "_commit_progress", fake_commit),
            measure(env, "contract expiry cron", n) as figures,
        ):
            Contract._cron_contract_expiry(batch_size=BATCH_SIZE)
            # the first call only records the total; then one call per batch
            per_batch = [b - a for a, b in zip(batches[1:], batches[2:], strict=False)]
            figures["due_reminders"] = due
            figures["batches"] = len(batches) - 1
            figures["queries_per_batch_min"] = min(per_batch) if per_batch else 0
            figures["queries_per_batch_max"] = max(per_batch) if per_batch else 0
        mails = env["mail.mail"].search_count(
            [("model", "=", "bimbonbon.contract"), ("subject", "ilike", "ends on")]
        )
        print(f"BENCH contract expiry cron: mail.mail queued={mails}")
        self.assertEqual(mails, 2 * due)
        self.assertEqual(
            env["bimbonbon.contract.reminder"].search_count([("sent", "=", True)]), due
        )
