# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import psycopg2

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command, Domain
from odoo.tools import SQL, float_compare

CREDIT_APPROVAL_PARAM = "bimbonbon_service.credit_approval_amount"
CREDIT_APPROVAL_DEFAULT = 250.0
#: who may propose and carry out each kind of resolution (management may do everything)
KIND_GROUPS = {
    "replacement": ("bimbonbon_crm.group_customer_service",),
    "credit": ("bimbonbon_crm.group_customer_service",),
    "return": ("bimbonbon_crm.group_customer_service",),
    "repair": ("bimbonbon_crm.group_customer_service", "bimbonbon_crm.group_maintenance"),
}
APPROVER_GROUP = "bimbonbon_crm.group_management"
#: rma states from which the unit is back with us
RMA_DONE_STATES = ("received", "refunded", "replaced", "returned", "finished", "locked")


class TicketResolution(models.Model):
    """One after-sales action on a ticket (replace, credit, return or repair the unit), linked
    to the real document that carries it out. The ticket is solved when that document is done:
    the replacement delivered, the credit note posted, the return received, the visit done."""

    _name = "bimbonbon.ticket.resolution"
    _description = "Ticket resolution"
    _inherit = ("mail.thread", "mail.activity.mixin")
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    kind = fields.Selection(
        selection=[
            ("replacement", "Replacement"),
            ("credit", "Credit"),
            ("return", "Product return"),
            ("repair", "Repair"),
        ],
        required=True,
        tracking=True,
    )
    ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    company_id = fields.Many2one(related="ticket_id.company_id", store=True, index=True)
    registration_id = fields.Many2one(
        comodel_name="bimbonbon.product.registration",
        string="Registered product",
        compute="_compute_registration_id",
        store=True,
        readonly=False,
        index="btree_not_null",
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
        compute="_compute_partner_id",
        store=True,
        readonly=False,
    )
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id", store=True, index=True
    )
    product_id = fields.Many2one(related="registration_id.product_id")
    lot_id = fields.Many2one(related="registration_id.lot_id")
    in_warranty = fields.Boolean(
        string="Under warranty (free)",
        compute="_compute_in_warranty",
        store=True,
        readonly=False,
        tracking=True,
        help="Within the warranty of the registered unit the customer pays nothing: a "
        "replacement at zero price, a repair free of charge.",
    )
    state = fields.Selection(
        selection=[
            ("draft", "Draft"),
            ("to_approve", "Waiting for approval"),
            ("in_progress", "In progress"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        required=True,
        default="draft",
        tracking=True,
        index=True,
        copy=False,
    )
    reason = fields.Text(help="Why, as the customer will read it on the credit note or return.")
    currency_id = fields.Many2one(related="company_id.currency_id")
    invoice_line_id = fields.Many2one(
        comodel_name="account.move.line",
        string="Invoice line of the purchase",
        compute="_compute_invoice_line_id",
        store=True,
        readonly=False,
        domain="[('move_id.move_type', '=', 'out_invoice'), ('parent_state', '=', 'posted'),"
        " ('display_type', '=', 'product'), ('partner_id', 'child_of', commercial_partner_id)]",
    )
    credit_amount = fields.Monetary(
        string="Amount to credit (excl. VAT)",
        compute="_compute_credit_amount",
        store=True,
        readonly=False,
        tracking=True,
    )
    needs_approval = fields.Boolean(compute="_compute_needs_approval")
    repair_mode = fields.Selection(
        selection=[("visit", "Visit at the customer"), ("workshop", "In our workshop")],
        default="visit",
    )
    approved_by_id = fields.Many2one(comodel_name="res.users", readonly=True, copy=False)
    done_date = fields.Datetime(string="Done on", readonly=True, copy=False)
    sale_order_id = fields.Many2one(
        comodel_name="sale.order", string="Replacement order", readonly=True, copy=False
    )
    credit_move_id = fields.Many2one(
        comodel_name="account.move", string="Credit note", readonly=True, copy=False
    )
    rma_id = fields.Many2one(comodel_name="rma", string="Return (RMA)", readonly=True, copy=False)
    maintenance_request_id = fields.Many2one(
        comodel_name="maintenance.request", string="Repair", readonly=True, copy=False
    )
    new_registration_id = fields.Many2one(
        comodel_name="bimbonbon.product.registration",
        string="Registration of the new unit",
        readonly=True,
        copy=False,
    )
    document_name = fields.Char(string="Document", compute="_compute_document_name")

    # pressing a button twice, or two staff at once: one open action per kind and ticket
    _ticket_kind_open_uniq = models.UniqueIndex(
        "(ticket_id, kind) WHERE state != 'cancelled'",
        "This ticket already has an open action of this kind.",
    )
    _sale_order_uniq = models.UniqueIndex("(sale_order_id) WHERE sale_order_id IS NOT NULL")
    _credit_move_uniq = models.UniqueIndex("(credit_move_id) WHERE credit_move_id IS NOT NULL")
    _rma_uniq = models.UniqueIndex("(rma_id) WHERE rma_id IS NOT NULL")
    _maintenance_request_uniq = models.UniqueIndex(
        "(maintenance_request_id) WHERE maintenance_request_id IS NOT NULL"
    )

    @api.depends("kind", "ticket_id.number")
    def _compute_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for resolution in self:
            resolution.name = " - ".join(
                filter(None, [kinds.get(resolution.kind), resolution.ticket_id.number])
            )

    @api.depends("ticket_id")
    def _compute_registration_id(self):
        for resolution in self:
            resolution.registration_id = resolution.ticket_id.registration_id

    @api.depends("ticket_id", "registration_id")
    def _compute_partner_id(self):
        for resolution in self:
            resolution.partner_id = (
                resolution.ticket_id.partner_id or resolution.registration_id.partner_id
            )

    @api.depends("registration_id")
    def _compute_in_warranty(self):
        for resolution in self:
            resolution.in_warranty = resolution.registration_id.warranty_state == "in_warranty"

    @api.depends("kind", "registration_id")
    def _compute_invoice_line_id(self):
        for resolution in self:
            if resolution.kind in ("credit", "return") and not resolution.invoice_line_id:
                resolution.invoice_line_id = resolution._find_invoice_line()

    @api.depends("invoice_line_id")
    def _compute_credit_amount(self):
        for resolution in self:
            line = resolution.invoice_line_id
            if line and line.quantity:
                resolution.credit_amount = line.price_subtotal / line.quantity
            elif not resolution.credit_amount:
                resolution.credit_amount = 0.0

    @api.depends("kind", "credit_amount")
    def _compute_needs_approval(self):
        limit = self._get_credit_approval_amount()
        for resolution in self:
            resolution.needs_approval = (
                resolution.kind == "credit"
                and float_compare(resolution.credit_amount, limit, precision_digits=2) > 0
            )

    @api.depends("sale_order_id", "credit_move_id", "rma_id", "maintenance_request_id")
    def _compute_document_name(self):
        for resolution in self:
            document = resolution._get_document()
            resolution.document_name = document.sudo().display_name if document else False

    @api.model_create_multi
    def create(self, vals_list):
        resolutions = super().create(vals_list)
        for resolution in resolutions:
            resolution._check_kind_rights()
        return resolutions

    # ------------------------------------------------------------------
    # Buttons
    # ------------------------------------------------------------------

    def action_confirm(self):
        """Carry the action out: create its document (once), or ask management's approval
        for a credit above the limit."""
        self._check_staff_access("write")
        self.ensure_one()
        self._check_kind_rights()
        self._lock_for_update()
        if self.state != "draft":
            return self.action_open_document()
        if self.kind == "credit":
            self._check_credit_values()
        if self.needs_approval and not self._is_approver():
            self.state = "to_approve"
            self._schedule_approval()
            return True
        return self._start()

    def action_approve(self):
        """Management approves a large credit, which creates the credit note."""
        self._check_staff_access("write")
        self.ensure_one()
        if not self._is_approver():
            raise AccessError(self.env._("Only management approves a credit above the limit."))
        self._lock_for_update()
        if self.state not in ("draft", "to_approve"):
            return self.action_open_document()
        self.approved_by_id = self.env.user
        self.activity_feedback(["mail.mail_activity_data_todo"])
        return self._start()

    def action_cancel(self):
        self._check_staff_access("write")
        for resolution in self:
            resolution._check_kind_rights()
        self._lock_for_update()
        if any(r.state == "done" for r in self):
            raise UserError(self.env._("A done action cannot be cancelled."))
        self.write({"state": "cancelled"})
        self.activity_unlink(["mail.mail_activity_data_todo"])

    def action_open_document(self):
        self._check_staff_access("read")
        self.ensure_one()
        document = self._get_document()
        # a document the user may not open (a return for a technician): this action's form,
        # which names it
        if not document or not document.has_access("read"):
            return self.get_formview_action()
        return document.get_formview_action()

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    @api.model
    def _get_credit_approval_amount(self):
        param = self.env["ir.config_parameter"].sudo().get_param(CREDIT_APPROVAL_PARAM)
        try:
            return float(param) if param else CREDIT_APPROVAL_DEFAULT
        except ValueError:
            return CREDIT_APPROVAL_DEFAULT

    @api.model
    def _user_may_do(self, kind):
        """Whether the current user's department carries out ``kind``."""
        if self.env.su or self.env.user.has_group(APPROVER_GROUP):
            return True
        return any(self.env.user.has_group(group) for group in KIND_GROUPS.get(kind, ()))

    def _check_kind_rights(self):
        for resolution in self:
            if not resolution._user_may_do(resolution.kind):
                raise AccessError(
                    self.env._(
                        "Your department does not carry out this action (%(kind)s).",
                        kind=dict(self._fields["kind"]._description_selection(self.env)).get(
                            resolution.kind
                        ),
                    )
                )

    def _is_approver(self):
        return self.env.su or self.env.user.has_group(APPROVER_GROUP)

    def _lock_for_update(self):
        """Lock these actions for this transaction, or tell the user someone else is at it."""
        self._lock_rows(self)

    @api.model
    def _lock_rows(self, records):
        """Lock ``records``' rows for this transaction, or tell the user someone else is at it.

        A second press or a second staff member waits for nothing and creates nothing: while
        the first transaction runs, the row is locked (NOWAIT refuses at once); once it has
        committed, a transaction that started before it cannot lock the row it changed (a
        serialization failure, which Odoo retries: the retry sees the document and opens it).
        """
        if not records.ids:
            return
        records.flush_recordset()
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    SQL(
                        "SELECT id FROM %s WHERE id = ANY(%s) FOR UPDATE NOWAIT",
                        SQL.identifier(records._table),
                        records.ids,
                    )
                )
        except psycopg2.errors.LockNotAvailable as error:
            raise UserError(
                self.env._("A colleague is carrying out this action right now: reload the page.")
            ) from error
        records.invalidate_recordset()

    def _schedule_approval(self):
        approver = self.env.ref(APPROVER_GROUP)._get_department_users()[:1]
        self.sudo().activity_schedule(
            "mail.mail_activity_data_todo",
            summary=self.env._("Approve credit"),
            note=self.env._(
                "%(user)s proposes to credit %(amount)s for ticket %(ticket)s.",
                user=self.env.user.name,
                amount=f"€ {self.credit_amount:.2f}",
                ticket=self.ticket_id.display_name,
            ),
            user_id=(approver or self.env.ref("base.user_admin")).id,
        )

    def _start(self):
        """Create the document of this action (sudo, after the checks) and follow it."""
        self.ensure_one()
        creators = {
            "replacement": self._create_replacement,
            "credit": self._create_credit,
            "return": self._create_return,
            "repair": self._create_repair,
        }
        if self.kind in ("replacement", "return") and not self.registration_id:
            raise UserError(self.env._("Choose the registered product on the ticket first."))
        values = creators[self.kind]()
        values["state"] = "in_progress"
        self.write(values)
        self.ticket_id._move_to_resolution_stage("in_progress")
        # a document done at once (a posted credit note) solves the ticket now
        self._sync_state()
        return self.action_open_document()

    def _get_document(self):
        self.ensure_one()
        return {
            "replacement": self.sale_order_id,
            "credit": self.credit_move_id,
            "return": self.rma_id,
            "repair": self.maintenance_request_id,
        }.get(self.kind)

    def _find_invoice_line(self):
        """The customer invoice line of the purchase of the registered unit: the invoice of the
        sale that delivered this serial or batch, else the last posted invoice of this product
        to the customer."""
        self.ensure_one()
        registration = self.registration_id.sudo()
        Line = self.env["account.move.line"].sudo()
        if not registration:
            return Line
        deliveries = (
            self.env["stock.move.line"]
            .sudo()
            .search(
                [
                    ("lot_id", "=", registration.lot_id.id),
                    ("state", "=", "done"),
                    ("location_dest_id.usage", "=", "customer"),
                    ("move_id.sale_line_id", "!=", False),
                ],
                order="id desc",
                limit=10,
            )
        )
        partner = registration.commercial_partner_id
        for delivery in deliveries:
            sale_line = delivery.move_id.sale_line_id
            if sale_line.order_id.partner_id.commercial_partner_id != partner:
                continue
            lines = sale_line.invoice_lines.filtered(
                lambda ln: ln.move_id.move_type == "out_invoice" and ln.parent_state == "posted"
            )
            if lines:
                return lines[-1:]
        return Line.search(
            [
                ("move_id.move_type", "=", "out_invoice"),
                ("parent_state", "=", "posted"),
                ("display_type", "=", "product"),
                ("product_id", "=", registration.product_id.id),
                ("move_id.commercial_partner_id", "=", partner.id),
            ],
            order="date desc, id desc",
            limit=1,
        )

    def _create_replacement(self):
        """A sale order of the same product for the customer, at zero price under warranty
        (else at the price of their price list), confirmed: delivered from stock."""
        product = self.registration_id.product_id
        line_vals = {"product_id": product.id, "product_uom_qty": 1.0}
        if self.in_warranty:
            line_vals["price_unit"] = 0.0
        order = (
            self.env["sale.order"]
            .sudo()
            .create(
                {
                    "partner_id": self.partner_id.id,
                    "company_id": self.company_id.id,
                    "user_id": self.env.user.id,
                    "origin": self.ticket_id.number,
                    "client_order_ref": self.ticket_id.number,
                    "order_line": [Command.create(line_vals)],
                }
            )
        )
        order.action_confirm()
        self._reserve_unregistered_units(order)
        order.message_post_with_source(
            "mail.message_origin_link",
            render_values={"self": order, "origin": self.ticket_id},
            subtype_xmlid="mail.mt_note",
        )
        return {"sale_order_id": order.id}

    @api.model
    def _reserve_unregistered_units(self, order):
        """A replacement is a new unit: when the delivery reserved a serial number registered
        to a customer (the faulty unit itself, or another owner's unit back in stock), reserve
        a free, unregistered serial number from the same location instead."""
        lines = order.picking_ids.move_line_ids.filtered(
            lambda ml: ml.lot_id and ml.product_id.tracking == "serial"
        )
        if not lines:
            return
        Registration = self.env["bimbonbon.product.registration"].sudo()
        registered = Domain("state", "=", "registered") & Domain("is_serial", "=", True)
        owned = Registration.search(registered & Domain("lot_id", "in", lines.lot_id.ids)).lot_id
        taken = lines.lot_id
        for line in lines.filtered(lambda ml: ml.lot_id in owned):
            quants = (
                self.env["stock.quant"]
                .sudo()
                .search(
                    [
                        ("product_id", "=", line.product_id.id),
                        ("location_id", "child_of", line.location_id.id),
                        ("lot_id", "not in", taken.ids),
                        (
                            "lot_id",
                            "not in",
                            Registration._search(
                                registered & Domain("product_id", "=", line.product_id.id)
                            ).subselect("lot_id"),
                        ),
                        ("quantity", ">", 0),
                    ],
                    order="in_date, id",
                    limit=20,
                )
            )
            free = quants.filtered(lambda q: q.quantity > q.reserved_quantity)[:1]
            if free:
                line.write({"lot_id": free.lot_id.id, "location_id": free.location_id.id})
                taken |= free.lot_id

    def _check_credit_values(self):
        self.ensure_one()
        if not self.invoice_line_id:
            raise UserError(self.env._("Choose the invoice line of the purchase to credit."))
        if self.credit_amount <= 0:
            raise UserError(self.env._("The amount to credit must be more than zero."))
        if not (self.reason or "").strip():
            raise UserError(self.env._("Give the reason for the credit."))

    def _create_credit(self):
        """A credit note for the invoice line of the purchase through Odoo's reversal wizard,
        reduced to that line, one unit, at the amount to credit; posted at once."""
        self._check_credit_values()
        line = self.invoice_line_id.sudo()
        invoice = line.move_id
        reversal = (
            self.env["account.move.reversal"]
            .sudo()
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"reason": self.reason, "journal_id": invoice.journal_id.id})
        )
        reversal.refund_moves()
        refund = reversal.new_move_ids[:1]
        product_lines = refund.invoice_line_ids.filtered(lambda ln: ln.display_type == "product")
        keep = product_lines.filtered(lambda ln: ln.product_id == line.product_id)[:1]
        commands = [Command.unlink(other.id) for other in product_lines - keep]
        commands.append(
            Command.update(
                keep.id, {"quantity": 1.0, "price_unit": self.credit_amount, "discount": 0.0}
            )
        )
        refund.write({"invoice_line_ids": commands})
        refund.action_post()
        return {"credit_move_id": refund.id}

    def _create_return(self):
        """A return through OCA rma: confirmed, with its receipt; refund or replacement
        follows in the rma as it offers."""
        registration = self.registration_id.sudo()
        rma = (
            self.env["rma"]
            .sudo()
            .create(
                {
                    "partner_id": self.partner_id.id,
                    "company_id": self.company_id.id,
                    "product_id": registration.product_id.id,
                    "product_uom_qty": 1.0,
                    "origin": self.ticket_id.number,
                    "operation_id": self.env.ref("rma.rma_operation_refund").id,
                    "description": self.reason or self.ticket_id.description,
                }
            )
        )
        rma.action_confirm()
        # base rma knows no lots: the receipt expects the registered serial or batch
        move = rma.reception_move_id
        if move and registration.lot_id:
            move.move_line_ids.filtered(lambda ml: not ml.lot_id).lot_id = registration.lot_id
        return {"rma_id": rma.id}

    def _create_repair(self):
        """A repair: a visit planned by the planner (the existing planning), or a repair in our
        workshop, as a maintenance request of the ticket."""
        ticket = self.ticket_id.sudo()
        team = (
            self.env["maintenance.team"]
            .sudo()
            .search([("company_id", "in", [self.company_id.id, False])], limit=1)
        )
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
                    "maintenance_team_id": team.id,
                }
            )
        )
        return {"maintenance_request_id": request.id}

    def _sync_state(self):
        """Mark done the actions whose document is done; their tickets are solved."""
        done = self.filtered(lambda r: r.state == "in_progress" and r._is_document_done())
        if not done:
            return done
        done.sudo().write({"state": "done", "done_date": fields.Datetime.now()})
        for resolution in done.sudo():
            if resolution.kind == "replacement":
                resolution._finish_replacement()
        done.ticket_id._move_to_resolution_stage("solved")
        return done

    def _is_document_done(self):
        self.ensure_one()
        document = self._get_document()
        if not document:
            return False
        document = document.sudo()
        if self.kind == "replacement":
            pickings = document.picking_ids.filtered(
                lambda p: p.picking_type_code == "outgoing" and p.state != "cancel"
            )
            return bool(pickings) and all(p.state == "done" for p in pickings)
        if self.kind == "credit":
            return document.state == "posted"
        if self.kind == "return":
            return document.state in RMA_DONE_STATES
        return bool(document.stage_id.done)

    def _finish_replacement(self):
        """The new unit is registered to the customer (by the delivery); the old one ends."""
        self.ensure_one()
        lots = self.sale_order_id.picking_ids.move_line_ids.filtered(
            lambda ml: ml.state == "done" and ml.location_dest_id.usage == "customer"
        ).lot_id
        Registration = self.env["bimbonbon.product.registration"].sudo()
        new = Registration.search(
            [
                ("lot_id", "in", lots.ids),
                ("state", "=", "registered"),
                ("commercial_partner_id", "=", self.commercial_partner_id.id),
            ],
            limit=1,
        )
        old = self.registration_id.sudo()
        if old and old != new and old.state == "registered":
            old.state = "cancelled"
            old.message_post(
                body=self.env._(
                    "Registration ended: replaced by %(new)s (ticket %(ticket)s).",
                    new=new.display_name or self.sale_order_id.name,
                    ticket=self.ticket_id.number,
                )
            )
        self.new_registration_id = new

    # ------------------------------------------------------------------
    # Hooks of the documents (called when they change, no polling)
    # ------------------------------------------------------------------

    @api.model
    def _sync_documents(self, field_name, documents):
        """Follow ``documents`` (the values of ``field_name``) that just changed."""
        if not documents:
            return self.browse()
        resolutions = self.sudo().search(
            Domain(field_name, "in", documents.ids) & Domain("state", "=", "in_progress")
        )
        return resolutions._sync_state()
