# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields
from odoo.http import request, route

from odoo.addons.portal.controllers.portal import CustomerPortal


class BimbonbonCustomerPortal(CustomerPortal):
    def _prepare_my_account_rendering_values(self, *args, **kwargs):
        values = super()._prepare_my_account_rendering_values(*args, **kwargs)
        commercial_partner = request.env.user.partner_id.commercial_partner_id
        values.update(
            data_confirmed=bool(kwargs.get("data_confirmed")),
            data_confirmed_date=commercial_partner.data_confirmed_date,
        )
        return values

    def _bimbonbon_confirm_data(self):
        """The customer confirmed (or corrected) their data: only ever their own commercial
        partner, whatever the request says."""
        request.env.user.partner_id.commercial_partner_id.sudo().data_confirmed_date = (
            fields.Date.context_today(request.env.user)
        )

    @route("/my/account/confirm", type="http", auth="user", methods=["POST"], website=True)
    def account_confirm(self, **kwargs):
        self._bimbonbon_confirm_data()
        return request.redirect("/my/account?data_confirmed=1")

    def _create_or_update_address(self, partner_sudo, *args, **kwargs):
        partner_sudo, feedback = super()._create_or_update_address(partner_sudo, *args, **kwargs)
        if "redirectUrl" in feedback and partner_sudo == request.env.user.partner_id:
            # Saving their own details in /my/account is a correction: it confirms them too.
            self._bimbonbon_confirm_data()
        return partner_sudo, feedback
