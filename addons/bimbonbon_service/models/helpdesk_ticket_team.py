# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class HelpdeskTicketTeam(models.Model):
    _inherit = "helpdesk.ticket.team"

    def _get_first_stage(self):
        """The stage a new ticket of this team (or of no team, on an empty recordset) starts in.

        helpdesk_mgmt takes the first applicable stage. Our "Planned" stage (for every team,
        between New and In progress) is reached only by planning a visit: a ticket never starts
        there, nor falls back to it when its team changes.
        """
        planned = self.env.ref(
            "bimbonbon_service.helpdesk_ticket_stage_planned", raise_if_not_found=False
        )
        return (self._get_applicable_stages() - planned)[:1]

    def _retrieve_dashboard(self):
        """helpdesk_mgmt's dashboard names its first tile in a term its nl.po leaves English."""
        tiles = super()._retrieve_dashboard()
        for tile in tiles:
            if tile.get("action") == "helpdesk_mgmt.helpdesk_ticket_action_unassigned":
                tile["name"] = self.env._("Open tickets without a team")
        return tiles
