# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

# Open visits of one technician overlapping each other. Both sides are bounded to open visits
# that end after %(since)s (the planning horizon, not the whole history), which the partial
# index on (user_id, schedule_date, schedule_end) serves.
OVERLAP_SQL = """
    SELECT visit.id, array_agg(other.id ORDER BY other.id)
      FROM maintenance_request visit
      JOIN maintenance_request other
        ON other.user_id = visit.user_id
       AND other.id != visit.id
       AND other.schedule_date < visit.schedule_end
       AND visit.schedule_date < other.schedule_end
       AND other.archive IS NOT TRUE
       AND other.schedule_end >= %(since)s
      LEFT JOIN maintenance_stage other_stage ON other_stage.id = other.stage_id
      LEFT JOIN maintenance_stage visit_stage ON visit_stage.id = visit.stage_id
     WHERE %(where)s
       AND visit.user_id IS NOT NULL
       AND visit.archive IS NOT TRUE
       AND visit.schedule_end >= %(since)s
       AND visit_stage.done IS NOT TRUE
       AND other_stage.done IS NOT TRUE
     GROUP BY visit.id
"""
# How far back an open visit still counts for overlaps (older ones are history).
OVERLAP_HORIZON_DAYS = 30


class MaintenanceRequest(models.Model):
    _inherit = "maintenance.request"

    ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket", index="btree_not_null", tracking=True
    )
    registration_id = fields.Many2one(
        comodel_name="bimbonbon.product.registration",
        compute="_compute_from_ticket",
        store=True,
        readonly=False,
        index="btree_not_null",
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
        compute="_compute_from_ticket",
        store=True,
        readonly=False,
        index="btree_not_null",
    )
    lot_id = fields.Many2one(
        comodel_name="stock.lot",
        string="Serial number",
        compute="_compute_from_ticket",
        store=True,
        readonly=False,
    )
    product_id = fields.Many2one(related="lot_id.product_id", string="Product")
    address = fields.Text(compute="_compute_address", store=True, readonly=False)
    partner_phone = fields.Char(related="partner_id.phone", string="Phone")
    work_notes = fields.Html(string="Work done")
    history_ids = fields.Many2many(
        comodel_name="maintenance.request",
        compute="_compute_history_ids",
        string="History of this unit",
    )
    overlapping_ids = fields.Many2many(
        comodel_name="maintenance.request",
        compute="_compute_overlapping",
        string="Overlapping visits",
    )
    is_overlapping = fields.Boolean(
        compute="_compute_overlapping",
        search="_search_is_overlapping",
        string="Overlaps",
        help="The technician has another open visit at the same time.",
    )

    @api.depends("ticket_id")
    def _compute_from_ticket(self):
        for request in self:
            ticket = request.ticket_id
            if ticket:
                request.registration_id = ticket.registration_id
                request.partner_id = ticket.partner_id
                request.lot_id = ticket.lot_id

    @api.depends("partner_id")
    def _compute_address(self):
        for request in self:
            if request.partner_id:
                request.address = request.partner_id._display_address(without_company=True)

    @api.depends("lot_id")
    def _compute_history_ids(self):
        lots = self.lot_id
        history = self.search([("lot_id", "in", lots.ids)]) if lots else self.browse()
        for request in self:
            request.history_ids = history.filtered(
                lambda other, request=request: other.lot_id == request.lot_id and other != request
            )

    _open_visit_schedule_idx = models.Index(
        "(user_id, schedule_date, schedule_end) WHERE user_id IS NOT NULL AND archive IS NOT TRUE"
    )

    def _overlap_query(self, where):
        self.flush_model(["user_id", "schedule_date", "schedule_end", "archive", "stage_id"])
        since = fields.Datetime.now() - timedelta(days=OVERLAP_HORIZON_DAYS)
        return dict(self.env.execute_query(SQL(OVERLAP_SQL, where=where, since=since)))

    @api.depends("user_id", "schedule_date", "schedule_end")
    def _compute_overlapping(self):
        ids = [request.id for request in self if isinstance(request.id, int)]
        overlaps = self._overlap_query(SQL("visit.id = ANY(%s)", ids)) if ids else {}
        for request in self:
            others = overlaps.get(request.id, [])
            request.overlapping_ids = [fields.Command.set(others)]
            request.is_overlapping = bool(others)

    def _search_is_overlapping(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        ids = list(self._overlap_query(SQL("TRUE")))
        positive = (operator == "in") == (True in value)
        return [("id", "in" if positive else "not in", ids)]

    def _get_overlapping_visits(self):
        """The open visits of the technician overlapping this one as it stands in the form
        (not yet saved), for the planner's warning while planning."""
        self.ensure_one()
        if not (self.user_id and self.schedule_date and self.schedule_end) or self.done:
            return self.browse()
        return self.search(
            [
                ("user_id", "=", self.user_id.id),
                ("id", "!=", self._origin.id or 0),
                ("schedule_date", "<", self.schedule_end),
                ("schedule_end", ">", self.schedule_date),
                ("archive", "=", False),
                ("stage_id.done", "=", False),
            ],
            limit=10,
        )

    @api.onchange("user_id", "schedule_date", "schedule_end")
    def _onchange_overlap_warning(self):
        overlapping = self._get_overlapping_visits()
        if overlapping:
            return {
                "warning": {
                    "title": self.env._("Overlapping visit"),
                    "message": self.env._(
                        "%(technician)s already has a visit at this time: %(visits)s",
                        technician=self.user_id.name,
                        visits=", ".join(overlapping.mapped("name")),
                    ),
                }
            }

    @api.model_create_multi
    def create(self, vals_list):
        requests = super().create(vals_list)
        requests._sync_ticket_stage()
        return requests

    def write(self, vals):
        res = super().write(vals)
        if {"stage_id", "user_id", "schedule_date", "ticket_id"} & set(vals):
            self._sync_ticket_stage()
        if {"stage_id", "archive"} & set(vals):
            # a repair of a ticket's resolution is done with its visit, cancelled with it
            self.env["bimbonbon.ticket.resolution"]._sync_documents("maintenance_request_id", self)
        return res

    def action_start(self):
        self._check_staff_access("write")
        self.write({"stage_id": self.env.ref("maintenance.stage_1").id})

    def action_finish(self):
        self._check_staff_access("write")
        done = self.env["maintenance.stage"].search([("done", "=", True)], limit=1)
        self.write({"stage_id": done.id})

    def _is_scrapped(self):
        """In maintenance's Scrap stage: a done stage, but nothing was repaired."""
        self.ensure_one()
        scrap = self.env.ref("maintenance.stage_4", raise_if_not_found=False)
        return bool(scrap) and self.stage_id == scrap

    def _sync_ticket_stage(self):
        """Move the tickets on with their visit: planned, in progress, solved.

        The ticket stages send the customer mails (helpdesk_mgmt's stage mail templates).
        """
        stage_planned = self.env.ref("bimbonbon_service.helpdesk_ticket_stage_planned")
        stage_progress = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress")
        stage_solved = self.env.ref("bimbonbon_service.helpdesk_ticket_stage_solved")
        for request in self.filtered("ticket_id"):
            ticket = request.ticket_id.sudo()
            if ticket.closed:
                continue
            if request._is_scrapped():
                continue  # nothing was repaired: the ticket waits for what comes next
            if request.done:
                target = stage_solved
            elif request.stage_id == self.env.ref("maintenance.stage_1"):
                target = stage_progress
            elif request.schedule_date and request.user_id:
                target = stage_planned
            else:
                continue
            if ticket.stage_id != target and ticket.stage_id.sequence <= target.sequence:
                ticket.stage_id = target
