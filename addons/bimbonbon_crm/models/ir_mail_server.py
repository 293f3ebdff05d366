# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import smtplib
import ssl

from odoo import api, models

from odoo.addons.base.models.ir_mail_server import MailDeliveryException

from .mail_mail import SEND_PROGRESS


class IrMailServer(models.Model):
    _inherit = "ir.mail_server"

    def send_email(self, message, *args, **kwargs):
        # while mail.mail's _send runs: which of its messages the server accepted
        progress = self.env.context.get(SEND_PROGRESS)
        index = progress.sending() if progress is not None else None
        message_id = super().send_email(message, *args, **kwargs)
        if progress is not None:
            progress.sent(index)
        return message_id

    @api.model
    def _is_temporary_failure(self, error):
        """Whether a delivery failed for a reason that passes: the server could not be
        reached (refused, reset, timed out, name not resolved, the encrypted connection cut),
        it hung up, or it answered with a 4xx code ("try again later"). A 5xx answer (unknown
        address, refused), a configuration the server does not support (no AUTH, a
        certificate that does not verify) and anything else are for good.

        smtplib's and ssl's exceptions are OSErrors too: they are told apart first.

        ``error`` is what Odoo caught: the SMTP library's own exception, or Odoo's
        MailDeliveryException raised while handling it (its ``__context__``)."""
        seen = set()
        while error is not None and id(error) not in seen:
            seen.add(id(error))
            if isinstance(error, smtplib.SMTPServerDisconnected):
                return True
            if isinstance(error, smtplib.SMTPRecipientsRefused):
                codes = [code for code, _msg in error.recipients.values()]
                return bool(codes) and all(400 <= code < 500 for code in codes)
            if isinstance(error, smtplib.SMTPResponseException):
                return 400 <= error.smtp_code < 500
            if isinstance(error, smtplib.SMTPException):
                return False
            if isinstance(error, ssl.SSLError):
                return isinstance(error, (ssl.SSLEOFError, ssl.SSLZeroReturnError))
            if isinstance(error, OSError):
                return True
            if not isinstance(error, MailDeliveryException):
                return False
            error = error.__cause__ or error.__context__
        return False
