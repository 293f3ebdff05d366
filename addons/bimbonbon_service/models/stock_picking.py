# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.exceptions import UserError


class StockPicking(models.Model):
    _inherit = "stock.picking"

    def action_print_registration_labels(self):
        """QR label sheet for every registrable lot of these receipts."""
        self._check_staff_access("read")
        # printing may generate tokens, written on the lots with sudo: only for those who may
        # write on lots (the warehouse), checked before anything else
        self.env["stock.lot"].check_access("write")
        self.env["stock.lot"]._check_label_base_url()
        lots = self.move_line_ids.lot_id.filtered("product_id.is_registrable")
        if not lots:
            raise UserError(self.env._("There are no registrable serial numbers or batches here."))
        lots.check_access("write")
        lots.filtered(lambda lot: not lot.registration_token)._generate_registration_token()
        report = self.env.ref("bimbonbon_service.action_report_lot_registration_label")
        # the sheet has no company header, so no document layout to configure first
        return report.report_action(lots, config=False)

    def _get_delivery_registrations(self):
        """The registrations this delivery made for its customer (shown on the delivery slip
        attached to the delivery mail)."""
        self.ensure_one()
        lots = self.move_line_ids.filtered(lambda ml: ml.state == "done").lot_id
        if self.picking_type_code != "outgoing" or not lots:
            return self.env["bimbonbon.product.registration"].sudo()
        return (
            self.env["bimbonbon.product.registration"]
            .sudo()
            .search(
                [
                    ("lot_id", "in", lots.ids),
                    ("channel", "=", "delivery"),
                    ("state", "=", "registered"),
                    ("commercial_partner_id", "=", self.partner_id.commercial_partner_id.id),
                ]
            )
        )
