# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import smtplib

from odoo import api, models

from odoo.addons.base.models.ir_mail_server import MailDeliveryException


class IrMailServer(models.Model):
    _inherit = "ir.mail_server"

    @api.model
    def _is_temporary_failure(self, error):
        """Whether a delivery failed for a reason that passes: the server could not be
        reached (refused, reset, timed out, name not resolved), it hung up, or it answered
        with a 4xx code ("try again later"). A 5xx answer (unknown address, refused) and
        anything else are for good.

        ``error`` is what Odoo caught: the SMTP library's own exception, or Odoo's
        MailDeliveryException raised while handling it (its ``__context__``)."""
        seen = set()
        while error is not None and id(error) not in seen:
            seen.add(id(error))
            if isinstance(error, smtplib.SMTPRecipientsRefused):
                codes = [code for code, _msg in error.recipients.values()]
                return bool(codes) and all(400 <= code < 500 for code in codes)
            if isinstance(error, smtplib.SMTPResponseException):
                return 400 <= error.smtp_code < 500
            if isinstance(error, (smtplib.SMTPServerDisconnected, OSError)):
                return True
            if not isinstance(error, MailDeliveryException):
                return False
            error = error.__cause__ or error.__context__
        return False
