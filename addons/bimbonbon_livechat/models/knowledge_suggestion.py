# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class KnowledgeSuggestion(models.Model):
    """Articles shown by the chat assistant are logged as the problem form's are; a chat
    conversation is deflected when neither a ticket nor a person followed."""

    _inherit = "bimbonbon.knowledge.suggestion"

    channel_id = fields.Many2one(
        comodel_name="discuss.channel",
        string="Chat conversation",
        index="btree_not_null",
        ondelete="set null",
    )
    source = fields.Selection(
        selection=[("form", "Problem form"), ("chat", "Chat assistant")],
        compute="_compute_source",
        store=True,
    )
    forwarded = fields.Boolean(
        string="Handed to a person", help="The chat was forwarded to customer service."
    )

    @api.depends("channel_id")
    def _compute_source(self):
        for suggestion in self:
            suggestion.source = "chat" if suggestion.channel_id else "form"
