# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Service levels on the ticket (issue 15): OCA helpdesk_mgmt_sla's deadlines per kind and
priority, what is left of them, and the warning to the team. Kept apart from the ticket's
other code (helpdesk_ticket.py)."""

from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL, format_datetime

SLA_REFRESH_FIELDS = {"ticket_kind", "priority", "team_id"}


# pylint: disable=consider-merging-classes-inherited
# The ticket's service levels are a responsibility of their own: kept apart from
# helpdesk_ticket.py.
class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    first_response_date = fields.Datetime(
        string="First response",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="When the customer first got an answer from us (a reply they can see).",
    )
    sla_status = fields.Selection(
        selection=[
            ("on_time", "On time"),
            ("at_risk", "Deadline near"),
            ("late", "Late"),
            ("met", "Met"),
        ],
        string="Service level",
        compute="_compute_sla_status",
        help="The ticket's running deadlines: on time, near (the team is warned), late; or "
        "met when every deadline was met.",
    )
    sla_hours_left = fields.Float(
        string="Time left",
        compute="_compute_sla_status",
        help="Hours until the next deadline; negative when late.",
    )
    sla_resolution_deadline = fields.Datetime(
        string="Expected resolution",
        compute="_compute_sla_status",
        help="The deadline of the running resolution level: the date the customer sees.",
    )

    @api.depends("ticket_sla_ids.state", "ticket_sla_ids.deadline")
    def _compute_sla_status(self):
        now = fields.Datetime.now()
        near = now + timedelta(hours=self.env["helpdesk.ticket.sla"]._get_warning_hours())
        for ticket in self:
            slas = ticket.sudo().ticket_sla_ids
            running = slas.filtered(lambda s: s.state == "in_progress" and s.deadline)
            deadline = min(running.mapped("deadline"), default=False)
            resolution = running.filtered(lambda s: s.sla_type == "resolution")
            ticket.sla_resolution_deadline = min(resolution.mapped("deadline"), default=False)
            ticket.sla_hours_left = (deadline - now).total_seconds() / 3600 if deadline else 0.0
            if any(s.state == "expired" for s in slas) or (deadline and deadline < now):
                ticket.sla_status = "late"
            elif deadline:
                ticket.sla_status = "at_risk" if deadline <= near else "on_time"
            elif slas and all(s.state == "accomplished" for s in slas):
                ticket.sla_status = "met"
            else:
                ticket.sla_status = False

    def _get_sla_ticket_domain(self):
        """OCA's levels of the ticket's team, category and tags, of its kind and priority."""
        return (
            super()._get_sla_ticket_domain()
            & (Domain("ticket_kind", "=", False) | Domain("ticket_kind", "=", self.ticket_kind))
            & (Domain("priority", "=", False) | Domain("priority", "=", self.priority))
        )

    def write(self, vals):
        res = super().write(vals)
        if SLA_REFRESH_FIELDS & set(vals):
            # another kind, priority or team: other levels (OCA sets them on create only).
            # The user could write the ticket; its levels are the system's bookkeeping (OCA
            # lets only helpdesk managers delete them).
            for ticket in self.sudo().filtered(lambda t: not t.closed):
                if ticket.team_id.use_sla:
                    ticket.refresh_sla()
                else:
                    ticket.ticket_sla_ids.unlink()
        return res

    def refresh_sla(self):
        """OCA's "Set SLA" button, shown when the levels no longer fit the ticket: whoever may
        change the ticket refreshes them (the levels are the system's bookkeeping, which OCA
        lets only helpdesk managers delete)."""
        self._check_staff_access("write")
        return super(HelpdeskTicket, self.sudo()).refresh_sla()

    def _is_response(self, message):
        """Whether ``message`` answers the customer: a reply they see, from us."""
        return (
            message.message_type == "comment"
            and not message.is_internal
            and message.subtype_id == self.env.ref("mail.mt_comment")
            and message.author_id
            and not message.author_id.partner_share
            and message.author_id not in self.partner_id
        )

    def _message_post_after_hook(self, message, msg_vals):
        # the first response: its time (reports) and the response levels it meets
        if self._is_response(message):
            self.filtered(lambda t: not t.first_response_date).sudo().write(
                {"first_response_date": message.date or fields.Datetime.now()}
            )
            self.sudo().ticket_sla_ids._mark_responded()
        return super()._message_post_after_hook(message, msg_vals)

    def _init_first_response_date(self):
        """Fill the first response of existing tickets from their history (install and
        upgrade), with the rule of ``_is_response``."""
        self.env.cr.execute(
            SQL(
                """
                UPDATE helpdesk_ticket t SET first_response_date = m.first
                  FROM (
                    SELECT msg.res_id, MIN(msg.date) AS first
                      FROM mail_message msg
                      JOIN helpdesk_ticket tk ON tk.id = msg.res_id
                      JOIN res_partner author ON author.id = msg.author_id
                     WHERE msg.model = 'helpdesk.ticket'
                       AND msg.message_type = 'comment'
                       AND NOT COALESCE(msg.is_internal, FALSE)
                       AND msg.subtype_id = %(comment)s
                       AND NOT COALESCE(author.partner_share, FALSE)
                       AND msg.author_id != COALESCE(tk.partner_id, 0)
                     GROUP BY msg.res_id
                  ) m
                 WHERE m.res_id = t.id AND t.first_response_date IS NULL
                """,
                comment=self.env.ref("mail.mt_comment").id,
            )
        )

    def _get_sla_warning_partners(self):
        """Who is warned: the assignee, else the team leader and members."""
        self.ensure_one()
        users = self.user_id or (self.team_id.user_id | self.team_id.user_ids)
        return users.partner_id

    def _post_sla_warning(self, ticket_slas):
        """An internal note on the ticket, notifying the people who work it."""
        self.ensure_one()
        tz = self.team_id.resource_calendar_id.tz or self.env.company.resource_calendar_id.tz
        lines = Markup().join(
            Markup("<li>%s: %s</li>")
            % (sla.name, format_datetime(self.env, sla.deadline, tz=tz, dt_format="short"))
            for sla in ticket_slas
        )
        body = Markup("<p>%s</p><ul>%s</ul>") % (
            self.env._("The deadline of this ticket comes near:"),
            lines,
        )
        self.message_post(
            body=body,
            subtype_xmlid="mail.mt_note",
            partner_ids=self._get_sla_warning_partners().ids,
        )
