# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class MailTemplate(models.Model):
    _inherit = "mail.template"

    def send_mail_batch(
        self,
        res_ids,
        force_send=False,
        raise_exception=False,
        email_values=None,
        email_layout_xmlid=False,
    ):
        # each mail knows its template: the monitoring and the system status count the mail
        # queue per template (Odoo keeps no link from a mail or message to its template)
        self.ensure_one()
        return super().send_mail_batch(
            res_ids,
            force_send=force_send,
            raise_exception=raise_exception,
            email_values={"mail_template_id": self.id, **(email_values or {})},
            email_layout_xmlid=email_layout_xmlid,
        )
