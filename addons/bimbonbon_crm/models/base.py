# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.exceptions import AccessError


class Base(models.AbstractModel):
    _inherit = "base"

    def _check_staff_access(self, operation="read"):
        """Check that the caller is staff allowed to ``operation`` these records.

        Every public method of a model is an RPC endpoint for every logged-in user, portal
        customers included. The backend buttons (``action_*``) of our models start with this
        check, before any ``sudo()``: a portal user never runs them, even on records the portal
        rules let them read, and staff need the access right the button stands for.
        """
        if not self.env.su and not self.env.user._is_internal():
            raise AccessError(self.env._("This action is for staff only."))
        self.check_access(operation)
