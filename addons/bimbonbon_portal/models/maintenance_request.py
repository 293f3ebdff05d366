# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class MaintenanceRequest(models.Model):
    _inherit = "maintenance.request"

    def write(self, vals):
        """A planned visit moved to another time: the ticket stays in its Planned stage (whose
        push told the first time), so the customer's phone hears it here."""
        if "schedule_date" not in vals:
            return super().write(vals)
        planned = self.env.ref("bimbonbon_service.helpdesk_ticket_stage_planned")
        before = {
            visit.id: visit.schedule_date
            for visit in self.sudo()
            if visit.ticket_id.stage_id == planned and visit.schedule_date
        }
        res = super().write(vals)
        moved = self.sudo().filtered(
            lambda v: v.id in before
            and v.schedule_date
            and v.schedule_date != before[v.id]
            and v.ticket_id.stage_id == planned
            and v == v.ticket_id.next_visit_id
        )
        moved.ticket_id._bimbonbon_push_visit_moved()
        return res
