# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.http import request

from odoo.addons.bimbonbon_portal.controllers.product_registration import (
    ProductRegistrationPortal,
)


class JourneyProductRegistrationPortal(ProductRegistrationPortal):
    @http.route()
    def portal_registration_landing(self, token, **kw):
        """Each opening of a label's page is one scan of its product (no personal data)."""
        lot = self._get_lot_from_token(token)
        if lot:
            request.env["bimbonbon.qr.scan"]._record(lot)
        return super().portal_registration_landing(token, **kw)
