# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.exceptions import AccessDenied

#: credential type of the one-time sign-in link mailed after a registration without account
SIGNIN_CREDENTIAL = "bimbonbon_signin"


class ResUsers(models.Model):
    _inherit = "res.users"

    def _check_credentials(self, credential, env):
        """Sign a portal customer in with the signup token of their registration mail.

        Odoo's signup token (auth_signup) is signed, expires (``auth_signup.signup.validity.
        hours``) and holds the last login date, so it works once: signing in changes that
        date. Only a token of type "signup" of this user's own partner, and never for staff.
        """
        if credential.get("type") != SIGNIN_CREDENTIAL:
            return super()._check_credentials(credential, env)
        user = self.env.user
        if user._is_internal():
            raise AccessDenied()
        partner = self.env["res.partner"]._get_signin_partner(credential.get("token"))
        if not partner or partner != user.partner_id:
            raise AccessDenied()
        partner.signup_cancel()
        return {"uid": user.id, "auth_method": SIGNIN_CREDENTIAL, "mfa": "default"}
