# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
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
        for ticket in self.sudo():
            if ticket._bimbonbon_push_stage_applies():
                ticket.partner_id._bimbonbon_push(ticket._bimbonbon_push_render_stage)

    def _bimbonbon_push_render_stage(self, partner):
        """Title, text and page of the push about the ticket's new stage, for ``partner``."""
        ticket = self.with_env(partner.env)
        env = ticket.env
        visit = ticket.next_visit_id
        if ticket.stage_id == env.ref("bimbonbon_service.helpdesk_ticket_stage_planned") and (
            visit.schedule_date
        ):
            body = env._(
                "Our technician visits you on %(date)s.",
                date=format_datetime(
                    env,
                    visit.schedule_date,
                    tz=partner.tz or "Europe/Amsterdam",
                    dt_format="EEEE d MMMM HH:mm",
                ),
            )
        else:
            body = env._("Your ticket is now: %(stage)s.", stage=ticket.stage_id.name)
        title = env._("Ticket %(number)s: %(name)s", number=ticket.number, name=ticket.name)
        return title, body, ticket.access_url
