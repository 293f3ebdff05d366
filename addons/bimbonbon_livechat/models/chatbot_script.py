# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.tools import is_html_empty


class ChatbotScript(models.Model):
    _inherit = "chatbot.script"

    def _post_welcome_steps(self, discuss_channel):
        """Greet a logged-in customer by name in the welcome steps that ask for it
        (Odoo posts the welcome steps' messages as they are)."""
        greeting_steps = self._get_welcome_steps().filtered("bimbonbon_greet_by_name")
        if not greeting_steps:
            return super()._post_welcome_steps(discuss_channel)
        self.ensure_one()
        posted_messages = self.env["mail.message"]
        for welcome_step in self._get_welcome_steps():
            discuss_channel.chatbot_current_step_id = welcome_step.id
            body = welcome_step._bimbonbon_get_message(discuss_channel)
            if not is_html_empty(body):
                posted_messages += discuss_channel.with_context(
                    mail_post_autofollow_author_skip=True
                ).message_post(
                    author_id=self.operator_partner_id.id,
                    body=body,
                    message_type="comment",
                    subtype_xmlid="mail.mt_comment",
                )
        return posted_messages
