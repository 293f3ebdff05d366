# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _web_push_get_partners_parameters(self, partner_ids):
        """Odoo pushes every message to its recipients' devices, portal customers included
        (a reply on their ticket), with the message's text and a link into the backend. The
        customer's app devices get our notifications only: the ones they consented to, each
        opening its own page of the portal (res.partner._bimbonbon_push)."""
        devices, private_key, public_key = super()._web_push_get_partners_parameters(partner_ids)
        return devices.filtered(lambda device: not device.bimbonbon_app), private_key, public_key
