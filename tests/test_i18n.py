# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Every translatable term of every BimBonBon addon has a Dutch translation in its nl.po.

The terms are read from the installed database exactly as `odoo i18n export` reads them
(records, views, mail templates, Python `_()` calls, QWeb), so a new field label or message
without a Dutch translation fails here, not in front of a Dutch customer.
"""

import polib

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import TranslationModuleReader

ADDONS = (
    "bimbonbon_crm",
    "bimbonbon_service",
    "bimbonbon_stock_alerts",
    "bimbonbon_portal",
    "bimbonbon_journey",
    "bimbonbon_livechat",
)


def _terms_by_place(reader):
    """(place, term) for each use of a term, a place as the .pot's occurrence names it: the
    record and field of a model term (`model_terms:ir.ui.view,arch_db:addon.view`), or just
    `code` for Python and JavaScript, which Odoo looks up by text alone."""
    for _module, kind, name, res_id, source, _value, _comments in reader:
        yield ("code" if kind == "code" else f"{kind}:{name}:{res_id}"), source


def _pot_places(pot):
    for entry in pot:
        for path, line in entry.occurrences:
            occurrence = f"{path}:{line}" if line else path
            yield ("code" if occurrence.startswith("code:") else occurrence), entry.msgid


@tagged("post_install", "-at_install")
class TestDutchTranslations(TransactionCase):
    def test_nl_po_is_complete(self):
        installed = (
            self.env["ir.module.module"]
            .search([("name", "in", ADDONS), ("state", "=", "installed")])
            .mapped("name")
        )
        self.assertTrue(installed, "no BimBonBon addon installed")
        for addon in installed:
            with self.subTest(addon=addon):
                po = polib.pofile(f"{get_module_path(addon)}/i18n/nl.po")
                translated = {e.msgid for e in po if e.msgstr.strip() and not e.obsolete}
                reader = TranslationModuleReader(self.env.cr, [addon])
                terms = {source for (_m, _t, _n, _r, source, _v, _c) in reader}
                missing = sorted(terms - translated)
                self.assertFalse(
                    missing,
                    f"{addon}/i18n/nl.po lacks Dutch for {len(missing)} terms "
                    f"(run `make i18n`, then translate): {missing[:10]}",
                )
                # Odoo reads nl.po merged with the .pot: the .pot's occurrences say where each
                # Dutch text goes (which view, whether Python's `_()` may use it). A stale .pot
                # (e.g. after a merge) silently leaves those places English.
                pot = polib.pofile(f"{get_module_path(addon)}/i18n/{addon}.pot")
                missing = sorted(set(_terms_by_place(reader)) - set(_pot_places(pot)))
                self.assertFalse(
                    missing,
                    f"{addon}/i18n/{addon}.pot lacks {len(missing)} terms where they are used "
                    f"(run `make i18n`): {[(p, t[:60]) for p, t in missing[:10]]}",
                )

    def test_pot_holds_every_translated_term(self):
        """Odoo loads nl.po merged with the addon's .pot and drops every translation whose
        msgid is not in the .pot: a stale .pot silently sends Dutch customers English."""
        for addon in ADDONS:
            with self.subTest(addon=addon):
                path = get_module_path(addon)
                pot = {e.msgid for e in polib.pofile(f"{path}/i18n/{addon}.pot")}
                po = polib.pofile(f"{path}/i18n/nl.po")
                dropped = sorted({e.msgid for e in po if e.msgstr.strip() and not e.obsolete} - pot)
                self.assertFalse(
                    dropped,
                    f"{addon}/i18n/{addon}.pot lacks {len(dropped)} translated terms, so Odoo "
                    f"never loads their Dutch (run `make i18n`): {dropped[:10]}",
                )
