# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

import psycopg2

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import plaintext2html

# The Dutch school grade: feedback is rated from 1 (bad) to 10 (excellent).
RATING_MIN = 1
RATING_MAX = 10
REMINDER_DAYS_PARAM = "bimbonbon_service.ticket_reminder_days"
REMINDER_BATCH_SIZE = 100
TICKET_KINDS = [
    ("complaint", "Complaint"),
    ("fault", "Fault"),
    ("question", "Question"),
    ("feedback", "Feedback"),
]


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    ticket_kind = fields.Selection(
        selection=TICKET_KINDS,
        string="Kind",
        required=True,
        default="question",
        tracking=True,
        index=True,
    )
    registration_id = fields.Many2one(
        comodel_name="bimbonbon.product.registration",
        string="Registered product",
        index="btree_not_null",
        tracking=True,
        domain="[('commercial_partner_id', '=', commercial_partner_id)]",
    )
    product_id = fields.Many2one(
        comodel_name="product.product",
        compute="_compute_product_lot",
        store=True,
        readonly=False,
        index="btree_not_null",
    )
    lot_id = fields.Many2one(
        comodel_name="stock.lot",
        string="Serial or batch",
        compute="_compute_product_lot",
        store=True,
        readonly=False,
        index="btree_not_null",
        domain="[('product_id', '=', product_id)]",
    )
    # helpdesk_mgmt leaves it without an index: every deleted ticket made PostgreSQL scan all
    # tickets for the ones marked its duplicate (ON DELETE SET NULL), and each ticket form
    # counts its duplicates; with 200,000 tickets a bulk delete took minutes.
    duplicate_id = fields.Many2one(index="btree_not_null")
    warranty_state = fields.Selection(related="registration_id.warranty_state")
    warranty_end_date = fields.Date(related="registration_id.warranty_end_date")
    rating = fields.Integer(help="Customer rating from 1 (bad) to 10 (excellent), for feedback.")
    last_customer_update = fields.Datetime(
        string="Last news to customer",
        default=fields.Datetime.now,
        copy=False,
        help="When the customer last heard from us: creation, a stage change or a reply.",
    )
    last_reminder_date = fields.Datetime(
        string="Last 'not forgotten' mail",
        copy=False,
        readonly=True,
    )
    maintenance_request_ids = fields.One2many(
        comodel_name="maintenance.request", inverse_name="ticket_id", string="Visits"
    )
    maintenance_request_count = fields.Integer(compute="_compute_maintenance_request_count")
    next_visit_id = fields.Many2one(
        comodel_name="maintenance.request",
        compute="_compute_next_visit_id",
        string="Planned visit",
    )
    # Resolution actions (replace, credit, return, repair): bimbonbon.ticket.resolution
    resolution_ids = fields.One2many(
        comodel_name="bimbonbon.ticket.resolution", inverse_name="ticket_id"
    )
    is_resolved = fields.Boolean(
        string="Resolved",
        compute="_compute_is_resolved",
        help="One of the ticket's resolution actions is done.",
    )

    _rating_range = models.Constraint(
        "CHECK (rating IS NULL OR rating = 0 OR (rating >= 1 AND rating <= 10))",
        "A rating is between 1 and 10.",
    )

    @api.depends("registration_id")
    def _compute_product_lot(self):
        for ticket in self:
            if ticket.registration_id:
                ticket.product_id = ticket.registration_id.product_id
                ticket.lot_id = ticket.registration_id.lot_id

    def _compute_maintenance_request_count(self):
        counts = dict(
            self.env["maintenance.request"]._read_group(
                [("ticket_id", "in", self.ids)], ["ticket_id"], ["__count"]
            )
        )
        for ticket in self:
            ticket.maintenance_request_count = counts.get(ticket, 0)

    @api.depends("maintenance_request_ids.schedule_date")
    def _compute_next_visit_id(self):
        for ticket in self:
            visits = ticket.maintenance_request_ids.filtered("schedule_date")
            ticket.next_visit_id = visits.sorted("schedule_date", reverse=True)[:1]

    @api.depends("resolution_ids.state")
    def _compute_is_resolved(self):
        for ticket in self:
            ticket.is_resolved = "done" in ticket.resolution_ids.mapped("state")

    @api.depends("team_id")
    def _compute_stage_id(self):
        # helpdesk_mgmt's rule (a ticket whose stage does not fit its new team starts over),
        # with the team's first stage, which is never "Planned" (see _get_first_stage)
        for ticket in self:
            if ticket.stage_id not in ticket.team_id._get_applicable_stages():
                ticket.stage_id = ticket.team_id._get_first_stage()

    @api.model_create_multi
    def create(self, vals_list):
        first_stages = {}  # one search per team for the whole batch
        Team = self.env["helpdesk.ticket.team"]
        for vals in vals_list:
            # an explicit first stage is tracked on create, so its mail ("received") is sent
            if not vals.get("stage_id"):
                team_id = vals.get("team_id") or False
                if team_id not in first_stages:
                    first_stages[team_id] = Team.browse(team_id)._get_first_stage()
                vals["stage_id"] = first_stages[team_id].id
        tickets = super().create(vals_list)
        tickets._check_batch_alarm()
        return tickets

    def write(self, vals):
        if "stage_id" in vals and "last_customer_update" not in vals:
            vals = dict(vals, last_customer_update=fields.Datetime.now())
        res = super().write(vals)
        if {"ticket_kind", "lot_id", "registration_id"} & set(vals):
            self._check_batch_alarm()
        return res

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """A ticket from a mail comes in through channel Email (helpdesk_mgmt sets it only
        when the fetchmail cron runs, not for mail delivered by the mail gateway script)."""
        custom_values = dict(custom_values or {})
        channel = self._get_channel("email")
        if channel:  # the channel record may have been deleted
            custom_values.setdefault("channel_id", channel.id)
        return super().message_new(msg_dict, custom_values=custom_values)

    def _message_post_after_hook(self, message, msg_vals):
        # a reply the customer can see (not an internal note) is news for the customer
        if (
            message.message_type == "comment"
            and not message.is_internal
            and message.subtype_id == self.env.ref("mail.mt_comment")
            and message.author_id not in self.partner_id
        ):
            self.sudo().write({"last_customer_update": fields.Datetime.now()})
        return super()._message_post_after_hook(message, msg_vals)

    def _track_template(self, changes):
        """helpdesk_mgmt mails the new stage's template as an internal note (subtype
        ``mt_note``, then none in its mass mode) from whoever moved the ticket: the customer
        never found the mail in the ticket's history on the portal, and "OdooBot" or a staff
        member stood above it. The company sends it."""
        res = super()._track_template(changes)
        if "stage_id" in res:
            template, post_kwargs = res["stage_id"]
            company = self[:1].company_id or self.env.company
            res["stage_id"] = (template, dict(post_kwargs, author_id=company.partner_id.id))
        return res

    def message_mail_with_source(self, source_ref, **kwargs):
        mails = super().message_mail_with_source(source_ref, **kwargs)
        self._show_mails_to_customer(mails)
        return mails

    def _show_mails_to_customer(self, mails):
        """Put the mails sent to a ticket's customer in the ticket's history the customer sees
        on the portal (which shows the discussion subtype only): theirs, not mails to others."""
        comment = self.env.ref("mail.mt_comment")
        messages = self.env["mail.message"]
        for mail in mails.sudo():
            if mail.model != self._name or mail.res_id not in self.ids:
                continue
            ticket = self.browse(mail.res_id)
            if ticket.partner_id and ticket.partner_id in mail.recipient_ids:
                messages |= mail.mail_message_id
        messages.sudo().write({"subtype_id": comment.id, "is_internal": False})

    def action_plan_visit(self):
        """Open a new maintenance request (visit) for this fault, prefilled."""
        self._check_staff_access("write")
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Plan visit"),
            "res_model": "maintenance.request",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_ticket_id": self.id,
                "default_name": self.name,
                "default_description": self.description,
                "default_maintenance_type": "corrective",
            },
        }

    def action_view_maintenance_requests(self):
        self._check_staff_access("read")
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "maintenance.hr_equipment_request_action"
        )
        action["domain"] = [("ticket_id", "=", self.id)]
        action["context"] = {"default_ticket_id": self.id}
        return action

    # ------------------------------------------------------------------
    # Resolution actions (see bimbonbon.ticket.resolution)
    # ------------------------------------------------------------------

    def action_resolve_replacement(self):
        return self._open_resolution("replacement")

    def action_resolve_credit(self):
        return self._open_resolution("credit")

    def action_resolve_return(self):
        return self._open_resolution("return")

    def action_resolve_repair(self):
        return self._open_resolution("repair")

    def _open_resolution(self, kind):
        """Open this ticket's action of ``kind``, created on the first press.

        The ticket's row is locked first: a second press, or a colleague at the same moment,
        gets the same action (or a clear message while the first one is still running), never
        a second one; the unique index on (ticket, kind) refuses what slips through.
        """
        self._check_staff_access("write")
        self.ensure_one()
        Resolution = self.env["bimbonbon.ticket.resolution"]
        if not Resolution._user_may_do(kind):
            raise AccessError(self.env._("Your department does not carry out this action."))
        if self.closed:
            raise UserError(self.env._("This ticket is closed."))
        Resolution.browse()._lock_rows(self)
        resolution = Resolution.search(
            [("ticket_id", "=", self.id), ("kind", "=", kind), ("state", "!=", "cancelled")],
            limit=1,
        )
        if not resolution:
            try:
                with self.env.cr.savepoint():
                    resolution = Resolution.create({"ticket_id": self.id, "kind": kind})
                    resolution.flush_recordset()
            except psycopg2.IntegrityError as error:
                if error.pgcode != psycopg2.errorcodes.UNIQUE_VIOLATION:
                    raise
                raise UserError(
                    self.env._("A colleague has just started this action: reload the page.")
                ) from error
        return resolution.get_formview_action()

    def _move_to_resolution_stage(self, step):
        """Move open tickets on with their resolution: "in_progress" or "solved" (never
        back; the stage sends the customer's mail)."""
        stage = {
            "in_progress": self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress"),
            "solved": self.env.ref("bimbonbon_service.helpdesk_ticket_stage_solved"),
        }[step]
        for ticket in self.sudo():
            if ticket.closed or ticket.stage_id == stage:
                continue
            if ticket.stage_id.sequence <= stage.sequence:
                ticket.stage_id = stage

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    @api.model
    def _get_channel(self, code):
        """helpdesk_mgmt's channel for ``code`` (web, email, phone, other)."""
        return self.env.ref(f"helpdesk_mgmt.helpdesk_ticket_channel_{code}", False)

    @api.model
    def _parse_rating(self, value):
        """``value`` (a form field) as a rating from RATING_MIN to RATING_MAX, or None."""
        try:
            rating = int(value)
        except (TypeError, ValueError):
            return None
        return rating if RATING_MIN <= rating <= RATING_MAX else None

    @api.model
    def _get_rating_error(self):
        return self.env._(
            "Please give a rating from %(min)s to %(max)s.", min=RATING_MIN, max=RATING_MAX
        )

    def _create_feedback(self, partner, product, rating, text):
        """Create a feedback ticket (the portal feedback page); returns it (sudo)."""
        rating = self._parse_rating(rating)
        if rating is None:
            raise ValidationError(self._get_rating_error())
        registration = (
            self.env["bimbonbon.product.registration"]
            .sudo()
            .search(
                [
                    ("commercial_partner_id", "=", partner.commercial_partner_id.id),
                    ("product_id", "=", product.id),
                    ("state", "=", "registered"),
                ],
                limit=1,
            )
            if product
            else False
        )
        return self.sudo().create(
            {
                "name": self.env._("Feedback: %(product)s", product=product.display_name)
                if product
                else self.env._("Feedback"),
                "description": plaintext2html(text or ""),
                "ticket_kind": "feedback",
                "rating": rating,
                "partner_id": partner.id,
                "partner_name": partner.name,
                "partner_email": partner.email,
                "product_id": product.id if product else False,
                "registration_id": registration.id if registration else False,
                "channel_id": self._get_channel("web").id,
            }
        )

    def _check_batch_alarm(self):
        lots = self.filtered(lambda t: t.ticket_kind == "complaint" and t.lot_id).lot_id
        if lots:
            self.env["bimbonbon.batch.alarm"]._check_lots(lots)

    # ------------------------------------------------------------------
    # "We have not forgotten you"
    # ------------------------------------------------------------------

    @api.model
    def _get_reminder_days(self):
        param = self.env["ir.config_parameter"].sudo().get_param(REMINDER_DAYS_PARAM, "5")
        try:
            return max(int(param), 1)
        except ValueError:
            return 5

    @api.model
    def _get_reminder_domain(self):
        limit = fields.Datetime.now() - timedelta(days=self._get_reminder_days())
        return (
            Domain("closed", "=", False)
            & Domain("partner_id", "!=", False)
            & Domain("last_customer_update", "<=", limit)
            & (Domain("last_reminder_date", "=", False) | Domain("last_reminder_date", "<=", limit))
        )

    @api.model
    def _cron_send_reminders(self, batch_size=REMINDER_BATCH_SIZE):
        """Mail customers whose open ticket had no news for N days, at most once per N days.

        Per batch, the reminder date is written and the mail queued in the same transaction
        before ``_commit_progress`` commits it: a re-run skips what was sent, a crash loses
        only the uncommitted batch, which the next run sends.
        """
        template = self.env.ref("bimbonbon_service.mail_template_ticket_reminder")
        domain = self._get_reminder_domain()
        cron = self.env["ir.cron"]
        # the count once; _commit_progress counts down what each batch processed
        cron._commit_progress(remaining=self.search_count(domain))
        while tickets := self.search(domain, limit=batch_size, order="id"):
            now = fields.Datetime.now()
            tickets.write({"last_reminder_date": now, "last_customer_update": now})
            mails = template.send_mail_batch(
                tickets.ids, email_layout_xmlid="mail.mail_notification_light"
            )
            tickets._show_mails_to_customer(mails)
            if not cron._commit_progress(len(tickets)):
                break
