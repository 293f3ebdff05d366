# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class QrScan(models.Model):
    """One opening of a QR label's page (``/r/<token>``): when, and which product and unit.

    Nothing about the person who scanned (no IP, no user, no partner): the figure is how often
    labels are scanned per product, which needs no personal data.
    """

    _name = "bimbonbon.qr.scan"
    _description = "QR label scan"
    _order = "scan_date desc, id desc"
    _rec_name = "product_id"

    scan_date = fields.Datetime(required=True, default=fields.Datetime.now)
    product_id = fields.Many2one(comodel_name="product.product", required=True, index=True)
    lot_id = fields.Many2one(comodel_name="stock.lot", string="Serial or batch", index=True)
    company_id = fields.Many2one(
        comodel_name="res.company", required=True, default=lambda self: self.env.company
    )

    # the overview counts the scans of a period per product
    _scan_date_product_idx = models.Index("(scan_date, product_id)")

    @api.model
    def _record(self, lot):
        """Count one scan of ``lot``'s label (the visitor may be anyone: sudo)."""
        return self.sudo().create(
            {
                "product_id": lot.product_id.id,
                "lot_id": lot.id,
                "company_id": (lot.company_id or self.env.company).id,
            }
        )
