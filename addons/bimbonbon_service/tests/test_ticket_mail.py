# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from odoo.addons.bimbonbon_crm.tests.test_mail_gateway import raw_mail

from .common import ServiceCommon


@tagged("post_install", "-at_install")
class TestTicketMail(ServiceCommon):
    """A customer's question or complaint mailed to the helpdesk becomes a ticket of the team
    (channel Email); a reply to a ticket lands on the ticket, even with an open lead."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        domain = cls.env["mail.alias.domain"].create({"name": "bimbonbon.example.com"})
        cls.env.company.alias_domain_id = domain
        cls.team = cls.env["helpdesk.ticket.team"].create(
            {"name": "Klantenservice", "alias_name": "service", "alias_domain_id": domain.id}
        )
        cls.customer.customer_rank = 1
        cls.env["crm.lead"].create(
            {"name": "Extra ovens", "type": "opportunity", "partner_id": cls.contact.id}
        )

    def _process(self, subject, message_id, **kwargs):
        raw = raw_mail("anna@krakeling.example.com", "Anna de Vries", subject, message_id, **kwargs)
        return self.env["mail.thread"].message_process(None, raw)

    def test_complaint_to_the_team_alias_is_a_ticket(self):
        ticket_id = self._process(
            "Mixer maakt lawaai", "complaint1", to="service@bimbonbon.example.com"
        )
        ticket = self.env["helpdesk.ticket"].browse(ticket_id)
        self.assertEqual(ticket._name, "helpdesk.ticket")
        self.assertEqual(ticket.name, "Mixer maakt lawaai")
        self.assertEqual(ticket.team_id, self.team)
        self.assertEqual(ticket.partner_id, self.contact)
        self.assertEqual(
            ticket.channel_id, self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_email")
        )

    def test_reply_to_a_ticket_lands_on_the_ticket(self):
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Storing",
                "description": "x",
                "team_id": self.team.id,
                "partner_id": self.contact.id,
            }
        )
        sent = ticket.message_post(body="We komen dinsdag", message_type="comment")
        self._process(
            "Re: Storing",
            "reply1",
            to="catchall@bimbonbon.example.com",
            reply_to=sent.message_id,
        )
        message = self.env["mail.message"].search([("subject", "=", "Re: Storing")])
        self.assertEqual((message.model, message.res_id), ("helpdesk.ticket", ticket.id))
