# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.fields import Domain

from .mail_thread import CUSTOMER_MAIL_LAYOUT

DEFAULT_REMINDER_DAYS = (7, 21, 35)
OVERDUE_REMINDER_BATCH = 500
#: The mail of each step, from a friendly nudge to the last notice before collection.
OVERDUE_REMINDER_TEMPLATES = (
    "bimbonbon_crm.mail_template_overdue_reminder",
    "bimbonbon_crm.mail_template_overdue_reminder_firm",
    "bimbonbon_crm.mail_template_overdue_reminder_last",
)


class AccountMove(models.Model):
    _inherit = "account.move"

    overdue_reminder_level = fields.Integer(
        string="Reminder level",
        copy=False,
        readonly=True,
        default=0,
        help="The last overdue reminder level sent for this invoice (0: none). Each level is "
        "sent at most once.",
    )

    @api.model
    def _get_overdue_reminder_days(self):
        """The reminder levels: days past the due date, ascending (from the settings)."""
        return self.env["ir.config_parameter"]._get_day_list(
            "bimbonbon_crm.overdue_reminder_days", DEFAULT_REMINDER_DAYS
        )

    @api.model
    def _get_overdue_reminder_domain(self, level, days):
        """Open posted customer invoices due for reminder `level` (1-based) (hook)."""
        today = fields.Date.context_today(self)
        return self.env["res.partner"]._get_open_invoice_domain() & Domain(
            [
                ("invoice_date_due", "<=", today - timedelta(days=days)),
                ("overdue_reminder_level", "<", level),
            ]
        )

    @api.model
    def _get_overdue_reminder_template(self, level, last_level):
        """The mail of reminder `level` (1-based) of `last_level` levels (hook): the first is
        a friendly nudge, the last the last notice before collection, those between firm
        (like the policy levels of OCA's account_credit_control). Each carries the invoice
        PDF, its portal link, the amount due, the company's IBAN and the payment reference."""
        friendly, firm, last = OVERDUE_REMINDER_TEMPLATES
        if level >= last_level and level > 1:
            xmlid = last
        elif level == 1:
            xmlid = friendly
        else:
            xmlid = firm
        return self.env.ref(xmlid, raise_if_not_found=False)

    @api.model
    def _cron_send_overdue_reminder(self, batch_size=OVERDUE_REMINDER_BATCH):
        """Send the overdue reminders, highest level first, in committed batches.

        An invoice more overdue than one level gets only its highest level (not all the missed
        ones at once). The level is written in the same transaction that queues the mail and
        logs it on the invoice, so a rerun or a crash mid-batch sends nothing twice."""
        levels = list(enumerate(self._get_overdue_reminder_days(), start=1))
        domains = [
            (level, self._get_overdue_reminder_domain(level, days)) for level, days in levels
        ]
        cron = self.env["ir.cron"]
        # the count once; _commit_progress counts down what each batch processed
        cron._commit_progress(
            remaining=self.search_count(Domain.OR(domain for _level, domain in domains))
        )
        # invoices another job holds right now or changed since the search (Odoo's "Send
        # invoices" cron writes the same rows, a payment too): left for the next run, the
        # others are reminded (see `_try_lock_for_cron_batch`)
        busy = []
        for level, domain in reversed(domains):
            template = self._get_overdue_reminder_template(level, len(levels))
            if not template:
                continue
            while invoices := self.search(
                Domain(domain) & Domain("id", "not in", busy), limit=batch_size, order="id"
            ):
                free = invoices._try_lock_for_cron_batch()
                busy += (invoices - free).ids
                if free:
                    free._send_overdue_reminder(template, level)
                if cron._commit_progress(len(free)) <= 0:
                    return

    def _send_overdue_reminder(self, template, level):
        self.write({"overdue_reminder_level": level})
        template.send_mail_batch(
            self.ids, force_send=False, email_layout_xmlid=CUSTOMER_MAIL_LAYOUT
        )
        body = Markup("<p>%s</p>") % self.env._(
            "Overdue reminder %(level)s sent to the customer.", level=level
        )
        self._message_log_batch(dict.fromkeys(self.ids, body))

    # --- Invoices send themselves (issue 12) ------------------------------------------------
    # Posting a customer invoice only marks it for Odoo's own batch sending (`sending_data`);
    # the cron `account.ir_cron_account_move_send` renders the PDF and mails it (or sends it
    # by the customer's e-invoicing channel) in the background, once.

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        posted._mark_for_automatic_sending()
        return posted

    def _get_moves_to_send_automatically(self):
        """The posted customer invoices and credit notes to send by themselves (hook):
        never sent nor queued, of a company that sends automatically, to a customer whose
        channel is not "manual"."""
        return self.filtered(
            lambda move: move.state == "posted"
            and move.move_type in ("out_invoice", "out_refund")
            and not move.is_move_sent
            and not move.sending_data
            and move.company_id.bimbonbon_invoice_auto_send
            and move.commercial_partner_id.with_company(move.company_id).invoice_sending_method
            != "manual"
        )

    def _mark_for_automatic_sending(self):
        moves = self._get_moves_to_send_automatically()
        if not moves:
            return
        cron = self.env.ref("account.ir_cron_account_move_send", raise_if_not_found=False)
        if not cron or not cron.sudo().active:
            return  # nothing would send them: no queue that wakes up months later
        no_email = moves.filtered(
            lambda move: (
                move.commercial_partner_id.with_company(move.company_id).invoice_sending_method
                or "email"
            )
            == "email"
            and not move.partner_id.email
        )
        if no_email:
            body = Markup("<p>%s</p>") % self.env._(
                "Not sent automatically: the customer has no email address."
            )
            no_email._message_log_batch(dict.fromkeys(no_email.ids, body))
        moves -= no_email
        if not moves:
            return
        moves.sending_data = {
            "author_user_id": self.env.user.id,
            "author_partner_id": self.env.user.partner_id.id,
        }
        cron.sudo()._trigger()
