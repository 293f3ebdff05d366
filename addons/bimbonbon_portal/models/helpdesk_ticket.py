# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from functools import partial

from odoo import models
from odoo.tools import format_datetime


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    def write(self, vals):
        if "stage_id" not in vals:
            return super().write(vals)
        old_stages = {ticket.id: ticket.stage_id for ticket in self}
        res = super().write(vals)
        self.filtered(lambda t: t.stage_id != old_stages[t.id])._bimbonbon_push_stage_change()
        return res

    def _bimbonbon_push_stage_applies(self):
        """Whether the customer hears of the ticket's new stage: the stages that mail them
        (helpdesk_mgmt's stage template) tell their phone too."""
        self.ensure_one()
        return bool(self.partner_id and self.stage_id.mail_template_id)

    def _bimbonbon_push_stage_change(self):
        # one search of the phones for all the tickets (a stage set on many at once)
        planned = self.env.ref("bimbonbon_service.helpdesk_ticket_stage_planned")
        self.env["res.partner"]._bimbonbon_push_many(
            [
                (ticket.partner_id, partial(ticket._bimbonbon_push_render_stage, planned=planned))
                for ticket in self.sudo()
                if ticket._bimbonbon_push_stage_applies()
            ]
        )

    def _bimbonbon_push_title(self, env):
        return env._("Ticket %(number)s: %(name)s", number=self.number, name=self.name)

    def _bimbonbon_push_visit_date(self, partner):
        """The planned visit's day and time, in the customer's time zone and language."""
        return format_datetime(
            partner.env,
            self.next_visit_id.schedule_date,
            tz=partner.tz or "Europe/Amsterdam",
            dt_format="EEEE d MMMM HH:mm",
        )

    def _bimbonbon_push_render_stage(self, partner, planned=None):
        """Title, text and page of the push about the ticket's new stage, for ``partner``
        (``planned``: our Planned stage, looked up once for a batch)."""
        ticket = self.with_env(partner.env)
        env = ticket.env
        if planned is None:
            planned = env.ref("bimbonbon_service.helpdesk_ticket_stage_planned")
        if ticket.stage_id == planned and ticket.next_visit_id.schedule_date:
            body = env._(
                "Our technician visits you on %(date)s.",
                date=ticket._bimbonbon_push_visit_date(partner),
            )
        else:
            body = env._("Your ticket is now: %(stage)s.", stage=ticket.stage_id.name)
        return ticket._bimbonbon_push_title(env), body, ticket.access_url

    def _bimbonbon_push_visit_moved(self):
        self.env["res.partner"]._bimbonbon_push_many(
            [
                (ticket.partner_id, ticket._bimbonbon_push_render_visit_moved)
                for ticket in self.sudo()
                if ticket.partner_id
            ]
        )

    def _bimbonbon_push_render_visit_moved(self, partner):
        ticket = self.with_env(partner.env)
        env = ticket.env
        body = env._(
            "Your visit has moved to %(date)s.", date=ticket._bimbonbon_push_visit_date(partner)
        )
        return ticket._bimbonbon_push_title(env), body, ticket.access_url
