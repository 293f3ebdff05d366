# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import SQL


@tagged("post_install", "-at_install")
class TestSystemStatus(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = new_test_user(
            cls.env, "status_admin", groups="base.group_system", email="it@bimbonbon.example.com"
        )
        cls.cron = cls.env.ref("bimbonbon_crm.ir_cron_data_reminder")
        # crons do not run in tests: all on time, none failed, no mail in trouble
        cls.env["ir.cron"].search([]).write(
            {"nextcall": fields.Datetime.now() + timedelta(minutes=1), "failure_count": 0}
        )
        cls.env["mail.mail"].search([("state", "in", ("outgoing", "exception"))]).unlink()
        cls.Status = cls.env["bimbonbon.system.status"]

    def _digest_mails(self):
        return self.env["mail.mail"].search([("subject", "ilike", "System status")])

    def test_all_well_then_a_failed_cron_and_a_bounced_mail_then_clear(self):
        self.assertEqual(self.Status._get_problems(), [])
        self.Status._cron_send_digest()
        self.assertFalse(self._digest_mails(), "no digest when all is well")

        self.cron.failure_count = 2
        bounced = self.env["mail.mail"].create(
            {"subject": "Herinnering", "email_to": "weg@example.com", "body_html": "<p>x</p>"}
        )
        bounced.state = "exception"
        problems = self.Status._get_problems()
        self.assertEqual(len(problems), 2, problems)
        self.assertIn(self.cron.name, problems[0])
        self.assertIn("1", problems[1])
        page = self.Status.with_user(self.admin).create({})
        self.assertEqual(page.problem_count, 2)
        self.assertEqual(page.display_name, "System status", "the breadcrumb, not NewId")
        self.assertIn(self.cron.name, page.problems_html)

        self.Status._cron_send_digest()
        (digest,) = self._digest_mails()
        self.assertIn(self.admin.partner_id, digest.recipient_ids)
        self.assertIn(self.cron.name, digest.body_html)

        # cleared: the cron ran, the mail was sent again
        self.cron.failure_count = 0
        bounced.state = "sent"
        self.assertEqual(self.Status._get_problems(), [])
        self.assertEqual(self.Status.create({}).problem_count, 0)

    def test_late_cron_and_stuck_mail(self):
        self.cron.nextcall = fields.Datetime.now() - timedelta(days=3)
        stuck = self.env["mail.mail"].create(
            {"subject": "Vast", "email_to": "a@example.com", "body_html": "<p>x</p>"}
        )
        # stuck: due for longer than twice the mail queue's interval (an hour here)
        stuck.scheduled_date = fields.Datetime.now() - timedelta(hours=3)
        problems = self.Status._get_problems()
        self.assertEqual(len(problems), 2, problems)
        self.assertIn("twice its interval", problems[0])
        self.assertIn("over 2 hours", problems[1])

    def test_administrators_only(self):
        user = new_test_user(self.env, "status_user", groups="base.group_user")
        with self.assertRaises(AccessError):
            self.Status.with_user(user).create({})

    def test_stuck_is_twice_the_mail_queue_interval(self):
        """A mail queue that runs every three hours: a mail due two hours ago is on time, one
        due seven hours ago is stuck."""
        queue = self.env.ref("mail.ir_cron_mail_scheduler_action")
        queue.write({"interval_number": 3, "interval_type": "hours"})
        mail = self.env["mail.mail"].create(
            {"subject": "Wacht", "email_to": "a@example.com", "body_html": "<p>x</p>"}
        )
        mail.scheduled_date = fields.Datetime.now() - timedelta(hours=2)
        self.assertEqual(self.Status._get_problems(), [])
        mail.scheduled_date = fields.Datetime.now() - timedelta(hours=7)
        (problem,) = self.Status._get_problems()
        self.assertIn("over 6 hours", problem)

    def test_switched_off_cron(self):
        """Odoo switches a scheduled action off after failing for a week (and resets its
        failure count): that shows, for ours and the mail queue; Odoo's optional ones not."""
        self.cron.active = False
        queue = self.env.ref("mail.ir_cron_mail_scheduler_action")
        queue.active = False
        problems = self.Status._get_problems()
        self.assertEqual(len(problems), 2, problems)
        for cron in (self.cron, queue):
            self.assertTrue(
                any(cron.name in problem and "switched off" in problem for problem in problems),
                problems,
            )
        families = {
            family.name: family for family in self.env["bimbonbon.metrics"]._collect_cron_metrics()
        }
        active = {s.labels["cron"]: s.value for s in families["odoo_cron_active"].samples}
        self.assertEqual(active["bimbonbon_crm.ir_cron_data_reminder"], 0)
        self.assertEqual(active["bimbonbon_crm.ir_cron_overdue_reminder"], 1)

    def test_digest_only_failures_of_the_last_day_only_cron_and_mail_figures(self):
        old = self.env["mail.mail"].create(
            {"subject": "Oud", "email_to": "weg@example.com", "body_html": "<p>x</p>"}
        )
        old.state = "exception"
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "UPDATE mail_mail SET write_date = %s WHERE id = %s",
                fields.Datetime.now() - timedelta(days=2),
                old.id,
            )
        )
        # the other addons' figures (tickets, stock, ...) are not needed for the digest
        Metrics = self.registry["bimbonbon.metrics"]
        with patch.object(Metrics, "_collect_metrics", side_effect=AssertionError("all")):
            self.Status._cron_send_digest()
            self.assertFalse(self._digest_mails(), "in yesterday's digest already")
            self.assertEqual(len(self.Status._get_problems()), 1, "the page shows it still")
            new = self.env["mail.mail"].create(
                {"subject": "Nieuw", "email_to": "weg@example.com", "body_html": "<p>x</p>"}
            )
            new.state = "exception"
            self.Status._cron_send_digest()
        (digest,) = self._digest_mails()
        self.assertIn("1 mails could not be delivered", digest.body_html)

    def test_mail_queue_per_template(self):
        """Two templates: the page counts queued, retried and failed mails per template, from
        the monitoring's figures, in queries that do not grow with the templates."""
        reminder = self.env.ref("bimbonbon_crm.mail_template_data_reminder")
        other = self.env["mail.template"].create(
            {
                "name": "Testbericht",
                "model_id": self.env["ir.model"]._get_id("res.partner"),
                "subject": "Test",
                "body_html": "<p>Test</p>",
                "email_to": "{{ object.email }}",
            }
        )
        customers = self.env["res.partner"].create(
            [{"name": f"Klant {i}", "email": f"klant{i}@example.com"} for i in range(3)]
        )
        reminder_mails = reminder.send_mail_batch(customers.ids)
        other_mails = other.send_mail_batch(customers[:2].ids)
        self.assertEqual(set(reminder_mails.mapped("mail_template_id")), {reminder})
        reminder_mails[0].state = "exception"
        other_mails[0].retry_count = 1

        Metrics = self.env["bimbonbon.metrics"]
        (queue, _stuck) = Metrics._collect_mail_metrics()
        counts = {
            (s.labels["state"], s.labels["template"]): s.value
            for s in queue.samples
            if s.labels["model"] == "res.partner"
        }
        other_label = f"mail_template_{other.id}"
        self.assertEqual(
            counts,
            {
                ("outgoing", "bimbonbon_crm.mail_template_data_reminder"): 2,
                ("exception", "bimbonbon_crm.mail_template_data_reminder"): 1,
                ("outgoing", other_label): 1,
                ("retry", other_label): 1,
            },
        )
        page = self.Status.with_user(self.admin).create({})
        self.assertIn(reminder.name, page.mail_queue_html)
        self.assertIn(
            "<tr><td>Testbericht</td><td>1</td><td>1</td><td>0</td></tr>", page.mail_queue_html
        )

        def queries():
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            Metrics._collect_mail_metrics()
            return self.env.cr.sql_log_count - before

        two_templates = queries()
        for i in range(3):
            other.copy({"name": f"Kopie {i}"}).send_mail_batch(customers[:1].ids)
        self.assertEqual(queries(), two_templates)

    def test_mass_mail_from_a_template_knows_it(self):
        """The composer's mass mailing from a template makes mails that carry it too."""
        template = self.env.ref("bimbonbon_crm.mail_template_data_reminder")
        customers = self.env["res.partner"].create(
            [{"name": f"Klant {i}", "email": f"klant{i}@example.com"} for i in range(2)]
        )
        composer = (
            self.env["mail.compose.message"]
            .with_context(active_model="res.partner", active_ids=customers.ids)
            .create(
                {
                    "composition_mode": "mass_mail",
                    "model": "res.partner",
                    "res_ids": str(customers.ids),
                    "template_id": template.id,
                }
            )
        )
        composer._action_send_mail()
        mails = self.env["mail.mail"].search(
            [("model", "=", "res.partner"), ("res_id", "in", customers.ids)]
        )
        self.assertEqual(len(mails), 2)
        self.assertEqual(mails.mail_template_id, template)
