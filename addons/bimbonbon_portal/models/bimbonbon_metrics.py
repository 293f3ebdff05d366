# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from prometheus_client.core import GaugeMetricFamily

from odoo import api, fields, models


class BimbonbonMetrics(models.AbstractModel):
    _inherit = "bimbonbon.metrics"

    @api.model
    def _collect_metrics(self):
        return super()._collect_metrics() + self._collect_registration_metrics()

    @api.model
    def _collect_registration_metrics(self):
        """Refused registration codes in the last hour: guessing shows up here."""
        refused = GaugeMetricFamily(
            "bimbonbon_registration_refused_last_hour",
            "Product codes refused at registration in the last hour (unknown or guessed).",
        )
        since = fields.Datetime.subtract(fields.Datetime.now(), hours=1)
        refused.add_metric(
            [],
            self.env["bimbonbon.registration.attempt"]
            .sudo()
            .search_count(
                [
                    ("create_date", ">=", since),
                    ("kind", "=", "registration"),
                    ("code", "!=", False),
                ]
            ),
        )
        return [refused]
