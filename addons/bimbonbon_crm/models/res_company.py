# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

# Countries that print on US Letter; everywhere else a company prints on A4 (ISO 216).
LETTER_COUNTRY_CODES = {"US", "CA", "MX", "CL", "CO", "CR", "GT", "PA", "PH", "PR", "SV", "VE"}


class ResCompany(models.Model):
    _inherit = "res.company"

    bimbonbon_invoice_auto_send = fields.Boolean(
        string="Send invoices automatically",
        default=True,
        help="A posted customer invoice or credit note is sent to the customer in the "
        "background, once, by the channel set on the customer.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        companies._bimbonbon_set_paperformat_of_country()
        return companies

    def write(self, vals):
        res = super().write(vals)
        # a module's data (l10n_us) putting a company on Letter is corrected; a person who
        # picks a paper format in the settings keeps it
        if "country_id" in vals or (
            "paperformat_id" in vals and self.env.context.get("install_mode")
        ):
            self._bimbonbon_set_paperformat_of_country()
        return res

    def _bimbonbon_get_country_paperformat(self):
        """The paper the company's country prints on (hook): A4, US Letter in the Americas'
        Letter countries. False when the country says nothing (no country)."""
        self.ensure_one()
        code = self.country_id.code
        if not code:
            return False
        xmlid = "base.paperformat_us" if code in LETTER_COUNTRY_CODES else "base.paperformat_euro"
        return self.env.ref(xmlid, raise_if_not_found=False)

    def _bimbonbon_set_paperformat_of_country(self):
        """The paper format follows the company's country.

        Odoo's default is A4 (``base.paperformat_euro``), but ``l10n_us`` (installed by
        Odoo's accounting demo or for a US company in the same database) puts the main
        company on US Letter whatever its country: a Dutch company printed its documents on
        Letter. Only the two stock formats are switched; a format of one's own is kept.
        """
        stock = self.env.ref("base.paperformat_euro", raise_if_not_found=False) | self.env.ref(
            "base.paperformat_us", raise_if_not_found=False
        )
        for company in self:
            paper = company._bimbonbon_get_country_paperformat()
            current = company.paperformat_id
            if paper and (not current or current in stock) and current != paper:
                company.write({"paperformat_id": paper.id})  # then current == paper: no loop

    @api.model
    def _bimbonbon_init_paperformats(self):
        """At install: every company on the paper of its country."""
        self.sudo().search([])._bimbonbon_set_paperformat_of_country()
