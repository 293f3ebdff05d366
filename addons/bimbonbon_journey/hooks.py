# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).


def post_init_hook(env):
    """The first response of the tickets that were answered before this addon came."""
    env["helpdesk.ticket"]._init_first_response_date()
