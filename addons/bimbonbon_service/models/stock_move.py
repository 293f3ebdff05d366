# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class StockMove(models.Model):
    _inherit = "stock.move"

    def _action_done(self, cancel_backorder=False):
        """Register what we deliver to a customer; end it when it comes back."""
        moves = super()._action_done(cancel_backorder=cancel_backorder)
        lines = moves.move_line_ids
        if lines:
            Registration = self.env["bimbonbon.product.registration"]
            Registration._register_delivered(lines)
            Registration._end_returned(lines)
        # a delivered replacement of a ticket's resolution solves the ticket
        orders = moves.filtered(lambda m: m.state == "done").sale_line_id.order_id
        self.env["bimbonbon.ticket.resolution"]._sync_documents("sale_order_id", orders)
        return moves
