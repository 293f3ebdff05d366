# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from urllib.parse import urlsplit

from odoo import models


class KnowledgeArticle(models.Model):
    _inherit = "bimbonbon.knowledge.article"

    def _bimbonbon_get_url(self):
        """The public page of a published article (the chat links there)."""
        self.ensure_one()
        return f"/knowledge/{self.id}"

    def _bimbonbon_get_video_url(self):
        """The video's address when it is a web address (http or https), else empty: a
        ``javascript:`` or ``data:`` address is never a link on our pages."""
        self.ensure_one()
        url = (self.video_url or "").strip()
        try:
            scheme = urlsplit(url).scheme.lower()
        except ValueError:
            return ""
        return url if scheme in ("http", "https") else ""
