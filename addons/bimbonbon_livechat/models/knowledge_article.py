# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class KnowledgeArticle(models.Model):
    _inherit = "bimbonbon.knowledge.article"

    def _bimbonbon_get_url(self):
        """The public page of a published article (the chat links there)."""
        self.ensure_one()
        return f"/knowledge/{self.id}"
