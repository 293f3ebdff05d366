# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from prometheus_client.core import GaugeMetricFamily

from odoo import api, fields, models
from odoo.tools import SQL


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
        for model in ("helpdesk.ticket", "helpdesk.ticket.sla", "helpdesk.ticket.stage"):
            self.env[model].flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT coalesce(t.ticket_kind, ''), count(DISTINCT t.id)
                  FROM helpdesk_ticket t
                  JOIN helpdesk_ticket_sla s ON s.ticket_id = t.id
                  LEFT JOIN helpdesk_ticket_stage st ON st.id = t.stage_id
                 WHERE st.closed IS NOT TRUE
                   AND s.state = 'in_progress'
                   AND s.deadline < %s
                 GROUP BY 1
                 ORDER BY 1
                """,
                fields.Datetime.now(),
            )
        )
        for kind, count in self.env.cr.fetchall():
            late.add_metric([kind], count)
        return [late]
