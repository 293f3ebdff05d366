# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .common import BimbonbonCrmCase

RAW_MAIL = """Return-Path: <{sender}>
From: {name} <{sender}>
To: {to}
Subject: {subject}
Message-ID: <{message_id}@mail.example.com>
{headers}Date: Mon, 23 Nov 2026 10:00:00 +0100
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit

{body}
"""


def raw_mail(sender, name, subject, message_id, to="verkoop@bimbonbon.example.com", reply_to=None):
    """An RFC 822 message; `reply_to` is the Message-ID it answers (In-Reply-To)."""
    headers = f"In-Reply-To: {reply_to}\nReferences: {reply_to}\n" if reply_to else ""
    return RAW_MAIL.format(
        sender=sender,
        name=name,
        to=to,
        subject=subject,
        message_id=message_id,
        headers=headers,
        body="Hallo!",
    )


@tagged("post_install", "-at_install")
class TestMailGateway(BimbonbonCrmCase):
    """Nothing a customer sends is filed where nobody reads it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # mail notifications as in production (tracking and subscriptions on)
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.alias_domain = cls.env["mail.alias.domain"].create({"name": "bimbonbon.example.com"})
        cls.env.company.alias_domain_id = cls.alias_domain
        cls.team = cls.env["crm.team"].create(
            {
                "name": "Verkoop",
                "use_leads": True,
                "use_opportunities": True,
                "alias_name": "verkoop",
                "alias_domain_id": cls.alias_domain.id,
            }
        )
        cls.salesperson = cls.users["sales"]
        cls.customer.write({"customer_rank": 1, "user_id": cls.salesperson.id})

    def _process(self, sender, name, subject, message_id, **kwargs):
        return self.env["mail.thread"].message_process(
            None, raw_mail(sender, name, subject, message_id, **kwargs)
        )

    def _reply(self, sent, subject, message_id):
        """Anna answers `sent` (to the catch-all, as mail clients do): the message it made."""
        self._process(
            "anna@zoete-inval.example.com",
            "Anna de Vries",
            subject,
            message_id,
            to="catchall@bimbonbon.example.com",
            reply_to=sent.message_id,
        )
        return self._message(subject)

    def _message(self, subject):
        return self.env["mail.message"].search([("subject", "=", subject)])

    def _notified(self, message, user):
        return self.env["mail.notification"].search_count(
            [("mail_message_id", "=", message.id), ("res_partner_id", "=", user.partner_id.id)]
        )

    def _open_lead(self, user):
        return self.env["crm.lead"].create(
            {
                "name": "Extra ovens",
                "type": "opportunity",
                "partner_id": self.contact.id,
                "user_id": user.id,
                "team_id": self.team.id,
            }
        )

    def test_customer_mail_lands_on_the_open_lead(self):
        lead = self._open_lead(self.salesperson)
        leads_before = self.env["crm.lead"].search_count([])
        thread_id = self._process(
            "anna@zoete-inval.example.com", "Anna de Vries", "Vraag over de oven", "known1"
        )
        self.assertEqual(thread_id, lead.id)
        message = self._message("Vraag over de oven")
        self.assertEqual((message.model, message.res_id), ("crm.lead", lead.id))
        self.assertEqual(message.author_id, self.contact)
        self.assertTrue(self._notified(message, self.salesperson), "the salesperson is told")
        self.assertEqual(self.env["crm.lead"].search_count([]), leads_before, "no duplicate")
        self.assertFalse(self.customer.message_ids.filtered(lambda m: m.id == message.id))

    def test_customer_mail_without_lead_gives_the_salesperson_an_activity(self):
        self._process(
            "anna@zoete-inval.example.com", "Anna de Vries", "Nieuwe bestelling", "known2"
        )
        lead = self.env["crm.lead"].search([("name", "=", "Nieuwe bestelling")])
        self.assertEqual(len(lead), 1)
        self.assertEqual(lead.partner_id, self.contact)
        self.assertEqual(lead.team_id, self.team)
        activity = lead.activity_ids.filtered(lambda a: a.user_id == self.salesperson)
        self.assertEqual(len(activity), 1)
        self.assertIn(self.customer.name, activity.summary)

    def test_reply_stays_on_its_document(self):
        """Odoo's reply routing is kept: the answer lands on the lead it answers."""
        lead = self._open_lead(self.salesperson)
        other = self._open_lead(self.salesperson)  # newer: a new mail would go there
        sent = lead.with_user(self.salesperson).message_post(
            body="Our offer", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        message = self._reply(sent, "Re: Our offer", "reply1")
        self.assertEqual((message.model, message.res_id), ("crm.lead", lead.id))
        self.assertNotEqual(message.res_id, other.id)

    def test_reply_to_a_contact_card_mail_reaches_the_salesperson(self):
        """A reply to a mail sent from the contact card (the data reminder) would land on the
        card, where nobody follows: it goes on a lead with an activity for the salesperson."""
        sent = self.customer.message_post(body="Are your data still right?", message_type="comment")
        message = self._reply(sent, "Re: Klopt alles nog?", "reply2")
        self.assertEqual(message.model, "crm.lead")
        lead = self.env["crm.lead"].browse(message.res_id)
        self.assertEqual(lead.partner_id, self.contact)
        self.assertTrue(lead.activity_ids.filtered(lambda a: a.user_id == self.salesperson))

    def test_unknown_sender_creates_lead(self):
        self._process("jan@nieuwe-klant.example.com", "Jan Nieuw", "Offerte gevraagd", "unknown1")
        lead = self.env["crm.lead"].search(
            [("email_from", "ilike", "jan@nieuwe-klant.example.com")]
        )
        self.assertEqual(len(lead), 1)
        self.assertEqual(lead.name, "Offerte gevraagd")
        self.assertEqual(lead.team_id, self.team)
        self.assertIn("Hallo!", lead.message_ids[-1].body)
        self.assertFalse(lead.activity_ids)

    def test_vendor_mail_is_not_a_customer_mail(self):
        """A supplier writing to the sales alias gets a lead like any sender, not rerouted."""
        vendor = self.env["res.partner"].create(
            {"name": "Meelfabriek", "email": "info@meel.example.com", "supplier_rank": 1}
        )
        self._open_lead(self.salesperson).partner_id = vendor
        self._process("info@meel.example.com", "Meelfabriek", "Prijslijst 2027", "vendor1")
        lead = self.env["crm.lead"].search([("name", "=", "Prijslijst 2027")])
        self.assertEqual(len(lead), 1)
