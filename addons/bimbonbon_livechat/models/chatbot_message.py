# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ChatbotMessage(models.Model):
    _inherit = "chatbot.message"

    bimbonbon_suggestion_id = fields.Many2one(
        comodel_name="bimbonbon.knowledge.suggestion",
        string="Articles shown",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
        help="The log of the articles this answer of the assistant showed.",
    )
