# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The bearer token of /bimbonbon/metrics was made by a <function> in a noupdate data file,
which Odoo runs at install only: a database that got the endpoint by an update has none."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    api.Environment(cr, SUPERUSER_ID, {})["bimbonbon.metrics"]._init_token()
