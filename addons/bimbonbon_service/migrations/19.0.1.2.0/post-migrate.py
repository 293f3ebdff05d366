# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Since 19.0.1.2.0 the ticket keeps its first response (``first_response_date``): filled
for the tickets answered before, from their history."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    api.Environment(cr, SUPERUSER_ID, {})["helpdesk.ticket"]._init_first_response_date()
