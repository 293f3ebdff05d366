# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import (
    helpdesk_ticket,
    journey_kpi,
    journey_scenario,
    product_development_report,
    qr_scan,
)
