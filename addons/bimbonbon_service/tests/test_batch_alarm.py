# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from unittest.mock import patch

from freezegun import freeze_time

from odoo import fields
from odoo.tests import new_test_user, tagged

from .common import ServiceCommon


@tagged("post_install", "-at_install")
class TestBatchAlarm(ServiceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        params = cls.env["ir.config_parameter"].sudo()
        params.set_param("bimbonbon_service.batch_alarm_count", "3")
        params.set_param("bimbonbon_service.batch_alarm_days", "30")
        cls.developer = new_test_user(
            cls.env,
            "developer",
            groups="bimbonbon_service.group_product_development",
            email="developer@example.com",
        )
        cls.other_batch = cls.env["stock.lot"].create(
            {"name": "SW-2026-B", "product_id": cls.mix.id}
        )
        cls.Alarm = cls.env["bimbonbon.batch.alarm"]

    def _complain(self, lot, when, kind="complaint"):
        # each complaint comes in its own transaction, with its own create_date
        with freeze_time(when), patch.object(self.env.cr, "now", fields.Datetime.now):
            return (
                self.env["helpdesk.ticket"]
                .with_user(self.cs_user)
                .create(
                    {
                        "name": "Smaakt vreemd",
                        "description": "<p>De wafels smaken bitter.</p>",
                        "partner_id": self.contact.id,
                        "ticket_kind": kind,
                        "product_id": lot.product_id.id,
                        "lot_id": lot.id,
                    }
                )
            )

    def test_alarm_once_per_lot_per_window(self):
        self._complain(self.batch, "2026-03-01")
        self._complain(self.batch, "2026-03-10", kind="question")
        self._complain(self.other_batch, "2026-03-12")
        self._complain(self.batch, "2026-03-15")
        self.assertFalse(self.Alarm.search([]), "2 complaints on the batch: no alarm yet")
        with freeze_time("2026-03-20"):
            third = self._complain(self.batch, "2026-03-20")
            alarm = self.Alarm.search([])
        self.assertEqual(len(alarm), 1)
        self.assertEqual(alarm.lot_id, self.batch)
        self.assertEqual(alarm.complaint_count, 3)
        self.assertIn(third, alarm.ticket_ids)
        # alert: an activity and a mail for product development and management
        self.assertIn(self.developer, alarm.activity_ids.user_id)
        self.assertIn(self.env.ref("base.user_admin"), alarm.activity_ids.user_id)
        message = alarm.message_ids.filtered(
            lambda m: m.subtype_id == self.env.ref("mail.mt_comment")
        )
        self.assertIn("3 complaints about batch SW-2026-A", message.subject)
        self.assertIn(self.developer.partner_id, message.notified_partner_ids)
        self.env.flush_all()
        mail = self.env["mail.mail"].search([("mail_message_id", "=", message.id)])
        self.assertIn(self.developer.partner_id, mail.recipient_ids)
        # more complaints in the same window: no second alarm
        self._complain(self.batch, "2026-03-25")
        self.assertEqual(len(self.Alarm.search([])), 1)
        # an old complaint does not count in a later window; three new ones do
        self._complain(self.batch, "2026-05-20")
        self._complain(self.batch, "2026-05-21")
        self.assertEqual(len(self.Alarm.search([])), 1)
        self._complain(self.batch, "2026-05-22")
        with freeze_time("2026-05-22"):
            self._complain(self.batch, "2026-05-22")
        alarms = self.Alarm.search([])
        self.assertEqual(len(alarms), 2)
        self.assertEqual(alarms.lot_id, self.batch)

    def test_developer_reads_feedback_and_complaints(self):
        complaint = self._complain(self.batch, "2026-03-01")
        question = self._complain(self.batch, "2026-03-01", kind="question")
        Ticket = self.env["helpdesk.ticket"].with_user(self.developer)
        found = Ticket.search([("id", "in", (complaint | question).ids)])
        self.assertEqual(found, complaint)
        groups = Ticket._read_group(
            [("ticket_kind", "in", ("complaint", "feedback"))],
            ["product_id", "lot_id", "create_date:month"],
            ["__count"],
        )
        self.assertEqual(groups[0][:2], (self.mix, self.batch))
