# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase

from odoo.addons.bimbonbon_service.tests.common import ServiceFixtures


class LivechatCase(ServiceFixtures, HttpCase):
    """A customer with a registered mixer, published articles and the assistant's script
    (module data) on a live chat channel of its own; no demo data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_registrable_products()
        cls.customer = cls._create_customer("De Gouden Krakeling", email="info@krakeling.example")
        cls.contact = cls.env["res.partner"].create(
            {
                "name": "Anna de Vries",
                "parent_id": cls.customer.id,
                "email": "anna@krakeling.example",
            }
        )
        cls.portal_user = cls._create_portal_user("anna_chat", cls.contact, password="anna_chat")
        cls.other_user = cls._create_portal_user(
            "piet_chat", name="Piet Andere", email="piet@andere.example", password="piet_chat"
        )
        cls.cs_user = cls._create_department_user("customer_service", "cs_chat")
        cls.serial = cls.env["stock.lot"].create({"name": "KM-CHAT-1", "product_id": cls.mixer.id})
        cls.registration = cls.env["bimbonbon.product.registration"]._register_lot(
            cls.customer, cls.serial
        )
        Article = cls.env["bimbonbon.knowledge.article"]
        cls.article_beep, cls.article_waffle, cls.article_hidden = Article.create(
            [
                {
                    "name": "De keukenmixer piept tijdens het kneden",
                    "kind": "faq",
                    "is_published": True,
                    "product_tmpl_ids": [(6, 0, cls.mixer_tmpl.ids)],
                    "body": "<p>Piept de mixer? Dan is de motor te warm. Laat hem tien minuten "
                    "afkoelen en kneed kleinere porties.</p>",
                },
                {
                    "name": "Wafels bakken met de stroopwafelmix",
                    "kind": "recipe",
                    "is_published": True,
                    "product_tmpl_ids": [(6, 0, cls.mix_tmpl.ids)],
                    "body": "<p>Het ijzer piept als het heet is.</p>",
                },
                {
                    "name": "Intern: mixer piept na reparatie",
                    "kind": "faq",
                    "is_published": False,
                    "product_tmpl_ids": [(6, 0, cls.mixer_tmpl.ids)],
                    "body": "<p>Piept de mixer na een reparatie: intern doorgeven.</p>",
                },
            ]
        )
        cls.script = cls.env.ref("bimbonbon_livechat.chatbot_script_assistant")
        ref = cls.env.ref
        cls.step_problem = ref("bimbonbon_livechat.chatbot_script_assistant_step_problem")
        cls.step_helped = ref("bimbonbon_livechat.chatbot_script_assistant_step_helped")
        cls.step_handover = ref("bimbonbon_livechat.chatbot_script_assistant_step_handover")
        cls.step_email = ref("bimbonbon_livechat.chatbot_script_assistant_step_email")
        cls.step_name = ref("bimbonbon_livechat.chatbot_script_assistant_step_name")
        cls.step_ticket = ref("bimbonbon_livechat.chatbot_script_assistant_step_ticket")
        cls.step_forward = ref("bimbonbon_livechat.chatbot_script_assistant_step_forward")
        cls.answer_yes = ref("bimbonbon_livechat.chatbot_script_assistant_answer_yes")
        cls.answer_no = ref("bimbonbon_livechat.chatbot_script_assistant_answer_no")
        cls.answer_ticket = ref("bimbonbon_livechat.chatbot_script_assistant_answer_ticket")
        cls.answer_person = ref("bimbonbon_livechat.chatbot_script_assistant_answer_person")
        cls.livechat_channel = cls.env["im_livechat.channel"].create(
            {
                "name": "Klantenservice",
                "user_ids": [(6, 0, cls.cs_user.ids)],
                "rule_ids": [(0, 0, {"chatbot_script_id": cls.script.id})],
            }
        )

    # ------------------------------------------------------------------
    # Driving a conversation through im_livechat's own public routes
    # ------------------------------------------------------------------

    def _start(self, login=None):
        self.authenticate(login, login)
        data = self.make_jsonrpc_request(
            "/im_livechat/get_session",
            {"channel_id": self.livechat_channel.id, "chatbot_script_id": self.script.id},
        )
        return self.env["discuss.channel"].sudo().browse(data["channel_id"])

    def _post(self, channel, body):
        return self.make_jsonrpc_request(
            "/mail/message/post",
            {
                "thread_model": "discuss.channel",
                "thread_id": channel.id,
                "post_data": {
                    "body": body,
                    "message_type": "comment",
                    "subtype_xmlid": "mail.mt_comment",
                },
            },
        )

    def _trigger(self, channel):
        self.make_jsonrpc_request("/chatbot/step/trigger", {"channel_id": channel.id})

    def _say(self, channel, body):
        """The visitor types ``body``; the bot runs until it waits for the visitor."""
        self._post(channel, body)
        self._run(channel)

    def _choose(self, channel, answer):
        data = self._post(channel, answer.name)
        self.make_jsonrpc_request(
            "/chatbot/answer/save",
            {
                "channel_id": channel.id,
                "message_id": data["message_id"],
                "selected_answer_id": answer.id,
            },
        )
        self._run(channel)

    def _give_email(self, channel, email):
        self._post(channel, email)
        self.make_jsonrpc_request("/chatbot/step/validate_email", {"channel_id": channel.id})
        self._run(channel)

    def _restart(self, channel):
        """The visitor presses 'Restart' in the chat window: im_livechat clears the script's
        answers and starts it again from its first step."""
        self.make_jsonrpc_request(
            "/chatbot/restart", {"channel_id": channel.id, "chatbot_script_id": self.script.id}
        )
        self.make_jsonrpc_request(
            "/chatbot/step/trigger",
            {"channel_id": channel.id, "chatbot_script_id": self.script.id},
        )
        self._run(channel)

    def _run(self, channel):
        """Trigger steps as the chat window does, until one expects an answer or it ends."""
        waiting = ("free_input_single", "free_input_multi", "question_email", "question_selection")
        for _i in range(10):
            before = channel.chatbot_current_step_id
            self._trigger(channel)
            channel.invalidate_recordset()
            step = channel.chatbot_current_step_id
            if step == before or step.step_type in waiting or step.is_forward_operator:
                return

    def _bot_messages(self, channel):
        bot = self.script.operator_partner_id
        channel.invalidate_recordset()
        return channel.message_ids.filtered(lambda m: m.author_id == bot).sorted("id")

    def _ask_problem(self, channel, text="Mijn mixer piept steeds"):
        self._say(channel, text)
        self.assertEqual(channel.chatbot_current_step_id, self.step_helped)
        return self._bot_messages(channel)
