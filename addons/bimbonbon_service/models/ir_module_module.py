# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    def _load_module_terms(self, modules, langs, overwrite=False):
        """A language loaded later also names rma's operation types (see stock.warehouse)."""
        res = super()._load_module_terms(modules, langs, overwrite=overwrite)
        Warehouse = self.env["stock.warehouse"].sudo().with_context(active_test=False)
        langs = [lang for lang in langs if lang != "en_US"]
        if langs and "rma_in_type_id" in Warehouse._fields:
            Warehouse.search([])._translate_rma_picking_types(langs)
        return res
