# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from unittest.mock import patch

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.bimbonbon_crm.tests.common import CronCommitMixin

from .common import ServiceCommon
from .common_notice import NoticeFixtures


@tagged("post_install", "-at_install")
class TestProductNotice(NoticeFixtures, CronCommitMixin, ServiceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = cls._create_department_user("management", "notice_manager")
        # registered owner of the batch, with service-message consent
        cls.Registration.create(
            {
                "partner_id": cls.contact.id,
                "product_id": cls.mix.id,
                "lot_id": cls.batch.id,
                "channel": "qr",
            }
        )
        cls.customer.service_message_opt_in = True
        # delivered, never registered, no consent
        cls.baker = cls._create_customer("Bakker Bart", email="bart@example.com")
        cls._move_lot(cls.batch, cls.baker, 5)
        # delivered and returned: no longer an owner
        cls.returner = cls._create_customer("Retour BV", email="retour@example.com")
        cls._move_lot(cls.batch, cls.returner, 2)
        cls._move_lot(cls.batch, cls.returner, 2, to_customer=False)
        # delivered, no e-mail: reachable only by phone
        cls.no_mail = cls._create_customer("Zonder Mail", phone="+31 20 555 0199")
        cls._move_lot(cls.batch, cls.no_mail, 1)
        # another batch of the same mix, delivered to someone else
        cls.other_batch = cls.env["stock.lot"].create(
            {"name": "SW-2026-B", "product_id": cls.mix.id}
        )
        cls.other_owner = cls._create_customer("Andere Batch", email="ander@example.com")
        cls._move_lot(cls.other_batch, cls.other_owner, 1)

    def _recall(self, **values):
        return self._create_notice(self.mix_tmpl, lot_ids=[(6, 0, self.batch.ids)], **values)

    def test_audience_registrations_and_deliveries(self):
        notice = self._recall()
        self.assertEqual(notice._get_audience_partners(), self.customer | self.baker | self.no_mail)
        self.assertEqual(notice.audience_reachable_count, 2)
        self.assertEqual(notice.audience_unreachable_count, 1)

    def test_audience_whole_product(self):
        notice = self._create_notice(self.mix_tmpl)
        self.assertIn(self.other_owner, notice._get_audience_partners())
        self.assertNotIn(self.returner, notice._get_audience_partners())

    def test_audience_production_period(self):
        notice = self._create_notice(
            self.mix_tmpl, production_date_from="2000-01-01", production_date_to="2000-12-31"
        )
        self.assertFalse(notice._get_audience_partners())

    def test_consent(self):
        """Updates reach only owners who accepted service messages; recalls reach all."""
        update = self._recall(kind="update")
        self.assertEqual(update._get_audience_partners(), self.customer)
        safety = self._recall(kind="safety")
        self.assertEqual(len(safety._get_audience_partners()), 3)

    def test_audience_counts_constant_queries(self):
        notice = self._recall()
        notice.invalidate_recordset()
        with self.assertQueryCount(3):
            self.assertEqual(notice.audience_reachable_count, 2)

    def test_send_creates_recipients_not_mails(self):
        notice = self._recall().with_user(self.manager)
        mails_before = self.env["mail.mail"].search_count([])
        with patch.object(type(self.env["ir.cron"]), "_trigger") as trigger:
            notice.action_send()
        trigger.assert_called_once()
        self.assertEqual(notice.state, "sent")
        self.assertEqual(notice.recipient_ids.partner_id, self.customer | self.baker | self.no_mail)
        self.assertEqual(self.env["mail.mail"].search_count([]), mails_before)

    def _notice_mails(self, notice):
        return self.env["mail.mail"].search(
            [
                ("model", "=", "bimbonbon.product.notice.recipient"),
                ("res_id", "in", notice.recipient_ids.ids),
            ]
        )

    def test_exactly_once_double_run(self):
        notice = self._recall()
        notice.action_send()
        Notice = self.env["bimbonbon.product.notice"]
        with self.fake_cron_commits():
            Notice._cron_send_product_notices(batch_size=1)
            Notice._cron_send_product_notices(batch_size=1)
        mails = self._notice_mails(notice)
        self.assertEqual(len(mails), 2)  # the owner without e-mail is not mailed
        self.assertEqual(
            sorted(mails.mapped("res_id")),
            sorted(
                (notice.recipient_ids - notice.recipient_ids.filtered(lambda r: not r.email)).ids
            ),
        )
        self.assertEqual(notice.mailed_count, 2)
        self.assertEqual(notice.open_count, 3)  # a recall is open until acknowledged

    def test_exactly_once_after_crash(self):
        notice = self._recall()
        notice.action_send()
        Notice = self.env["bimbonbon.product.notice"]
        # first call counts, second commits batch 1, third crashes in batch 2
        with self.assertRaisesRegex(RuntimeError, "worker killed"):
            # the first "commit" sets the remaining count, the second the first batch
            with self.fake_cron_commits(crash_after=2) as calls:
                Notice._cron_send_product_notices(batch_size=1)
        self.assertEqual(len(calls), 3, calls)
        self.env.invalidate_all()
        self.assertEqual(notice.mailed_count, 1)
        self.assertEqual(len(self._notice_mails(notice)), 1)
        with self.fake_cron_commits():
            Notice._cron_send_product_notices(batch_size=1)
        self.assertEqual(len(self._notice_mails(notice)), 2)
        self.assertEqual(len(set(self._notice_mails(notice).mapped("res_id"))), 2)

    def test_update_mail_dutch_consent_only(self):
        notice = self._recall(kind="update", name="Nieuw recept")
        notice.action_send()
        with self.fake_cron_commits():
            self.env["bimbonbon.product.notice"]._cron_send_product_notices()
        mail = self._notice_mails(notice)
        self.assertEqual(mail.recipient_ids, self.customer)
        self.assertIn("/my/notices/", mail.body_html)

    def test_acknowledge_once_and_close(self):
        notice = self._recall()
        notice.action_send()
        with self.assertRaises(UserError):
            notice.action_close()
        first = notice.recipient_ids[0]
        first._acknowledge()
        stamp = first.acknowledged_date
        first._acknowledge()
        self.assertEqual(first.acknowledged_date, stamp)
        self.assertTrue(first.read_date)
        rest = notice.recipient_ids - first
        rest.with_user(self.cs_user).action_mark_handled()
        notice.action_close()
        self.assertEqual(notice.state, "closed")

    def test_schedule_calls(self):
        notice = self._recall()
        notice.action_send()
        notice.with_user(self.manager).action_schedule_calls()
        self.assertEqual(len(notice.activity_ids), 3)

    def test_access(self):
        notice = self._recall()
        with self.assertRaises(AccessError):
            notice.with_user(self.cs_user).action_send()
        with self.assertRaises(AccessError):
            notice.with_user(self.portal_user).read(["name"])
        notice.with_user(self.cs_user).read(["name", "open_count"])
