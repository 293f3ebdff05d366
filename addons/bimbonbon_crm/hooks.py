# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).


def post_init_hook(env):
    """The bearer token of /bimbonbon/metrics (monitoring), random per database."""
    env["bimbonbon.metrics"]._init_token()
