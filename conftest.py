"""Pytest hooks for the BimBonBon test run.

A skipped test is a failed test here: Odoo's browser tests skip themselves when Chromium or
websocket-client is missing, and a run that skipped them has not tested the portal.
"""

import pytest


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"skipped, and a skip is not a pass here: {reason}"
