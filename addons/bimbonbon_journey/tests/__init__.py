# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import (
    test_journey_access,
    test_journey_kpi,
    test_journey_queries,
    test_journey_scenario,
    test_journey_tour,
    test_product_development,
    test_qr_scan,
)
