# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.http import request


class KnowledgeArticleController(http.Controller):
    @http.route("/knowledge/<int:article_id>", type="http", auth="public", website=True)
    def knowledge_article(self, article_id, **kw):
        """A published article, read as the visitor or customer (the record rules show them
        published articles of their company only): the chat assistant links here."""
        article = request.env["bimbonbon.knowledge.article"].search(
            [("id", "=", article_id), ("is_published", "=", True)], limit=1
        )
        if not article:
            raise request.not_found()
        return request.render(
            "bimbonbon_livechat.knowledge_article_page",
            {
                "article": article,
                "additional_title": article.name,
                "video_url": article._bimbonbon_get_video_url(),
            },
        )
