# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What product development reads weekly, and gets monthly by mail: per product and batch,
the complaints and faults by kind and reason, the feedback grades and remarks, and the
knowledge articles that solved problems and those that did not."""

from collections import defaultdict
from datetime import datetime, time, timedelta

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL, html2plaintext

REMARKS_PER_PRODUCT = 5


class ProductDevelopmentReport(models.TransientModel):
    _name = "bimbonbon.product.development.report"
    _description = "Product development page"

    date_from = fields.Date(
        string="From",
        required=True,
        default=lambda self: fields.Date.context_today(self) - timedelta(days=27),
    )
    date_to = fields.Date(string="Until", required=True, default=fields.Date.context_today)
    product_id = fields.Many2one(comodel_name="product.product")
    report_html = fields.Html(
        string="Page", compute="_compute_report_html", sanitize=False, readonly=True
    )

    @api.depends("date_from", "date_to", "product_id")
    def _compute_report_html(self):
        for page in self:
            if not page.date_from or not page.date_to:
                page.report_html = False
                continue
            data = page._get_report_data(page.date_from, page.date_to, page.product_id.ids)
            page.report_html = self.env["ir.qweb"]._render(
                "bimbonbon_journey.product_development_report_page", data
            )

    @api.model
    def _get_report_data(self, date_from, date_to, product_ids=None):
        """Everything on the page, in a fixed number of queries: {products: [{product,
        batches: [{lot, rows: [(kind, reason, count)]}], grade, feedback_count, remarks,
        solved: [(article, count)], unsolved: [(article, count)]}], date_from, date_to}.

        Read as superuser within the user's companies: product development reads every
        customer's feedback and complaints about its products, not only its own tickets.
        """
        start = fields.Datetime.to_string(datetime.combine(date_from, time.min))
        end = fields.Datetime.to_string(datetime.combine(date_to + timedelta(days=1), time.min))
        period = (
            Domain("create_date", ">=", start)
            & Domain("create_date", "<", end)
            & Domain("company_id", "in", self.env.companies.ids)
        )
        if product_ids:
            period &= Domain("product_id", "in", product_ids)
        Ticket = self.env["helpdesk.ticket"].sudo()
        kinds = dict(Ticket._fields["ticket_kind"]._description_selection(self.env))
        products = defaultdict(
            lambda: {
                "batches": defaultdict(list),
                "grade": None,
                "feedback_count": 0,
                "remarks": [],
                "solved": [],
                "unsolved": [],
            }
        )
        problems = Ticket._read_group(
            period
            & Domain("ticket_kind", "in", ["complaint", "fault"])
            & Domain("product_id", "!=", False),
            ["product_id", "lot_id", "ticket_kind", "category_id"],
            ["__count"],
            order="product_id, lot_id, ticket_kind",
        )
        for product, lot, kind, category, count in problems:
            products[product]["batches"][lot].append(
                (kinds.get(kind, kind), category.name or self.env._("no reason given"), count)
            )
        feedback = period & Domain("ticket_kind", "=", "feedback") & Domain("rating", ">", 0)
        for product, count, total in Ticket._read_group(
            feedback & Domain("product_id", "!=", False),
            ["product_id"],
            ["__count", "rating:sum"],
        ):
            products[product]["grade"] = total / count
            products[product]["feedback_count"] = count
        for ticket in self._get_remarks(Ticket, feedback):
            entry = products[ticket.product_id]
            text = html2plaintext(ticket.description or "").strip()
            if text and len(entry["remarks"]) < REMARKS_PER_PRODUCT:
                entry["remarks"].append((ticket.rating, text))
        Suggestion = self.env["bimbonbon.knowledge.suggestion"].sudo()
        suggestions = period & Domain("product_id", "!=", False)
        for product, article, count in Suggestion._read_group(
            suggestions & Domain("helpful_article_id", "!=", False),
            ["product_id", "helpful_article_id"],
            ["__count"],
        ):
            products[product]["solved"].append((article.name, count))
        for product, article, count in Suggestion._read_group(
            suggestions & Domain("ticket_id", "!=", False),
            ["product_id", "article_ids"],
            ["__count"],
        ):
            if article:
                products[product]["unsolved"].append((article.name, count))
        rows = []
        for product in sorted(products, key=lambda p: p.display_name):
            entry = products[product]
            rows.append(
                {
                    "product": product.display_name,
                    "batches": [
                        {"lot": lot.name or self.env._("no batch"), "rows": batch_rows}
                        for lot, batch_rows in entry["batches"].items()
                    ],
                    "grade": entry["grade"],
                    "feedback_count": entry["feedback_count"],
                    "remarks": entry["remarks"],
                    "solved": sorted(entry["solved"], key=lambda item: -item[1]),
                    "unsolved": sorted(entry["unsolved"], key=lambda item: -item[1]),
                }
            )
        return {"products": rows, "date_from": date_from, "date_to": date_to}

    @api.model
    def _get_remarks(self, Ticket, feedback):
        """The latest feedback tickets with a remark of each product in ``feedback`` (the
        period's): a few per product, however many another product has. Two queries."""
        query = Ticket._search(
            feedback & Domain("product_id", "!=", False) & Domain("description", "!=", False)
        )
        # twice as many as shown: a remark of only markup is left out after reading
        self.env.cr.execute(
            SQL(
                """
                SELECT id FROM (
                    SELECT t.id, ROW_NUMBER() OVER (
                               PARTITION BY t.product_id ORDER BY t.create_date DESC, t.id DESC
                           ) AS rank
                      FROM helpdesk_ticket t
                     WHERE t.id IN %(tickets)s
                ) ranked
                 WHERE rank <= %(limit)s
                """,
                tickets=query.subselect(),
                limit=REMARKS_PER_PRODUCT * 2,
            )
        )
        ids = [ticket_id for (ticket_id,) in self.env.cr.fetchall()]
        return Ticket.search_fetch(
            Domain("id", "in", ids),
            ["product_id", "rating", "description", "create_date"],
            order="create_date desc, id desc",
        )

    @api.model
    def _cron_send_digest(self):
        """The previous month's page, mailed to product development (in each one's language)."""
        today = fields.Date.context_today(self)
        date_to = today.replace(day=1) - timedelta(days=1)
        date_from = date_to.replace(day=1)
        users = self.env.ref("bimbonbon_service.group_product_development")._get_department_users(
            members_only=True
        )
        users = users.filtered("email")
        company = self.env.company
        for lang, lang_users in users.grouped(lambda user: user.lang or "nl_NL").items():
            page = self.with_context(lang=lang)
            data = page._get_report_data(date_from, date_to)
            body = page.env["ir.qweb"]._render(
                "bimbonbon_journey.product_development_report_page", data
            )
            self.env["mail.mail"].sudo().create(
                {
                    "subject": page.env._(
                        "Product development: %(month)s",
                        month=date_from.strftime("%m-%Y"),
                    ),
                    "body_html": body,
                    "email_from": company.email_formatted or company.partner_id.email_formatted,
                    "author_id": company.partner_id.id,
                    "recipient_ids": [fields.Command.set(lang_users.partner_id.ids)],
                    "auto_delete": True,
                }
            )
