# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

from odoo.addons.bimbonbon_service.models.product_notice import SAFETY_KINDS


class ProductNoticeRecipient(models.Model):
    _inherit = "bimbonbon.product.notice.recipient"

    def _send_mail(self, template):
        """The notice reaches the owner (bimbonbon_service's cron, in batches): by mail, and on
        the phones of the owner's people who turned on push notifications."""
        res = super()._send_mail(template)
        self._bimbonbon_push_notice()
        return res

    def _bimbonbon_push_notice(self):
        self.env["res.partner"]._bimbonbon_push_many(
            [
                (recipient.partner_id, recipient._bimbonbon_push_render_notice)
                for recipient in self.sudo()
            ]
        )

    def _bimbonbon_push_render_notice(self, partner):
        recipient = self.with_env(partner.env)
        notice = recipient.notice_id
        env = recipient.env
        if notice.kind in SAFETY_KINDS:
            title = env._("Important: %(name)s", name=notice.name)
        else:
            title = notice.name
        product = notice.product_tmpl_id.name or ""
        return (
            title,
            env._("News about your %(product)s: read it in the app.", product=product),
            f"/my/notices/{recipient.id}",
        )
