# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.http import request


class KnowledgeArticleController(http.Controller):
    @http.route("/knowledge/<int:article_id>", type="http", auth="public", website=True)
    def knowledge_article(self, article_id, **kw):
        """A published article, for anyone: the chat assistant links here."""
        # sudo: only published, active articles are shown, to anyone
        article = request.env["bimbonbon.knowledge.article"].sudo().browse(article_id).exists()
        if not article or not article.is_published or not article.active:
            raise request.not_found()
        return request.render("bimbonbon_livechat.knowledge_article_page", {"article": article})
