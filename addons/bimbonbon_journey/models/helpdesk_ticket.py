# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.tools import SQL


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    first_response_date = fields.Datetime(
        string="First response",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="When the customer first got an answer from us (a reply they can see).",
    )

    def _message_post_after_hook(self, message, msg_vals):
        # the same "answer from us" as the service levels' first response (bimbonbon_service)
        if (
            message.message_type == "comment"
            and not message.is_internal
            and message.subtype_id == self.env.ref("mail.mt_comment")
            and message.author_id
            and not message.author_id.partner_share
            and message.author_id not in self.partner_id
        ):
            self.filtered(lambda t: not t.first_response_date).sudo().write(
                {"first_response_date": message.date or fields.Datetime.now()}
            )
        return super()._message_post_after_hook(message, msg_vals)

    def _init_first_response_date(self):
        """Fill the first response of existing tickets from their history (install)."""
        self.env.cr.execute(
            SQL(
                """
                UPDATE helpdesk_ticket t SET first_response_date = m.first
                  FROM (
                    SELECT msg.res_id, MIN(msg.date) AS first
                      FROM mail_message msg
                      JOIN helpdesk_ticket tk ON tk.id = msg.res_id
                      JOIN res_partner author ON author.id = msg.author_id
                     WHERE msg.model = 'helpdesk.ticket'
                       AND msg.message_type = 'comment'
                       AND NOT COALESCE(msg.is_internal, FALSE)
                       AND msg.subtype_id = %(comment)s
                       AND NOT COALESCE(author.partner_share, FALSE)
                       AND msg.author_id != COALESCE(tk.partner_id, 0)
                     GROUP BY msg.res_id
                  ) m
                 WHERE m.res_id = t.id AND t.first_response_date IS NULL
                """,
                comment=self.env.ref("mail.mt_comment").id,
            )
        )
