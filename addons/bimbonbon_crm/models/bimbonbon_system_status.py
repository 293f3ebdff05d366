# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What is wrong in the system, for administrators: a page and a daily digest mail, on the
figures of the monitoring endpoint (bimbonbon.metrics), so both say the same."""

from markupsafe import Markup

from odoo import api, fields, models


class BimbonbonSystemStatus(models.TransientModel):
    _name = "bimbonbon.system.status"
    _description = "System status"

    problem_count = fields.Integer(compute="_compute_problems")
    problems_html = fields.Html(string="Problems", compute="_compute_problems", sanitize=False)

    def _compute_display_name(self):
        # the breadcrumb of the page, not "bimbonbon.system.status,NewId"
        for status in self:
            status.display_name = self.env._("System status")

    def _compute_problems(self):
        problems = self._get_problems()
        for status in self:
            status.problem_count = len(problems)
            status.problems_html = self._problems_to_html(problems)

    @api.model
    def _get_problems(self):
        """What an administrator must look at, as translated sentences: a scheduled action
        that failed or stopped running (twice its interval), mails due for over an hour,
        mails that could not be delivered."""
        families = {
            family.name: family for family in self.env["bimbonbon.metrics"]._collect_metrics()
        }
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
        stuck = int(sum(sample.value for sample in families["odoo_mail_stuck"].samples))
        if stuck:
            problems.append(
                self.env._("%(count)s mails have been waiting for over an hour.", count=stuck)
            )
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
        language. Nothing when all is well."""
        admins = (
            self.env.ref("base.group_system")
            .sudo()
            .all_user_ids.filtered(lambda user: user.active and user._is_internal() and user.email)
        )
        mails = self.env["mail.mail"]
        if not admins or not self._get_problems():
            return mails
        for lang in set(admins.mapped("lang")):
            self_lang = self.with_context(lang=lang)
            problems = self_lang._get_problems()
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
