# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""See post-migrate: the confirmation mail template may be reloaded from its file."""


def migrate(cr, version):
    cr.execute(
        """
        UPDATE ir_model_data
           SET noupdate = false
         WHERE module = 'bimbonbon_livechat' AND name = 'mail_template_chat_confirm_email'
        """
    )
