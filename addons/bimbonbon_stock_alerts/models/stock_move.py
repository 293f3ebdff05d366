# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class StockMove(models.Model):
    _inherit = "stock.move"

    def _action_done(self, cancel_backorder=False):
        # Inventory adjustments (stock.quant._apply_inventory) end here too.
        moves = super()._action_done(cancel_backorder=cancel_backorder)
        self.env["bimbonbon.stock.alert"]._check_moves(moves)
        return moves

    def _action_confirm(self, merge=True, merge_into=False, create_proc=True):
        # A confirmed delivery lowers the forecast: "short for orders".
        moves = super()._action_confirm(merge=merge, merge_into=merge_into, create_proc=create_proc)
        self.env["bimbonbon.stock.alert"]._check_moves(
            moves.filtered(lambda m: m.location_dest_id.usage == "customer")
        )
        return moves
