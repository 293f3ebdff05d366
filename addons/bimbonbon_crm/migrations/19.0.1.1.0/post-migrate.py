# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The payment status of a customer is computed on read since 19.0.1.1.0: drop its nightly
recompute (a noupdate record, which an update does not remove by itself) and its columns."""

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    cron = env.ref("bimbonbon_crm.ir_cron_recompute_payment_status", raise_if_not_found=False)
    if cron:
        cron.unlink()
    for column in ("payment_status", "open_amount", "overdue_amount", "oldest_overdue_date"):
        cr.execute(SQL("ALTER TABLE res_partner DROP COLUMN IF EXISTS %s", SQL.identifier(column)))
