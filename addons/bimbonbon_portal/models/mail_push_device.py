# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

#: A customer rarely has more phones and browsers than this: the oldest go first, so that a
#: script posting subscriptions in a loop cannot grow the table.
MAX_APP_DEVICES_PER_PARTNER = 10


class MailPushDevice(models.Model):
    """The customer's app subscribes its phone here (Odoo's own web push devices, with Odoo's
    VAPID keys), marked ``bimbonbon_app``: such a device only gets our notifications
    (res.partner._bimbonbon_push), never Odoo's message notifications (see mail.thread)."""

    _inherit = "mail.push.device"

    bimbonbon_app = fields.Boolean(
        string="Customer's app",
        readonly=True,
        index=True,
        help="Subscribed in the customer's app (My details), with the customer's consent.",
    )

    @api.model
    def register_devices(self, **kw):
        """Odoo's backend subscribes its users' browsers through this RPC method, which
        checks nothing. A portal customer subscribes through /bimbonbon/push/subscribe only,
        which requires their consent."""
        if self.env.user.share:
            raise AccessError(
                self.env._("Turn on push notifications in My details to receive them.")
            )
        return super().register_devices(**kw)

    @api.model
    def _bimbonbon_register(self, partner, endpoint, keys, expiration_time=False):
        """Store the subscription of ``partner``'s browser (who must have consented; the
        caller checks the input). A known endpoint moves to ``partner`` (another customer
        logged in on the phone) only when it is an app device with the same keys, which only
        that browser knows; anything else (someone else's device, staff's browser) is
        refused with a UserError."""
        if not partner.bimbonbon_push_consent:
            raise AccessError(
                self.env._("Turn on push notifications in My details to receive them.")
            )
        Device = self.sudo()
        values = {
            "partner_id": partner.id,
            "endpoint": endpoint,
            "keys": json.dumps(keys),
            "expiration_time": expiration_time,
            "bimbonbon_app": True,
        }
        device = Device.search([("endpoint", "=", endpoint)], limit=1)
        if device and not device._bimbonbon_is_same_browser(keys):
            raise UserError(self.env._("This phone's subscription is not valid: please try again."))
        if device:
            device.write(values)
        else:
            device = Device.create(values)
        devices = Device.search(
            [("partner_id", "=", partner.id), ("bimbonbon_app", "=", True)],
            order="write_date desc, id desc",
        )
        devices[MAX_APP_DEVICES_PER_PARTNER:].unlink()
        return device

    def _bimbonbon_is_same_browser(self, keys):
        """Whether ``keys`` are this app device's: the endpoint alone may be known to others."""
        self.ensure_one()
        try:
            own_keys = json.loads(self.keys or "{}")
        except ValueError:
            return False
        return self.bimbonbon_app and own_keys == keys

    @api.model
    def _bimbonbon_unregister(self, partner, endpoint):
        """Forget ``partner``'s browser (only theirs: an endpoint of someone else is left)."""
        self.sudo().search(
            [
                ("partner_id", "=", partner.id),
                ("endpoint", "=", endpoint),
                ("bimbonbon_app", "=", True),
            ]
        ).unlink()
