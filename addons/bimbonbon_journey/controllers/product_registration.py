# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.http import request

from odoo.addons.bimbonbon_portal.controllers.product_registration import (
    ProductRegistrationPortal,
)

#: the session remembers this many labels as scanned (a visitor who opens more is counted again)
SCANNED_LABELS_KEPT = 50


class JourneyProductRegistrationPortal(ProductRegistrationPortal):
    def _on_label_opened(self, lot):
        """A label's page opened is one scan of its product (no personal data): by a person
        (not a link preview or a crawler), once per session and label (not each reload)."""
        super()._on_label_opened(lot)
        if request.httprequest.method != "GET" or request.env["ir.http"].is_a_bot():
            return
        scanned = request.session.get("bimbonbon_scanned_lot_ids") or []
        if lot.id in scanned:
            return
        request.env["bimbonbon.qr.scan"]._record(lot)
        request.session["bimbonbon_scanned_lot_ids"] = [*scanned, lot.id][-SCANNED_LABELS_KEPT:]
