# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import TransactionCase

from .sql_rows import copy_rows, series


class TestSqlRows(TransactionCase):
    def test_copy_rows_leaves_generated_columns_to_postgresql(self):
        """A table with a generated column (PostgreSQL refuses a value for it) is copied."""
        cr = self.env.cr
        cr.execute(
            "CREATE TEMPORARY TABLE bimbonbon_copy_rows_probe (id SERIAL PRIMARY KEY, n INT,"
            " name VARCHAR, double_n INT GENERATED ALWAYS AS (n * 2) STORED) ON COMMIT DROP"
        )
        cr.execute("INSERT INTO bimbonbon_copy_rows_probe (n, name) VALUES (1, 'a') RETURNING id")
        [template_id] = cr.fetchone()
        ids = copy_rows(cr, "bimbonbon_copy_rows_probe", template_id, series(3), {"n": "src.n + 1"})
        self.assertEqual(len(ids), 3)
        cr.execute(
            "SELECT n, name, double_n FROM bimbonbon_copy_rows_probe WHERE id IN %s ORDER BY n",
            (tuple(ids),),
        )
        self.assertEqual(cr.fetchall(), [(2, "a", 4), (3, "a", 6), (4, "a", 8)])
