# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The paged lists of the customer's portal pages (contracts, products, feedback)."""

from odoo.addons.portal.controllers.portal import pager as portal_pager


def search_paged(records, domain, url, page, step, order=None):
    """Return (records, pager): the page ``page`` of the records matching ``domain``, searched
    with the user's own rights (record rules apply), and Odoo's portal pager for it.

    A user without read access on the model (a customer of another app) gets an empty list,
    the same on every page, never an error.
    """
    can_read = records.has_access("read")
    pager = portal_pager(
        url=url, total=records.search_count(domain) if can_read else 0, page=page, step=step
    )
    if not can_read:
        return records.browse(), pager
    return records.search(domain, order=order, limit=step, offset=pager["offset"]), pager
