# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The confirmation mail of a chat ticket no longer greets the visitor by the name they typed
(it goes to any address) and says that its button opens a page with the button that
confirms. The template is noupdate data, which an update skips: reloaded once from its file
here, then noupdate again (customer service may edit it)."""

from odoo import SUPERUSER_ID, api
from odoo.tools.convert import convert_file


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    convert_file(
        env, "bimbonbon_livechat", "data/mail_template_data.xml", {}, mode="init", noupdate=False
    )
    cr.execute(
        """
        UPDATE ir_model_data
           SET noupdate = true
         WHERE module = 'bimbonbon_livechat' AND name = 'mail_template_chat_confirm_email'
        """
    )
