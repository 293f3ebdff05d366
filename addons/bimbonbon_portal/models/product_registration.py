# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from urllib.parse import urlencode

from odoo import api, models
from odoo.exceptions import UserError
from odoo.tools import escape_psql

from odoo.addons.auth_signup.models.res_partner import SignupError

_logger = logging.getLogger(__name__)


class RegistrationMailError(UserError):
    """The sign-in mail could not be rendered or queued: nothing may be kept."""


class ProductRegistration(models.Model):
    _inherit = "bimbonbon.product.registration"

    # ------------------------------------------------------------------
    # Registration in ten seconds: a visitor without an account (QR label)
    # ------------------------------------------------------------------

    @api.model
    def _find_visitor_account(self, email):
        """The user or partner that owns ``email`` (normalized), without creating anything.

        A user is found by their login only, never by the address on their contact: a portal
        customer can change that address to someone else's, and would then receive that
        person's registrations and sign-in links.

        :return: (user, partner): an active user with that login and their partner; else no
            user and an individual partner (no company contact, whose account would see the
            company's documents) without a user; else both empty.
        """
        Users = self.env["res.users"].sudo()
        user = Users.search([("login", "=ilike", escape_psql(email))], order="share, id", limit=1)
        if user:
            return user, user.partner_id
        partner = (
            self.env["res.partner"]
            .sudo()
            .search(
                [
                    ("email_normalized", "=", email),
                    ("parent_id", "=", False),
                    ("user_ids", "=", False),
                    ("company_id", "in", [False, self.env.company.id]),
                ],
                order="customer_rank desc, id",
                limit=1,
            )
        )
        return Users, partner

    @api.model
    def _check_visitor_registration(self, lot, name, email):
        """Before anything is created: what a visitor's registration of ``lot`` would meet.

        :return: the registration to send the link of again (the same owner scanning
            again), or an empty recordset when a new registration may be made
        :raise UserError: a serial number registered to someone else (after creating the
            review task for customer service, which the caller keeps)
        """
        __, partner = self._find_visitor_account(email)
        existing = self.sudo().search([("lot_id", "=", lot.id), ("state", "=", "registered")])
        if partner:
            mine = existing.filtered(
                lambda reg: reg.commercial_partner_id == partner.commercial_partner_id
            )
            if mine:
                return mine[:1]
        if lot.product_id.tracking == "serial" and existing:
            self.sudo()._refuse_serial(partner, lot, existing[:1], claimant=f"{name} ({email})")
        return self.sudo().browse()

    @api.model
    def _register_visitor(self, lot, name, email, values=None, lang=None):
        """Register ``lot`` for a visitor and mail them a sign-in link: all or nothing.

        The owner of ``email`` is found or created: a new individual customer with a portal
        user without a password (Odoo's invitation: `_signup_create_user` with the partner,
        so it works whatever `auth_signup.invitation_scope` says). The registration is stored
        at once; the mail carries a signed one-time token (res.users `_get_signin_token`), which
        signs the customer in once (see res.users `_check_credentials`) and opens the product.
        Run it in a savepoint: if the mail cannot be rendered or queued, it raises
        RegistrationMailError and nothing of it may be kept.

        :return: the registration (sudo)
        """
        registration = self._check_visitor_registration(lot, name, email)
        user, partner = self._find_visitor_account(email)
        if user and values:
            # whoever typed the address of an existing account is not its owner: consent is
            # given by the customer, signed in (their product page), never for them
            values = dict(values, marketing_consent=False)
        if not partner:
            partner = (
                self.env["res.partner"]
                .sudo()
                .create(
                    {
                        "name": name,
                        "email": email,
                        "lang": lang or self.env.lang,
                        "company_id": False,
                    }
                )
            )
        if not user:
            try:
                user = (
                    self.env["res.users"]
                    .sudo()
                    .with_context(no_reset_password=True)
                    ._signup_create_user(
                        {
                            "login": email,
                            "partner_id": partner.id,
                            "company_id": self.env.company.id,
                            "company_ids": [(6, 0, self.env.company.ids)],
                        }
                    )
                )
            except SignupError as error:
                # e.g. an archived account with this address
                _logger.info("No account made for a visitor's registration: %s", error)
                raise UserError(
                    self.env._(
                        "We cannot make an account for this e-mail address. Please contact "
                        "our customer service."
                    )
                ) from error
        if not registration:
            registration = self._register_lot(partner, lot, channel="qr", values=values)
        registration._send_visitor_signin_mail(user)
        return registration

    def _get_visitor_signin_url(self, user):
        """The link of the sign-in mail: a one-time sign-in for a portal user, the login
        page for anyone else (staff never sign in by mail)."""
        self.ensure_one()
        target = f"/my/products/{self.id}"
        base_url = self.get_base_url()
        if user._is_internal():
            return f"{base_url}/web/login?{urlencode({'redirect': target})}"
        token = user._get_signin_token()
        return f"{base_url}/r/signin?{urlencode({'token': token, 'redirect': target})}"

    def _send_visitor_signin_mail(self, user):
        """Queue the sign-in mail to ``user``'s address (rendered now, so a broken template
        or mail queue fails here, inside the caller's transaction)."""
        self.ensure_one()
        template = self.env.ref("bimbonbon_portal.mail_template_registration_signin")
        try:
            template.sudo().with_context(signin_url=self._get_visitor_signin_url(user)).send_mail(
                self.id,
                raise_exception=True,
                email_values={"email_to": user.email_formatted, "recipient_ids": []},
                email_layout_xmlid="mail.mail_notification_light",
            )
            self.env["mail.mail"].flush_model()
        except Exception as error:
            _logger.exception("Sign-in mail for registration %s not queued", self.id)
            raise RegistrationMailError(
                self.env._(
                    "We could not send you the e-mail, so nothing was saved. Please try "
                    "again in a few minutes."
                )
            ) from error
