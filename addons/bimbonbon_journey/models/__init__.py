# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import (
    journey_kpi,
    journey_kpi_awareness,
    journey_kpi_purchase,
    journey_kpi_service,
    journey_kpi_loyalty,
    journey_scenario,
    product_development_report,
    qr_scan,
)
