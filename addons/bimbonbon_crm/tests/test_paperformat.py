# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestPaperformat(TransactionCase):
    """Documents of a Dutch company printed on US Letter: l10n_us (installed with Odoo's
    accounting demo, or for a US company) puts the main company on Letter whatever its
    country. The paper follows the company's country."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.a4 = cls.env.ref("base.paperformat_euro")
        cls.letter = cls.env.ref("base.paperformat_us")
        cls.nl = cls.env.ref("base.nl")
        cls.us = cls.env.ref("base.us")

    def test_dutch_company_prints_a4(self):
        company = self.env["res.company"].create(
            {"name": "Bakkerij BV", "country_id": self.nl.id, "paperformat_id": self.letter.id}
        )
        self.assertEqual(company.paperformat_id, self.a4)
        company.country_id = self.us
        self.assertEqual(company.paperformat_id, self.letter)
        company.country_id = self.nl
        self.assertEqual(company.paperformat_id, self.a4)
        # our documents (no paper format of their own) follow the company
        contract_report = self.env.ref("bimbonbon_crm.action_report_bimbonbon_contract")
        self.assertFalse(contract_report.paperformat_id)
        self.assertEqual(contract_report.with_company(company).get_paperformat(), self.a4)

    def test_module_data_on_letter_is_corrected(self):
        """l10n_us's data (install mode) and a company left on Letter before our addons."""
        company = self.env["res.company"].create({"name": "Bakkerij BV", "country_id": self.nl.id})
        company.with_context(install_mode=True).paperformat_id = self.letter
        self.assertEqual(company.paperformat_id, self.a4)
        self.env.cr.execute(
            "UPDATE res_company SET paperformat_id = %s WHERE id = %s", [self.letter.id, company.id]
        )
        company.invalidate_recordset(["paperformat_id"])
        self.env["res.company"]._bimbonbon_init_paperformats()
        self.assertEqual(company.paperformat_id, self.a4)

    def test_a_chosen_paper_is_kept(self):
        """Someone who picks Letter (or a format of their own) in the settings keeps it."""
        company = self.env["res.company"].create({"name": "Bakkerij BV", "country_id": self.nl.id})
        company.paperformat_id = self.letter
        self.assertEqual(company.paperformat_id, self.letter)
        own = self.a4.copy({"name": "A4 met briefpapier", "margin_top": 60})
        company.paperformat_id = own
        self.env["res.company"]._bimbonbon_init_paperformats()
        self.assertEqual(company.paperformat_id, own)
