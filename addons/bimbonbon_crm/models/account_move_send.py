# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

from odoo.addons.base.models.ir_actions_report import _wkhtml


class AccountMoveSend(models.AbstractModel):
    _inherit = "account.move.send"

    def _prepare_invoice_pdf_report(self, invoices_data):
        """Odoo renders the invoices of a sending batch as one PDF, which a wkhtmltopdf without
        Odoo's patched Qt refuses ("unpatched QT"): the scheduled sending then fails on every
        run. With such a wkhtmltopdf (Debian's, on development machines) each invoice is
        rendered on its own; the patched build of production keeps Odoo's one-PDF batch."""
        if len(invoices_data) <= 1 or _wkhtml().is_patched_qt:
            return super()._prepare_invoice_pdf_report(invoices_data)
        for invoice, invoice_data in invoices_data.items():
            super()._prepare_invoice_pdf_report({invoice: invoice_data})
        return None
