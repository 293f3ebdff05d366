# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class ReportLotRegistrationLabel(models.AbstractModel):
    _name = "report.bimbonbon_service.report_lot_registration_label"
    _description = "QR label sheet"

    @api.model
    def _get_report_values(self, docids, data=None):
        # every way of printing (the lot's button, the receipt's, the print menu) passes here
        self.env["stock.lot"]._check_label_base_url()
        return {
            "doc_ids": docids,
            "doc_model": "stock.lot",
            "docs": self.env["stock.lot"].browse(docids),
        }
