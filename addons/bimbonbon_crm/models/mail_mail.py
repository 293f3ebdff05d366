# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
import smtplib
import sys
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models, tools

_logger = logging.getLogger(__name__)

RETRY_MAX_PARAM = "bimbonbon_crm.mail_retry_max"
RETRY_MAX_DEFAULT = 6
#: minutes before the first retry; each next one waits three times as long. With the default
#: six retries: 5 min, 15 min, 45 min, 2 h 15, 6 h 45 and 20 h 15, about 30 hours in all.
RETRY_FIRST_DELAY = 5
RETRY_FACTOR = 3
#: the failure types of Odoo that can come from the mail server (the others, an invalid
#: address or sender, spam, are decided before anything is sent and never pass)
SERVER_FAILURE_TYPES = ("mail_smtp", "unknown")
#: context key of a _SendProgress while Odoo's _send runs
SEND_PROGRESS = "bimbonbon_send_progress"


class _SendProgress:
    """How far Odoo's ``_send`` got with the mail it was sending, for when the SMTP session
    breaks under it: the mail, its messages in order (a partner, or False for the one to
    ``email_to``/``email_cc``, with their addresses) and which of them the server accepted."""

    def __init__(self):
        self.mail = None
        self.messages = []
        self.tried = 0
        self.delivered = []

    def start(self, mail, messages):
        self.mail, self.messages, self.tried, self.delivered = mail, messages, 0, []

    def sending(self):
        self.tried += 1
        return self.tried - 1

    def sent(self, index):
        if 0 <= index < len(self.messages):
            self.delivered.append(self.messages[index])


class MailMail(models.Model):
    """Mail that survives an outage of the mail server.

    Odoo marks every mail of a batch "Delivery Failed" when the SMTP server cannot be reached,
    and its queue never sends those again: a mail server down during the nightly reminders
    loses them. A mail that failed for a reason that passes (see
    ``ir.mail_server._is_temporary_failure``) is queued again with a growing delay, up to a
    maximum number of tries; one that failed for good stays failed. Only what failed is sent
    again (the recipients the server accepted are taken off the mail), so a mail reaches each
    recipient once."""

    _inherit = "mail.mail"

    retry_count = fields.Integer(
        string="Delivery retries",
        readonly=True,
        copy=False,
        help="How often delivery was tried again after a temporary failure of the mail server.",
    )
    mail_template_id = fields.Many2one(
        "mail.template",
        string="Mail template",
        readonly=True,
        copy=False,
        ondelete="set null",
        help="The template this mail was made from: the monitoring counts the mail queue "
        "per template.",
    )

    def _prepare_outgoing_list(self, mail_server=False, doc_to_followers=None):
        email_list = super()._prepare_outgoing_list(
            mail_server=mail_server, doc_to_followers=doc_to_followers
        )
        progress = self.env.context.get(SEND_PROGRESS)
        if progress is not None:
            progress.start(
                self, [(email["partner_id"], list(email["email_to"])) for email in email_list]
            )
        return email_list

    def _send(
        self,
        auto_commit=False,
        raise_exception=False,
        smtp_session=None,
        alias_domain_id=False,
        mail_server=False,
        post_send_callback=None,
    ):
        # Odoo lets a dropped connection (SMTPServerDisconnected) escape: the mail being sent
        # stays failed and the rest of the batch is not tried. Here that mail waits for a
        # retry, without the recipients already served, and the queue is woken for the rest.
        progress = _SendProgress()
        try:
            return super(MailMail, self.with_context(**{SEND_PROGRESS: progress}))._send(
                auto_commit=auto_commit,
                raise_exception=raise_exception,
                smtp_session=smtp_session,
                alias_domain_id=alias_domain_id,
                mail_server=mail_server,
                post_send_callback=post_send_callback,
            )
        except smtplib.SMTPServerDisconnected as error:
            if raise_exception or not progress.mail:
                raise
            mail = progress.mail.with_env(self.env)
            reason = tools.exception_to_unicode(error)
            mail.write({"failure_reason": reason, "failure_type": "mail_smtp"})
            mail._postprocess_sent_message(
                success_pids=[partner for partner, _to in progress.delivered if partner],
                success_emails=[
                    email for partner, to in progress.delivered if not partner for email in to
                ],
                failure_reason=reason,
                failure_type="mail_smtp",
            )
            cron = self.env.ref("mail.ir_cron_mail_scheduler_action", raise_if_not_found=False)
            if cron:
                cron.sudo()._trigger()
            _logger.warning(
                "Mail server hung up while sending mail %s: the rest of its batch goes "
                "with the next run of the queue (%s)",
                mail.id,
                reason,
            )
            if post_send_callback:
                post_send_callback([mail.id])
            return True

    def _postprocess_sent_message(
        self, success_pids, success_emails, failure_reason=False, failure_type=None
    ):
        retry = self.browse()
        if failure_type in SERVER_FAILURE_TYPES:
            # Odoo calls this while it handles the delivery error: sys.exc_info() holds it
            error = sys.exc_info()[1]
            if error is not None and self.env["ir.mail_server"]._is_temporary_failure(error):
                retry = self.filtered(lambda mail: mail.retry_count < self._get_retry_max())
        res = super(MailMail, self - retry)._postprocess_sent_message(
            success_pids, success_emails, failure_reason=failure_reason, failure_type=failure_type
        )
        retry._schedule_retry(failure_reason, success_pids, success_emails)
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

    def _schedule_retry(self, failure_reason=False, success_pids=(), success_emails=()):
        """Queue these mails again, later; the mail queue cron is woken then.

        ``success_pids`` and ``success_emails`` are what the server accepted before it
        failed (Odoo's arguments of ``_postprocess_sent_message``): those recipients are
        taken off, so that the retry does not send them the mail a second time. Odoo sends
        the message to ``email_to`` and ``email_cc`` first, then one per partner, and stops at
        the first failure: once anything was accepted, the first message is done."""
        if not self:
            return
        now = fields.Datetime.now()
        by_count = defaultdict(lambda: self.browse())
        for mail in self:
            by_count[mail.retry_count + 1] |= mail
        for count, mails in by_count.items():
            values = {
                "state": "outgoing",
                "retry_count": count,
                "scheduled_date": now + self._get_retry_delay(count),
                "failure_type": False,
            }
            if failure_reason:  # else Odoo wrote it already (a failed connection)
                values["failure_reason"] = failure_reason
            mails.write(values)
        partner_ids = [partner.id for partner in success_pids]
        if partner_ids or success_emails:
            self.write(
                {
                    "email_to": False,
                    "email_cc": False,
                    "recipient_ids": [fields.Command.unlink(pid) for pid in partner_ids],
                }
            )
            self.env["mail.notification"].sudo().search(
                [("mail_mail_id", "in", self.ids), ("res_partner_id", "in", partner_ids)]
            ).write({"notification_status": "sent", "failure_type": False, "failure_reason": False})
        # the others wait too (not "failed" in the chatter while a retry is due)
        self.env["mail.notification"].sudo().search(
            [("mail_mail_id", "in", self.ids), ("notification_status", "=", "exception")]
        ).write({"notification_status": "ready", "failure_type": False, "failure_reason": False})
        first = now + self._get_retry_delay(min(by_count))
        cron = self.env.ref("mail.ir_cron_mail_scheduler_action", raise_if_not_found=False)
        if cron:
            cron.sudo()._trigger(at=first)
        _logger.info(
            "Mail server unreachable or busy: %s mail(s) queued again for %s", len(self), first
        )
