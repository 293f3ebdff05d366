# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .common import LivechatCase


@tagged("post_install", "-at_install")
class TestChatbotTour(LivechatCase):
    def test_customer_asks_gets_article_and_ticket(self):
        website = self.env["website"].get_current_website()
        self.assertEqual(website.channel_id, self.env.ref("im_livechat.im_livechat_channel_data"))
        self.browser_size = "390x844"
        self.start_tour("/my", "bimbonbon_livechat_assistant", login="anna_chat")
        ticket = self.env["helpdesk.ticket"].search([("partner_id", "=", self.contact.id)])
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.registration_id, self.registration)
        self.authenticate("anna_chat", "anna_chat")
        self.assertIn(ticket.number, self.url_open("/my/tickets").text)
        page = self.url_open(f"/my/ticket/{ticket.id}").text
        self.assertIn("Mijn mixer piept steeds", page)
