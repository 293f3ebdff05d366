# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "BimBonBon Live Chat Assistant",
    "summary": "A chat assistant that answers from our knowledge and hands over to a ticket "
    "or a person",
    "version": "19.0.1.2.0",
    "category": "Website/Live Chat",
    "website": "https://github.com/bimbonbon/bimbonbon",
    "author": "BimBonBon",
    "license": "LGPL-3",
    "application": False,
    "installable": True,
    "depends": [
        "im_livechat",
        "website_livechat",
        "bimbonbon_portal",
    ],
    "data": [
        "data/helpdesk_ticket_channel_data.xml",
        "data/chatbot_script_data.xml",
        "data/mail_template_data.xml",
        "views/chatbot_script_step_views.xml",
        "views/knowledge_suggestion_views.xml",
        "views/knowledge_article_templates.xml",
        "views/chat_confirm_templates.xml",
        "views/app_layout_templates.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "bimbonbon_livechat/static/tests/tours/*.js",
        ],
    },
}
