# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The staff list views at the database's size, run in `odoo shell` by `make populate`
(before and after it grows the demo): for each view (tests/list_views.py) the first page of 80
records read as the demo login of its department, with the query count and the time. With
LIST_VIEWS_OUT=file the figures are written as JSON too, for the comparison."""
# ruff: noqa: F821 (`env` is given by `odoo shell`)

import importlib.util
import json
import os

_spec = importlib.util.spec_from_file_location("bimbonbon_list_views", "tests/list_views.py")
list_views = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(list_views)

figures = {}
print(f"{'list view':<14} {'login':<15} {'records':>8} {'queries':>8} {'time':>9}")
for label, model, view_xmlid, login in list_views.STAFF_LIST_VIEWS:
    user = env["res.users"].search([("login", "=", login)])
    if not user:
        print(f"{label:<14} {login:<15} (no such demo login: skipped)")
        continue
    queries, seconds, length = list_views.read_list_view(env, model, view_xmlid, user)
    shown = f"{length}+" if length >= list_views.COUNT_LIMIT else str(length)
    print(f"{label:<14} {login:<15} {shown:>8} {queries:>8} {seconds * 1000:>7.0f}ms")
    figures[label] = {"queries": queries, "ms": round(seconds * 1000), "records": length}
env.cr.rollback()  # reading only; nothing to keep
if os.environ.get("LIST_VIEWS_OUT"):
    with open(os.environ["LIST_VIEWS_OUT"], "w", encoding="utf-8") as out:
        json.dump(figures, out, indent=1)
