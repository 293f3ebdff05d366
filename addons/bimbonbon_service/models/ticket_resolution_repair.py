# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


# pylint: disable=consider-merging-classes-inherited
# One file per kind of resolution (its document, its status, its cancellation): the shared
# part is in ticket_resolution.py.
class TicketResolutionRepair(models.Model):
    """Reparatie: a visit at the customer in the existing planning, or a repair in our
    workshop, as a maintenance request of the ticket, for the team set for that kind of
    repair."""

    _inherit = "bimbonbon.ticket.resolution"

    repair_mode = fields.Selection(
        selection=[("visit", "Visit at the customer"), ("workshop", "In our workshop")],
        default="visit",
    )
    maintenance_team_id = fields.Many2one(
        comodel_name="maintenance.team",
        string="Repair team",
        compute="_compute_maintenance_team_id",
        store=True,
        readonly=False,
        check_company=True,
    )
    maintenance_request_id = fields.Many2one(
        comodel_name="maintenance.request", string="Repair", readonly=True, copy=False
    )

    _maintenance_request_uniq = models.UniqueIndex(
        "(maintenance_request_id) WHERE maintenance_request_id IS NOT NULL"
    )

    @api.depends("kind", "repair_mode", "company_id")
    def _compute_maintenance_team_id(self):
        for resolution in self:
            if resolution.kind == "repair":
                resolution.maintenance_team_id = resolution._get_repair_team()

    def _get_repair_team(self):
        """The team the company set for visits or for the workshop, else the company's first
        team (as maintenance's own default, but of the action's company, not the user's)."""
        self.ensure_one()
        company = self.company_id or self.env.company
        team = (
            company.resolution_workshop_team_id
            if self.repair_mode == "workshop"
            else company.resolution_visit_team_id
        )
        if team:
            return team
        return (
            self.env["maintenance.team"]
            .sudo()
            .search([("company_id", "in", [company.id, False])], limit=1)
        )

    def _create_repair(self):
        ticket = self.ticket_id.sudo()
        name = (
            self.env._("Repair in the workshop: %(ticket)s", ticket=ticket.name)
            if self.repair_mode == "workshop"
            else self.env._("Repair visit: %(ticket)s", ticket=ticket.name)
        )
        request = (
            self.env["maintenance.request"]
            .sudo()
            .create(
                {
                    "name": name,
                    "ticket_id": ticket.id,
                    "maintenance_type": "corrective",
                    "description": ticket.description,
                    "company_id": self.company_id.id,
                    "maintenance_team_id": self.maintenance_team_id.id,
                }
            )
        )
        return {"maintenance_request_id": request.id}

    def _get_repair_document(self):
        return self.maintenance_request_id

    def _get_repair_status(self):
        """Done in a done stage; cancelled when the visit is archived or the unit scrapped
        (maintenance's Scrap stage is a done stage too, but nothing was repaired)."""
        request = self.maintenance_request_id.sudo()
        if request.archive or request._is_scrapped():
            return "cancelled"
        return "done" if request.stage_id.done else False

    def _cancel_repair(self):
        """Take the visit out of the planning (Odoo's archive of a request)."""
        request = self.maintenance_request_id.sudo()
        if not request.archive:
            request.archive_equipment_request()

    def _finish_repair(self):
        """Nothing follows a finished visit: the visit itself informed the customer."""
