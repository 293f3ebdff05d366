# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from unittest.mock import patch

from odoo.tests import tagged
from odoo.tests.common import JsonRpcException

from odoo.addons.bimbonbon_livechat.models.chatbot_script_step import ChatbotScriptStep
from odoo.addons.bimbonbon_livechat.models.discuss_channel import MAX_MESSAGE_LENGTH
from odoo.addons.bimbonbon_portal.models.bimbonbon_registration_attempt import (
    MAX_FAILED_ATTEMPTS,
)

from .common import LivechatCase


@tagged("post_install", "-at_install")
class TestChatbotAssistant(LivechatCase):
    def test_greets_customer_by_name(self):
        channel = self._start("anna_chat")
        self.assertIn("Hello Anna!", self._bot_messages(channel)[0].body)
        channel = self._start(None)
        self.assertNotIn("Anna", self._bot_messages(channel)[0].body)

    def test_answer_ranks_articles_of_the_registered_product(self):
        channel = self._start("anna_chat")
        answer = self._ask_problem(channel)[-2]  # the answer, then "Did this help?"
        self.assertIn(f"/knowledge/{self.article_beep.id}", answer.body)
        self.assertIn("Laat hem tien minuten", answer.body, "an excerpt of the article")
        self.assertNotIn(self.article_waffle.name, answer.body, "another product's article")
        self.assertNotIn(self.article_hidden.name, answer.body, "an unpublished article")
        suggestion = channel.bimbonbon_suggestion_id
        self.assertEqual(suggestion.source, "chat")
        self.assertEqual(suggestion.product_id, self.mixer)
        self.assertEqual(suggestion.partner_id, self.contact)
        self.assertEqual(suggestion.article_ids, self.article_beep)
        # the public page of the article opens for anyone, an unpublished one does not
        self.authenticate(None, None)
        self.assertEqual(self.url_open(f"/knowledge/{self.article_beep.id}").status_code, 200)
        self.assertEqual(self.url_open(f"/knowledge/{self.article_hidden.id}").status_code, 404)

    def test_answer_for_the_product_named(self):
        lot = self.env["stock.lot"].create({"name": "SW-CHAT", "product_id": self.mix.id})
        self.env["bimbonbon.product.registration"]._register_lot(self.customer, lot)
        channel = self._start("anna_chat")
        self._ask_problem(channel, "Het wafelijzer piept, ik gebruik de stroopwafelmix")
        self.assertEqual(channel.bimbonbon_suggestion_id.product_id, self.mix)
        self.assertEqual(channel.bimbonbon_suggestion_id.article_ids[:1], self.article_waffle)
        channel = self._start("anna_chat")
        self._ask_problem(channel, "De mixer piept")
        self.assertEqual(channel.bimbonbon_suggestion_id.product_id, self.mixer)

    def test_helped_is_recorded(self):
        channel = self._start("anna_chat")
        self._ask_problem(channel)
        self._choose(channel, self.answer_yes)
        suggestion = channel.bimbonbon_suggestion_id
        self.assertEqual(suggestion.helpful_article_id, self.article_beep)
        self.assertEqual(suggestion.deflection, 1.0)
        self.assertFalse(channel.bimbonbon_ticket_id)

    def test_ticket_once_with_transcript_partner_and_registration(self):
        channel = self._start("anna_chat")
        # the chat window sends what is typed as escaped text
        self._ask_problem(channel, "Mijn mixer piept &lt;script&gt;alert(1)&lt;/script&gt;")
        # a photo sent in the chat goes with the ticket
        photo = self.env["ir.attachment"].create(
            {
                "name": "mixer.png",
                "raw": b"\x89PNG\r\n\x1a\n",
                "res_model": "discuss.channel",
                "res_id": channel.id,
            }
        )
        channel.message_post(
            body="", attachment_ids=photo.ids, author_id=self.contact.id, message_type="comment"
        )
        self._choose(channel, self.answer_no)
        self.assertEqual(
            channel.chatbot_current_step_id, self.step_handover, "no name or e-mail asked"
        )
        self._choose(channel, self.answer_ticket)
        ticket = channel.bimbonbon_ticket_id
        self.assertTrue(ticket)
        self.assertEqual(ticket.partner_id, self.contact)
        self.assertEqual(ticket.registration_id, self.registration)
        self.assertEqual(ticket.ticket_kind, "question")
        self.assertEqual(
            ticket.channel_id, self.env.ref("bimbonbon_livechat.helpdesk_ticket_channel_chat")
        )
        self.assertIn("Mijn mixer piept", ticket.description)
        self.assertIn("Did this help?", ticket.description)
        # the visitor's HTML is text for staff
        self.assertNotIn("<script>", ticket.description)
        self.assertIn("&lt;script&gt;", ticket.description)
        last = self._bot_messages(channel)[-1]
        self.assertIn(ticket.number, last.body)
        self.assertIn(f"/my/ticket/{ticket.id}", last.body)
        self.assertEqual(channel.bimbonbon_suggestion_id.ticket_id, ticket)
        self.assertEqual(ticket.attachment_ids.mapped("name"), ["mixer.png"])
        self.assertEqual(channel.bimbonbon_suggestion_id.deflection, 0.0)
        # pressing again (or a replayed request) makes no second ticket
        self.step_ticket.with_user(self.portal_user).sudo()._process_step(channel)
        Ticket = self.env["helpdesk.ticket"]
        self.assertEqual(
            Ticket.search_count([("id", "!=", False), ("partner_id", "=", self.contact.id)]), 1
        )
        self.assertIn(ticket.number, self._bot_messages(channel)[-1].body)
        # and the customer finds it in the portal
        self.authenticate("anna_chat", "anna_chat")
        page = self.url_open("/my/tickets")
        self.assertIn(ticket.number, page.text)

    def test_visitor_ticket_is_not_linked_to_a_customer(self):
        channel = self._start(None)
        answer = self._ask_problem(channel)[-2]
        # a visitor's question is ranked over all products: nothing of a customer is used
        self.assertFalse(channel.bimbonbon_suggestion_id.product_id)
        self.assertFalse(channel.bimbonbon_suggestion_id.partner_id)
        self.assertNotIn(self.serial.name, answer.body)
        self._choose(channel, self.answer_no)
        self._choose(channel, self.answer_ticket)
        self.assertEqual(channel.chatbot_current_step_id, self.step_email)
        # the address of an existing customer
        self._give_email(channel, self.contact.email)
        self.assertEqual(channel.chatbot_current_step_id, self.step_name)
        self._say(channel, "Anna")
        ticket = channel.bimbonbon_ticket_id
        self.assertFalse(ticket.partner_id, "only a confirmed address links a customer")
        self.assertEqual(ticket.partner_email, self.contact.email)
        self.assertEqual(ticket.partner_name, "Anna")
        self.assertFalse(ticket.registration_id)
        body = self._bot_messages(channel)[-1].body
        self.assertIn(ticket.number, body)
        self.assertIn("access_token", body)
        for message in self._bot_messages(channel):
            self.assertNotIn(self.customer.name, message.body)

    def test_visitor_rate_limited_per_ip(self):
        Attempt = self.env["bimbonbon.registration.attempt"]
        for _i in range(10):
            Attempt._log_failure(
                self.env.ref("base.public_user"), "203.0.113.7", "chat", kind="chat"
            )
        with patch.object(
            ChatbotScriptStep, "_bimbonbon_get_client_ip", return_value="203.0.113.7"
        ):
            channel = self._start(None)
            answer = self._ask_problem(channel)[-2]
        self.assertIn("wait ten minutes", answer.body)
        self.assertFalse(channel.bimbonbon_suggestion_id)

    def test_visitor_ticket_rate_limited_per_email(self):
        Attempt = self.env["bimbonbon.registration.attempt"]
        for _i in range(3):
            Attempt._log_failure(
                self.env.ref("base.public_user"),
                "198.51.100.1",
                "chat",
                email="x@y.example",
                kind="chat",
            )
        channel = self._start(None)
        self._ask_problem(channel)
        self._choose(channel, self.answer_no)
        self._choose(channel, self.answer_ticket)
        self._give_email(channel, "X+chat@Y.example")
        self._say(channel, "X")
        self.assertFalse(channel.bimbonbon_ticket_id)
        self.assertIn("wait ten minutes", self._bot_messages(channel)[-1].body)

    def test_message_length_is_bounded(self):
        channel = self._start(None)
        with self.assertRaises(JsonRpcException) as error, self.assertLogs("odoo.http", "WARNING"):
            self._post(channel, "a" * (MAX_MESSAGE_LENGTH + 1))
        self.assertIn("ValidationError", str(error.exception))
        self.assertFalse(channel.message_ids.filtered(lambda m: len(m.body or "") > 2000))

    def test_other_visitor_cannot_drive_a_conversation(self):
        channel = self._start("anna_chat")
        self._ask_problem(channel)
        self.authenticate("piet_chat", "piet_chat")
        # im_livechat's routes find the channel as the visitor: not theirs, nothing happens
        self._trigger(channel)
        self.assertEqual(channel.chatbot_current_step_id, self.step_helped)
        with self.assertRaises(JsonRpcException), self.assertLogs("odoo.http", "WARNING"):
            self._post(channel, "Nee")

    def test_forward_outside_opening_hours_makes_ticket(self):
        channel = self._start("anna_chat")
        self._ask_problem(channel)
        self._choose(channel, self.answer_no)
        with patch.object(ChatbotScriptStep, "_bimbonbon_is_open", return_value=False):
            self._choose(channel, self.answer_person)
        ticket = channel.bimbonbon_ticket_id
        self.assertTrue(ticket)
        body = self._bot_messages(channel)[-1].body
        self.assertIn("closed", body)
        self.assertIn(ticket.number, body)
        self.assertEqual(channel.livechat_operator_id, self.script.operator_partner_id)

    def test_forward_during_opening_hours(self):
        self.env["mail.presence"]._update_presence(self.cs_user)
        channel = self._start("anna_chat")
        self._ask_problem(channel)
        self._choose(channel, self.answer_no)
        with patch.object(ChatbotScriptStep, "_bimbonbon_is_open", return_value=True):
            self._choose(channel, self.answer_person)
        self.assertTrue(channel.bimbonbon_ticket_id)
        self.assertEqual(channel.livechat_operator_id, self.cs_user.partner_id)
        self.assertTrue(channel.bimbonbon_suggestion_id.forwarded)
        self.assertEqual(channel.bimbonbon_suggestion_id.deflection, 0.0)

    def test_no_article_goes_to_the_hand_over(self):
        """(finding 12) nothing found: the assistant says so and offers the hand-over at
        once, without asking whether nothing helped."""
        for login in ("anna_chat", None):
            with self.subTest(login=login):
                channel = self._start(login)
                self._say(channel, "Xylofoon quasar zebrapad")
                self.assertFalse(channel.bimbonbon_suggestion_id.article_ids)
                self.assertEqual(channel.chatbot_current_step_id, self.step_handover)
                bodies = self._bot_messages(channel).mapped("body")
                self.assertTrue(any("I found no article" in body for body in bodies))
                self.assertFalse(any("Did this help?" in body for body in bodies))
                self._choose(channel, self.answer_ticket)
                if login:
                    self.assertTrue(channel.bimbonbon_ticket_id)
                else:
                    self.assertEqual(channel.chatbot_current_step_id, self.step_email)

    def test_restart_after_ticket_adds_to_the_same_ticket(self):
        """(finding 6) a conversation restarted after its ticket makes no second one: the new
        question goes on the ticket."""
        Ticket = self.env["helpdesk.ticket"]
        channel = self._start("anna_chat")
        self._ask_problem(channel)
        self._choose(channel, self.answer_no)
        self._choose(channel, self.answer_ticket)
        ticket = channel.bimbonbon_ticket_id
        first = channel.bimbonbon_suggestion_id
        self.assertEqual(first.ticket_id, ticket)
        self._restart(channel)
        self._ask_problem(channel, "De motor van de mixer wordt erg warm")
        second = channel.bimbonbon_suggestion_id
        self.assertNotEqual(second, first)
        self._choose(channel, self.answer_no)
        self._choose(channel, self.answer_ticket)
        self.assertEqual(channel.bimbonbon_ticket_id, ticket)
        self.assertEqual(Ticket.search_count([("partner_id", "=", self.contact.id)]), 1)
        self.assertEqual(second.ticket_id, ticket)
        self.assertEqual(second.deflection, 0.0)
        notes = ticket.message_ids.filtered(lambda m: "wordt erg warm" in (m.body or ""))
        self.assertEqual(len(notes), 1)
        self.assertIn(ticket.number, self._bot_messages(channel)[-1].body)
        # a replayed request adds nothing
        self.step_ticket.with_user(self.portal_user).sudo()._process_step(channel)
        ticket.invalidate_recordset()
        self.assertEqual(
            len(ticket.message_ids.filtered(lambda m: "wordt erg warm" in (m.body or ""))), 1
        )

    def test_greeting_once_per_conversation(self):
        """(finding 9) a restart says the welcome again, not 'Hello Anna!'."""
        channel = self._start("anna_chat")
        self._ask_problem(channel)
        self._restart(channel)
        bodies = self._bot_messages(channel).mapped("body")
        self.assertEqual(len([body for body in bodies if "Hello Anna!" in body]), 1)
        self.assertEqual(len([body for body in bodies if "BimBonBon assistant" in body]), 2)

    def test_only_registered_products_are_known(self):
        """(finding 5) a cancelled registration is not a product the customer has."""
        self.registration.state = "cancelled"
        channel = self._start("anna_chat")
        self._ask_problem(channel)
        self.assertFalse(channel.bimbonbon_suggestion_id.product_id)
        self._choose(channel, self.answer_no)
        self._choose(channel, self.answer_ticket)
        self.assertFalse(channel.bimbonbon_ticket_id.registration_id)

    def test_restart_rate_limited_does_not_answer_for_the_old_log(self):
        """After a restart in which the visitor hits the rate limit (no new log), "Did this
        help?" is about nothing of this run: neither marked on nor answered from the log of
        the run before."""
        Attempt = self.env["bimbonbon.registration.attempt"]
        public = self.env.ref("base.public_user")
        ip = "203.0.113.60"
        for _i in range(MAX_FAILED_ATTEMPTS - 1):
            Attempt._log_failure(public, ip, "chat", kind="chat")
        with patch.object(ChatbotScriptStep, "_bimbonbon_get_client_ip", return_value=ip):
            # a run with articles, then a restart: blocked, "Yes" marks nothing
            channel = self._start(None)
            self._ask_problem(channel)
            old = channel.bimbonbon_suggestion_id
            self.assertTrue(old.article_ids)
            self._restart(channel)
            answer = self._ask_problem(channel, "De wafels worden niet krokant")[-2]
            self.assertIn("wait ten minutes", answer.body)
            self._choose(channel, self.answer_yes)
            old.invalidate_recordset()
            self.assertFalse(old.helpful_article_id)
            self.assertFalse(channel.bimbonbon_suggestion_id, "no log of this run")
            # a run without articles, then a restart: blocked, "Did this help?" is asked
            # (not answered "No" from the log before)
            Attempt.search([("ip", "=", ip)]).unlink()
            for _i in range(MAX_FAILED_ATTEMPTS - 1):
                Attempt._log_failure(public, ip, "chat", kind="chat")
            channel = self._start(None)
            self._say(channel, "Xylofoon quasar zebrapad")
            self.assertEqual(channel.chatbot_current_step_id, self.step_handover)
            self._restart(channel)
            self._ask_problem(channel, "De wafels worden niet krokant")
