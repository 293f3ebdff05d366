# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import binascii
import json
from urllib.parse import urlsplit

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

#: Longest push endpoint accepted: the push services' URLs are a few hundred characters.
ENDPOINT_MAX = 1024
#: The push services of the browsers, the only hosts the server posts notifications to: an
#: endpoint is a URL the customer gives, which Odoo's cron would otherwise call, whatever it
#: is (a server inside the network included).
PUSH_SERVICE_HOSTS = (
    "fcm.googleapis.com",  # Chrome, Edge on Android, Samsung Internet, Opera
    "updates.push.services.mozilla.com",  # Firefox
    ".push.apple.com",  # Safari (macOS, iOS home screen apps)
    ".notify.windows.com",  # Edge on Windows
)


def _b64url_decode(value):
    value = value or ""
    if not isinstance(value, str) or len(value) > 256:
        raise ValueError(value)
    try:
        return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except (binascii.Error, ValueError) as error:
        raise ValueError(value) from error


class BimbonbonWebPush(http.Controller):
    """The customer's app subscribes a phone to push notifications, with their consent.

    Plain HTTP POSTs with the page's CSRF token (no Odoo JS on the customer's pages); the
    answers are JSON, a refusal a 4xx with a Dutch message."""

    def _json(self, status=200, **values):
        return request.make_response(
            json.dumps(values),
            headers=[("Content-Type", "application/json"), ("Cache-Control", "no-store")],
            status=status,
        )

    def _error(self, status, message):
        return self._json(status=status, error=message)

    def _get_push_partner(self):
        """The logged-in portal customer, or None."""
        user = request.env.user
        if user._is_public() or not user._is_portal():
            return None
        return user.partner_id

    def _is_push_service(self, endpoint):
        url = urlsplit(endpoint)
        host = (url.hostname or "").lower()
        return (
            url.scheme == "https"
            and not url.username
            and not url.password
            and url.port in (None, 443)
            and any(
                host == known or (known.startswith(".") and host.endswith(known))
                for known in PUSH_SERVICE_HOSTS
            )
        )

    def _check_subscription(self, endpoint, p256dh, auth):
        """The subscription's values, checked; returns (endpoint, keys) or raises ValueError
        with a message for the customer."""
        env = request.env
        invalid = ValueError(env._("This phone's subscription is not valid: please try again."))
        if not isinstance(endpoint, str) or not endpoint or len(endpoint) > ENDPOINT_MAX:
            raise invalid
        if "\x00" in endpoint or not self._is_push_service(endpoint):
            raise invalid
        try:
            public_key = _b64url_decode(p256dh)
            secret = _b64url_decode(auth)
        except ValueError:
            raise invalid from None
        # an uncompressed P-256 point and a 16-byte secret (RFC 8291)
        if len(public_key) != 65 or public_key[0] != 4 or len(secret) != 16:
            raise invalid
        return endpoint, {"p256dh": p256dh, "auth": auth}

    @http.route(
        "/my/account/push",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        sitemap=False,
    )
    def portal_push_consent(self, consent=None, **kw):
        """Give (consent=1) or withdraw (consent=0) the consent to push notifications. A form
        post without script comes back to Mijn gegevens; the app's script gets JSON."""
        partner = self._get_push_partner()
        wants_json = "application/json" in (request.httprequest.headers.get("Accept") or "")
        if partner is None:
            return self._error(403, request.env._("Push notifications are for customers."))
        partner._bimbonbon_set_push_consent(consent == "1")
        if wants_json:
            return self._json(
                consent=partner.sudo().bimbonbon_push_consent,
                vapid_public_key=request.env["mail.push.device"]
                .sudo()
                .get_web_push_vapid_public_key(),
            )
        return request.redirect("/my/account#bimbonbon_push")

    @http.route(
        "/bimbonbon/push/subscribe",
        type="http",
        auth="public",
        website=True,
        methods=["POST"],
        sitemap=False,
    )
    def push_subscribe(self, endpoint=None, p256dh=None, auth=None, **kw):
        partner = self._get_push_partner()
        env = request.env
        if partner is None:
            return self._error(403, env._("Log in to receive push notifications."))
        if not partner.sudo().bimbonbon_push_consent:
            return self._error(
                403, env._("Turn on push notifications in My details to receive them.")
            )
        try:
            endpoint, keys = self._check_subscription(endpoint, p256dh, auth)
        except ValueError as error:
            return self._error(400, str(error.args[0]))
        try:
            env["mail.push.device"]._bimbonbon_register(partner, endpoint, keys)
        except UserError as error:
            return self._error(400, error.args[0])
        # logging out forgets this phone (BimbonbonSession.logout)
        request.session["bimbonbon_push_endpoint"] = endpoint
        return self._json(subscribed=True)

    @http.route(
        "/bimbonbon/push/unsubscribe",
        type="http",
        auth="public",
        website=True,
        methods=["POST"],
        sitemap=False,
    )
    def push_unsubscribe(self, endpoint=None, **kw):
        partner = self._get_push_partner()
        if partner is None:
            return self._error(403, request.env._("Log in to receive push notifications."))
        if not isinstance(endpoint, str) or not endpoint or len(endpoint) > ENDPOINT_MAX:
            return self._error(400, request.env._("Unknown phone."))
        request.env["mail.push.device"]._bimbonbon_unregister(partner, endpoint.replace("\x00", ""))
        return self._json(subscribed=False)
