# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models, tools
from odoo.fields import Domain
from odoo.tools import SQL, html2plaintext

# The Dutch full-text vector of an article: a stored generated column (kept up to date by
# PostgreSQL on every write of name or body_text) with a GIN index, created in init().
TSVECTOR_SQL = "to_tsvector('dutch', coalesce(name, '') || ' ' || coalesce(body_text, ''))"


class KnowledgeArticle(models.Model):
    _name = "bimbonbon.knowledge.article"
    _description = "Knowledge article"
    _order = "sequence, id"

    name = fields.Char(string="Title", required=True)
    active = fields.Boolean(default=True)
    sequence = fields.Integer(default=10)
    kind = fields.Selection(
        selection=[
            ("faq", "FAQ"),
            ("manual", "Manual"),
            ("recipe", "Recipe"),
            ("video", "Video"),
        ],
        required=True,
        default="faq",
    )
    product_tmpl_ids = fields.Many2many(
        comodel_name="product.template",
        relation="bimbonbon_knowledge_article_product_template_rel",
        column1="article_id",
        column2="product_template_id",
        string="Products",
        help="Leave empty for an article about all products.",
    )
    body = fields.Html()
    body_text = fields.Text(compute="_compute_body_text", store=True)
    manual = fields.Binary(string="Manual (PDF)", attachment=True)
    manual_filename = fields.Char()
    video_url = fields.Char(string="Video URL")
    is_published = fields.Boolean(
        string="Published", help="Shown to customers in the portal.", index=True
    )
    company_id = fields.Many2one(comodel_name="res.company")

    @api.depends("body")
    def _compute_body_text(self):
        for article in self:
            article.body_text = html2plaintext(article.body or "")

    def init(self):
        res = super().init()
        self.env.cr.execute(
            SQL(
                "ALTER TABLE %s ADD COLUMN IF NOT EXISTS search_vector tsvector "
                "GENERATED ALWAYS AS (%s) STORED",
                SQL.identifier(self._table),
                SQL(TSVECTOR_SQL),
            )
        )
        tools.create_index(
            self.env.cr,
            "bimbonbon_knowledge_article_search_vector_idx",
            self._table,
            ["search_vector"],
            method="gin",
        )
        return res

    def action_publish(self):
        self._check_staff_access("write")
        self.is_published = True

    def action_unpublish(self):
        self._check_staff_access("write")
        self.is_published = False

    @api.model
    def _suggest(self, text, product=None, limit=3):
        """Return the published articles that best answer ``text``, best first.

        Dutch full-text search: every word of ``text`` is stemmed ("storingen" finds
        "storing"), an article matches when it contains any of them, ranked with ``ts_rank`` on
        the stored ``search_vector`` (GIN index). With a product
        (product.product or product.template), only its articles and general articles (without
        products) are returned, the product's own first.

        The one ranking of the portal's problem form and the chat assistant.
        """
        if not text or not text.strip():
            return self.browse()
        template = product.product_tmpl_id if product else self.env["product.template"]
        self.flush_model(["name", "body_text", "active"])
        self.env["product.template"].flush_model(["knowledge_article_ids"])
        # the stemmed words as a constant query: with a constant, PostgreSQL estimates from the
        # words' frequencies whether to start from the product or from the full-text index
        [(tsquery,)] = self.env.execute_query(
            SQL(
                "SELECT string_agg(quote_literal(lexeme), ' | ')"
                " FROM unnest(to_tsvector('dutch', %s))",
                text,
            )
        )
        if not tsquery:
            return self.browse()
        wanted = limit * 4  # room for what record rules or the published flag hide
        ids = []
        if template:
            # the product's own articles, found through the product (a few hundred at most),
            # not by ranking every article that shares a word with the text
            ids = self._suggest_ids(
                tsquery,
                SQL(
                    """article.id IN (SELECT rel.article_id
                                        FROM bimbonbon_knowledge_article_product_template_rel rel
                                       WHERE rel.product_template_id = %s)""",
                    template.id,
                ),
                wanted,
            )
        if len(ids) < wanted:
            general = SQL("TRUE")
            if template:
                general = SQL(
                    """NOT EXISTS (
                           SELECT 1 FROM bimbonbon_knowledge_article_product_template_rel rel
                            WHERE rel.article_id = article.id)"""
                )
            ids += self._suggest_ids(tsquery, general, wanted - len(ids))
        if not ids:
            return self.browse()
        # record rules and the published flag apply to what is shown
        domain = Domain("id", "in", ids)
        if not self.env.user._is_internal():
            domain &= Domain("is_published", "=", True)
        allowed = set(self.search(domain).ids)
        return self.browse([id_ for id_ in ids if id_ in allowed][:limit])

    @api.model
    def _suggest_ids(self, tsquery, where, limit):
        """Ids of the active articles matching ``tsquery`` (words joined by ``|``) and
        ``where`` (SQL on ``article``), best ranked first."""
        query = SQL(
            """
            SELECT article.id
              FROM bimbonbon_knowledge_article article
             WHERE article.active
               AND %(tsvector)s @@ to_tsquery('simple', %(tsquery)s)
               AND %(where)s
             ORDER BY ts_rank(%(tsvector)s, to_tsquery('simple', %(tsquery)s)) DESC,
                      article.sequence, article.id
             LIMIT %(limit)s
            """,
            tsquery=tsquery,
            tsvector=SQL("article.search_vector"),
            where=where,
            limit=limit,
        )
        return [row[0] for row in self.env.execute_query(query)]
