# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL, html2plaintext

#: characters a customer's chat message may hold (a problem, not a document)
MAX_MESSAGE_LENGTH = 2000


class DiscussChannel(models.Model):
    _inherit = "discuss.channel"

    bimbonbon_ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket",
        string="Ticket from the chat",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
        copy=False,
    )
    bimbonbon_suggestion_ids = fields.One2many(
        comodel_name="bimbonbon.knowledge.suggestion",
        inverse_name="channel_id",
        string="Articles shown in the chat",
        readonly=True,
    )
    bimbonbon_suggestion_id = fields.Many2one(
        comodel_name="bimbonbon.knowledge.suggestion",
        string="Last articles shown",
        compute="_compute_bimbonbon_suggestion_id",
        compute_sudo=True,
        help="The log of the assistant's answer in the current run of the script (none after "
        "a restart until the assistant answers again).",
    )

    @api.depends("chatbot_message_ids.bimbonbon_suggestion_id")
    def _compute_bimbonbon_suggestion_id(self):
        for channel in self:
            # a restart unlinks the chatbot messages of the run before: an answer of this run
            # or none (a visitor who hit the rate limit got no log), never the run before's
            answers = channel.chatbot_message_ids.filtered("bimbonbon_suggestion_id")
            channel.bimbonbon_suggestion_id = answers.sorted("id")[-1:].bimbonbon_suggestion_id

    def _message_create(self, values_list):
        """Bound what a customer or visitor posts in a live chat (staff and the bot are not
        bounded): a message is a question, not a document."""
        if self._bimbonbon_is_bounded():
            own_partner = self.env.user.partner_id.id
            for values in values_list:
                by_visitor = values.get("author_guest_id") or (
                    not self.env.user._is_public() and values.get("author_id") == own_partner
                )
                if by_visitor:
                    self._bimbonbon_check_length(values.get("body"))
        return super()._message_create(values_list)

    def _message_update_content(self, message, /, *, body=None, **kwargs):
        """The same bound when the customer or visitor edits their message."""
        if body is not None and self._bimbonbon_is_bounded():
            self._bimbonbon_check_length(body)
        return super()._message_update_content(message, body=body, **kwargs)

    def _bimbonbon_is_bounded(self):
        return "livechat" in self.mapped("channel_type") and not self.env.user._is_internal()

    def _bimbonbon_check_length(self, body):
        if len(html2plaintext(body or "")) > MAX_MESSAGE_LENGTH:
            raise ValidationError(
                self.env._(
                    "Your message is too long: at most %(max)s characters, please.",
                    max=MAX_MESSAGE_LENGTH,
                )
            )

    def _bimbonbon_lock(self):
        """Lock the conversation so that two presses of 'No' make one ticket: the second
        waits for the first, then sees its ticket (or is retried by Odoo)."""
        self.ensure_one()
        self.env.execute_query(
            SQL("SELECT id FROM discuss_channel WHERE id = %s FOR UPDATE", self.id)
        )
        self.invalidate_recordset(["bimbonbon_ticket_id"])

    def _bimbonbon_record_suggestion(self, text, articles, product):
        """Log the articles shown (also none), as the problem form does: the assistant's
        deflection counts every conversation that got this far."""
        self.ensure_one()
        user = self.env.user
        partner = user.partner_id if not user._is_public() else self.env["res.partner"]
        return self.env["bimbonbon.knowledge.suggestion"]._record(
            partner, text or "-", articles, product, channel_id=self.id
        )

    def _bimbonbon_set_helped(self):
        suggestion = self.sudo().bimbonbon_suggestion_id
        if suggestion and not suggestion.ticket_id:
            suggestion._set_helpful(suggestion.article_ids[:1])

    def _bimbonbon_set_forwarded(self):
        self.sudo().bimbonbon_suggestion_id.forwarded = True
