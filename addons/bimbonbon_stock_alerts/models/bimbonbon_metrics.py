# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from prometheus_client.core import GaugeMetricFamily

from odoo import api, models


class BimbonbonMetrics(models.AbstractModel):
    _inherit = "bimbonbon.metrics"

    @api.model
    def _collect_metrics(self):
        return super()._collect_metrics() + self._collect_stock_alert_metrics()

    @api.model
    def _collect_stock_alert_metrics(self):
        alerts = GaugeMetricFamily(
            "bimbonbon_stock_alerts_open", "Open stock alerts per level.", labels=["level"]
        )
        groups = (
            self.env["bimbonbon.stock.alert"]
            .sudo()
            ._read_group([("state", "=", "open")], ["level"], ["__count"])
        )
        for level, count in groups:
            alerts.add_metric([level], count)
        return [alerts]
