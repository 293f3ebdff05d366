# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import email_normalize, escape_psql

#: A search term that looks like (a part of) a phone number.
PHONE_TERM = re.compile(r"[\d\s()+./-]*\d[\d\s()+./-]*")


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
        # the ticket's labels, translated in the user's language (a callable selection is not
        # translated by itself)
        selection=lambda self: self.env["helpdesk.ticket"]
        ._fields["ticket_kind"]
        ._description_selection(self.env),
        string="Kind",
        required=True,
        default="fault",
    )
    team_id = fields.Many2one(
        comodel_name="helpdesk.ticket.team",
        default=lambda self: self._default_team_id(),
    )
    description = fields.Html(required=True)
    name = fields.Char(
        string="Title", help="Left empty: the kind and product, in the customer's language."
    )

    @api.model
    def _default_team_id(self):
        """The user's helpdesk team, else the first team of the company."""
        Team = self.env["helpdesk.ticket.team"]
        company = Domain("company_id", "in", [False, self.env.company.id])
        return Team.search(company & Domain("user_ids", "in", self.env.uid), limit=1) or (
            Team.search(company, limit=1)
        )

    @api.model
    def _get_partner_search_domain(self, term):
        """Customers (and their contacts, not staff or vendors) matching `term`: a name, an
        e-mail, a reference or customer number, or a phone number however it is written
        ("0612345678", "06-12345678", "+31 6 12 34 56 78") through the sanitized number."""
        literal = escape_psql(term)  # user input: % and _ are text, not wildcards
        domain = (
            Domain("name", "ilike", literal)
            | Domain("ref", "=ilike", literal)
            | Domain("customer_number", "=ilike", literal)
        )
        if email := email_normalize(term):
            domain |= Domain("email_normalized", "=", email)
        if PHONE_TERM.fullmatch(term):
            country = self.env.company.country_id or self.env.ref("base.nl")
            sanitized = self.env["res.partner"]._phone_format(number=term, country=country)
            if sanitized:
                domain |= Domain("phone_sanitized", "=", sanitized)
            if len(re.sub(r"\D", "", term)) >= 3:
                # a part of the number ("1234 5678"), whatever its spaces and dashes
                domain |= Domain("phone_mobile_search", "ilike", term)
        return domain & self._get_customer_domain()

    @api.model
    def _get_customer_domain(self):
        """Who can call in as a customer: a customer (core's customer rank, see
        bimbonbon_crm) or a contact of one, not a staff member."""
        return Domain("commercial_partner_id.customer_rank", ">", 0) & Domain(
            "partner_share", "=", True
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

    def _get_default_title(self):
        """The kind and product in the customer's language: the title reaches their mail."""
        self.ensure_one()
        env = self.env(context=dict(self.env.context, lang=self.partner_id.lang or "nl_NL"))
        kinds = dict(env["helpdesk.ticket"]._fields["ticket_kind"]._description_selection(env))
        product = self.registration_id.product_id.with_env(env)
        return " - ".join(filter(None, [kinds[self.ticket_kind], product.name]))

    def _prepare_ticket_values(self):
        return {
            "name": self.name or self._get_default_title(),
            "team_id": self.team_id.id,
            "description": self.description,
            "ticket_kind": self.ticket_kind,
            "partner_id": self.partner_id.id,
            "partner_name": self.partner_id.name,
            "partner_email": self.partner_id.email,
            "registration_id": self.registration_id.id,
            "channel_id": self.env["helpdesk.ticket"]._get_channel("phone").id,
        }
