# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class BimbonbonRegistrationAttempt(models.Model):
    """The chat's questions and tickets of visitors are rate-limited as the portal's
    registrations are, with limits of their own: a busy chat does not block a QR
    registration from the same address, nor the other way round."""

    _inherit = "bimbonbon.registration.attempt"

    kind = fields.Selection(selection_add=[("chat", "Chat")], ondelete={"chat": "cascade"})
