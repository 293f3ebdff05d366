# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ChatbotScriptAnswer(models.Model):
    _inherit = "chatbot.script.answer"

    bimbonbon_helped = fields.Boolean(
        string="Means 'it helped'",
        help="Choosing this answer records that the articles shown answered the question "
        "(the assistant's deflection).",
    )
