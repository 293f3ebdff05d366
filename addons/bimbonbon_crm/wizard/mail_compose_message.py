# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class MailComposeMessage(models.TransientModel):
    _inherit = "mail.compose.message"

    def _prepare_mail_values(self, res_ids):
        # mass mailing from a template makes mail.mail records: each knows its template, as
        # those of mail.template.send_mail_batch (the monitoring counts the queue per template)
        values = super()._prepare_mail_values(res_ids)
        if self.composition_mode == "mass_mail" and self.template_id:
            for mail_values in values.values():
                mail_values["mail_template_id"] = self.template_id.id
        return values
