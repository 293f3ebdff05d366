# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
import sys
from datetime import timedelta

from odoo import api, fields, models

_logger = logging.getLogger(__name__)

RETRY_MAX_PARAM = "bimbonbon_crm.mail_retry_max"
RETRY_MAX_DEFAULT = 6
#: minutes before the first retry; each next one waits three times as long
#: (5 min, 15 min, 45 min, 2 h 15, 6 h 45: about ten hours in all)
RETRY_FIRST_DELAY = 5
RETRY_FACTOR = 3


class MailMail(models.Model):
    """Mail that survives an outage of the mail server.

    Odoo marks every mail of a batch "Delivery Failed" when the SMTP server cannot be reached,
    and its queue never sends those again: a mail server down during the nightly reminders
    loses them. A mail that failed for a reason that passes (see
    ``ir.mail_server._is_temporary_failure``) is queued again with a growing delay, up to a
    maximum number of tries; one that failed for good stays failed. Only what failed is sent
    again, so a mail is delivered at most once."""

    _inherit = "mail.mail"

    retry_count = fields.Integer(
        string="Delivery retries",
        readonly=True,
        copy=False,
        help="How often delivery was tried again after a temporary failure of the mail server.",
    )

    def _postprocess_sent_message(
        self, success_pids, success_emails, failure_reason=False, failure_type=None
    ):
        # Odoo calls this while it handles the delivery error: sys.exc_info() holds it
        error = sys.exc_info()[1] if failure_type else None
        retry = self.browse()
        if error is not None and self.env["ir.mail_server"]._is_temporary_failure(error):
            retry = self.filtered(lambda mail: mail.retry_count < self._get_retry_max())
        res = super(MailMail, self - retry)._postprocess_sent_message(
            success_pids, success_emails, failure_reason=failure_reason, failure_type=failure_type
        )
        retry._schedule_retry(failure_reason)
        return res

    @api.model
    def _get_retry_max(self):
        param = self.env["ir.config_parameter"].sudo().get_param(RETRY_MAX_PARAM)
        try:
            return max(int(param), 0) if param else RETRY_MAX_DEFAULT
        except ValueError:
            return RETRY_MAX_DEFAULT

    @api.model
    def _get_retry_delay(self, retry_count):
        """The wait before try number ``retry_count`` (1 for the first retry)."""
        return timedelta(minutes=RETRY_FIRST_DELAY * RETRY_FACTOR ** (retry_count - 1))

    def _schedule_retry(self, failure_reason):
        """Queue these mails again, later; the mail queue cron is woken then."""
        if not self:
            return
        now = fields.Datetime.now()
        first = None
        for mail in self:
            count = mail.retry_count + 1
            when = now + self._get_retry_delay(count)
            mail.write(
                {
                    "state": "outgoing",
                    "retry_count": count,
                    "scheduled_date": when,
                    "failure_type": False,
                    "failure_reason": failure_reason,
                }
            )
            first = min(first, when) if first else when
        # their notifications wait too (not "failed" in the chatter while a retry is due)
        self.env["mail.notification"].sudo().search(
            [("mail_mail_id", "in", self.ids), ("notification_status", "=", "exception")]
        ).write({"notification_status": "ready", "failure_type": False, "failure_reason": False})
        cron = self.env.ref("mail.ir_cron_mail_scheduler_action", raise_if_not_found=False)
        if cron:
            cron.sudo()._trigger(at=first)
        _logger.info(
            "Mail server unreachable or busy: %s mail(s) queued again for %s", len(self), first
        )
