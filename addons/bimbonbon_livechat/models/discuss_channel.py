# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
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
    bimbonbon_suggestion_id = fields.Many2one(
        comodel_name="bimbonbon.knowledge.suggestion",
        string="Articles shown in the chat",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
        copy=False,
    )

    def _message_create(self, values_list):
        """Bound what a customer or visitor posts in a live chat (staff and the bot are not
        bounded): a message is a question, not a document."""
        if "livechat" in self.mapped("channel_type") and not self.env.user._is_internal():
            own_partner = self.env.user.partner_id.id
            for values in values_list:
                by_visitor = values.get("author_guest_id") or (
                    not self.env.user._is_public() and values.get("author_id") == own_partner
                )
                if (
                    by_visitor
                    and len(html2plaintext(values.get("body") or "")) > MAX_MESSAGE_LENGTH
                ):
                    raise ValidationError(
                        self.env._(
                            "Your message is too long: at most %(max)s characters, please.",
                            max=MAX_MESSAGE_LENGTH,
                        )
                    )
        return super()._message_create(values_list)

    def _bimbonbon_lock(self):
        """Lock the conversation so that two presses of 'No' make one ticket: the second
        waits for the first, then sees its ticket (or is retried by Odoo)."""
        self.ensure_one()
        self.env.execute_query(
            SQL("SELECT id FROM discuss_channel WHERE id = %s FOR UPDATE", self.id)
        )
        self.invalidate_recordset(["bimbonbon_ticket_id"])

    def _bimbonbon_record_suggestion(self, text, articles, product):
        """Log the articles shown (also none): the assistant's deflection counts every
        conversation that got this far."""
        self.ensure_one()
        suggestion = (
            self.env["bimbonbon.knowledge.suggestion"]
            .sudo()
            .create(
                {
                    "partner_id": self.env.user.partner_id.id
                    if not self.env.user._is_public()
                    else False,
                    "product_id": product.id,
                    "text": text or "-",
                    "article_ids": [fields.Command.set(articles.ids)],
                    "channel_id": self.id,
                }
            )
        )
        self.sudo().bimbonbon_suggestion_id = suggestion
        return suggestion

    def _bimbonbon_set_helped(self):
        suggestion = self.sudo().bimbonbon_suggestion_id
        if suggestion and not suggestion.ticket_id:
            suggestion._set_helpful(suggestion.article_ids[:1])

    def _bimbonbon_set_forwarded(self):
        self.sudo().bimbonbon_suggestion_id.forwarded = True
