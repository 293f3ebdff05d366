# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What is wrong in the system, for administrators: a page and a daily digest mail, on the
figures of the monitoring endpoint (bimbonbon.metrics), so both say the same."""

from collections import defaultdict

from babel.dates import format_timedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools.misc import babel_locale_parse

#: Odoo's scheduled actions that must run (with ours): the mail queue and invoice sending
WATCHED_CRONS = ("mail.ir_cron_mail_scheduler_action", "account.ir_cron_account_move_send")


class BimbonbonSystemStatus(models.TransientModel):
    _name = "bimbonbon.system.status"
    _description = "System status"

    problem_count = fields.Integer(compute="_compute_problems")
    problems_html = fields.Html(string="Problems", compute="_compute_problems", sanitize=False)
    mail_queue_html = fields.Html(
        string="Mail queue", compute="_compute_mail_queue_html", sanitize=False
    )

    def _compute_display_name(self):
        # the breadcrumb of the page, not "bimbonbon.system.status,NewId"
        for status in self:
            status.display_name = self.env._("System status")

    def _compute_problems(self):
        problems = self._get_problems()
        for status in self:
            status.problem_count = len(problems)
            status.problems_html = self._problems_to_html(problems)

    def _compute_mail_queue_html(self):
        html = self._mail_queue_to_html(self._get_mail_queue())
        for status in self:
            status.mail_queue_html = html

    @api.model
    def _collect_families(self):
        """The metric families the page and the digest read: those of the scheduled actions
        and the mail queue only (not every addon's)."""
        Metrics = self.env["bimbonbon.metrics"]
        families = Metrics._collect_cron_metrics() + Metrics._collect_mail_metrics()
        return {family.name: family for family in families}

    @api.model
    def _get_problems(self, failed_since=None):
        """What an administrator must look at, as translated sentences: a scheduled action
        that failed, stopped running (twice its interval) or was switched off, mails due for
        longer than twice the mail queue's interval, mails that could not be delivered (those
        that failed since ``failed_since`` when given: the digest's last 24 hours)."""
        families = self._collect_families()
        problems = []
        for sample in families["odoo_cron_failures"].samples:
            if sample.value > 0:
                problems.append(
                    self.env._(
                        "Scheduled action “%(cron)s” failed %(count)s times in a row.",
                        cron=self._cron_name(sample.labels["cron"]),
                        count=int(sample.value),
                    )
                )
        for sample in families["odoo_cron_late"].samples:
            if sample.value:
                problems.append(
                    self.env._(
                        "Scheduled action “%(cron)s” has not run for twice its interval.",
                        cron=self._cron_name(sample.labels["cron"]),
                    )
                )
        for sample in families["odoo_cron_active"].samples:
            if not sample.value and self._is_watched_cron(sample.labels["cron"]):
                problems.append(
                    self.env._(
                        "Scheduled action “%(cron)s” is switched off (Settings > Technical > "
                        "Scheduled Actions, filter Archived).",
                        cron=self._cron_name(sample.labels["cron"]),
                    )
                )
        stuck = int(sum(sample.value for sample in families["odoo_mail_stuck"].samples))
        if stuck:
            problems.append(
                self.env._(
                    "%(count)s mails have been waiting for over %(duration)s (twice the "
                    "interval of the mail queue).",
                    count=stuck,
                    duration=self._format_duration(
                        self.env["bimbonbon.metrics"]._get_stuck_mail_delay()
                    ),
                )
            )
        if failed_since:
            failed = (
                self.env["mail.mail"]
                .sudo()
                .search_count([("state", "=", "exception"), ("write_date", ">=", failed_since)])
            )
        else:
            failed = int(
                sum(
                    sample.value
                    for sample in families["odoo_mail_queue"].samples
                    if sample.labels["state"] == "exception"
                )
            )
        if failed:
            problems.append(
                self.env._(
                    "%(count)s mails could not be delivered (Settings > Technical > Emails, "
                    "filter Failed).",
                    count=failed,
                )
            )
        return problems

    @api.model
    def _is_watched_cron(self, xmlid):
        """Whether a scheduled action must run (hook): ours, and Odoo's mail queue and
        invoice sending. Odoo ships others switched off on purpose."""
        return xmlid.startswith("bimbonbon_") or xmlid in WATCHED_CRONS

    @api.model
    def _format_duration(self, delta):
        lang = self.env.lang or "en_US"
        return format_timedelta(delta, threshold=1, locale=babel_locale_parse(lang))

    @api.model
    def _get_mail_queue(self):
        """The mail queue per template: [(template name, queued, waiting for a retry,
        failed)], from the same figures as the monitoring."""
        rows = defaultdict(lambda: {"outgoing": 0, "retry": 0, "exception": 0})
        for sample in self._collect_families()["odoo_mail_queue"].samples:
            rows[sample.labels["template"]][sample.labels["state"]] += int(sample.value)
        names = {}
        for xmlid in rows:
            template = self.env.ref(xmlid, raise_if_not_found=False) if "." in xmlid else None
            if template is None and xmlid.startswith("mail_template_"):
                template = self.env["mail.template"].browse(int(xmlid[14:])).exists()
            names[xmlid] = template.sudo().name if template else self.env._("Without a template")
        return sorted(
            (names[xmlid], row["outgoing"], row["retry"], row["exception"])
            for xmlid, row in rows.items()
        )

    @api.model
    def _mail_queue_to_html(self, rows):
        if not rows:
            return Markup("<p>%s</p>") % self.env._("No mail waiting or failed.")
        head = Markup("<tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>") % (
            self.env._("Mail template"),
            self.env._("Queued"),
            self.env._("Waiting for a retry"),
            self.env._("Failed"),
        )
        body = Markup().join(
            Markup("<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>") % row for row in rows
        )
        return Markup('<table class="table table-sm o_bimbonbon_mail_queue">%s%s</table>') % (
            head,
            body,
        )

    @api.model
    def _cron_name(self, xmlid):
        cron = self.env.ref(xmlid, raise_if_not_found=False) if "." in xmlid else None
        return cron.sudo().name if cron else xmlid

    @api.model
    def _problems_to_html(self, problems):
        if not problems:
            return Markup("<p>%s</p>") % self.env._("Everything runs as it should.")
        return Markup("<ul>%s</ul>") % Markup().join(
            Markup("<li>%s</li>") % problem for problem in problems
        )

    @api.model
    def _cron_send_digest(self):
        """Once a day, when something is wrong: one mail to each administrator, in their
        language. Nothing when all is well; a mail that failed before the last 24 hours was
        in an earlier digest already."""
        admins = (
            self.env.ref("base.group_system")
            .sudo()
            .all_user_ids.filtered(lambda user: user.active and user._is_internal() and user.email)
        )
        mails = self.env["mail.mail"]
        since = fields.Datetime.subtract(fields.Datetime.now(), hours=24)
        if not admins or not self._get_problems(failed_since=since):
            return mails
        for lang in set(admins.mapped("lang")):
            self_lang = self.with_context(lang=lang)
            problems = self_lang._get_problems(failed_since=since)
            recipients = admins.filtered(lambda user, lang=lang: user.lang == lang)
            mails |= mails.sudo().create(
                {
                    "subject": self_lang.env._(
                        "System status of %(company)s: %(count)s to look at",
                        count=len(problems),
                        company=self.env.company.name,
                    ),
                    "body_html": self_lang._problems_to_html(problems),
                    "recipient_ids": [fields.Command.set(recipients.partner_id.ids)],
                    "email_from": self.env.company.email_formatted or self.env.user.email_formatted,
                    "auto_delete": True,
                }
            )
        return mails

    def action_refresh(self):
        self._check_staff_access("read")
        return self.env["ir.actions.act_window"]._for_xml_id(
            "bimbonbon_crm.bimbonbon_system_status_action"
        )
