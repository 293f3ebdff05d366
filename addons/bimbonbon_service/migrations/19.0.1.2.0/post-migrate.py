# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Since 19.0.1.2.0:
- the ticket keeps its first response (``first_response_date``): filled for the tickets
  answered before, from their history;
- the amount above which management approves a credit is the company's (an amount in its
  currency, like its repair teams), no longer a system parameter: the parameter's value
  goes to every company, then the parameter goes."""

from odoo import SUPERUSER_ID, api

PARAM = "bimbonbon_service.credit_approval_amount"


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["helpdesk.ticket"]._init_first_response_date()
    param = env["ir.config_parameter"].search([("key", "=", PARAM)])
    try:
        amount = float(param.value) if param.value else None
    except ValueError:
        amount = None
    if amount is not None:
        env["res.company"].search([]).resolution_credit_approval_amount = amount
    param.unlink()
