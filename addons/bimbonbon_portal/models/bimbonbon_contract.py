# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class BimbonbonContract(models.Model):
    _inherit = "bimbonbon.contract"

    def write(self, vals):
        if vals.get("state") != "sent":
            return super().write(vals)
        to_sign = self.filtered(lambda c: c.state != "sent")
        res = super().write(vals)
        to_sign._bimbonbon_push_to_sign()
        return res

    def _bimbonbon_push_to_sign(self):
        """The contract waits for the customer's signature (sent from the mail composer)."""
        self.env["res.partner"]._bimbonbon_push_many(
            [
                (contract.partner_id, contract._bimbonbon_push_render_to_sign)
                for contract in self.sudo()
            ]
        )

    def _bimbonbon_push_render_to_sign(self, partner):
        contract = self.with_env(partner.env)
        env = contract.env
        return (
            env._("Contract %(name)s to sign", name=contract.name),
            env._("Your contract is ready: read it and sign it in the app."),
            contract.access_url,
        )
