# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Many rows in one INSERT, for the tests that count queries over thousands of records and
for the benchmarks (tests/benchmarks): the one copy of this helper."""

from odoo.tools import SQL


def series(count):
    """An SQL source for `copy_rows`: the numbers 1..`count`, as `src.n`."""
    return SQL("SELECT generate_series(1, %s) AS n", count)


def copy_rows(cr, table, template_id, source, overrides):
    """Copy row `template_id` of `table` once per row of `source` (an SQL query, its row named
    `src`, e.g. `series(1000)`), every column as in the template but those in `overrides`,
    which maps a column to an SQL expression (an `SQL` or a constant string of code) over
    `src`, e.g. `src.n` for a `series`. Generated columns are left to PostgreSQL. Far faster
    than the ORM, and the copies are as valid as the template for the code under test.
    Returns the new ids."""
    cr.execute(
        SQL(
            "SELECT column_name FROM information_schema.columns"
            " WHERE table_name = %s AND column_name != 'id' AND is_generated = 'NEVER'"
            " ORDER BY ordinal_position",
            table,
        )
    )
    columns = [name for (name,) in cr.fetchall()]
    values = [
        (expr if isinstance(expr, SQL) else SQL(expr))
        if (expr := overrides.get(column)) is not None
        else SQL("t.%s", SQL.identifier(column))
        for column in columns
    ]
    cr.execute(
        SQL(
            "INSERT INTO %s (%s) SELECT %s FROM %s t, (%s) src WHERE t.id = %s RETURNING id",
            SQL.identifier(table),
            SQL(", ").join(SQL.identifier(column) for column in columns),
            SQL(", ").join(values),
            SQL.identifier(table),
            source,
            template_id,
        )
    )
    return [row[0] for row in cr.fetchall()]
