# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import io
import secrets

import qrcode

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import str2bool


class StockLot(models.Model):
    _inherit = "stock.lot"

    registration_token = fields.Char(
        copy=False,
        readonly=True,
        help="Unguessable token printed as a QR code on the unit; it is not derived from the "
        "serial number. Regenerate it to revoke a printed label.",
    )
    # only for the departments that may read registrations (the warehouse opens lots too)
    registration_ids = fields.One2many(
        comodel_name="bimbonbon.product.registration",
        inverse_name="lot_id",
        string="Registrations",
        groups="bimbonbon_crm.group_sales,bimbonbon_crm.group_maintenance",
    )
    registration_count = fields.Integer(
        compute="_compute_registration_count",
        groups="bimbonbon_crm.group_sales,bimbonbon_crm.group_maintenance",
    )

    _registration_token_uniq = models.UniqueIndex(
        "(registration_token) WHERE registration_token IS NOT NULL",
        "A registration token must be unique.",
    )

    def _compute_registration_count(self):
        counts = dict(
            self.env["bimbonbon.product.registration"]._read_group(
                [("lot_id", "in", self.ids)], ["lot_id"], ["__count"]
            )
        )
        for lot in self:
            lot.registration_count = counts.get(lot, 0)

    @api.model_create_multi
    def create(self, vals_list):
        lots = super().create(vals_list)
        lots.filtered(
            lambda lot: lot.product_id.is_registrable and not lot.registration_token
        )._generate_registration_token()
        return lots

    def action_generate_registration_token(self):
        """(Re)generate the token: a printed label with the old token stops working."""
        self._check_staff_access("write")
        self._generate_registration_token()
        return True

    def action_revoke_registration_token(self):
        # the token is readonly in the views and written with sudo: the write right on the
        # lot is checked first (the method is callable over RPC by any user)
        self._check_staff_access("write")
        self.sudo().registration_token = False
        return True

    def action_view_registrations(self):
        self._check_staff_access("read")
        self.ensure_one()
        self.env["bimbonbon.product.registration"].check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "bimbonbon_service.product_registration_action"
        )
        action["domain"] = [("lot_id", "=", self.id)]
        action["context"] = {"default_lot_id": self.id, "default_product_id": self.product_id.id}
        return action

    def _generate_registration_token(self):
        for lot in self.sudo():
            lot.registration_token = secrets.token_urlsafe(16)

    @api.model
    def _get_by_registration_token(self, token):
        """Return the lot carrying ``token`` (sudo), or an empty recordset."""
        if not token or not isinstance(token, str):
            return self.browse()
        return self.sudo().search([("registration_token", "=", token)], limit=1)

    @api.model
    def _get_label_base_url(self):
        """The public address printed in the QR codes, or "" when none is configured.

        ``web.base.url`` is rewritten at each administrator login unless frozen: a label printed
        with it would point wherever an admin last logged in from. Labels use the configured
        label address, else a frozen ``web.base.url``.
        """
        ICP = self.env["ir.config_parameter"].sudo()
        base_url = (ICP.get_param("bimbonbon_service.label_base_url") or "").strip()
        if not base_url and str2bool(ICP.get_param("web.base.url.freeze") or "0"):
            base_url = ICP.get_param("web.base.url") or ""
        return base_url.rstrip("/")

    @api.model
    def _check_label_base_url(self):
        """Refuse to print labels without a lasting public address (checked before printing)."""
        if not self._get_label_base_url():
            raise UserError(
                self.env._(
                    "Set the public address on QR labels first (Helpdesk settings, BimBonBon "
                    "after-sales): a printed label must keep working for years."
                )
            )

    def _get_registration_url(self):
        self.ensure_one()
        token = self.sudo().registration_token
        base_url = self._get_label_base_url()
        if not token or not base_url:
            return False
        return f"{base_url}/r/{token}"

    @api.model
    def _make_qr_code(self, value):
        """Return the QR code object for ``value`` (also used by the tests to compare)."""
        # a quiet zone of four modules, as ISO/IEC 18004 asks; labels print it 30 mm wide
        code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
        code.add_data(value)
        code.make(fit=True)
        return code

    def _get_registration_qr_data_uri(self):
        """PNG data URI of the QR code encoding the registration URL of this lot."""
        self.ensure_one()
        url = self._get_registration_url()
        if not url:
            return False
        image = self._make_qr_code(url).make_image()
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
