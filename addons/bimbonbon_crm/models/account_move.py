# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.fields import Domain

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
        param = (
            self.env["ir.config_parameter"].sudo().get_param("bimbonbon_crm.overdue_reminder_days")
        )
        try:
            days = sorted({int(day) for day in (param or "").split(",") if day.strip()})
        except ValueError:
            days = []
        return tuple(day for day in days if day > 0) or DEFAULT_REMINDER_DAYS

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
        remaining = self.search_count(Domain.OR(domain for _level, domain in domains))
        for level, domain in reversed(domains):
            template = self._get_overdue_reminder_template(level, len(levels))
            if not template:
                continue
            while remaining:
                invoices = self.search(domain, limit=batch_size, order="id")
                if not invoices:
                    break
                invoices._send_overdue_reminder(template, level)
                remaining = max(remaining - len(invoices), 0)
                if self.env["ir.cron"]._commit_progress(len(invoices), remaining=remaining) <= 0:
                    return

    def _send_overdue_reminder(self, template, level):
        self.write({"overdue_reminder_level": level})
        template.send_mail_batch(self.ids, force_send=False)
        body = Markup("<p>%s</p>") % self.env._(
            "Overdue reminder %(level)s sent to the customer.", level=level
        )
        self._message_log_batch(dict.fromkeys(self.ids, body))
