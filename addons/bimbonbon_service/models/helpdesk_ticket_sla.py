# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.fields import Domain

SLA_WARNING_HOURS_PARAM = "bimbonbon_service.sla_warning_hours"
SLA_WARNING_BATCH_SIZE = 100


class HelpdeskTicketSla(models.Model):
    """A service level running on one ticket (OCA helpdesk_mgmt_sla), with the warning sent to
    the team before its deadline passes."""

    _inherit = "helpdesk.ticket.sla"

    sla_type = fields.Selection(related="sla_id.sla_type", store=True)
    warning_date = fields.Datetime(
        string="Team warned on",
        copy=False,
        readonly=True,
        help="When the team was warned that the deadline comes near (once per deadline).",
    )

    @api.model
    def _get_warning_hours(self):
        param = self.env["ir.config_parameter"].sudo().get_param(SLA_WARNING_HOURS_PARAM, "2")
        try:
            return max(float(param), 0.0)
        except ValueError:
            return 2.0

    @api.model
    def _get_warning_domain(self):
        limit = fields.Datetime.now() + timedelta(hours=self._get_warning_hours())
        return (
            Domain("state", "=", "in_progress")
            & Domain("warning_date", "=", False)
            & Domain("deadline", "!=", False)
            & Domain("deadline", "<=", limit)
            & Domain("ticket_id.closed", "=", False)
        )

    @api.model
    def _cron_warn_deadlines(self, batch_size=SLA_WARNING_BATCH_SIZE):
        """Warn the team of each ticket whose deadline comes near, once per deadline.

        Per batch the warning date is written and the notes posted in one transaction before
        ``_commit_progress`` commits it: a re-run skips what was warned.
        """
        domain = self._get_warning_domain()
        cron = self.env["ir.cron"]
        cron._commit_progress(remaining=self.search_count(domain))
        while slas := self.search(domain, limit=batch_size, order="deadline, id"):
            slas.write({"warning_date": fields.Datetime.now()})
            for ticket, ticket_slas in slas.grouped("ticket_id").items():
                ticket._post_sla_warning(ticket_slas)
            if not cron._commit_progress(len(slas)):
                break

    def _mark_responded(self):
        """The customer got a first answer: the running response levels are met (or late)."""
        now = fields.Datetime.now()
        for sla in self.filtered(lambda s: s.sla_type == "response" and s.state == "in_progress"):
            sla.state = "accomplished" if not sla.deadline or sla.deadline >= now else "expired"
            sla.last_state_date = now
