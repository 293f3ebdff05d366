# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.fields import Domain


class HelpdeskTicketPhoneIntake(models.TransientModel):
    """Log a phoned-in fault in seconds: find the customer, pick the unit, describe, save."""

    _name = "helpdesk.ticket.phone.intake"
    _description = "Phone intake of a ticket"

    search_term = fields.Char(string="Find customer", help="Name, phone number or customer number.")
    candidate_ids = fields.Many2many(
        comodel_name="res.partner", compute="_compute_candidate_ids", string="Matches"
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
        compute="_compute_partner_id",
        store=True,
        readonly=False,
        required=True,
    )
    registration_id = fields.Many2one(
        comodel_name="bimbonbon.product.registration",
        string="Registered product",
        domain="[('commercial_partner_id', '=', commercial_partner_id), "
        "('state', '=', 'registered')]",
    )
    commercial_partner_id = fields.Many2one(related="partner_id.commercial_partner_id")
    ticket_kind = fields.Selection(
        selection=lambda self: self.env["helpdesk.ticket"]._fields["ticket_kind"].selection,
        string="Kind",
        required=True,
        default="fault",
    )
    description = fields.Html(required=True)
    name = fields.Char(string="Title", help="Left empty: the kind and product.")

    @api.model
    def _get_partner_search_domain(self, term):
        return (
            Domain("name", "ilike", term)
            | Domain("phone", "ilike", term)
            | Domain("email", "=ilike", term)
            | Domain("ref", "=ilike", term)
            | Domain("customer_number", "=ilike", term)
        )

    @api.depends("search_term")
    def _compute_candidate_ids(self):
        Partner = self.env["res.partner"]
        for intake in self:
            term = (intake.search_term or "").strip()
            intake.candidate_ids = (
                Partner.search(self._get_partner_search_domain(term), limit=20)
                if len(term) >= 2
                else Partner
            )

    @api.depends("candidate_ids")
    def _compute_partner_id(self):
        for intake in self:
            if len(intake.candidate_ids) == 1:
                intake.partner_id = intake.candidate_ids

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        registrations = self.env["bimbonbon.product.registration"].search(
            [
                ("commercial_partner_id", "=", self.partner_id.commercial_partner_id.id),
                ("state", "=", "registered"),
            ],
            limit=2,
        )
        self.registration_id = registrations if len(registrations) == 1 else False

    def action_create_ticket(self):
        """Create the ticket (its first stage mails the customer) and open it."""
        self.ensure_one()
        ticket = self.env["helpdesk.ticket"].create(self._prepare_ticket_values())
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.ticket",
            "res_id": ticket.id,
            "view_mode": "form",
            "target": "current",
        }

    def _prepare_ticket_values(self):
        kind = dict(self._fields["ticket_kind"]._description_selection(self.env))[self.ticket_kind]
        name = self.name or " - ".join(
            filter(None, [kind, self.registration_id.product_id.display_name])
        )
        return {
            "name": name,
            "description": self.description,
            "ticket_kind": self.ticket_kind,
            "partner_id": self.partner_id.id,
            "partner_name": self.partner_id.name,
            "partner_email": self.partner_id.email,
            "registration_id": self.registration_id.id,
            "channel_id": self.env["helpdesk.ticket"]._get_channel("phone").id,
        }
