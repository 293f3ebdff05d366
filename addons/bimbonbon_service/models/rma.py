# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class Rma(models.Model):
    _inherit = "rma"

    def write(self, vals):
        """The ticket of a return follows the rma: received (or further) solves it."""
        res = super().write(vals)
        if "state" in vals:
            self.env["bimbonbon.ticket.resolution"]._sync_documents("rma_id", self)
        return res

    def action_replace(self):
        """rma names the dialog of a replacement in its code, untranslated ("Replace
        product(s)"): staff see ours, in their language."""
        self._check_staff_access("write")
        action = super().action_replace()
        action["name"] = self.env._("Replace the product")
        return action
