# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class StockWarehouse(models.Model):
    _inherit = "stock.warehouse"

    def _create_or_update_sequences_and_picking_types(self):
        data = super()._create_or_update_sequences_and_picking_types()
        self._translate_rma_picking_types()
        return data

    def _translate_rma_picking_types(self, langs=None):
        """Name OCA rma's operation types of these warehouses in every installed language.

        rma creates them by code, in the language of whoever installs it, and its Dutch
        translation lacks them: a Dutch warehouse read "RMA Delivery Orders". Called when a
        warehouse gets its operation types and when a language is loaded.
        """
        langs = [
            lang
            for lang in langs or [code for code, __ in self.env["res.lang"].get_installed()]
            if lang != "en_US"  # rma's own English names stay
        ]
        if not langs:
            return
        for warehouse in self.sudo():
            for field_name in ("rma_in_type_id", "rma_out_type_id"):
                picking_type = warehouse[field_name]
                if not picking_type:
                    continue
                names = {}
                for lang in langs:
                    env = self.with_context(lang=lang).env
                    names[lang] = (
                        env._("RMA receipts")
                        if field_name == "rma_in_type_id"
                        else env._("RMA deliveries")
                    )
                picking_type.update_field_translations("name", names)
