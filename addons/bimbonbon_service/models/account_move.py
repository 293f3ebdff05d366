# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _post(self, soft=True):
        """A posted credit note of a ticket's resolution solves the ticket."""
        posted = super()._post(soft=soft)
        refunds = posted.filtered(lambda move: move.move_type == "out_refund")
        self.env["bimbonbon.ticket.resolution"]._sync_documents("credit_move_id", refunds)
        return posted
