# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged


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
        stuck.scheduled_date = fields.Datetime.now() - timedelta(hours=2)
        problems = self.Status._get_problems()
        self.assertEqual(len(problems), 2, problems)
        self.assertIn("twice its interval", problems[0])
        self.assertIn("over an hour", problems[1])

    def test_administrators_only(self):
        user = new_test_user(self.env, "status_user", groups="base.group_user")
        with self.assertRaises(AccessError):
            self.Status.with_user(user).create({})
