# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request
from odoo.tools.misc import get_lang

REMARK_MAX = 2000


class TicketGrade(http.Controller):
    """The customer's 1–10 grade of a solved ticket, from the link in the mail: no login, the
    rating request's token; once, for 30 days (helpdesk.ticket._get_grade_request)."""

    def _set_lang(self, rating=None):
        """The customer's language; Dutch for a link we cannot trace to anyone."""
        lang = rating and rating.partner_id.lang
        if not lang:
            dutch = request.env["res.lang"].sudo()._get_data(code="nl_NL")
            lang = "nl_NL" if dutch.code else get_lang(request.env).code
        request.update_context(lang=lang)

    def _render(self, template, values, status=200, rating=None):
        self._set_lang(rating)
        return request.render(template, values, status=status)

    def _render_refused(self, reason, rating):
        status = 404 if reason == "unknown" else 410
        return self._render(
            "bimbonbon_service.ticket_grade_refused",
            {"reason": reason, "ticket": rating and rating.sudo().resource_ref},
            status=status,
            rating=rating,
        )

    def _render_form(self, rating, error=False, grade=None, remark="", status=200):
        return self._render(
            "bimbonbon_service.ticket_grade_page",
            {
                "rating": rating,
                "ticket": rating.resource_ref,
                "token": rating.access_token,
                "grades": range(1, 11),
                "grade": grade,
                "remark": remark,
                "error": error,
            },
            status=status,
            rating=rating,
        )

    @http.route(
        "/my/tickets/grade/<string:token>",
        type="http",
        auth="public",
        methods=["GET"],
        website=True,
        sitemap=False,
    )
    def ticket_grade(self, token, **kw):
        Ticket = request.env["helpdesk.ticket"]
        rating, refused = Ticket._get_grade_request(token)
        if refused:
            return self._render_refused(refused, rating)
        return self._render_form(rating)

    @http.route(
        "/my/tickets/grade/<string:token>",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
        sitemap=False,
        csrf=True,
    )
    def ticket_grade_submit(self, token, grade=None, remark="", **kw):
        Ticket = request.env["helpdesk.ticket"]
        rating, refused = Ticket._get_grade_request(token)
        if refused:
            return self._render_refused(refused, rating)
        self._set_lang(rating)  # the messages below in the customer's language
        remark = (remark or "").replace("\x00", "").strip()[:REMARK_MAX]
        parsed = Ticket._parse_grade(grade)
        ticket = rating.resource_ref.with_context(lang=request.env.lang)
        if parsed is None:
            error = request.env._("Please choose a grade from %(min)s to %(max)s.", min=1, max=10)
            return self._render_form(rating, error=error, remark=remark, status=400)
        try:
            ticket._apply_grade(rating, parsed, remark)
        except (UserError, ValidationError) as refusal:
            return self._render_form(
                rating, error=refusal.args[0], grade=parsed, remark=remark, status=400
            )
        return self._render(
            "bimbonbon_service.ticket_grade_thanks",
            {"ticket": ticket, "grade": parsed},
            rating=rating,
        )
