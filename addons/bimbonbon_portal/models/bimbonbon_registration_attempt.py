# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import ipaddress
from datetime import timedelta

from odoo import api, fields, models
from odoo.fields import Domain

MAX_FAILED_ATTEMPTS = 10
#: registrations without an account (each sends a mail) per e-mail address in the window
MAX_MAILS_PER_ADDRESS = 3
WINDOW_MINUTES = 10


def mailbox_key(email):
    """One key for the spellings of an address that reach the same mailbox, so the limit per
    address cannot be dodged: ``"Jan"@Voorbeeld.nl.``, ``jan+1@voorbeeld.nl`` and an
    international domain in Unicode or punycode count as one.

    :param email: a normalized address (``email_normalize``)
    """
    local, __, domain = email.rpartition("@")
    local = local.strip('"').split("+", 1)[0]
    domain = domain.rstrip(".")
    try:
        ascii_domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        ascii_domain = domain  # not a valid name: it reaches no mailbox, counted as typed
    return f"{local}@{ascii_domain}".lower()


def client_ip_key(address):
    """The visitor's address for the rate limits: an IPv6 address by its /64 network,
    as one household or phone holds a whole /64 and could change address at will."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6 and not ip.ipv4_mapped:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return address


class BimbonbonRegistrationAttempt(models.Model):
    """A failed attempt to register a product code in the portal, or a registration without
    an account (from a QR label, by a visitor who is not logged in).

    Used to rate-limit guessing and the mails a visitor can make us send: at most
    ``MAX_FAILED_ATTEMPTS`` per user and per IP address within ``WINDOW_MINUTES``, and
    ``MAX_MAILS_PER_ADDRESS`` per mailbox (see ``mailbox_key``). Old attempts are removed
    by the autovacuum.
    """

    _name = "bimbonbon.registration.attempt"
    _description = "Failed product registration attempt"
    _order = "create_date desc, id desc"

    user_id = fields.Many2one(comodel_name="res.users", ondelete="cascade", readonly=True)
    ip = fields.Char(string="IP address", readonly=True)
    code = fields.Char(readonly=True)
    email = fields.Char(readonly=True, help="The address a visitor without an account gave.")
    kind = fields.Selection(
        selection=[("registration", "Registration")],
        required=True,
        default="registration",
        readonly=True,
        help="What the attempt counts against: each kind has its own limits.",
    )

    _user_date_idx = models.Index("(user_id, create_date)")
    _ip_date_idx = models.Index("(ip, create_date)")
    _email_date_idx = models.Index("(email, create_date) WHERE email IS NOT NULL")

    @api.model
    def _get_window_start(self):
        return fields.Datetime.now() - timedelta(minutes=WINDOW_MINUTES)

    @api.model
    def _is_blocked(self, user, ip, email=None, kind="registration"):
        """True when ``user``, ``ip`` or ``email`` reached the limit of attempts of ``kind``
        (another kind, such as the chat's questions, does not count).

        The public user (a visitor) is no one in particular: only the IP address and the
        e-mail address count for them.
        """
        since = self._get_window_start()
        recent = Domain("create_date", ">=", since) & Domain("kind", "=", kind)
        attempts = self.sudo()
        if (
            user
            and not user._is_public()
            and attempts.search_count(recent & Domain("user_id", "=", user.id))
            >= MAX_FAILED_ATTEMPTS
        ):
            return True
        if email and (
            attempts.search_count(recent & Domain("email", "=", email)) >= MAX_MAILS_PER_ADDRESS
        ):
            return True
        return bool(ip) and attempts.search_count(recent & Domain("ip", "=", ip)) >= (
            MAX_FAILED_ATTEMPTS
        )

    @api.model
    def _log_failure(self, user, ip, code, email=None, kind="registration"):
        user = user if user and not user._is_public() else self.env["res.users"]
        return self.sudo().create(
            {
                "user_id": user.id,
                "ip": ip,
                "code": (code or "")[:64],
                "email": email or False,
                "kind": kind,
            }
        )

    @api.autovacuum
    def _gc_old_attempts(self):
        limit = fields.Datetime.now() - timedelta(days=1)
        self.sudo().search([("create_date", "<", limit)]).unlink()
