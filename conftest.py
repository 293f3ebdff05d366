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


# Odoo gives Chromium 10 s to open its devtools port and then *skips* the browser test. On a
# two-core CI machine that builds databases alongside, a cold Chromium start has taken longer
# (stop 21: "Failed to detect chrome devtools port after 10.0s"). Waiting longer costs nothing
# when Chromium is quick, and a Chromium that never starts still fails the test above.
BROWSER_START_SECONDS = 60


@pytest.fixture(autouse=True, scope="session")
def _patient_browser_start():
    from odoo.tests import common

    common.CHECK_BROWSER_ITERATIONS = int(BROWSER_START_SECONDS / common.CHECK_BROWSER_SLEEP)
    common.BROWSER_WAIT = BROWSER_START_SECONDS
    yield
