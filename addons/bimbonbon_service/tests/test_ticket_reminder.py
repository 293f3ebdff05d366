# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import tagged

from .common import ServiceCommon


@tagged("post_install", "-at_install")
class TestTicketReminder(ServiceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param(
            "bimbonbon_service.ticket_reminder_days", "5"
        )
        cls.Ticket = cls.env["helpdesk.ticket"]
        cls.template = cls.env.ref("bimbonbon_service.mail_template_ticket_reminder")

    def _create_tickets(self, count, when="2026-06-01 10:00:00"):
        with freeze_time(when):
            return self.Ticket.create(
                [
                    {
                        "name": f"Storing {index}",
                        "description": "<p>kapot</p>",
                        "partner_id": self.contact.id,
                        "ticket_kind": "fault",
                    }
                    for index in range(count)
                ]
            )

    def _reminders(self, tickets):
        return self.env["mail.mail"].search(
            [
                ("model", "=", "helpdesk.ticket"),
                ("res_id", "in", tickets.ids),
                ("subject", "like", "We have not forgotten"),
            ]
        )

    def _run_cron(self, **kwargs):
        with patch.object(
            type(self.env["ir.cron"]), "_commit_progress", lambda self, *a, **kw: 1.0
        ):
            self.Ticket._cron_send_reminders(**kwargs)

    def test_reminder_once_per_period(self):
        tickets = self._create_tickets(2)
        closed = self._create_tickets(1)
        closed.stage_id = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        closed.last_customer_update = "2026-06-01 10:00:00"
        with freeze_time("2026-06-05 10:00:00"):
            self._run_cron()
        self.assertFalse(self._reminders(tickets), "4 days without news: not yet")
        with freeze_time("2026-06-06 11:00:00"):
            self._run_cron()
            self._run_cron()
        self.assertEqual(len(self._reminders(tickets)), 2, "once per ticket, re-run sends nothing")
        self.assertFalse(self._reminders(closed), "closed tickets get no reminder")
        mail = self._reminders(tickets[0])
        self.assertEqual(mail.recipient_ids, self.contact)
        self.assertIn(f"/my/ticket/{tickets[0].id}", mail.body_html)
        with freeze_time("2026-06-10 11:00:00"):
            self._run_cron()
        self.assertEqual(len(self._reminders(tickets)), 2, "at most once per 5 days")
        # news for the customer (a stage change) restarts the period for that ticket
        with freeze_time("2026-06-09 11:00:00"):
            tickets[1].stage_id = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress")
        with freeze_time("2026-06-11 12:00:00"):
            self._run_cron()
        self.assertEqual(len(self._reminders(tickets[0])), 2)
        self.assertEqual(len(self._reminders(tickets[1])), 1)

    def test_crash_mid_batch_sends_nothing_twice(self):
        tickets = self._create_tickets(3)
        cr = self.env.cr
        calls = []

        def commit_then_crash(cron, processed=0, remaining=None, deactivate=False):
            calls.append(processed)
            # the first call sets the remaining count, the second commits the first batch
            if len(calls) == 3:
                raise RuntimeError("worker killed")
            # what a commit does: make the batch durable
            self.env.flush_all()
            cr.execute("RELEASE SAVEPOINT cron_batch")
            cr.execute("SAVEPOINT cron_batch")
            return 1.0

        with freeze_time("2026-06-07 10:00:00"):
            cr.execute("SAVEPOINT cron_batch")
            # (no assertRaises: its own savepoint would be released by our fake commit)
            crashed = False
            with patch.object(type(self.env["ir.cron"]), "_commit_progress", commit_then_crash):
                try:
                    self.Ticket._cron_send_reminders(batch_size=1)
                except RuntimeError:
                    crashed = True
            self.assertTrue(crashed)
            # the crash rolls back the batch that was not committed
            cr.execute("ROLLBACK TO SAVEPOINT cron_batch")
            # and what the worker had not written yet dies with it
            self.env.invalidate_all(flush=False)
            self.assertEqual(len(self._reminders(tickets)), 1)
            self.assertEqual(len(tickets.filtered("last_reminder_date")), 1)
            # the next run sends the rest, nothing twice
            self._run_cron(batch_size=1)
        for ticket in tickets:
            self.assertEqual(len(self._reminders(ticket)), 1)

    def _count_cron_queries(self):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        self._run_cron()
        self.env.flush_all()
        return self.env.cr.sql_log_count - before

    def test_cron_query_count_constant(self):
        done = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        warm_up = self._create_tickets(1)
        with freeze_time("2026-06-07 10:00:00"):
            with self.assertQueryCount(40):
                self._run_cron()
            warm_up.stage_id = done
        one = self._create_tickets(1, when="2026-06-08 10:00:00")
        with freeze_time("2026-06-14 10:00:00"):
            count_one = self._count_cron_queries()
            one.stage_id = done
        many = self._create_tickets(20, when="2026-06-15 10:00:00")
        with freeze_time("2026-06-21 10:00:00"):
            count_many = self._count_cron_queries()
        self.assertEqual(len(self._reminders(one)), 1)
        self.assertEqual(len(self._reminders(many)), 20)
        self.assertEqual(count_one, count_many, "same number of queries for 1 and 20 tickets")

    def test_reminder_in_the_customer_history(self):
        """The reminder is in the ticket's history the customer sees on the portal (the
        discussion subtype, not internal), where it was missing."""
        ticket = self._create_tickets(1)
        with freeze_time("2026-06-07 10:00:00"):
            self._run_cron()
        mail = self._reminders(ticket)
        self.assertEqual(len(mail), 1)
        message = mail.mail_message_id
        self.assertEqual(message.subtype_id, self.env.ref("mail.mt_comment"))
        self.assertFalse(message.is_internal)
        self.assertIn(message, ticket.with_user(self.portal_user).website_message_ids)
