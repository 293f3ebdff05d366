# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _action_cancel(self):
        """A replacement order cancelled in Sales cancels its ticket's action."""
        res = super()._action_cancel()
        self.env["bimbonbon.ticket.resolution"]._sync_documents("sale_order_id", self)
        return res
