# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "BimBonBon Stock Alerts",
    "summary": "Tell purchasing and sales about shortages in time",
    "version": "19.0.2.0.0",
    "category": "Inventory/Purchase",
    "website": "https://github.com/bimbonbon/bimbonbon",
    "author": "BimBonBon",
    "license": "LGPL-3",
    # monitoring: /bimbonbon/metrics in Prometheus's text format
    "external_dependencies": {"python": ["prometheus_client"]},
    "application": False,
    "installable": True,
    "depends": [
        "mail",
        "sale_stock",
        "purchase_stock",
        "bimbonbon_crm",
    ],
    "data": [
        "security/bimbonbon_stock_alerts_groups.xml",
        "security/ir.model.access.csv",
        "security/bimbonbon_stock_alert_security.xml",
        "data/mail_activity_type_data.xml",
        "data/mail_template_data.xml",
        "data/ir_cron_data.xml",
        "views/bimbonbon_stock_alert_views.xml",
        "views/product_template_views.xml",
        "views/sale_order_views.xml",
        "views/res_config_settings_views.xml",
        "wizard/sale_order_new_date_views.xml",
        "views/bimbonbon_stock_alerts_menus.xml",
    ],
    "demo": [
        "demo/bimbonbon_stock_alert_demo.xml",
    ],
}
