# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "BimBonBon Portal",
    "summary": "The customers' app in Odoo's portal",
    "version": "19.0.1.0.0",
    "category": "Website",
    "website": "https://github.com/bimbonbon/bimbonbon",
    "author": "BimBonBon",
    "license": "LGPL-3",
    # monitoring: /bimbonbon/metrics in Prometheus's text format
    "external_dependencies": {"python": ["prometheus_client"]},
    "application": False,
    "installable": True,
    "depends": [
        "portal",
        "website",
        "sale",
        "loyalty",
        "sale_loyalty",
        "bimbonbon_service",
    ],
    "data": [
        # portal: registration / products / tickets
        "security/ir.model.access.csv",
        "data/helpdesk_ticket_stage_data.xml",
        "data/mail_template_data.xml",
        "views/product_registration_templates.xml",
        "views/portal_conversation_templates.xml",
        "views/helpdesk_ticket_templates.xml",
        "views/contract_templates.xml",
        "views/ticket_resolution_templates.xml",
        "views/helpdesk_ticket_form_templates.xml",
        # portal2: home, orders, offers, feedback, account, web app
        "views/portal_templates.xml",
        "views/sale_portal_templates.xml",
        "views/offer_templates.xml",
        "views/feedback_templates.xml",
        "views/account_templates.xml",
        "views/portal_title_templates.xml",
        "views/login_templates.xml",
        "views/website_templates.xml",
        "views/product_notice_templates.xml",
        "views/res_partner_views.xml",
        "views/app_layout_templates.xml",
    ],
    "demo": [
        "demo/website_demo.xml",
        "demo/loyalty_demo.xml",
    ],
    "assets": {
        "web._assets_primary_variables": [
            (
                "after",
                "website/static/src/scss/primary_variables.scss",
                "bimbonbon_portal/static/src/scss/primary_variables.scss",
            ),
        ],
        "web.assets_frontend": [
            "bimbonbon_portal/static/src/scss/product_registration.scss",
            "bimbonbon_portal/static/src/scss/portal.scss",
        ],
        # The lean customer app (views/app_layout_templates.xml): Bootstrap compiled with the
        # website's and our colours, Odoo's portal styles and ours; no JavaScript, no icon font.
        "bimbonbon_portal.assets_app": [
            ("include", "web._assets_helpers"),
            ("include", "web._assets_frontend_helpers"),
            "web/static/src/scss/pre_variables.scss",
            "web/static/lib/bootstrap/scss/_variables.scss",
            "web/static/lib/bootstrap/scss/_variables-dark.scss",
            "web/static/lib/bootstrap/scss/_maps.scss",
            # web._assets_bootstrap_frontend, with only the Bootstrap components used here
            "bimbonbon_portal/static/src/scss/app_bootstrap.scss",
            "web/static/src/scss/utilities_custom.scss",
            "html_builder/static/src/scss/utilities_custom.scss",
            "web/static/lib/bootstrap/scss/utilities/_api.scss",
            "web/static/src/scss/bootstrap_review.scss",
            "web/static/src/scss/bootstrap_review_frontend.scss",
            "portal/static/src/scss/portal.scss",
            # the contacts' pictures on the ticket page (portal.portal_my_contact)
            "web/static/src/core/avatar/avatar.variables.scss",
            "web/static/src/core/avatar/avatar.scss",
            "bimbonbon_portal/static/src/scss/app_layout.scss",
            "bimbonbon_portal/static/src/scss/product_registration.scss",
            "bimbonbon_portal/static/src/scss/portal.scss",
        ],
        "web.assets_tests": [
            "bimbonbon_portal/static/tests/**/*",
        ],
    },
}
