# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What an operator's monitoring (Prometheus) scrapes from /bimbonbon/metrics."""

import secrets
from collections import defaultdict
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL

TOKEN_PARAM = "bimbonbon_crm.metrics_token"


class _Families:
    """A prometheus_client collector over the families already computed."""

    def __init__(self, families):
        self.families = families

    def collect(self):
        return iter(self.families)


class BimbonbonMetrics(models.AbstractModel):
    """The figures, as Prometheus metric families. Each addon adds its own by extending
    ``_collect_metrics`` (one query per family, whatever the data size)."""

    _name = "bimbonbon.metrics"
    _description = "Monitoring figures"

    @api.model
    def _get_token(self):
        """The bearer token of the endpoint (empty: the endpoint is closed)."""
        return self.env["ir.config_parameter"].sudo().get_param(TOKEN_PARAM) or ""

    @api.model
    def _init_token(self):
        """A random token, shown in the system parameters: at install (post_init_hook) and
        for a database updated from before the endpoint (migration 19.0.1.2.0). One that
        is there, even empty (the endpoint closed on purpose), stays as it is."""
        Param = self.env["ir.config_parameter"].sudo()
        if not Param.search_count([("key", "=", TOKEN_PARAM)], limit=1):
            Param.set_param(TOKEN_PARAM, secrets.token_urlsafe(32))

    @api.model
    def _render(self):
        registry = CollectorRegistry(auto_describe=False)
        registry.register(_Families(self._collect_metrics()))
        return generate_latest(registry)

    @api.model
    def _collect_metrics(self):
        return self._collect_cron_metrics() + self._collect_mail_metrics()

    @api.model
    def _collect_cron_metrics(self):
        failures = GaugeMetricFamily(
            "odoo_cron_failures",
            "Consecutive failures of an active scheduled action (0 after a success).",
            labels=["cron"],
        )
        last_success = GaugeMetricFamily(
            "odoo_cron_last_success_timestamp_seconds",
            "When a scheduled action last ran successfully (Unix time).",
            labels=["cron"],
        )
        late = GaugeMetricFamily(
            "odoo_cron_late",
            "1 when an active scheduled action has not run for twice its interval.",
            labels=["cron"],
        )
        active = GaugeMetricFamily(
            "odoo_cron_active",
            "1 when a scheduled action is active, 0 when it is switched off (by hand, or by "
            "Odoo after failing for a week).",
            labels=["cron"],
        )
        self.env["ir.cron"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT coalesce(d.module || '.' || d.name, 'ir_cron_' || c.id), c.active,
                       c.failure_count, extract(epoch FROM c.lastcall),
                       c.nextcall < %s - (c.interval_number || ' ' || c.interval_type)::interval
                  FROM ir_cron c
                  LEFT JOIN ir_model_data d ON d.model = 'ir.cron' AND d.res_id = c.id
                 ORDER BY c.id
                """,
                fields.Datetime.now(),
            )
        )
        for name, is_active, failure_count, lastcall, is_late in self.env.cr.fetchall():
            active.add_metric([name], 1 if is_active else 0)
            if lastcall:
                last_success.add_metric([name], float(lastcall))
            if is_active:
                failures.add_metric([name], failure_count or 0)
                late.add_metric([name], 1 if is_late else 0)
        return [failures, last_success, late, active]

    @api.model
    def _get_stuck_mail_delay(self):
        """How long a due mail may wait before it counts as stuck: twice the interval of the
        mail queue's cron (which also runs when mail is queued); an hour without it."""
        cron = self.env.ref("mail.ir_cron_mail_scheduler_action", raise_if_not_found=False)
        if not cron or not cron.sudo().active:
            return timedelta(hours=1)
        cron = cron.sudo()
        interval = relativedelta(**{cron.interval_type: cron.interval_number})
        now = fields.Datetime.now()
        return 2 * ((now + interval) - now)

    @api.model
    def _collect_mail_metrics(self):
        queue = GaugeMetricFamily(
            "odoo_mail_queue",
            "Outgoing mails per state, document type and mail template; 'retry' counts those "
            "waiting for another try after a temporary failure of the mail server.",
            labels=["state", "model", "template"],
        )
        stuck = GaugeMetricFamily(
            "odoo_mail_stuck",
            "Outgoing mails due for longer than twice the interval of the mail queue and "
            "still not sent.",
        )
        Mail = self.env["mail.mail"].sudo()
        groups = Mail._read_group(
            [("state", "in", ("outgoing", "exception"))],
            ["state", "model", "mail_template_id", "retry_count"],
            ["__count"],
        )
        labels = self._get_mail_template_labels([group[2] for group in groups])
        counts = defaultdict(int)
        for state, model, template, retry_count, count in groups:
            if state == "outgoing" and retry_count:
                state = "retry"
            counts[state, model or "", labels[template.id]] += count
        for (state, model, template), count in sorted(counts.items()):
            queue.add_metric([state, model, template], count)
        since = fields.Datetime.now() - self._get_stuck_mail_delay()
        stuck.add_metric(
            [],
            Mail.search_count(
                Domain("state", "=", "outgoing")
                & (
                    Domain("scheduled_date", "<", since)
                    | (Domain("scheduled_date", "=", False) & Domain("create_date", "<", since))
                )
            ),
        )
        return [queue, stuck]

    @api.model
    def _get_mail_template_labels(self, templates):
        """{template id: label} for the templates of ``templates`` (records), in one query;
        False (no template) maps to an empty label."""
        templates = self.env["mail.template"].sudo().union(*templates)
        xmlids = templates.get_external_id()
        labels = {False: ""}
        for template in templates:
            labels[template.id] = xmlids.get(template.id) or f"mail_template_{template.id}"
        return labels
