# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from unittest.mock import patch

from odoo.tests import tagged
from odoo.tests.common import JsonRpcException

from odoo.addons.bimbonbon_livechat.models import chatbot_script_step
from odoo.addons.bimbonbon_livechat.models.chatbot_script_step import ChatbotScriptStep
from odoo.addons.bimbonbon_livechat.models.discuss_channel import MAX_MESSAGE_LENGTH
from odoo.addons.bimbonbon_portal.models.bimbonbon_registration_attempt import (
    MAX_FAILED_ATTEMPTS,
)

from .common import LivechatCase

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"


@tagged("post_install", "-at_install")
class TestChatbotHardening(LivechatCase):
    """What a visitor or customer must not get through the assistant: articles of another
    company or unpublished ones, scripts in links, long edited messages, other files."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_company = cls.env["res.company"].create({"name": "Andere Bakker B.V."})
        cls.article_other_company = cls.env["bimbonbon.knowledge.article"].create(
            {
                "name": "Andere bakker: mixer piept bij het kneden",
                "kind": "faq",
                "is_published": True,
                "company_id": cls.other_company.id,
                "body": "<p>Piept de mixer bij het kneden? Alleen voor onze klanten.</p>",
            }
        )

    # -- the article page (finding 1) -------------------------------------------------------

    def test_article_page_is_read_as_the_visitor(self):
        for login in (None, "anna_chat"):
            with self.subTest(login=login):
                self.authenticate(login, login)
                page = self.url_open(f"/knowledge/{self.article_beep.id}")
                self.assertEqual(page.status_code, 200)
                self.assertIn("Laat hem tien minuten", page.text)
                for article in (self.article_hidden, self.article_other_company):
                    page = self.url_open(f"/knowledge/{article.id}")
                    self.assertEqual(page.status_code, 404, article.name)
                    self.assertNotIn(article.name, page.text)
        self.assertEqual(self.url_open("/knowledge/999999999").status_code, 404)

    def test_video_link_only_http(self):
        """(finding 10) only a web address is a link on the article's page: QWeb blanks a
        plain ``javascript:`` but not one with a tab in it, which a browser still runs."""
        self.authenticate(None, None)
        for url in (
            "java\tscript:alert(document.cookie)",
            "javascript:alert(document.cookie)",
            "data:text/html,<script>alert(document.cookie)</script>",
        ):
            with self.subTest(url=url):
                self.article_beep.video_url = url
                page = self.url_open(f"/knowledge/{self.article_beep.id}")
                self.assertEqual(page.status_code, 200)
                self.assertNotIn("script:alert", page.text)
                self.assertNotIn("data:text/html", page.text)
                self.assertNotIn("Watch the video", page.text)
        self.article_beep.video_url = "https://video.example.com/mixer-piept"
        page = self.url_open(f"/knowledge/{self.article_beep.id}")
        self.assertIn('href="https://video.example.com/mixer-piept"', page.text)

    # -- the ranking as the visitor (finding 2) ---------------------------------------------

    def test_answer_shows_only_what_the_visitor_may_read(self):
        for login in (None, "anna_chat"):
            with self.subTest(login=login):
                channel = self._start(login)
                answer = self._ask_problem(channel, "Mijn mixer piept bij het kneden")[-2]
                self.assertIn(self.article_beep.name, answer.body)
                self.assertNotIn(self.article_other_company.name, answer.body)
                self.assertNotIn(self.article_hidden.name, answer.body)
                self.assertNotIn(
                    self.article_other_company, channel.bimbonbon_suggestion_id.article_ids
                )

    # -- editing a message (finding 3) ------------------------------------------------------

    def test_edited_message_is_bounded(self):
        for login in (None, "anna_chat"):
            with self.subTest(login=login):
                channel = self._start(login)
                message_id = self._post(channel, "Mijn mixer piept")["message_id"]
                with (
                    self.assertRaises(JsonRpcException) as error,
                    self.assertLogs("odoo.http", "WARNING"),
                ):
                    self.make_jsonrpc_request(
                        "/mail/message/update_content",
                        {
                            "message_id": message_id,
                            "update_data": {"body": "a" * (MAX_MESSAGE_LENGTH + 1)},
                        },
                    )
                self.assertIn("ValidationError", str(error.exception))
                message = self.env["mail.message"].browse(message_id)
                self.assertIn("Mijn mixer piept", message.body)
                # a short edit is fine
                self.make_jsonrpc_request(
                    "/mail/message/update_content",
                    {"message_id": message_id, "update_data": {"body": "Mijn mixer bromt"}},
                )
                message.invalidate_recordset()
                self.assertIn("Mijn mixer bromt", message.body)

    # -- chat and registration limits apart (finding 4) -------------------------------------

    def test_chat_does_not_eat_the_registration_limit(self):
        Attempt = self.env["bimbonbon.registration.attempt"]
        public = self.env.ref("base.public_user")
        ip = "203.0.113.44"
        with patch.object(ChatbotScriptStep, "_bimbonbon_get_client_ip", return_value=ip):
            for _i in range(MAX_FAILED_ATTEMPTS):
                channel = self._start(None)
                self._ask_problem(channel)
        self.assertEqual(Attempt.search_count([("ip", "=", ip), ("kind", "=", "chat")]), 10)
        # the chat is full for this address, the QR registration is not
        self.assertTrue(Attempt._is_blocked(public, ip, kind="chat"))
        self.assertFalse(Attempt._is_blocked(public, ip))
        # and the portal's metric of refused codes does not count chat questions
        metric = self.env["bimbonbon.metrics"]._collect_registration_metrics()[0]
        self.assertEqual(metric.samples[0].value, 0)

    def test_registration_does_not_eat_the_chat_limit(self):
        Attempt = self.env["bimbonbon.registration.attempt"]
        public = self.env.ref("base.public_user")
        ip = "203.0.113.45"
        for _i in range(MAX_FAILED_ATTEMPTS):
            Attempt._log_failure(public, ip, "GEEN-CODE")
        self.assertTrue(Attempt._is_blocked(public, ip))
        with patch.object(ChatbotScriptStep, "_bimbonbon_get_client_ip", return_value=ip):
            channel = self._start(None)
            answer = self._ask_problem(channel)[-2]
        self.assertNotIn("wait ten minutes", answer.body)
        self.assertIn(self.article_beep.name, answer.body)

    # -- attachments of the ticket (finding 11) ---------------------------------------------

    def _attach(self, channel, name, raw, res_model="discuss.channel", res_id=None):
        attachment = self.env["ir.attachment"].create(
            {
                "name": name,
                "raw": raw,
                "res_model": res_model,
                "res_id": channel.id if res_id is None else res_id,
            }
        )
        channel.message_post(
            body="",
            attachment_ids=attachment.ids,
            author_id=self.contact.id,
            message_type="comment",
        )
        return attachment

    def test_ticket_takes_only_own_images_and_pdfs(self):
        channel = self._start("anna_chat")
        self._ask_problem(channel)
        self._attach(channel, "mixer.png", PNG)
        self._attach(channel, "bon.pdf", PDF)
        self._attach(channel, "foto.png", b"<html><script>alert(1)</script></html>")
        self._attach(channel, "tool.pdf", b"MZ\x90\x00\x03\x00\x00\x00")
        # a file of someone else, hung on a message of this conversation
        self._attach(channel, "van-piet.png", PNG, res_model="res.partner", res_id=self.customer.id)
        self._choose(channel, self.answer_no)
        self._choose(channel, self.answer_ticket)
        ticket = channel.bimbonbon_ticket_id
        self.assertEqual(sorted(ticket.attachment_ids.mapped("name")), ["bon.pdf", "mixer.png"])

    def test_ticket_attachments_are_bounded(self):
        channel = self._start("anna_chat")
        self._ask_problem(channel)
        limit = chatbot_script_step.MAX_TICKET_ATTACHMENTS
        for index in range(limit + 3):
            self._attach(channel, f"foto{index}.png", PNG)
        self._choose(channel, self.answer_no)
        self._choose(channel, self.answer_ticket)
        self.assertEqual(len(channel.bimbonbon_ticket_id.attachment_ids), limit)
