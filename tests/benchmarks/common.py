# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Helpers for the benchmarks in this folder (run by `make bench`, never by `make test`)."""

import os
import time
from contextlib import contextmanager

from odoo.addons.bimbonbon_crm.tests.sql_rows import copy_rows, series

__all__ = ["copy_rows", "measure", "scale", "series"]


def scale(full):
    """The number of records to use: `full` times BENCH_SCALE (default 1), at least 1."""
    return max(1, int(full * float(os.environ.get("BENCH_SCALE", "1"))))


@contextmanager
def measure(env, label, records):
    """Time a block and count its SQL queries; print one line of figures at the end."""
    cr = env.cr
    queries_before = cr.sql_log_count
    start = time.perf_counter()
    figures = {}
    yield figures
    elapsed = time.perf_counter() - start
    queries = cr.sql_log_count - queries_before
    extra = "".join(f", {k}={v}" for k, v in figures.items())
    print(
        f"\nBENCH {label}: records={records}, time={elapsed:.2f}s, queries={queries}, "
        f"queries/record={queries / max(records, 1):.3f}{extra}"
    )
