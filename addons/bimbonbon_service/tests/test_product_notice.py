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
        # mailed to Anna, who registered the batch for her bakery
        self.assertEqual(mail.recipient_ids, self.contact)
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

    def test_sent_notice_keeps_kind_and_audience(self):
        notice = self._recall().with_user(self.manager)
        notice.write({"kind": "safety", "acknowledge_required": False})  # a draft changes
        notice.write({"kind": "recall", "acknowledge_required": True})
        notice.action_send()
        for values in (
            {"kind": "update"},
            {"acknowledge_required": False},
            {"product_tmpl_id": self.mixer_tmpl.id},
            {"lot_ids": [(6, 0, self.other_batch.ids)]},
            {"production_date_from": "2026-01-01"},
            {"production_date_to": "2026-12-31"},
            {"company_id": self.env.company.id},
        ):
            with self.subTest(values=values), self.assertRaisesRegex(UserError, "sent notice"):
                notice.write(values)
        notice.write({"name": "Terugroepactie Stroopwafelmix"})  # the title may be corrected
        self.assertEqual(notice.kind, "recall")
        self.assertTrue(notice.acknowledge_required)
        self.assertEqual(notice.lot_ids, self.batch)

    def test_sent_notice_message_in_dutch(self):
        self.env["res.lang"]._activate_lang("nl_NL")
        self.env["ir.module.module"]._load_module_terms(
            ["bimbonbon_service"], ["nl_NL"], overwrite=True
        )
        notice = self._recall()
        notice.action_send()
        # a Dutch-speaking manager (the web client sends the user's language as context)
        with self.assertRaisesRegex(UserError, "Een verstuurde mededeling houdt haar soort"):
            notice.with_user(self.manager).with_context(lang="nl_NL").write({"kind": "update"})

    def test_multi_company(self):
        notice = self._recall()
        self.assertEqual(notice.company_id, self.env.company)
        notice.action_send()
        self.assertEqual(notice.recipient_ids.company_id, self.env.company)
        other_company = self.env["res.company"].create({"name": "BimBonBon Zuid"})
        self.manager.write({"company_ids": [(4, other_company.id)]})
        elsewhere = self.env(user=self.manager, context={"allowed_company_ids": [other_company.id]})
        Notice = elsewhere["bimbonbon.product.notice"]
        Recipient = elsewhere["bimbonbon.product.notice.recipient"]
        self.assertFalse(Notice.search([("id", "=", notice.id)]))
        self.assertFalse(Recipient.search([("notice_id", "=", notice.id)]))
        with self.assertRaises(AccessError):
            Notice.browse(notice.id).read(["name"])
        # a notice of the other company reaches only the owners of that company's units
        theirs = Notice.create(
            {
                "name": "Nieuw recept",
                "kind": "safety",
                "product_tmpl_id": self.mix_tmpl.id,
                "body": "<p>Nieuw recept.</p>",
            }
        )
        self.assertEqual(theirs.company_id, other_company)
        self.assertFalse(theirs.sudo()._get_audience_partners())
        # and both companies together see both
        both = self.env(
            user=self.manager,
            context={"allowed_company_ids": [self.env.company.id, other_company.id]},
        )
        self.assertEqual(
            both["bimbonbon.product.notice"].search([("id", "in", (notice | theirs).ids)]),
            notice | theirs,
        )


@tagged("post_install", "-at_install")
class TestProductNoticeContact(NoticeFixtures, CronCommitMixin, ServiceCommon):
    """A notice is mailed to a person: who registered the unit, else the customer's own
    address, else a contact of the customer with an e-mail address."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a company without e-mail; the person who registered the batch has one
        cls.bakery = cls._create_customer("Bakkerij Zonder Adres", phone="+31 20 555 0111")
        cls.piet = cls.env["res.partner"].create(
            {"name": "Piet Bakker", "parent_id": cls.bakery.id, "email": "piet@example.com"}
        )
        cls.Registration.create(
            {"partner_id": cls.piet.id, "product_id": cls.mix.id, "lot_id": cls.batch.id}
        )
        # the person who registered has no e-mail; the company has one
        cls.shop = cls._create_customer("Winkel De Molen", email="info@molen.example.com")
        cls.kees = cls.env["res.partner"].create({"name": "Kees", "parent_id": cls.shop.id})
        cls.Registration.create(
            {"partner_id": cls.kees.id, "product_id": cls.mix.id, "lot_id": cls.batch.id}
        )
        # delivered only; the company has no e-mail, a contact of it has one
        cls.hotel = cls._create_customer("Hotel Zonder Adres")
        cls.inge = cls.env["res.partner"].create(
            {"name": "Inge Inkoop", "parent_id": cls.hotel.id, "email": "inge@example.com"}
        )
        cls._move_lot(cls.batch, cls.hotel, 3)
        # delivered only; nobody there has an e-mail address
        cls.nobody = cls._create_customer("Niemand BV", phone="+31 20 555 0112")
        cls.env["res.partner"].create({"name": "Zonder Mail", "parent_id": cls.nobody.id})
        cls._move_lot(cls.batch, cls.nobody, 1)
        cls.notice = cls._create_notice(cls.mix_tmpl, lot_ids=[(6, 0, cls.batch.ids)])

    def test_reachable_through_a_person(self):
        self.assertEqual(
            self.notice._get_audience_partners(), self.bakery | self.shop | self.hotel | self.nobody
        )
        self.assertEqual(self.notice.audience_reachable_count, 3)
        self.assertEqual(self.notice.audience_unreachable_count, 1)

    def test_mailed_to_the_person(self):
        self.notice.action_send()
        recipients = self.notice.recipient_ids
        # still one line per customer
        self.assertEqual(recipients.partner_id, self.bakery | self.shop | self.hotel | self.nobody)
        contacts = {r.partner_id: r.contact_id for r in recipients}
        self.assertEqual(contacts[self.bakery], self.piet)
        self.assertEqual(contacts[self.shop], self.shop)
        self.assertEqual(contacts[self.hotel], self.inge)
        self.assertFalse(contacts[self.nobody])
        with self.fake_cron_commits():
            self.env["bimbonbon.product.notice"]._cron_send_product_notices()
        mails = self.env["mail.mail"].search(
            [
                ("model", "=", "bimbonbon.product.notice.recipient"),
                ("res_id", "in", recipients.ids),
            ]
        )
        self.assertEqual(mails.recipient_ids, self.piet | self.shop | self.inge)
        self.assertEqual(self.notice.mailed_count, 3)
        unreached = recipients.filtered(lambda r: r.partner_id == self.nobody)
        self.assertFalse(unreached.mailed_date)
        self.assertTrue(unreached.is_open)
