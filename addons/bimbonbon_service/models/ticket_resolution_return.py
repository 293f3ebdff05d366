# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.exceptions import UserError

#: rma states from which the unit is back with us
RMA_DONE_STATES = ("received", "refunded", "replaced", "returned", "finished", "locked")


# pylint: disable=consider-merging-classes-inherited
# One file per kind of resolution (its document, its status, its cancellation): the shared
# part is in ticket_resolution.py.
class TicketResolutionReturn(models.Model):
    """Retour: the unit comes back through OCA rma (its receipt); refund or replacement
    follow in the rma, as it offers them."""

    _inherit = "bimbonbon.ticket.resolution"

    rma_id = fields.Many2one(comodel_name="rma", string="Return (RMA)", readonly=True, copy=False)

    _rma_uniq = models.UniqueIndex("(rma_id) WHERE rma_id IS NOT NULL")

    def _create_return(self):
        """A return through OCA rma: confirmed, with its receipt; refund or replacement
        follows in the rma as it offers."""
        if not self.registration_id:
            raise UserError(self.env._("Choose the registered product on the ticket first."))
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

    def _get_return_document(self):
        return self.rma_id

    def _get_return_status(self):
        state = self.rma_id.sudo().state
        if state in RMA_DONE_STATES:
            return "done"
        return "cancelled" if state == "cancelled" else False

    def _cancel_return(self):
        """Cancel the rma and its receipt (rma refuses once the unit is received)."""
        rma = self.rma_id.sudo()
        if rma.state != "cancelled":
            rma.action_cancel()

    def _finish_return(self):
        """The unit is back: the receipt itself ends its registration (stock.move)."""
