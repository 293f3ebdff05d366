# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import psycopg2

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain
from odoo.tools import SQL, format_amount

#: who may propose and carry out each kind of resolution (management may do everything)
KIND_GROUPS = {
    "replacement": ("bimbonbon_crm.group_customer_service",),
    "credit": ("bimbonbon_crm.group_customer_service",),
    "return": ("bimbonbon_crm.group_customer_service",),
    "repair": ("bimbonbon_crm.group_customer_service", "bimbonbon_crm.group_maintenance"),
}
APPROVER_GROUP = "bimbonbon_crm.group_management"
#: the methods each kind of resolution defines, in its own file
KIND_METHODS = {
    "document": "_get_{kind}_document",
    "create": "_create_{kind}",
    "status": "_get_{kind}_status",
    "cancel": "_cancel_{kind}",
    "finish": "_finish_{kind}",
}


class TicketResolution(models.Model):
    """One after-sales action on a ticket (replace, credit, return or repair the unit), linked
    to the real document that carries it out. The ticket is solved when that document is done:
    the replacement delivered, the credit note posted, the return received, the visit done.

    What each kind does lives in a file of its own (ticket_resolution_<kind>.py): its document
    field and the methods of KIND_METHODS (its document, creating it, its status "done",
    "cancelled" or False, cancelling it, and what follows when it is done). This file holds
    what they share: the ticket, rights, approval, locking and the ticket's stage."""

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
    approved_by_id = fields.Many2one(comodel_name="res.users", readonly=True, copy=False)
    done_date = fields.Datetime(string="Done on", readonly=True, copy=False)
    document_name = fields.Char(string="Document", compute="_compute_document_name")

    # pressing a button twice, or two staff at once: one open action per kind and ticket
    _ticket_kind_open_uniq = models.UniqueIndex(
        "(ticket_id, kind) WHERE state != 'cancelled'",
        "This ticket already has an open action of this kind.",
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
        """Cancel the action and what it started (order, return, visit), so that nothing is
        delivered, received or visited for an action nobody wants any more."""
        self._check_staff_access("write")
        for resolution in self:
            resolution._check_kind_rights()
        self._lock_for_update()
        if any(r.state == "done" for r in self):
            raise UserError(self.env._("A done action cannot be cancelled."))
        for resolution in self.filtered(lambda r: r.state == "in_progress").sudo():
            resolution._get_kind_method("cancel")()
        # the document's own hook may have cancelled the action already
        self.filtered(lambda r: r.state != "cancelled")._set_cancelled()

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
                amount=format_amount(self.env, self.credit_amount, self.currency_id),
                ticket=self.ticket_id.display_name,
            ),
            user_id=(approver or self.env.ref("base.user_admin")).id,
        )

    def _start(self):
        """Create the document of this action (sudo, after the checks) and follow it."""
        self.ensure_one()
        values = self._get_kind_method("create")()
        values["state"] = "in_progress"
        self.write(values)
        self.ticket_id._move_to_resolution_stage("in_progress")
        # a document done at once (a posted credit note) solves the ticket now
        self._sync_state()
        return self.action_open_document()

    def _get_document(self):
        self.ensure_one()
        return self._get_kind_method("document")()

    def _get_kind_method(self, step):
        """The method of this action's kind for ``step`` (see the class docstring)."""
        self.ensure_one()
        return getattr(self, KIND_METHODS[step].format(kind=self.kind))

    def _get_document_status(self):
        """ "done", "cancelled", or False while the document is on its way."""
        self.ensure_one()
        if not self._get_document():
            return False
        return self._get_kind_method("status")()

    def _sync_state(self):
        """Follow the documents: an action whose document is done is done and its ticket
        solved; one whose document was cancelled (in its own app) is cancelled."""
        running = self.filtered(lambda r: r.state == "in_progress")
        status = {resolution: resolution._get_document_status() for resolution in running}
        running.filtered(lambda r: status[r] == "cancelled")._set_cancelled()
        done = running.filtered(lambda r: status[r] == "done")
        if not done:
            return done
        done.sudo().write({"state": "done", "done_date": fields.Datetime.now()})
        for resolution in done.sudo():
            resolution._get_kind_method("finish")()
        done.ticket_id._move_to_resolution_stage("solved")
        return done

    def _set_cancelled(self):
        """Cancelled, with a note on the ticket: the ticket stays open for another action."""
        self.sudo().write({"state": "cancelled"})
        self.sudo().activity_unlink(["mail.mail_activity_data_todo"])
        for resolution in self.sudo():
            resolution.ticket_id.message_post(
                body=self.env._("Cancelled: %(action)s.", action=resolution.name),
                subtype_xmlid="mail.mt_note",
            )

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
