# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from prometheus_client.core import GaugeMetricFamily

from odoo import api, fields, models
from odoo.fields import Domain


class BimbonbonMetrics(models.AbstractModel):
    _inherit = "bimbonbon.metrics"

    @api.model
    def _collect_metrics(self):
        return super()._collect_metrics() + self._collect_ticket_metrics()

    @api.model
    def _collect_ticket_metrics(self):
        """Open tickets past a running service-level deadline, per kind (a deadline missed
        and then met late is history, in the service-level report)."""
        late = GaugeMetricFamily(
            "bimbonbon_tickets_past_deadline",
            "Open tickets with a service-level deadline passed, per kind.",
            labels=["kind"],
        )
        groups = (
            self.env["helpdesk.ticket"]
            .sudo()
            ._read_group(
                (Domain("stage_id", "=", False) | Domain("stage_id.closed", "=", False))
                & Domain(
                    "ticket_sla_ids",
                    "any",
                    [("state", "=", "in_progress"), ("deadline", "<", fields.Datetime.now())],
                ),
                ["ticket_kind"],
                ["__count"],
            )
        )
        for kind, count in sorted(groups, key=lambda group: group[0] or ""):
            late.add_metric([kind or ""], count)
        return [late]
