# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Grow the demo database to production size (`make populate`, run in `odoo shell`).

Targets (times SCALE, default 1): 100,000 registrations, 200,000 tickets, 50,000 contracts,
1,000,000 order lines. Only what is missing is added, so a second run adds nothing.

- Order lines: Odoo 19's own `odoo populate` engine (odoo.tools.populate.populate_models) on
  sale.order, which copies every order with its lines (and their taxes) in SQL.
- Registrations, tickets and contracts: Odoo 19's populate has no per-model factories (it
  copies every row as it is), which would break our rules (one registration per serial number,
  one reference per contract) and point copies at nothing of their own. Ours copy the demo's
  rows with `copy_rows` (bimbonbon_crm/tests/sql_rows.py, the benchmarks' helper) in SQL:
  each registration gets a new serial number (stock.lot) of its product, each ticket a new
  registration of its own customer, each contract a unique reference with the lines of its
  template; stored related fields are filled from the rows they follow.
"""
# ruff: noqa: F821 (`env` is given by `odoo shell`)

import math
import os
import time
from itertools import cycle, islice

from odoo.tools import SQL
from odoo.tools.populate import field_needs_variation, populate_models

from odoo.addons.bimbonbon_crm.tests.sql_rows import copy_rows, series

SCALE = float(os.environ.get("SCALE", "1"))
TARGETS = {
    "bimbonbon.product.registration": 100_000,
    "helpdesk.ticket": 200_000,
    "bimbonbon.contract": 50_000,
    "sale.order.line": 1_000_000,
}
cr = env.cr


def count(table):
    cr.execute(SQL("SELECT count(*) FROM %s", SQL.identifier(table)))
    return cr.fetchone()[0]


def max_id(table):
    cr.execute(SQL("SELECT coalesce(max(id), 0) FROM %s", SQL.identifier(table)))
    return cr.fetchone()[0]


def target(model):
    return max(1, int(TARGETS[model] * SCALE))


def customers():
    """The demo's customers (contacts and companies): not a user's own partner, not a company's,
    not the load test's accounts. The copies are spread over them, as a real customer base."""
    cr.execute(
        """SELECT p.id FROM res_partner p
            WHERE p.active AND coalesce(p.email, '') NOT LIKE '%@load.example.com'
              AND NOT EXISTS (SELECT 1 FROM res_users u WHERE u.partner_id = p.id AND NOT u.share)
              AND NOT EXISTS (SELECT 1 FROM res_company c WHERE c.partner_id = p.id)
            ORDER BY p.id"""
    )
    return [row[0] for row in cr.fetchall()]


def shares(total, templates):
    """Split `total` over `templates` as evenly as possible: [(template, n), ...]."""
    per, extra = divmod(total, len(templates))
    return [(t, per + (i < extra)) for i, t in enumerate(templates) if per + (i < extra)]


def step(label, model, add):
    table = env[model]._table
    missing = target(model) - count(table)
    if missing <= 0:
        print(f"{label}: {count(table)} already (target {target(model)}), nothing added")
        return []
    start = time.perf_counter()
    new_ids = add(missing)
    env.invalidate_all()
    cr.commit()
    print(
        f"{label}: added {len(new_ids)} in {time.perf_counter() - start:.1f}s,"
        f" now {count(table)} (target {target(model)})"
    )
    return new_ids


def add_registrations(missing):
    """Copies of the demo's registered serial numbers, each with a new lot of its product,
    spread over the demo's customers."""
    cr.execute(
        """SELECT r.id, r.lot_id, r.name, l.name FROM bimbonbon_product_registration r
             JOIN stock_lot l ON l.id = r.lot_id
            WHERE r.state = 'registered' AND r.is_serial ORDER BY r.id"""
    )
    templates = cr.fetchall()
    assert templates, "the demo has no registered serial numbers to copy"
    tag = max_id("stock_lot")  # makes this run's serial numbers unique
    partners = cycle(customers())
    new_ids = []
    for (reg_id, lot_id, reg_name, lot_name), n in shares(missing, templates):
        lots = copy_rows(
            cr,
            "stock_lot",
            lot_id,
            series(n),
            # registered already: no label token (one is made when a label is printed)
            {"name": SQL("t.name || '-' || (%s + src.n)", tag), "registration_token": "NULL"},
        )
        tag += n
        prefix = reg_name[: -len(lot_name)] if reg_name.endswith(lot_name) else reg_name + " - "
        new_ids += copy_rows(
            cr,
            "bimbonbon_product_registration",
            reg_id,
            SQL(
                """SELECT l.id AS lot_id, l.name AS lot_name, p.id AS partner_id,
                          p.commercial_partner_id, p.state_id, p.city
                     FROM unnest(%s::int[], %s::int[]) AS u(lot_id, partner_id)
                     JOIN stock_lot l ON l.id = u.lot_id
                     JOIN res_partner p ON p.id = u.partner_id""",
                lots,
                list(islice(partners, len(lots))),
            ),
            {
                "lot_id": "src.lot_id",
                "partner_id": "src.partner_id",
                "commercial_partner_id": "src.commercial_partner_id",
                "partner_state_id": "src.state_id",
                "partner_city": "src.city",
                "name": SQL("%s || src.lot_name", prefix),
                "access_token": "NULL",
            },
        )
    return new_ids


def add_tickets(missing):
    """Copies of the demo's tickets (their teams, stages, kinds), each on a registration of
    the populated ones, for that registration's customer and product."""
    cr.execute("SELECT id FROM helpdesk_ticket ORDER BY id")
    templates = [row[0] for row in cr.fetchall()]
    cr.execute(
        "SELECT id FROM bimbonbon_product_registration WHERE state = 'registered' ORDER BY id DESC"
    )
    registrations = cycle([row[0] for row in cr.fetchall()])
    tag = max_id("helpdesk_ticket")
    new_ids = []
    for ticket_id, n in shares(missing, templates):
        source = SQL(
            """SELECT u.n, r.id AS registration_id, r.product_id, r.lot_id, p.id AS partner_id,
                      p.commercial_partner_id, p.name AS partner_name, p.email AS partner_email
                 FROM unnest(%s::int[]) WITH ORDINALITY u(registration_id, n)
                 JOIN bimbonbon_product_registration r ON r.id = u.registration_id
                 JOIN res_partner p ON p.id = r.partner_id""",
            list(islice(registrations, n)),
        )
        new_ids += copy_rows(
            cr,
            "helpdesk_ticket",
            ticket_id,
            source,
            {
                "number": SQL("'HTP' || lpad((%s + src.n)::text, 7, '0')", tag),
                "registration_id": "src.registration_id",
                "product_id": "src.product_id",
                "lot_id": "src.lot_id",
                "partner_id": "src.partner_id",
                "commercial_partner_id": "src.commercial_partner_id",
                "partner_name": "src.partner_name",
                "partner_email": "src.partner_email",
                "access_token": "NULL",
            },
        )
        tag += n
    return new_ids


def add_contracts(missing):
    """Copies of the demo's contracts (unique references, no renewal chain) spread over the
    demo's customers, with the lines of their template, so the stored totals stay right."""
    cr.execute("SELECT id FROM bimbonbon_contract ORDER BY id")
    templates = [row[0] for row in cr.fetchall()]
    tag = max_id("bimbonbon_contract")
    partners = cycle(customers())
    new_ids = []
    for contract_id, n in shares(missing, templates):
        contracts = copy_rows(
            cr,
            "bimbonbon_contract",
            contract_id,
            SQL(
                """SELECT u.n, p.id AS partner_id, p.commercial_partner_id
                     FROM unnest(%s::int[]) WITH ORDINALITY u(partner_id, n)
                     JOIN res_partner p ON p.id = u.partner_id""",
                list(islice(partners, n)),
            ),
            {
                "name": SQL("t.name || '-' || (%s + src.n)", tag),
                "partner_id": "src.partner_id",
                "commercial_partner_id": "src.commercial_partner_id",
                "predecessor_id": "NULL",
                "access_token": "NULL",
            },
        )
        tag += n
        cr.execute(
            "SELECT id FROM bimbonbon_contract_line WHERE contract_id = %s ORDER BY id",
            [contract_id],
        )
        for (line_id,) in cr.fetchall():
            copy_rows(
                cr,
                "bimbonbon_contract_line",
                line_id,
                SQL("SELECT unnest(%s::int[]) AS contract_id", contracts),
                {"contract_id": "src.contract_id"},
            )
        new_ids += contracts
    return new_ids


def add_order_lines(missing):
    """Odoo's populate on sale.order: every order copied `factor` times with its lines."""
    lines = count("sale_order_line")
    factor = math.ceil(missing / lines)
    first_order = max_id("sale_order") + 1
    first_line = max_id("sale_order_line") + 1
    # Odoo's populate appends "_" to the names of the rows it copies (copies: "S00012_1", ..);
    # the demo's own orders get their names back ("S00012"), the copies stay unique.
    renamed = {}
    for model in ("sale.order", "sale.order.line"):
        Model = env[model]
        renamed[Model._table] = (
            max_id(Model._table),
            [
                name
                for name, field in Model._fields.items()
                if field.store
                and field.type in ("char", "text")
                and not field.translate
                and field_needs_variation(Model, field)
            ],
        )
    env.flush_all()
    populate_models({env["sale.order"]: factor}, ord("_"))
    env.flush_all()
    for table, (last_id, columns) in renamed.items():
        for column in columns:
            cr.execute(
                SQL(
                    "UPDATE %(table)s SET %(column)s = left(%(column)s, -1)"
                    " WHERE id <= %(last_id)s AND %(column)s NOT IN ('', '/')",
                    table=SQL.identifier(table),
                    column=SQL.identifier(column),
                    last_id=last_id,
                )
            )
    # Odoo copies the access tokens too: the copies make their own when they need one.
    cr.execute("UPDATE sale_order SET access_token = NULL WHERE id >= %s", [first_order])
    cr.execute("SELECT id FROM sale_order_line WHERE id >= %s", [first_line])
    return [row[0] for row in cr.fetchall()]


started = time.perf_counter()
print(f"Populating {env.cr.dbname} at SCALE={SCALE:g}")
step("registrations", "bimbonbon.product.registration", add_registrations)
step("tickets", "helpdesk.ticket", add_tickets)
step("contracts", "bimbonbon.contract", add_contracts)
step("order lines", "sale.order.line", add_order_lines)
cr.execute("ANALYZE")
print(f"Done in {time.perf_counter() - started:.0f}s. Totals:")
for model in (*TARGETS, "sale.order", "stock.lot", "bimbonbon.contract.line"):
    table = env[model]._table
    cr.execute(SQL("SELECT pg_size_pretty(pg_total_relation_size(%s))", table))
    size = cr.fetchone()[0]
    print(f"  {model:<32} {count(table):>9} rows {size:>9}")
cr.commit()
