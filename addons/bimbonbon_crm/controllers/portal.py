# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
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
        request.env.user.partner_id.sudo()._confirm_data()

    @route("/my/account/confirm", type="http", auth="user", methods=["POST"], website=True)
    def account_confirm(self, **kwargs):
        self._bimbonbon_confirm_data()
        return request.redirect("/my/account?data_confirmed=1")

    @route("/my/data/confirm", type="http", auth="public", methods=["GET", "POST"], website=True)
    def data_confirm_link(self, token=None, **kwargs):
        """The link of the data reminder: no login needed, so it works for customers without
        a portal account. The signed token alone names the customer (never a request
        parameter) and expires; the confirmation itself is a POST with the CSRF token."""
        partner_sudo = request.env["res.partner"].sudo()._get_partner_from_data_confirm_token(token)
        if not partner_sudo:
            return request.render("bimbonbon_crm.portal_data_confirm_invalid", status=403)
        customer_sudo = partner_sudo.commercial_partner_id
        confirmed = False
        if request.httprequest.method == "POST":
            customer_sudo._confirm_data()
            confirmed = True
        return request.render(
            "bimbonbon_crm.portal_data_confirm",
            {"customer": customer_sudo, "token": token, "data_confirmed": confirmed},
        )

    def _create_or_update_address(self, partner_sudo, *args, **kwargs):
        partner_sudo, feedback = super()._create_or_update_address(partner_sudo, *args, **kwargs)
        if "redirectUrl" in feedback and partner_sudo == request.env.user.partner_id:
            # Saving their own details in /my/account is a correction: it confirms them too.
            self._bimbonbon_confirm_data()
        return partner_sudo, feedback
