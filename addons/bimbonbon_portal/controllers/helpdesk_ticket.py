# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo import fields, http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request
from odoo.tools import format_datetime, plaintext2html

from odoo.addons.helpdesk_mgmt.controllers.main import HelpdeskTicketController
from odoo.addons.helpdesk_mgmt.controllers.myaccount import CustomerPortalHelpdesk

from .product_registration import IMAGE_MIMETYPES, PROOF_MIMETYPES, read_uploads

MAX_PHOTOS = 5
MAX_DESCRIPTION = 5000
MAX_SUBJECT = 200
MAX_SEARCH = 200
URGENCY_PRIORITY = {"low": "0", "normal": "1", "high": "2", "urgent": "3"}
REPORT_KINDS = ("fault", "complaint", "question")


def _create_ticket_attachments(ticket_sudo, uploads):
    """Attach checked uploads, as returned by ``read_uploads``, to a ticket."""
    if uploads:
        request.env["ir.attachment"].sudo().create(
            [
                {
                    "name": filename,
                    "datas": base64.b64encode(data),
                    "mimetype": mimetype,
                    "res_model": "helpdesk.ticket",
                    "res_id": ticket_sudo.id,
                }
                for filename, data, mimetype in uploads
            ]
        )


class BimbonbonHelpdeskTicketController(HelpdeskTicketController):
    """helpdesk_mgmt's portal routes, made safe: a checked close and a checked new ticket."""

    # ------------------------------------------------------------------
    # Close from the portal (helpdesk_mgmt's route did not check ownership nor CSRF)
    # ------------------------------------------------------------------

    @http.route("/ticket/close", type="http", auth="user", methods=["POST"], website=True)
    def support_ticket_close(self, ticket_id=None, stage_id=None, **kw):
        # redirects keep helpdesk_mgmt's status (302), as its portal and tests expect
        if not str(ticket_id or "").isdigit():
            return request.redirect("/my", code=302)
        ticket = request.env["helpdesk.ticket"].browse(int(ticket_id)).exists()
        if not ticket or not ticket.has_access("read"):
            return request.redirect("/my", code=302)
        ticket_sudo = ticket.sudo()
        stage = request.env["helpdesk.ticket.stage"].sudo()
        if str(stage_id or "").isdigit():
            stage = stage.browse(int(stage_id)).exists()
        # only a closing stage offered to customers, of the ticket's team and company
        stage = stage.filtered(
            lambda s: s.close_from_portal
            and (not s.team_ids or ticket_sudo.team_id in s.team_ids)
            and s.company_id in (ticket_sudo.company_id, s.env["res.company"])
        )
        if stage and not ticket_sudo.closed:
            ticket_sudo.stage_id = stage
        return request.redirect(f"/my/ticket/{ticket_sudo.id}", code=302)

    # ------------------------------------------------------------------
    # New ticket without a product (helpdesk_mgmt's form): POST with CSRF, checked values,
    # uploads bounded and checked by content. helpdesk_mgmt's route took GET (no CSRF check),
    # stored any file of any size and type, and answered bad values with a server error.
    # ------------------------------------------------------------------

    def _get_submit_ticket_form(self, kw):
        return {
            "subject": (kw.get("subject") or "").strip()[:MAX_SUBJECT],
            "description": (kw.get("description") or "").strip()[:MAX_DESCRIPTION],
            "category": str(kw.get("category") or ""),
            "team": str(kw.get("team") or ""),
        }

    def _check_submit_ticket_form(self, form):
        """Return (category, team, error message) for the new-ticket form."""
        env = request.env
        company = env.company
        # the categories and teams offered in the portal; helpdesk_mgmt accepts a category
        # even when the form does not show the choice
        categories = env["helpdesk.ticket.category"].search(
            [("active", "=", True), ("show_in_portal", "=", True)]
        )
        teams = self._get_teams() or env["helpdesk.ticket.team"]
        category = categories.filtered(lambda c: str(c.id) == form["category"])
        team = teams.filtered(lambda t: str(t.id) == form["team"])
        if form["category"] and not category:
            return category, team, env._("Please choose one of the categories.")
        if form["team"] and not team:
            return category, team, env._("Please choose one of the teams.")
        if (
            company.helpdesk_mgmt_portal_select_category
            and company.helpdesk_mgmt_portal_category_id_required
            and categories
            and not category
        ):
            return category, team, env._("Please choose a category.")
        if teams and company.helpdesk_mgmt_portal_team_id_required and not team:
            return category, team, env._("Please choose a team.")
        if not form["subject"]:
            return category, team, env._("Please give your question a subject.")
        if not form["description"]:
            return category, team, env._("Please describe your question.")
        return category, team, False

    def _render_new_ticket(self, form=None, error=False, status=200):
        values = self._get_create_new_ticket_values()
        values.update(form=form or {}, error=error)
        return request.render("helpdesk_mgmt.portal_create_ticket", values, status=status)

    @http.route("/new/ticket", type="http", auth="user", website=True, methods=["GET"])
    def create_new_ticket(self, **kw):
        return self._render_new_ticket()

    @http.route(
        "/submitted/ticket", type="http", auth="user", website=True, csrf=True, methods=["POST"]
    )
    def submit_ticket(self, **kw):
        env = request.env
        form = self._get_submit_ticket_form(kw)
        category, team, error = self._check_submit_ticket_form(form)
        try:
            if error:
                raise UserError(error)
            uploads = read_uploads(
                env,
                request.httprequest.files.getlist("attachment"),
                PROOF_MIMETYPES,
                max_count=MAX_PHOTOS,
            )
        except UserError as refused:
            return self._render_new_ticket(form=form, error=refused.args[0], status=400)
        vals = self._prepare_submit_ticket_vals(
            subject=form["subject"],
            description=form["description"],
            category=category.id,
            team=team.id,
        )
        ticket = env["helpdesk.ticket"].sudo().create(vals)
        ticket.message_subscribe(partner_ids=env.user.partner_id.ids)
        _create_ticket_attachments(ticket, uploads)
        return request.redirect(f"/my/ticket/{ticket.id}")


class BimbonbonCustomerPortalHelpdesk(CustomerPortalHelpdesk):
    """Report a problem about a registered unit; status timeline on the ticket page."""

    # ------------------------------------------------------------------
    # Ticket list: only known sortings, groupings and filters, valid dates
    # ------------------------------------------------------------------

    @http.route(
        ["/my/tickets", "/my/tickets/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        priority=100,
    )
    def portal_my_tickets(self, page=1, **kw):
        """helpdesk_mgmt's list answered an unknown ``sortby``, ``groupby`` or a bad date with
        a server error: unknown values fall back to the defaults, bad dates are ignored."""
        return super().portal_my_tickets(page=page, **self._clean_ticket_list_params(kw))

    def _clean_ticket_list_params(self, kw):
        params = dict(kw)
        if params.get("sortby") not in self._ticket_get_searchbar_sortings():
            params.pop("sortby", None)
        if params.get("groupby") not in self._ticket_get_searchbar_groupby():
            params.pop("groupby", None)
        if params.get("search_in") not in self._ticket_get_searchbar_inputs():
            params.pop("search_in", None)
        filterby = params.get("filterby")
        if filterby and filterby != "all" and not str(filterby).isdigit():
            params.pop("filterby")
        if not isinstance(params.get("search"), str | None):
            params.pop("search")
        elif params.get("search"):
            params["search"] = params["search"][:MAX_SEARCH]
        for key in ("date_begin", "date_end"):
            try:
                value = fields.Datetime.to_datetime(params.get(key) or None)
            except (TypeError, ValueError):
                value = None
            if value:
                params[key] = fields.Datetime.to_string(value)
            else:
                params.pop(key, None)
        return params

    # ------------------------------------------------------------------
    # Report a problem about a registered unit
    # ------------------------------------------------------------------

    def _get_own_registration(self, registration_id):
        """The registration if it belongs to the logged-in customer, else None."""
        try:
            return self._document_check_access("bimbonbon.product.registration", registration_id)
        except (AccessError, MissingError):
            return None

    def _get_own_suggestion(self, suggestion_id, registration_sudo):
        if not str(suggestion_id or "").isdigit():
            return request.env["bimbonbon.knowledge.suggestion"]
        suggestion = (
            request.env["bimbonbon.knowledge.suggestion"].sudo().browse(int(suggestion_id)).exists()
        )
        if (
            suggestion.partner_id != request.env.user.partner_id
            or suggestion.product_id != registration_sudo.product_id
            or suggestion.ticket_id
        ):
            return request.env["bimbonbon.knowledge.suggestion"]
        return suggestion

    def _get_report_form(self, kw):
        kind = kw.get("ticket_kind")
        urgency = kw.get("urgency")
        return {
            "description": (kw.get("description") or "").strip()[:MAX_DESCRIPTION],
            "ticket_kind": kind if kind in REPORT_KINDS else "fault",
            "urgency": urgency if urgency in URGENCY_PRIORITY else "normal",
        }

    def _render_report(self, registration_sudo, step=1, status=200, **values):
        values.update(self._prepare_portal_layout_values())
        values.update(
            {
                "registration": registration_sudo,
                "page_name": "registration_report",
                "step": step,
                "max_photos": MAX_PHOTOS,
            }
        )
        values.setdefault("form", self._get_report_form({}))
        values.setdefault("articles", request.env["bimbonbon.knowledge.article"])
        return request.render("bimbonbon_portal.portal_registration_report", values, status=status)

    @http.route(
        "/my/products/<int:registration_id>/report",
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def portal_registration_report(self, registration_id, **kw):
        registration_sudo = self._get_own_registration(registration_id)
        if not registration_sudo:
            return request.redirect("/my")
        form = self._get_report_form(kw)
        if request.httprequest.method != "POST":
            return self._render_report(registration_sudo, form=form)
        if not form["description"]:
            return self._render_report(
                registration_sudo,
                status=400,
                form=form,
                error=request.env._("Please describe the problem."),
            )
        articles = request.env["bimbonbon.knowledge.article"]._suggest(
            form["description"], product=registration_sudo.product_id, limit=3
        )
        suggestion = request.env["bimbonbon.knowledge.suggestion"]
        if articles:
            suggestion = suggestion._record(
                request.env.user.partner_id,
                form["description"],
                articles,
                product=registration_sudo.product_id,
            )
        return self._render_report(
            registration_sudo, step=2, form=form, articles=articles, suggestion=suggestion
        )

    @http.route(
        "/my/products/<int:registration_id>/report/helpful",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_registration_report_helpful(
        self, registration_id, suggestion_id=None, article_id=None, **kw
    ):
        registration_sudo = self._get_own_registration(registration_id)
        if not registration_sudo:
            return request.redirect("/my")
        suggestion = self._get_own_suggestion(suggestion_id, registration_sudo)
        if not suggestion:
            return request.redirect(f"/my/products/{registration_sudo.id}")
        article = suggestion.article_ids.filtered(lambda a: str(a.id) == str(article_id))
        suggestion._set_helpful(article[:1] or suggestion.article_ids[:1])
        return request.redirect(f"/my/products/{registration_sudo.id}?helped=1")

    @http.route(
        "/my/products/<int:registration_id>/report/submit",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_registration_report_submit(self, registration_id, suggestion_id=None, **kw):
        env = request.env
        registration_sudo = self._get_own_registration(registration_id)
        if not registration_sudo:
            return request.redirect("/my")
        form = self._get_report_form(kw)
        suggestion = self._get_own_suggestion(suggestion_id, registration_sudo)
        try:
            if not form["description"]:
                raise UserError(env._("Please describe the problem."))
            photos = read_uploads(
                env,
                request.httprequest.files.getlist("photos"),
                IMAGE_MIMETYPES,
                max_count=MAX_PHOTOS,
            )
        except UserError as error:
            return self._render_report(
                registration_sudo,
                step=2,
                status=400,
                form=form,
                articles=suggestion.article_ids,
                suggestion=suggestion,
                error=error.args[0],
            )
        ticket = self._create_registration_ticket(registration_sudo, form, photos)
        if suggestion:
            suggestion._set_ticket(ticket)
        return request.redirect(f"/my/ticket/{ticket.id}")

    def _prepare_registration_ticket_vals(self, registration_sudo, form):
        first_line = form["description"].splitlines()[0][:80]
        partner = request.env.user.partner_id
        web_channel = request.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_web", False)
        team = request.env["helpdesk.ticket.team"]
        # the same values as helpdesk_mgmt's own portal form (/submitted/ticket)
        return {
            "name": f"{registration_sudo.product_id.name}: {first_line}",
            "description": plaintext2html(form["description"]),
            "company_id": registration_sudo.company_id.id,
            "channel_id": web_channel.id if web_channel else False,
            "partner_id": partner.id,
            "partner_name": partner.name,
            "partner_email": partner.email,
            "user_id": False,
            "stage_id": team._get_first_stage().id,
            "registration_id": registration_sudo.id,
            "ticket_kind": form["ticket_kind"],
            "priority": URGENCY_PRIORITY[form["urgency"]],
        }

    def _create_registration_ticket(self, registration_sudo, form, photos):
        """Create the ticket and its photos together: one transaction, nothing half-saved."""
        vals = self._prepare_registration_ticket_vals(registration_sudo, form)
        ticket = request.env["helpdesk.ticket"].sudo().create(vals)
        ticket.message_subscribe(partner_ids=request.env.user.partner_id.ids)
        _create_ticket_attachments(ticket, photos)
        return ticket

    def _ticket_get_timeline(self, ticket):
        """Stages shown in the timeline: the open ones in order, then the closing stage."""
        # helpdesk_mgmt's stages of the team (of the ticket's company when it has no team)
        stages = ticket.team_id.sudo().with_company(ticket.company_id)._get_applicable_stages()
        stages = stages.sorted(lambda s: (s.sequence, s.id))
        timeline = stages.filtered(lambda s: not s.closed)
        if ticket.stage_id.closed:
            timeline |= ticket.stage_id
        else:
            timeline |= stages.filtered("closed")[:1]
        current = ticket.stage_id
        dates = self._ticket_get_stage_dates(ticket)
        steps = []
        passed = True
        for stage in timeline:
            if stage == current:
                steps.append({"stage": stage, "state": "current", "date": dates.get(stage.id)})
                passed = False
            elif passed:
                steps.append({"stage": stage, "state": "done", "date": dates.get(stage.id)})
            else:
                steps.append({"stage": stage, "state": "todo", "date": None})
        if current not in timeline:
            steps = [dict(step, state="todo", date=None) for step in steps]
        return steps

    def _ticket_get_stage_dates(self, ticket):
        """When the ticket last entered each stage: from the chatter's tracking of the stage
        (one query, whatever the number of changes), the creation date for its first stage."""
        stage_field = request.env["ir.model.fields"].sudo()._get("helpdesk.ticket", "stage_id")
        trackings = (
            request.env["mail.tracking.value"]
            .sudo()
            .search_read(
                [
                    ("field_id", "=", stage_field.id),
                    ("mail_message_id.model", "=", "helpdesk.ticket"),
                    ("mail_message_id.res_id", "=", ticket.id),
                ],
                ["old_value_integer", "new_value_integer", "create_date"],
                order="id",
            )
        )
        dates = {}
        for tracking in trackings:
            dates.setdefault(tracking["old_value_integer"], ticket.create_date)
            dates[tracking["new_value_integer"]] = tracking["create_date"]
        dates.setdefault(ticket.stage_id.id, ticket.create_date)
        return dates

    def _ticket_get_page_view_values(self, ticket, access_token, **kwargs):
        values = super()._ticket_get_page_view_values(ticket, access_token, **kwargs)
        values["timeline"] = self._ticket_get_timeline(ticket)
        values["visit"] = self._ticket_get_visit(ticket)
        values["expected_resolution"] = self._ticket_get_expected_resolution(ticket)
        values["grade_url"] = self._ticket_get_grade_url(ticket)
        return values

    def _ticket_get_expected_resolution(self, ticket):
        """The deadline of the running resolution level (issue 15), as the customer reads it
        (their time zone and language); None when the ticket is closed or has none."""
        ticket_sudo = ticket.sudo()
        deadline = ticket_sudo.sla_resolution_deadline
        if not deadline or ticket_sudo.closed:
            return None
        tz = ticket_sudo.partner_id.tz or request.env.user.tz or "Europe/Amsterdam"
        return format_datetime(request.env, deadline, tz=tz, dt_format="EEEE d MMMM yyyy")

    def _ticket_get_grade_url(self, ticket):
        """The grade page of the ticket's open grade request, for its own customer only."""
        ticket_sudo = ticket.sudo()
        user_partner = request.env.user.partner_id.commercial_partner_id
        if (
            not ticket_sudo.grade_request_date
            or ticket_sudo.customer_grade
            or request.env.user._is_public()
            or ticket_sudo.partner_id.commercial_partner_id != user_partner
        ):
            return None
        rating = ticket_sudo.rating_ids.filtered(lambda r: not r.consumed)[:1]
        if not rating or ticket_sudo._get_grade_request(rating.access_token)[1]:
            return None
        return f"/my/tickets/grade/{rating.access_token}"

    def _ticket_get_visit(self, ticket):
        """The planned visit as the customer sees it: the day and time window in their time
        zone and language, and only the technician's first name; None when there is none
        to come (no visit, done, or the ticket closed)."""
        visit = ticket.sudo().next_visit_id
        if not visit or visit.done or ticket.closed or not visit.schedule_date:
            return None
        env = request.env
        tz = ticket.partner_id.tz or env.user.tz or "Europe/Amsterdam"
        return {
            "day": format_datetime(env, visit.schedule_date, tz=tz, dt_format="EEEE d MMMM yyyy"),
            "start": format_datetime(env, visit.schedule_date, tz=tz, dt_format="HH:mm"),
            "end": visit.schedule_end
            and format_datetime(env, visit.schedule_end, tz=tz, dt_format="HH:mm"),
            "technician": (visit.user_id.name or "").split(" ")[0],
        }
