# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from unittest.mock import patch

from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged
from odoo.tools import SQL

from odoo.addons.account.tests.common import AccountTestInvoicingCommon

from .common import BimbonbonCrmCase, CronCommitMixin


def _raise_serialization_failure(cr):
    """Fail as PostgreSQL fails a lock on a row another transaction changed and committed
    after this transaction's snapshot: SQLSTATE 40001, the transaction aborted."""
    cr.execute(
        SQL(
            "DO $$ BEGIN RAISE EXCEPTION 'could not serialize access due to concurrent update' "
            "USING ERRCODE = 'serialization_failure'; END $$"
        ),
    )


@tagged("post_install", "-at_install")
class TestOverdueReminder(CronCommitMixin, AccountTestInvoicingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customers = cls.env["res.partner"].create(
            [
                {"name": f"Klant {i}", "is_company": True, "email": f"klant{i}@example.com"}
                for i in range(5)
            ]
        )
        # what a customer needs to pay: the company's IBAN, a structured (RF) reference
        cls.bank = cls.env["res.partner.bank"].create(
            {"acc_number": "NL91ABNA0417164300", "partner_id": cls.env.company.partner_id.id}
        )
        cls.company_data["default_journal_sale"].invoice_reference_model = "euro"
        cls.invoices = cls.env["account.move"]
        for customer in cls.customers:
            invoice = cls.init_invoice(
                "out_invoice", partner=customer, invoice_date="2026-01-01", amounts=[100.0]
            )
            invoice.invoice_date_due = fields.Date.to_date("2026-01-01")
            cls.invoices |= invoice
        cls.invoices.action_post()
        cls.template = cls.env.ref("bimbonbon_crm.mail_template_overdue_reminder")

    def _reminder_mails(self, invoices=None):
        invoices = invoices or self.invoices
        return self.env["mail.mail"].search(
            [("model", "=", "account.move"), ("res_id", "in", invoices.ids)]
        )

    def _run(self, batch_size=500):
        with self.fake_cron_commits():
            self.env["account.move"]._cron_send_overdue_reminder(batch_size=batch_size)

    def test_invoice_held_by_another_job_waits_for_the_next_run(self):
        """Odoo's "Send invoices" cron writes the same invoices: one it holds right now is left
        for the next run (skipped, no serialization error failing the whole run), and the
        others get their reminder."""
        held = self.invoices[0]
        Move = type(self.env["account.move"])
        try_lock = Move.try_lock_for_update

        def other_job_holds_one(records, **kwargs):
            return try_lock(records - held, **kwargs)

        with freeze_time("2026-01-09"):
            with patch.object(Move, "try_lock_for_update", other_job_holds_one):
                self._run(batch_size=2)
            self.assertEqual(len(self._reminder_mails()), 4)
            self.assertFalse(self._reminder_mails(held))
            self._run()  # the other job is done: the next run sends it
            self.assertEqual(len(self._reminder_mails(held)), 1)
            self.assertEqual(len(self._reminder_mails()), 5)

    def test_changed_since_the_search_waits_for_the_next_run(self):
        """Between the search and the lock another job reminded an invoice (and committed):
        in REPEATABLE READ the lock raises a serialization failure. That batch is left for the
        next run, the other batches get their reminder, the run does not fail, and the next
        run (a new snapshot) sends no second reminder. The lock lets others reference the
        invoices (FOR NO KEY UPDATE): we write no key."""
        done_meanwhile = self.invoices[0]
        first_batch = self.invoices[:2]
        Move = type(self.env["account.move"])
        try_lock = Move.try_lock_for_update
        calls = []

        def another_job_reminded_one(records, **kwargs):
            calls.append(kwargs)
            if done_meanwhile in records:
                _raise_serialization_failure(self.env.cr)
            return try_lock(records, **kwargs)

        with freeze_time("2026-01-09"):
            with (
                patch.object(Move, "try_lock_for_update", another_job_reminded_one),
                self.assertLogs("odoo.addons.bimbonbon_crm.models.base", logging.INFO) as logs,
                # the expected failure is not an ERROR in the server log ("bad query")
                self.assertNoLogs("odoo.sql_db", logging.ERROR),
            ):
                self._run(batch_size=2)
            self.assertIn("account.move: 2 records changed", logs.output[0])
            self.assertFalse(self._reminder_mails(first_batch))
            self.assertEqual(len(self._reminder_mails()), 3)
            self.env.invalidate_all()
            self.assertEqual(set(first_batch.mapped("overdue_reminder_level")), {0})
            self.assertEqual(set(self.invoices[2:].mapped("overdue_reminder_level")), {1})
            self.assertTrue(calls)
            self.assertTrue(all(call.get("allow_referencing") for call in calls))
            # what the other job committed, seen by the next run
            done_meanwhile.overdue_reminder_level = 1
            self._run()
        self.assertFalse(self._reminder_mails(done_meanwhile))
        self.assertEqual(len(self._reminder_mails(first_batch)), 1)
        self.assertEqual(len(self._reminder_mails()), 4)

    def test_levels_each_once(self):
        with freeze_time("2026-01-05"):  # 4 days overdue: no level yet
            self._run()
            self.assertFalse(self._reminder_mails())
        with freeze_time("2026-01-09"):  # 8 days: level 1, once
            self._run()
            self._run()
            mails = self._reminder_mails()
            self.assertEqual(len(mails), 5)
            self.assertEqual(mails.mapped("recipient_ids"), self.customers)
            self.assertIn("Friendly reminder", mails[0].subject)
            self.assertEqual(set(self.invoices.mapped("overdue_reminder_level")), {1})
            logged = self.invoices[0].message_ids.filtered(
                lambda m: "Overdue reminder 1 sent" in m.body
            )
            self.assertEqual(len(logged), 1)
        # the first invoice gets paid: no more reminders for it
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=self.invoices[0].ids
        ).create({"payment_date": "2026-01-10"})._create_payments()
        with freeze_time("2026-01-23"):  # 22 days: level 2
            self._run()
            self._run()
            self.assertEqual(len(self._reminder_mails()), 5 + 4)
            self.assertEqual(self.invoices[0].overdue_reminder_level, 1)
            self.assertEqual(set(self.invoices[1:].mapped("overdue_reminder_level")), {2})
        with freeze_time("2026-03-01"):  # far past 35 days: level 3 only, once
            self._run()
            self._run()
            self.assertEqual(len(self._reminder_mails()), 5 + 4 + 4)

    def test_each_level_has_what_it_takes_to_pay(self):
        """Invoice PDF, portal link, amount due, IBAN and payment reference, in a tone that
        steps up: a friendly nudge, a firm reminder, a last notice before collection."""
        invoice = self.invoices[0]
        subjects = []
        for day in ("2026-01-09", "2026-01-23", "2026-02-06"):
            with freeze_time(day):
                self._run()
            mail = self._reminder_mails(invoice).sorted("id")[-1]
            subjects.append(mail.subject)
            self.assertEqual(len(mail.attachment_ids), 1, "the invoice")
            self.assertIn(invoice.name, mail.attachment_ids.name)  # .html in test mode
            self.assertIn(
                f"/my/invoices/{invoice.id}?access_token={invoice.access_token}", mail.body_html
            )
            self.assertTrue(invoice.payment_reference.startswith("RF"))
            for text in ("NL91ABNA0417164300", invoice.payment_reference, "100.00"):
                self.assertIn(text, mail.body_html)
        self.assertEqual(
            subjects,
            [
                f"Friendly reminder: invoice {invoice.name}",
                f"Second reminder: invoice {invoice.name} is overdue",
                f"Last notice before collection: invoice {invoice.name}",
            ],
        )
        self.assertIn("collection agency", mail.body_html)

    def test_dutch_last_notice(self):
        self.env["res.lang"]._activate_lang("nl_NL")
        self.env["ir.module.module"]._load_module_terms(
            ["bimbonbon_crm"], ["nl_NL"], overwrite=True
        )
        invoice = self.invoices[0]
        invoice.partner_id.lang = "nl_NL"
        with freeze_time("2026-03-01"):
            self._run()
        mail = self._reminder_mails(invoice)
        self.assertEqual(mail.subject, f"Laatste aanmaning voor incasso: factuur {invoice.name}")
        for text in ("Beste", "incassobureau", "Betalingskenmerk", "Factuur bekijken en betalen"):
            self.assertIn(text, mail.body_html)

    def test_two_levels_nudge_then_last_notice(self):
        self.env["ir.config_parameter"].set_param("bimbonbon_crm.overdue_reminder_days", "7, 30")
        AccountMove = self.env["account.move"]
        self.assertEqual(
            [AccountMove._get_overdue_reminder_template(level, 2) for level in (1, 2)],
            [
                self.env.ref("bimbonbon_crm.mail_template_overdue_reminder"),
                self.env.ref("bimbonbon_crm.mail_template_overdue_reminder_last"),
            ],
        )

    def test_skipped_levels_send_only_the_highest(self):
        with freeze_time("2026-02-15"):
            self._run()
            self.assertEqual(len(self._reminder_mails()), 5)
            self.assertEqual(set(self.invoices.mapped("overdue_reminder_level")), {3})

    def test_configurable_levels(self):
        self.env["ir.config_parameter"].set_param("bimbonbon_crm.overdue_reminder_days", "3, 10")
        with freeze_time("2026-01-05"):
            self._run()
            self.assertEqual(len(self._reminder_mails()), 5)
        with freeze_time("2026-03-01"):
            self._run()
            self._run()
            self.assertEqual(len(self._reminder_mails()), 10)
            self.assertEqual(set(self.invoices.mapped("overdue_reminder_level")), {2})

    def test_crash_mid_batch_then_rerun(self):
        with freeze_time("2026-01-09"):
            with self.assertRaisesRegex(RuntimeError, "worker killed"):
                # the first "commit" sets the remaining count, the second the first batch
                with self.fake_cron_commits(crash_after=2) as calls:
                    self.env["account.move"]._cron_send_overdue_reminder(batch_size=2)
            self.assertEqual(len(calls), 3)
            self.assertEqual(len(self._reminder_mails()), 2, "only the committed batch")
            self._run(batch_size=2)
            mails = self._reminder_mails()
            self.assertEqual(len(mails), 5)
            self.assertEqual(sorted(mails.mapped("res_id")), sorted(self.invoices.ids))

    def _queries_of_run(self, count):
        """Queries of one cron run with `count` invoices due (one batch)."""
        self.invoices.overdue_reminder_level = 3
        self.invoices[:count].overdue_reminder_level = 0
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        self._run()
        self.assertEqual(len(self._reminder_mails()), count)
        return self.env.cr.sql_log_count - before

    def test_constant_queries_per_batch(self):
        with freeze_time("2026-01-09"):
            with self.env.cr.savepoint() as savepoint:
                self._queries_of_run(1)  # warm-up (caches of templates, views)
                savepoint.rollback()
            with self.env.cr.savepoint() as savepoint:
                one = self._queries_of_run(1)
                savepoint.rollback()
            many = self._queries_of_run(5)
        # Each mail carries its own invoice PDF: rendering it costs a few queries per invoice
        # (measured 7: 49 queries for 1 invoice, 77 for 5), the rest is shared by the batch.
        self.assertLessEqual(many, one + 4 * 8, f"1 invoice: {one} queries, 5 invoices: {many}")


@tagged("post_install", "-at_install")
class TestDataReminder(BimbonbonCrmCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customers = cls.env["res.partner"].create(
            [
                {
                    "name": f"Klant {i}",
                    "is_company": True,
                    "email": f"klant{i}@example.com",
                    "customer_rank": 1,
                }
                for i in range(5)
            ]
        )
        cls.vendor = cls.env["res.partner"].create(
            {"name": "Leverancier", "email": "lev@example.com", "supplier_rank": 1}
        )
        # create_date comes from the database transaction, not from freezegun
        cls.env.flush_all()
        cls.env.cr.execute(
            SQL(
                "UPDATE res_partner SET create_date = %s WHERE id IN %s",
                "2025-01-01 10:00:00",
                tuple((cls.customers | cls.contact | cls.vendor).ids),
            )
        )
        cls.customers.invalidate_recordset(["create_date"])
        cls.opted_out = cls.customers[4]
        cls.opted_out.data_reminder_opt_out = True
        cls.confirmed = cls.customers[3]
        cls.confirmed.data_confirmed_date = "2025-12-01"
        cls.template = cls.env.ref("bimbonbon_crm.mail_template_data_reminder")

    def _mails(self):
        return self.env["mail.mail"].search(
            [("model", "=", "res.partner"), ("res_id", "in", self.customers.ids)]
        )

    def _run(self, batch_size=500):
        with self.fake_cron_commits():
            self.env["res.partner"]._cron_send_data_reminder(batch_size=batch_size)

    def test_reminder_once_per_interval(self):
        with freeze_time("2025-06-01"):  # not 12 months yet
            self._run()
            self.assertFalse(self._mails())
        with freeze_time("2026-01-15"):
            self._run()
            self._run()
            mails = self._mails()
            self.assertEqual(sorted(mails.mapped("res_id")), sorted(self.customers[:3].ids))
            self.assertIn("/my/data/confirm?token=", mails[0].body_html)
            self.assertEqual(str(self.customers[0].data_reminder_sent_date), "2026-01-15")
        with freeze_time("2026-11-01"):  # within the interval after the reminder
            self._run()
            self.assertEqual(len(self._mails()), 3)
        with freeze_time("2027-02-01"):  # a year after the reminder, still not confirmed
            self._run()
            self.assertEqual(len(self._mails()), 3 + 4)
            self.assertNotIn(self.opted_out.id, self._mails().mapped("res_id"))

    def test_customer_user_partners_and_contacts_are_not_reminded(self):
        with freeze_time("2026-01-15"):
            self._run()
            res_ids = self._mails().mapped("res_id")
        self.assertNotIn(self.contact.id, res_ids)
        self.assertFalse(
            self.env["mail.mail"].search_count(
                [("model", "=", "res.partner"), ("res_id", "=", self.vendor.id)]
            ),
            "a vendor is not asked to check its customer data",
        )
        self.assertNotIn(self.users["sales"].partner_id.id, res_ids)

    def test_crash_mid_batch_then_rerun(self):
        with freeze_time("2026-01-15"):
            with self.assertRaisesRegex(RuntimeError, "worker killed"):
                # the first "commit" sets the remaining count, the second the first batch
                with self.fake_cron_commits(crash_after=2):
                    self.env["res.partner"]._cron_send_data_reminder(batch_size=2)
            self.assertEqual(len(self._mails()), 2)
            self._run(batch_size=2)
            self.assertEqual(len(self._mails()), 3)
            self._run(batch_size=2)
            self.assertEqual(len(self._mails()), 3)

    def test_customer_held_or_changed_meanwhile_waits(self):
        """A customer someone edits right now is skipped; one that confirmed their data (and
        committed) between the search and the lock makes the lock raise a serialization
        failure (REPEATABLE READ): both batches are left for the next run, the others are
        reminded, and the run does not fail. The next run (a new snapshot) reminds the held
        one and not the one that confirmed."""
        held, confirmed_meanwhile = self.customers[:2]
        Partner = type(self.env["res.partner"])
        try_lock = Partner.try_lock_for_update
        calls = []

        def lock(records, **kwargs):
            calls.append(kwargs)
            if confirmed_meanwhile in records:
                _raise_serialization_failure(self.env.cr)
            return try_lock(records - held, **kwargs)

        with freeze_time("2026-01-15"):
            with patch.object(Partner, "try_lock_for_update", lock):
                self._run(batch_size=1)
            self.assertEqual(self._mails().mapped("res_id"), [self.customers[2].id])
            self.assertTrue(calls)
            self.assertTrue(all(call.get("allow_referencing") for call in calls))
            self.env.invalidate_all()
            self.assertFalse((held | confirmed_meanwhile).filtered("data_reminder_sent_date"))
            # what the customer committed, seen by the next run
            confirmed_meanwhile.data_confirmed_date = "2026-01-10"
            self._run()  # nobody holds it any more
            self.assertEqual(
                sorted(self._mails().mapped("res_id")), sorted((held | self.customers[2]).ids)
            )

    def test_dutch_mail(self):
        self.env["res.lang"]._activate_lang("nl_NL")
        self.env["ir.module.module"]._load_module_terms(["bimbonbon_crm"], ["nl_NL"])
        self.customers[0].lang = "nl_NL"
        with freeze_time("2026-01-15"):
            self._run()
        mail = self._mails().filtered(lambda m: m.res_id == self.customers[0].id)
        self.assertIn("Beste", mail.body_html)
