# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    service_message_opt_in = fields.Boolean(
        string="Service messages",
        help="The customer agrees to receive updates, new manuals and recipes about the "
        "products they own. Safety notices and recalls reach every owner regardless.",
    )

    @api.model
    def _get_master_data_fields(self):
        return super()._get_master_data_fields() | {"service_message_opt_in"}
