# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.tools import file_open, file_path
from odoo.tools.translate import CodeTranslations, TranslationImporter, code_translations

#: Dutch terms of our dependencies that we word otherwise (see ``_load_dependency_terms``), in a
#: folder Odoo does not read by itself (it reads i18n/ and i18n_extra/ as our own terms)
DEPENDENCY_TERMS = "bimbonbon_service/i18n_dependencies/nl.po"
#: the modules whose terms these are (and ours): loading any of them applies ours again
DEPENDENCIES = {
    "rma",
    "helpdesk_mgmt",
    "helpdesk_mgmt_sla",
    "helpdesk_mgmt_rating",
    "bimbonbon_service",
}
#: the dependencies whose code terms (Python messages) we word: rma's Dutch has none
CODE_TERM_MODULES = {"rma"}


def _get_code_translations(module_name, lang, filter_func):
    """Odoo's code translations of ``module_name`` (its i18n/*.po), and for our dependencies
    in Dutch our wording of their code terms (``#: code:`` entries of DEPENDENCY_TERMS marked
    ``#. module: <module_name>``): rma's Dutch has none of the errors it raises to staff."""
    translations = _odoo_get_code_translations(module_name, lang, filter_func)
    if module_name in CODE_TERM_MODULES and lang.split("_")[0] == "nl":
        with file_open(DEPENDENCY_TERMS, mode="rb") as fileobj:
            translations.update(
                CodeTranslations._read_code_translations_file(
                    fileobj, lambda row: row["module"] == module_name and filter_func(row)
                )
            )
    return translations


_odoo_get_code_translations = CodeTranslations._get_code_translations


def _patch_code_translations():
    """Odoo reads a module's code translations only from that module's own folder, where our
    Dutch cannot go (``file_path`` keeps a loaded module to its own path, and the translation
    importer skips code terms): add ours when it reads those of CODE_TERM_MODULES. The
    translations already read are forgotten, so the next ``_()`` reads them again with ours.

    Code translations are per process, not per database: other databases served by the same
    server also get our Dutch for rma's messages, and an uninstall does not undo it until the
    server restarts. The real fix is rma's own nl.po (OCA's Weblate); then this goes."""
    if CodeTranslations.__dict__["_get_code_translations"].__func__ is _get_code_translations:
        return
    CodeTranslations._get_code_translations = staticmethod(_get_code_translations)
    for key in list(code_translations.python_translations):
        if key[0] in CODE_TERM_MODULES:
            code_translations.python_translations.pop(key, None)


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    def _register_hook(self):
        """Our Dutch for our dependencies' code terms (see ``_patch_code_translations``), from
        the moment a database with this addon is loaded."""
        _patch_code_translations()
        return super()._register_hook()

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
        those terms (i18n_dependencies/nl.po) replaces theirs whenever Dutch is loaded, after
        theirs, whatever the loading order."""
        dutch = [lang for lang in langs if lang.split("_")[0] == "nl"]
        if not dutch:
            return
        importer = TranslationImporter(self.env.cr, verbose=False)
        for lang in dutch:
            importer.load_file(file_path(DEPENDENCY_TERMS), lang)
        importer.save(overwrite=True, force_overwrite=True)
