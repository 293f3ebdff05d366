# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .common import BimbonbonCrmCase

RAW_MAIL = """Return-Path: <{sender}>
From: {name} <{sender}>
To: verkoop@bimbonbon.example.com
Subject: {subject}
Message-ID: <{message_id}@mail.example.com>
Date: Mon, 23 Nov 2026 10:00:00 +0100
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit

{body}
"""


@tagged("post_install", "-at_install")
class TestMailGateway(BimbonbonCrmCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
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

    def _process(self, sender, name, subject, message_id):
        raw = RAW_MAIL.format(
            sender=sender, name=name, subject=subject, message_id=message_id, body="Hallo!"
        )
        return self.env["mail.thread"].message_process(None, raw)

    def test_known_customer_lands_on_chatter(self):
        leads_before = self.env["crm.lead"].search_count([])
        thread_id = self._process(
            "anna@zoete-inval.example.com", "Anna de Vries", "Vraag over factuur", "known1"
        )
        self.assertEqual(thread_id, self.customer.id)
        message = self.customer.message_ids.filtered(lambda m: m.subject == "Vraag over factuur")
        self.assertEqual(len(message), 1)
        self.assertEqual(message.author_id, self.contact)
        self.assertEqual(self.env["crm.lead"].search_count([]), leads_before, "no lead created")

    def test_unknown_sender_creates_lead(self):
        self._process("jan@nieuwe-klant.example.com", "Jan Nieuw", "Offerte gevraagd", "unknown1")
        lead = self.env["crm.lead"].search(
            [("email_from", "ilike", "jan@nieuwe-klant.example.com")]
        )
        self.assertEqual(len(lead), 1)
        self.assertEqual(lead.name, "Offerte gevraagd")
        self.assertEqual(lead.team_id, self.team)
        self.assertIn("Hallo!", lead.message_ids[-1].body)
