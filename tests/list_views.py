# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A staff list view read the way the web client reads it: shared by tests/test_list_views.py
(constant queries with 1 and 30 records) and scripts/list_views.py (`make populate`: queries
and time at demo size and at 100,000s of records)."""

import time

from lxml import etree

# The staff list views measured by `make populate`: (label, model, view, demo login of the
# department that uses it). Each is read with its action's domain left out: every record.
STAFF_LIST_VIEWS = (
    ("registrations", "bimbonbon.product.registration",
     "bimbonbon_service.product_registration_view_list", "klantenservice"),
    ("tickets", "helpdesk.ticket", "bimbonbon_service.ticket_view_tree", "klantenservice"),
    ("contracts", "bimbonbon.contract", "bimbonbon_crm.bimbonbon_contract_view_list", "verkoop"),
    ("sale orders", "sale.order", "sale.view_order_tree", "verkoop"),
    ("order lines", "sale.order.line", "sale.view_order_line_tree", "verkoop"),
    ("stock alerts", "bimbonbon.stock.alert",
     "bimbonbon_stock_alerts.bimbonbon_stock_alert_view_list", "inkoop"),
)  # fmt: skip

# The web client counts a list's records up to this many (then shows "10000+").
COUNT_LIMIT = 10001


def list_specification(env, model, view_xmlid):
    """The fields the web client asks for to show this list view (top-level columns)."""
    view = env.ref(view_xmlid)
    arch = etree.fromstring(env[model].get_views([(view.id, "list")])["views"]["list"]["arch"])
    model_fields = env[model]._fields
    spec = {}
    for node in arch.iterchildren("field"):
        name = node.get("name")
        if model_fields[name].type in ("many2one", "many2many", "one2many"):
            spec[name] = {"fields": {"display_name": {}}}
        else:
            spec[name] = {}
    return spec


def read_list_view(env, model, view_xmlid, user, domain=(), limit=80):
    """Read the first page of the list view as `user`, caches warmed by a first read.
    Returns (queries, seconds, number of records the list counts)."""
    records = env[model].with_user(user)
    spec = list_specification(env, model, view_xmlid)
    kwargs = {"limit": limit, "count_limit": COUNT_LIMIT}
    records.web_search_read(list(domain), spec, **kwargs)  # warm the caches
    env.invalidate_all()
    start_queries = env.cr.sql_log_count
    start = time.perf_counter()
    result = records.web_search_read(list(domain), spec, **kwargs)
    seconds = time.perf_counter() - start
    return env.cr.sql_log_count - start_queries, seconds, result["length"]
