# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What an operator's monitoring (Prometheus) scrapes from /bimbonbon/metrics."""

import secrets

from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily

from odoo import api, fields, models
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
            "Consecutive failures of a scheduled action (0 after a success).",
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
        self.env["ir.cron"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT coalesce(d.module || '.' || d.name, 'ir_cron_' || c.id),
                       c.failure_count, extract(epoch FROM c.lastcall),
                       c.nextcall < %s - (c.interval_number || ' ' || c.interval_type)::interval
                  FROM ir_cron c
                  LEFT JOIN ir_model_data d ON d.model = 'ir.cron' AND d.res_id = c.id
                 WHERE c.active
                 ORDER BY c.id
                """,
                fields.Datetime.now(),
            )
        )
        for name, failure_count, lastcall, is_late in self.env.cr.fetchall():
            failures.add_metric([name], failure_count or 0)
            if lastcall:
                last_success.add_metric([name], float(lastcall))
            late.add_metric([name], 1 if is_late else 0)
        return [failures, last_success, late]

    @api.model
    def _collect_mail_metrics(self):
        queue = GaugeMetricFamily(
            "odoo_mail_queue",
            "Outgoing mails per state and document type; 'retry' counts those waiting for "
            "another try after a temporary failure of the mail server.",
            labels=["state", "model"],
        )
        stuck = GaugeMetricFamily(
            "odoo_mail_stuck",
            "Outgoing mails due for over an hour and still not sent.",
        )
        hour_ago = fields.Datetime.subtract(fields.Datetime.now(), hours=1)
        self.env["mail.mail"].flush_model()
        self.env["mail.message"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT CASE WHEN mail.state = 'outgoing' AND mail.retry_count > 0 THEN 'retry'
                            ELSE mail.state END,
                       coalesce(message.model, ''), count(*),
                       count(*) FILTER (
                           WHERE mail.state = 'outgoing'
                             AND coalesce(mail.scheduled_date, mail.create_date) < %s)
                  FROM mail_mail mail
                  JOIN mail_message message ON message.id = mail.mail_message_id
                 WHERE mail.state IN ('outgoing', 'exception')
                 GROUP BY 1, 2
                 ORDER BY 1, 2
                """,
                hour_ago,
            )
        )
        total_stuck = 0
        for state, model, count, stuck_count in self.env.cr.fetchall():
            queue.add_metric([state, model], count)
            total_stuck += stuck_count
        stuck.add_metric([], total_stuck)
        return [queue, stuck]
