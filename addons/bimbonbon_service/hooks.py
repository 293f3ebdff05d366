# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).


def post_init_hook(env):
    """The first response of tickets answered before this addon came (helpdesk_mgmt's)."""
    env["helpdesk.ticket"]._init_first_response_date()
