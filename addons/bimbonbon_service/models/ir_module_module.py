# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.tools import file_path
from odoo.tools.translate import TranslationImporter

#: Dutch terms of our dependencies that we word otherwise (see ``_load_dependency_terms``)
DEPENDENCY_TERMS = "bimbonbon_service/i18n_extra/nl.po"
#: the modules whose terms these are (and ours): loading any of them applies ours again
DEPENDENCIES = {
    "rma",
    "helpdesk_mgmt",
    "helpdesk_mgmt_sla",
    "helpdesk_mgmt_rating",
    "bimbonbon_service",
}


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    def _load_module_terms(self, modules, langs, overwrite=False):
        """A language loaded later also names rma's operation types (see stock.warehouse),
        and keeps our words for the terms of our dependencies."""
        res = super()._load_module_terms(modules, langs, overwrite=overwrite)
        langs = [lang for lang in langs if lang != "en_US"]
        # only when one of those modules' terms were (re)loaded: this runs at every module's
        # install, for every module of the batch
        if not langs or not DEPENDENCIES.intersection(modules):
            return res
        Warehouse = self.env["stock.warehouse"].sudo().with_context(active_test=False)
        if "rma_in_type_id" in Warehouse._fields:
            Warehouse.search([])._translate_rma_picking_types(langs)
        self._load_dependency_terms(langs)
        return res

    def _load_dependency_terms(self, langs):
        """One word for one thing: helpdesk_mgmt's Dutch calls a ticket "vraag" (in its menus,
        list titles, chatter and filters) where every page of ours says "melding", and "vraag"
        is one kind of melding here; helpdesk_mgmt_sla has no Dutch at all. Our wording of
        those terms (i18n_extra/nl.po) replaces theirs whenever Dutch is loaded, after
        theirs, whatever the loading order."""
        dutch = [lang for lang in langs if lang.split("_")[0] == "nl"]
        if not dutch:
            return
        importer = TranslationImporter(self.env.cr, verbose=False)
        for lang in dutch:
            importer.load_file(file_path(DEPENDENCY_TERMS), lang)
        importer.save(overwrite=True, force_overwrite=True)
