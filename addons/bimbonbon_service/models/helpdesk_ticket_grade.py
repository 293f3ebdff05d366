# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The customer's 1–10 grade after a resolved ticket (issue 15), on Odoo's rating framework
as OCA helpdesk_mgmt_rating uses it. Kept apart from the ticket's other code."""

from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command
from odoo.tools import SQL

from odoo.addons.bimbonbon_crm.models.mail_thread import CUSTOMER_MAIL_LAYOUT

from .rating_rating import GRADE_FOLLOW_UP, GRADE_MAX, GRADE_MIN, GRADE_TOP, grade_to_rating

#: a grade link works this many days after the mail
GRADE_VALID_DAYS = 30
#: the tickets whose grade request was mailed in this transaction (``cr.precommit.data``)
GRADE_ASKED_KEY = "bimbonbon_service.grade_asked"


# pylint: disable=consider-merging-classes-inherited
# The ticket's grade is a responsibility of its own: kept apart from helpdesk_ticket.py.
class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    customer_grade = fields.Integer(
        string="Customer grade",
        readonly=True,
        copy=False,
        aggregator="avg",
        help="The grade from 1 to 10 the customer gave the handling of this ticket.",
    )
    customer_grade_top = fields.Float(
        string="9+ (%)",
        compute="_compute_customer_grade_top",
        store=True,
        aggregator="avg",
        help="100 for a grade of 9 or 10, 0 for a lower one: its average is the share of 9+.",
    )
    grade_request_date = fields.Datetime(
        string="Grade asked on",
        readonly=True,
        copy=False,
        help="When the customer was asked to grade the handling (once per ticket).",
    )

    @api.depends("customer_grade")
    def _compute_customer_grade_top(self):
        # stored only so that the pivot can average it: one place decides what "9+" is
        for ticket in self:
            grade = ticket.customer_grade
            ticket.customer_grade_top = (100.0 if grade >= GRADE_TOP else 0.0) if grade else 0.0

    # ------------------------------------------------------------------
    # Asking: one mail, when the ticket reaches a stage with a rating template
    # ------------------------------------------------------------------

    def _send_ticket_rating_mail(self, force_send=False):
        """helpdesk_mgmt_rating mails the stage's rating template at every such stage, from
        whoever moved the ticket. The customer is asked once per ticket, by the company, in
        the customer mail layout."""
        tickets = self.filtered(
            lambda t: t.rating_status == "stage_change"
            and t.partner_id
            and not t.grade_request_date
            and t.stage_id.rating_mail_template_id
        )
        for ticket in tickets:
            ticket.sudo().grade_request_date = fields.Datetime.now()
            # the stage's tracking mail of this change, posted at commit, is left out
            self.env.cr.precommit.data.setdefault(GRADE_ASKED_KEY, set()).add(ticket.id)
            template = ticket.stage_id.rating_mail_template_id
            company = ticket.company_id or self.env.company
            # as a mail of its own (rendered and laid out in the customer's language, like
            # the stage mails), shown in the ticket's history on the portal
            mails = ticket.message_mail_with_source(
                template,
                email_layout_xmlid=CUSTOMER_MAIL_LAYOUT,
                author_id=company.partner_id.id,
            )
            # the logged message names its recipient, as helpdesk_mgmt_rating's did
            mails.mail_message_id.sudo().write(
                {"partner_ids": [Command.link(pid) for pid in mails.recipient_ids.ids]}
            )

    def _track_template(self, changes):
        """The grade request says the ticket is solved: it replaces the stage's own mail of
        the same change, so the customer gets one mail, not two. A later stage change (solved
        again, once graded or asked) sends the stage's mail as usual."""
        res = super()._track_template(changes)
        asked = self.env.cr.precommit.data.get(GRADE_ASKED_KEY, set())
        if "stage_id" in res and self.id in asked:
            asked.discard(self.id)
            del res["stage_id"]
        return res

    def _get_grade_url(self):
        """The customer's one-time link to the grade page (creates the rating request)."""
        self.ensure_one()
        token = self.sudo()._rating_get_access_token()
        return f"{self.get_base_url()}/my/tickets/grade/{token}"

    # ------------------------------------------------------------------
    # Grading
    # ------------------------------------------------------------------

    @api.model
    def _get_grade_request(self, token):
        """The open rating request of ``token`` (sudo), or a reason why not: 'unknown',
        'used' or 'expired'."""
        rating = (
            self.env["rating.rating"]
            .sudo()
            .search([("access_token", "=", token or ""), ("res_model", "=", self._name)], limit=1)
            if token
            else self.env["rating.rating"]
        )
        if not rating or not self.sudo().browse(rating.res_id).exists():
            return rating, "unknown"
        if rating.consumed or rating.grade:
            return rating, "used"
        if rating.create_date < fields.Datetime.now() - timedelta(days=GRADE_VALID_DAYS):
            return rating, "expired"
        return rating, False

    @api.model
    def _parse_grade(self, value):
        try:
            grade = int(value)
        except (TypeError, ValueError):
            return None
        return grade if GRADE_MIN <= grade <= GRADE_MAX else None

    def _apply_grade(self, rating, grade, remark=""):
        """Store the customer's grade on ``rating`` (a request of this ticket), once."""
        self.ensure_one()
        grade = self._parse_grade(grade)
        if grade is None:
            raise ValidationError(
                self.env._("Please choose a grade from %(min)s to %(max)s.", min=1, max=10)
            )
        rating = rating.sudo()
        # one grade, also when the link is sent twice at once: the second waits, then sees it
        self.env.cr.execute(SQL("SELECT id FROM rating_rating WHERE id = %s FOR UPDATE", rating.id))
        rating.invalidate_recordset(["consumed", "grade"])
        if rating.res_model != self._name or rating.res_id != self.id:
            raise UserError(self.env._("This grade request belongs to another ticket."))
        if rating.consumed or rating.grade:
            raise UserError(self.env._("This ticket has already been graded."))
        ticket = self.sudo()
        ticket.rating_apply(grade_to_rating(grade), rating=rating, feedback=remark or False)
        rating.grade = grade
        ticket.customer_grade = grade
        if grade <= GRADE_FOLLOW_UP:
            ticket._schedule_grade_follow_up(grade, remark)
        return rating

    def _get_grade_follow_up_user(self):
        """Who follows up a low grade: the team leader, else the assignee."""
        self.ensure_one()
        return self.team_id.user_id or self.user_id or self.env.ref("base.user_admin", False)

    def _schedule_grade_follow_up(self, grade, remark):
        self.ensure_one()
        user = self._get_grade_follow_up_user()
        self.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=self.env._("Follow up: the customer graded %(grade)s/10", grade=grade),
            note=remark or False,
            user_id=user.id if user else self.env.uid,
        )
