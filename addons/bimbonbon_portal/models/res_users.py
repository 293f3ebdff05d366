# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import binascii
import json

from odoo import api, models
from odoo.exceptions import AccessDenied
from odoo.tools.misc import hash_sign, verify_hash_signed

#: credential type of the one-time sign-in link mailed after a registration without account
SIGNIN_CREDENTIAL = "bimbonbon_signin"
#: the scope of its signature: an auth_signup invitation or reset token is no sign-in link
SIGNIN_SCOPE = "bimbonbon_portal.signin"
#: six days, as Odoo's invitations (the mail page says so)
SIGNIN_VALIDITY_HOURS = 144


class ResUsers(models.Model):
    _inherit = "res.users"

    def write(self, vals):
        res = super().write(vals)
        if "active" in vals or "group_ids" in vals:
            self._bimbonbon_forget_push()
        return res

    def _bimbonbon_forget_push(self):
        """A customer whose portal access is revoked (portal.wizard archives the user or takes
        it out of the portal group) gets no push any more: their consent and phones go, as
        when they turn push off themselves (logging in again asks for a new consent)."""
        partners = (
            self.sudo()
            .filtered(lambda user: not user.active or not user._is_portal())
            .partner_id.filtered("bimbonbon_push_consent")
        )
        # another active portal user of the same person keeps it
        for partner in partners.filtered(
            lambda partner: not partner.user_ids.filtered(lambda user: user._is_portal())
        ):
            partner._bimbonbon_set_push_consent(False)

    def _get_signin_token(self):
        """A signed token that signs this portal user in once, within six days.

        It holds the user's last login date, so any sign-in (by this link or a password)
        ends it. Its own scope, and auth_signup's partner token is left alone: a pending
        password reset or invitation of the customer stays valid.
        """
        self.ensure_one()
        return hash_sign(
            self.sudo().env,
            SIGNIN_SCOPE,
            {"uid": self.id, "login_date": str(self.sudo().login_date or "")},
            expiration_hours=SIGNIN_VALIDITY_HOURS,
        )

    @api.model
    def _get_signin_user(self, token):
        """The active portal user a sign-in token is valid for (sudo), or an empty recordset:
        safe against any string a visitor sends."""
        Users = self.sudo()
        if not token or not isinstance(token, str) or len(token) > 512:
            return Users.browse()
        try:
            values = verify_hash_signed(Users.env, SIGNIN_SCOPE, token)
        except (ValueError, TypeError, UnicodeDecodeError, binascii.Error, json.JSONDecodeError):
            return Users.browse()
        if not isinstance(values, dict) or not isinstance(values.get("uid"), int):
            return Users.browse()
        user = Users.browse(values["uid"]).exists()
        if (
            not user
            or not user.active
            or user._is_internal()
            or str(user.login_date or "") != values.get("login_date")
        ):
            return Users.browse()
        return user

    def _check_credentials(self, credential, env):
        """Sign a portal customer in with the token of their registration mail: in a browser
        only (never an API credential), never for staff, only this user's own token."""
        if credential.get("type") != SIGNIN_CREDENTIAL:
            return super()._check_credentials(credential, env)
        if not env.get("interactive"):
            raise AccessDenied()
        user = self.env.user
        if user._is_internal() or self._get_signin_user(credential.get("token")) != user:
            raise AccessDenied()
        return {"uid": user.id, "auth_method": SIGNIN_CREDENTIAL, "mfa": "default"}
