# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "BimBonBon Customer Journey",
    "summary": "The customer journey on one screen: a figure per phase, and a what-if for "
    "customer service",
    "version": "19.0.1.0.0",
    "category": "Productivity/Dashboard",
    "website": "https://github.com/bimbonbon/bimbonbon",
    "author": "BimBonBon",
    "license": "LGPL-3",
    "application": False,
    "installable": True,
    "depends": [
        "bimbonbon_portal",
    ],
    "data": [
        "security/ir.model.access.csv",
        "security/bimbonbon_journey_security.xml",
        "data/bimbonbon_journey_kpi_data.xml",
        "data/ir_cron_data.xml",
        "views/bimbonbon_journey_kpi_views.xml",
        "views/bimbonbon_journey_scenario_views.xml",
        "views/bimbonbon_qr_scan_views.xml",
        "views/product_development_report_templates.xml",
        "views/product_development_report_views.xml",
        "views/bimbonbon_journey_menus.xml",
    ],
    "demo": [
        "demo/bimbonbon_journey_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "bimbonbon_journey/static/src/scss/journey.scss",
        ],
        "web.assets_tests": [
            "bimbonbon_journey/static/tests/tours/*.js",
        ],
    },
}
