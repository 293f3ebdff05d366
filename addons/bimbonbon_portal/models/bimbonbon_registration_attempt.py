# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.fields import Domain

MAX_FAILED_ATTEMPTS = 10
WINDOW_MINUTES = 10


class BimbonbonRegistrationAttempt(models.Model):
    """A failed attempt to register a product code in the portal.

    Used to rate-limit guessing: at most ``MAX_FAILED_ATTEMPTS`` failures per user and per IP
    address within ``WINDOW_MINUTES``. Old attempts are removed by the autovacuum.
    """

    _name = "bimbonbon.registration.attempt"
    _description = "Failed product registration attempt"
    _order = "create_date desc, id desc"

    user_id = fields.Many2one(comodel_name="res.users", ondelete="cascade", readonly=True)
    ip = fields.Char(string="IP address", readonly=True)
    code = fields.Char(readonly=True)

    _user_date_idx = models.Index("(user_id, create_date)")
    _ip_date_idx = models.Index("(ip, create_date)")

    @api.model
    def _get_window_start(self):
        return fields.Datetime.now() - timedelta(minutes=WINDOW_MINUTES)

    @api.model
    def _is_blocked(self, user, ip):
        """True when ``user`` or ``ip`` reached the limit of failed attempts."""
        since = self._get_window_start()
        recent = Domain("create_date", ">=", since)
        attempts = self.sudo()
        if attempts.search_count(recent & Domain("user_id", "=", user.id)) >= (MAX_FAILED_ATTEMPTS):
            return True
        return bool(ip) and attempts.search_count(recent & Domain("ip", "=", ip)) >= (
            MAX_FAILED_ATTEMPTS
        )

    @api.model
    def _log_failure(self, user, ip, code):
        return self.sudo().create({"user_id": user.id, "ip": ip, "code": (code or "")[:64]})

    @api.autovacuum
    def _gc_old_attempts(self):
        limit = fields.Datetime.now() - timedelta(days=1)
        self.sudo().search([("create_date", "<", limit)]).unlink()
