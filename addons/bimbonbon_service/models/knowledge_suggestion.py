# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class KnowledgeSuggestion(models.Model):
    """Which articles a customer was shown for a problem, and whether a ticket followed.

    The average of ``deflection`` over a set of suggestions is the deflection rate: the share of
    shown suggestions after which the customer did not file a ticket.
    """

    _name = "bimbonbon.knowledge.suggestion"
    _description = "Knowledge suggestion shown"
    _order = "create_date desc, id desc"
    _rec_name = "text"

    partner_id = fields.Many2one(comodel_name="res.partner", string="Customer", index=True)
    product_id = fields.Many2one(comodel_name="product.product", index=True)
    text = fields.Text(string="Problem description", required=True)
    article_ids = fields.Many2many(
        comodel_name="bimbonbon.knowledge.article", string="Articles shown"
    )
    helpful_article_id = fields.Many2one(
        comodel_name="bimbonbon.knowledge.article",
        string="Helpful article",
        help="The article the customer said answered the question.",
    )
    ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket",
        string="Ticket that followed",
        index="btree_not_null",
        ondelete="set null",
    )
    deflection = fields.Float(
        string="Deflection rate",
        compute="_compute_deflection",
        store=True,
        aggregator="avg",
        help="1 when no ticket followed the suggestion; its average is the deflection rate.",
    )
    company_id = fields.Many2one(comodel_name="res.company", default=lambda self: self.env.company)

    @api.depends("ticket_id")
    def _compute_deflection(self):
        for suggestion in self:
            suggestion.deflection = 0.0 if suggestion.ticket_id else 1.0

    @api.model
    def _record(self, partner, text, articles, product=None, **values):
        """Log that ``articles`` were shown to ``partner`` for ``text``; returns the log (sudo).

        ``values``: other fields of the log (an addon's own, such as the chat's conversation).
        """
        return self.sudo().create(
            {
                "partner_id": partner.id,
                "product_id": product.id if product else False,
                "text": text,
                "article_ids": [fields.Command.set(articles.ids)],
                **values,
            }
        )

    def _set_helpful(self, article):
        self.sudo().helpful_article_id = article

    def _set_ticket(self, ticket):
        self.sudo().ticket_id = ticket

    @api.model
    def _get_deflection_rate(self, domain=None):
        """Share (0..1) of logged suggestions without a ticket, or 0.0 without data."""
        [(rate,)] = self._read_group(domain or [], [], ["deflection:avg"])
        return rate or 0.0
