# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command, Domain


class CrmLead(models.Model):
    _inherit = "crm.lead"

    intake_event_id = fields.Many2one(
        "calendar.event",
        string="Intake meeting",
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        help="The visit at the (prospective) customer where the intake took place.",
    )
    intake_date = fields.Datetime(related="intake_event_id.start", string="Intake on")
    intake_notes = fields.Html(copy=False, help="What was discussed at the intake.")
    intake_vat = fields.Char(string="Gathered VAT number", copy=False)
    intake_company_registry = fields.Char(string="Gathered Chamber of Commerce number", copy=False)
    intake_employee_count = fields.Integer(string="Number of employees", copy=False)
    intake_needs = fields.Text(string="Needs", copy=False, help="What the customer needs from us.")
    intake_done = fields.Boolean(string="Intake completed", copy=False, readonly=True)

    contract_ids = fields.One2many("bimbonbon.contract", "lead_id", string="Contracts")
    contract_count = fields.Integer(compute="_compute_contract_count")

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """A lead from a customer's mail: the customer's salesperson gets an activity on it,
        unless they are its salesperson already (then they are notified as its follower)."""
        lead = super().message_new(msg_dict, custom_values=custom_values)
        customer = lead.partner_id.commercial_partner_id
        salesperson = customer.user_id
        if customer.customer_rank > 0 and salesperson and salesperson != lead.user_id:
            lead.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=salesperson.id,
                summary=self.env._("Mail from your customer %(name)s", name=customer.name),
            )
        return lead

    def action_schedule_intake(self):
        """Plan the intake meeting with the staff member and the contact, and open it."""
        self._check_staff_access("write")
        self.ensure_one()
        if not self.intake_event_id:
            start = fields.Datetime.now().replace(minute=0, second=0, microsecond=0)
            start += timedelta(days=1)
            partners = self.env.user.partner_id | self.partner_id
            self.intake_event_id = self.env["calendar.event"].create(
                {
                    "name": self.env._("Intake: %(lead)s", lead=self.name),
                    "start": start,
                    "stop": start + timedelta(hours=1),
                    "user_id": self.env.user.id,
                    "partner_ids": [Command.set(partners.ids)],
                    "opportunity_id": self.id,
                    "res_model_id": self.env["ir.model"]._get_id(self._name),
                    "res_id": self.id,
                }
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "calendar.event",
            "res_id": self.intake_event_id.id,
            "view_mode": "form",
            "target": "current",
        }

    def _prepare_intake_partner_values(self):
        """The data gathered at the intake, as values for the customer (hook)."""
        self.ensure_one()
        values = {"data_confirmed_date": fields.Date.context_today(self)}
        for lead_field, partner_field in (
            ("intake_vat", "vat"),
            ("intake_company_registry", "company_registry"),
            ("phone", "phone"),
            ("website", "website"),
            ("street", "street"),
            ("street2", "street2"),
            ("zip", "zip"),
            ("city", "city"),
        ):
            if self[lead_field]:
                values[partner_field] = self[lead_field]
        if self.country_id:
            values["country_id"] = self.country_id.id
        return values

    def _get_intake_next_stage(self):
        """The stage after the current one in the lead's team (hook)."""
        self.ensure_one()
        domain = Domain("fold", "=", False) & Domain("is_won", "=", False)
        domain &= Domain("team_ids", "=", False) | Domain("team_ids", "in", self.team_id.ids)
        if self.stage_id:
            domain &= Domain("sequence", ">", self.stage_id.sequence)
        return self.env["crm.stage"].search(domain, order="sequence, id", limit=1)

    def action_complete_intake(self):
        """Hand the gathered data to the customer record and move the lead on."""
        self._check_staff_access("write")
        for lead in self:
            if lead.intake_done:
                raise UserError(
                    self.env._("The intake of %(lead)s is already completed.", lead=lead.name)
                )
            if not lead.intake_event_id:
                raise UserError(
                    self.env._("Plan the intake meeting of %(lead)s first.", lead=lead.name)
                )
            lead._handle_partner_assignment(create_missing=True)
            customer = lead.partner_id.commercial_partner_id
            customer.write(lead._prepare_intake_partner_values())
            values = {"intake_done": True}
            if lead.type == "lead":
                values["type"] = "opportunity"
            next_stage = lead._get_intake_next_stage()
            if next_stage:
                values["stage_id"] = next_stage.id
            lead.write(values)
            if lead.intake_notes:
                customer.message_post(
                    body=lead.intake_notes,
                    subject=self.env._("Intake %(lead)s", lead=lead.name),
                    subtype_xmlid="mail.mt_note",
                )
        return True

    @api.depends("contract_ids")
    def _compute_contract_count(self):
        counts = dict(
            self.env["bimbonbon.contract"]._read_group(
                [("lead_id", "in", self.ids)], ["lead_id"], ["__count"]
            )
        )
        for lead in self:
            lead.contract_count = counts.get(lead, 0)

    def _prepare_contract_vals(self):
        """Values of the draft contract created from this (intake) lead; a hook for the intake."""
        self.ensure_one()
        partner = self.partner_id
        return {
            "partner_id": partner.id,
            "user_id": (self.user_id or self.env.user).id,
            "company_id": (self.company_id or self.env.company).id,
            "lead_id": self.id,
            "note": self.description,
        }

    def action_create_contract(self):
        """One click from the intake lead to a draft contract with the data gathered."""
        self._check_staff_access("write")
        self.ensure_one()
        if not self.partner_id:
            self._handle_partner_assignment(create_missing=True)
        contract = self.env["bimbonbon.contract"].create(self._prepare_contract_vals())
        return {
            "type": "ir.actions.act_window",
            "res_model": "bimbonbon.contract",
            "res_id": contract.id,
            "view_mode": "form",
        }

    def action_view_contracts(self):
        self._check_staff_access("read")
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "bimbonbon_crm.bimbonbon_contract_action"
        )
        action["domain"] = [("lead_id", "=", self.id)]
        action["context"] = {"default_lead_id": self.id, "default_partner_id": self.partner_id.id}
        return action
