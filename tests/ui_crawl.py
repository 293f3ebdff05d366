# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The browser side of the UI crawl (tests/test_ui_crawl.py).

One headless Chromium per person, driven page by page from Python through the test's
DevTools connection (the one ``HttpCase.browser_js`` uses): ``tests/ui_crawl_checker.js`` is
added to every document before the page's scripts run; after each page has loaded and gone
quiet, its ``check()`` returns the findings as JSON.
"""

import contextlib
import json
import logging
import os
import re
import time
from concurrent.futures import Future
from pathlib import Path
from unittest.mock import patch
from urllib.parse import urljoin, urlsplit

from odoo.tests.common import ChromeBrowser

_logger = logging.getLogger(__name__)

CHECKER_JS = (Path(__file__).parent / "ui_crawl_checker.js").read_text()

#: English UI words and phrases that are not Dutch words: one of them in the visible text of
#: a Dutch page is an untranslated term. Matched as whole words, case-insensitively. Words
#: Dutch shares with English (Product, Status, Team, Contact, Filter, Order, Open, Website,
#: Type, Tickets, Data, Start, Online, was, is, in, of) are left out on purpose: they would
#: flag good Dutch.
ENGLISH_WORDS = (
    # buttons and actions
    "Create", "Save", "Discard", "Edit", "Delete", "Cancel", "Confirm", "Submit", "Send",
    "Search", "New", "Add", "Remove", "Apply", "Close", "Back", "Next", "Previous", "Print",
    "Login", "Log out", "Logout", "Sign in", "Sign up", "Reset Password", "Password", "Hide",
    "View", "Select", "Archive", "Unarchive", "Duplicate", "Schedule", "Mark as Done", "Follow",
    "Unfollow",
    "Reply", "Load more", "Read more", "Learn more", "Go to", "Continue", "Request",
    "Order now", "Reorder", "Accept", "Decline", "Sign", "Pay Now",
    # labels
    "All Tickets", "Open Tickets without team", "Attachments", "Attachment", "Assignee",
    "Assigned to", "Unassigned", "Communication history", "Create Date", "Created on",
    "Last Updated", "Phone", "Mobile", "Address", "Street", "City", "Country", "Zip",
    "Company", "Companies", "Customer", "Customers", "Vendor", "Supplier", "Salesperson",
    "Sales Order", "Sales Orders", "Sales", "Quotation", "Quotations", "Invoice", "Invoices",
    "Purchase", "Purchase Order", "Receipt", "Delivery", "Deliveries", "Warehouse",
    "Inventory", "Stock alert", "Stock alerts", "Nearly out", "Short for orders",
    "Maintenance", "Equipment", "Technician", "Request", "Requests", "Priority", "Category",
    "Description", "Reference", "Source", "Date", "Due Date", "Amount", "Total",
    "Subtotal", "Untaxed", "Taxes", "Tax", "Payment", "Paid", "Unpaid", "Draft", "Sent",
    "Done", "Cancelled", "Canceled", "Closed", "Pending", "In Progress", "Expired",
    "Quantity", "Price", "Unit Price", "Units", "Discount", "Serial Number", "Lot/Serial",
    "Activities", "Activity", "Followers", "Messages", "Message", "Log note", "Notes",
    "Settings", "Configuration", "Reporting", "Users", "Documents", "Products", "Contracts",
    "Offers", "Orders and quotations", "Commercial Entity", "Duplicate of", "Title", "Name",
    "Language", "Notification", "Preferences", "My Account", "Home", "Welcome", "Hello",
    "Thank you", "Thanks", "Today", "Yesterday", "Tomorrow", "Month", "Year", "Hours",
    "Minutes", "Other", "Favorites", "Group By", "Actions", "Action", "No records",
    "No record found", "Unknown", "Yes", "None", "Everything", "Overview",
    "Summary", "History", "Helpful", "Warranty", "Manual", "Recipe", "Videos",
    "Customer Portal", "Powered by", "Your", "You", "the", "and", "with",
    "from", "this", "that", "for", "your", "not", "there", "what", "which", "about", "will",
    "been", "has been", "are", "should", "could", "would", "please",
    # placeholders a company has not replaced
    "YourCompany", "My Company", "My Website",
)  # fmt: skip

#: Words matched by ``ENGLISH_WORDS`` that are right on our pages: brand and product names.
BRAND_WORDS = ("BimBonBon", "Odoo", "WhatsApp", "YouTube", "Vimeo", "Google")


class Crawler:
    """A browser logged in as ``login`` (None: a visitor) at ``size`` ("390x844")."""

    def __init__(self, case, login, size):
        self.case = case
        self.login = login
        self.size = size
        self.results = []
        self.last = time.monotonic()

    def __enter__(self):
        case = self.case
        self._previous_size = case.browser_size
        case.browser_size = self.size
        self.stack = contextlib.ExitStack()
        self.stack.callback(setattr, case, "browser_size", self._previous_size)
        self.browser = ChromeBrowser(case)
        # as HttpCase.browser_js: the requests of this browser run in the test's transaction
        self.stack.enter_context(case.allow_requests(browser=self.browser))
        self.stack.callback(case._wait_remaining_requests)
        if "bus.bus" in case.env.registry:
            from odoo.addons.bus.websocket import (  # noqa: PLC0415
                CloseCode,
                WebsocketConnectionHandler,
                _kick_all,
            )

            self.stack.callback(_kick_all, CloseCode.KILL_NOW)
            self.stack.enter_context(
                patch.object(WebsocketConnectionHandler, "websocket_allowed", return_value=True)
            )
        self.stack.callback(self.browser.stop)
        self.browser._websocket_request(
            "Page.addScriptToEvaluateOnNewDocument", params={"source": CHECKER_JS}
        )
        case.authenticate(self.login, self.login, browser=self.browser)
        if not self.login:
            # a Dutch visitor: the website's language, not the test session's English
            self.browser.set_cookie(
                "frontend_lang", "nl_NL", "/", urlsplit(case.base_url()).hostname
            )
        case.cr.flush()
        case.cr.clear()
        return self

    def __exit__(self, *exc):
        return self.stack.__exit__(*exc)

    # ------------------------------------------------------------------ browser

    def evaluate(self, expression, timeout=60):
        response = self.browser._websocket_request(
            "Runtime.evaluate",
            params={"expression": expression, "awaitPromise": True, "returnByValue": True},
            timeout=timeout,
        )
        if response.get("exceptionDetails"):
            details = response["exceptionDetails"]
            raise RuntimeError(
                (details.get("exception") or {}).get("description") or details.get("text")
            )
        return response["result"].get("value")

    def browser_errors(self):
        """The console errors and uncaught exceptions since the last call."""
        result = self.browser._result
        errors = []
        if result.done() and not result.cancelled() and result.exception():
            errors.append(str(result.exception())[:500])
        self.browser._result = Future()
        self.browser.had_failure = False
        return errors

    def wait_quiet(self, quiet=250):
        return self.evaluate(
            f"bimbonbonCrawl.hookRpc(), bimbonbonCrawl.whenQuiet({{quiet: {quiet}}})"
        )

    def open(self, path, ready="document.readyState === 'complete'", attempts=2):
        """Load ``path`` and wait until ``ready`` holds and the page is quiet. A page that
        does not get ready (a busy machine: the test cursor's lock times out) is loaded once
        more; the errors of the failed attempt are logged, not reported."""
        url = urljoin(self.case.base_url(), path)
        for attempt in range(attempts):
            self.browser.navigate_to(url, wait_stop=True)
            try:
                ready_ok = self.browser._wait_ready(
                    f"!!(window.bimbonbonCrawl && ({ready}))", timeout=60
                )
            except TimeoutError:
                ready_ok = False
            if ready_ok:
                break
            if attempt + 1 < attempts:
                _logger.info("%s not ready, loading it again: %s", path, self.browser_errors())
        else:
            where = self.evaluate("location.href + ' ' + document.title")
            raise AssertionError(f"{path} never got ready ({ready}); at {where}")
        self.wait_quiet()

    # ------------------------------------------------------------------ checking

    def check(self, label, expected_path=None):
        """Run the checks on the page as it is; keep and return the findings."""
        started = time.monotonic()
        options = {
            "englishWords": list(ENGLISH_WORDS),
            "ignoreWords": list(BRAND_WORDS),
            "dumpTexts": bool(os.environ.get("BIMBONBON_CRAWL_TEXTS")),
        }
        found = self.evaluate(f"bimbonbonCrawl.check({json.dumps(options)})")
        found["label"] = label
        found["who"] = self.login or "visitor"
        found["errors"] = self.browser_errors()
        found["check_seconds"] = round(time.monotonic() - started, 2)
        found["seconds"] = round(time.monotonic() - self.last, 2)
        self.last = time.monotonic()
        if expected_path and not re.fullmatch(expected_path, urlsplit(found["url"]).path):
            found["errors"].append(f"landed on {found['url']}, not on {expected_path}")
        self.results.append(found)
        return found

    def check_words(self, label, texts):
        """The English check on texts the pages do not show at once (menu names)."""
        options = {"englishWords": list(ENGLISH_WORDS), "ignoreWords": list(BRAND_WORDS)}
        english = self.evaluate(
            f"bimbonbonCrawl.checkWords({json.dumps(texts)}, {json.dumps(options)})"
        )
        found = {
            "label": label,
            "who": self.login or "visitor",
            "url": "",
            "wide": None,
            "contrast": [],
            "english": english,
            "dollar": [],
            "errors": [],
            "stats": {"texts": len(texts), "links": 0},
        }
        self.results.append(found)
        return found

    def visit(self, path, label=None, ready="document.readyState === 'complete'"):
        self.open(path, ready=ready)
        return self.check(label or path, expected_path=re.escape(urlsplit(path).path))


def findings(result, allowed=()):
    """The findings of one page as readable lines; ``allowed`` holds (kind, regex on
    'who label selector text') of known findings that may stay (see KNOWN_FINDINGS)."""

    def is_allowed(kind, what):
        subject = f"{result['who']} {result['label']} {what}"
        return any(k == kind and re.search(pattern, subject) for k, pattern, _why in allowed)

    lines = []
    wide = result["wide"]
    if wide:
        culprits = "; ".join(
            f"{c['selector']} (to x={c['right']}, {c['text']!r})" for c in wide["culprits"]
        )
        what = f"{wide['scrollWidth']}px wide at a {wide['width']}px viewport: {culprits}"
        if not is_allowed("wide", what):
            lines.append(f"WIDE {what}")
    for item in result["contrast"]:
        what = (
            f"{item['selector']} {item['text']!r}: {item['ratio']}:1 < {item['needed']}:1 "
            f"({item['color']} on {item['background']})"
        )
        if not is_allowed("contrast", what):
            lines.append(f"CONTRAST {what}")
    for item in result["english"]:
        what = f"{', '.join(item['words'])} in {item['text']!r} at {item['selector']}"
        if not is_allowed("english", what):
            lines.append(f"ENGLISH {what}")
    for item in result["dollar"]:
        what = f"{item['text']!r} at {item['selector']}"
        if not is_allowed("dollar", what):
            lines.append(f"DOLLAR {what}")
    for error in result["errors"]:
        if not is_allowed("error", error):
            lines.append(f"ERROR {error}")
    return lines


def report(results, allowed=()):
    """All findings of all pages, one block per page; empty when all is well."""
    blocks = []
    for result in results:
        lines = findings(result, allowed)
        if lines:
            blocks.append(
                f"[{result['who']}] {result['label']} ({result['url']}):\n  " + "\n  ".join(lines)
            )
    return "\n".join(blocks)


class Timer:
    def __enter__(self):
        self.start = time.monotonic()
        return self

    def __exit__(self, *exc):
        self.seconds = time.monotonic() - self.start
