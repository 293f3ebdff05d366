# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command


# pylint: disable=consider-merging-classes-inherited
# One file per kind of resolution (its document, its status, its cancellation): the shared
# part is in ticket_resolution.py.
class TicketResolutionCredit(models.Model):
    """Crediteren: a credit note for the invoice line of the purchase, through Odoo's reversal
    wizard; above a configurable amount management approves it first."""

    _inherit = "bimbonbon.ticket.resolution"

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
    credit_move_id = fields.Many2one(
        comodel_name="account.move", string="Credit note", readonly=True, copy=False
    )

    _credit_move_uniq = models.UniqueIndex("(credit_move_id) WHERE credit_move_id IS NOT NULL")

    @api.depends("kind", "registration_id")
    def _compute_invoice_line_id(self):
        for resolution in self:
            if resolution.kind == "credit" and not resolution.invoice_line_id:
                resolution.invoice_line_id = resolution._find_invoice_line()

    @api.depends("invoice_line_id")
    def _compute_credit_amount(self):
        for resolution in self:
            line = resolution.invoice_line_id
            if line and line.quantity:
                resolution.credit_amount = line.price_subtotal / line.quantity
            elif not resolution.credit_amount:
                resolution.credit_amount = 0.0

    @api.depends("kind", "credit_amount", "company_id.resolution_credit_approval_amount")
    def _compute_needs_approval(self):
        for resolution in self:
            limit = resolution.company_id.resolution_credit_approval_amount
            resolution.needs_approval = (
                resolution.kind == "credit"
                and resolution.currency_id.compare_amounts(resolution.credit_amount, limit) > 0
            )

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

    def _get_credit_document(self):
        return self.credit_move_id

    def _get_credit_status(self):
        return "done" if self.credit_move_id.sudo().state == "posted" else False

    def _cancel_credit(self):
        """Nothing to cancel: the credit note is posted when it is made, which makes the
        action done at once (a done action is not cancelled)."""

    def _finish_credit(self):
        """Nothing follows a posted credit note."""
