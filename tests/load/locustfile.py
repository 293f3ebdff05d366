# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Portal customers on their phone, for `make load` (Locust, headless).

Each simulated customer is a portal account of its own (LOAD_LOGINS, made by scripts/load.sh),
logs in once, then browses the customer's app: home, products and a product, tickets and a
ticket, contracts, offers, and now and then reports a problem. Odoo's own portal pages
(/my/orders, /my/invoices) run in the same load as the reference. Request names group the
pages (``/my/products/[id]``), and ``odoo:`` marks Odoo's own.
"""

import itertools
import json
import os
import random
import re
import threading
from urllib.parse import urlsplit

from locust import HttpUser, between, task

LOGINS = os.environ.get("LOAD_LOGINS", "load01").split(",")
_next_login = itertools.cycle(LOGINS)
_lock = threading.Lock()
CSRF = re.compile(r'name="csrf_token"\s+value="([^"]+)"')
# A file keeping what each customer learnt in the warm-up (scripts/load.sh): its session, and the
# ids of its products and tickets. A customer logs in once and stays logged in, as on a phone,
# so the measured run is browsing only. Logging in costs a worker about a second of CPU (Odoo
# hashes the password with pbkdf2-sha512, 600,000 rounds): 24 logins at once would hold both
# cores for seconds.
SESSIONS = os.environ.get("LOAD_SESSIONS")


def _read_sessions():
    try:
        with open(SESSIONS) as handle:
            sessions = json.load(handle)
    except (TypeError, OSError, ValueError):
        return {}
    return sessions if isinstance(sessions, dict) else {}


_sessions = _read_sessions()


class PortalCustomer(HttpUser):
    wait_time = between(1, 3)

    def on_start(self):
        with _lock:
            login = next(_next_login)
        known = _sessions.get(login)
        if isinstance(known, dict) and known.get("session_id"):
            self.client.cookies.set(
                "session_id", known["session_id"], domain=urlsplit(self.host).hostname
            )
            self.products = known.get("products", [])
            self.tickets = known.get("tickets", [])
            return
        self._login(login)
        # named apart: what a customer does once per visit is not one of the measured pages
        self.products = self._ids(
            self.client.get("/my/products", name="start: /my/products"), r"/my/products/(\d+)\""
        )
        self.tickets = self._ids(
            self.client.get("/my/tickets", name="start: /my/tickets"), r"/my/ticket/(\d+)"
        )
        if SESSIONS:
            with _lock:
                _sessions[login] = {
                    "session_id": self.client.cookies.get("session_id"),
                    "products": self.products,
                    "tickets": self.tickets,
                }
                with open(SESSIONS, "w") as handle:
                    json.dump(_sessions, handle)

    def _login(self, login):
        page = self.client.get("/web/login", name="login form")
        token = CSRF.search(page.text).group(1)
        response = self.client.post(
            "/web/login",
            data={"login": login, "password": login, "csrf_token": token, "redirect": "/my"},
            name="login",
        )
        if "/web/login" in response.url:
            raise RuntimeError(f"{login} could not log in")

    @staticmethod
    def _ids(page, pattern):
        return sorted({int(found) for found in re.findall(pattern, page.text)})

    @task(3)
    def home(self):
        self.client.get("/my", name="/my")

    @task(2)
    def products(self):
        self.client.get("/my/products", name="/my/products")

    @task(2)
    def product(self):
        if self.products:
            registration = random.choice(self.products)
            self.client.get(f"/my/products/{registration}", name="/my/products/[id]")

    @task(2)
    def tickets(self):
        self.client.get("/my/tickets", name="/my/tickets")

    @task(2)
    def ticket(self):
        if self.tickets:
            self.client.get(f"/my/ticket/{random.choice(self.tickets)}", name="/my/ticket/[id]")

    @task(1)
    def contracts(self):
        self.client.get("/my/contracts", name="/my/contracts")

    @task(1)
    def offers(self):
        self.client.get("/my/offers", name="/my/offers")

    @task(2)
    def orders(self):
        self.client.get("/my/orders", name="odoo: /my/orders")

    @task(2)
    def invoices(self):
        self.client.get("/my/invoices", name="odoo: /my/invoices")

    @task(1)
    def report_problem(self):
        """The problem form, and one time in five a report sent (a ticket)."""
        if not self.products:
            return
        registration = random.choice(self.products)
        form = self.client.get(
            f"/my/products/{registration}/report", name="/my/products/[id]/report"
        )
        found = CSRF.search(form.text)
        if found and random.random() < 0.2:
            self.client.post(
                f"/my/products/{registration}/report/submit",
                data={
                    "csrf_token": found.group(1),
                    "description": "Belastingtest: de mixer piept bij het opstarten",
                    "ticket_kind": "fault",
                    "urgency": "normal",
                },
                name="/my/products/[id]/report/submit",
            )
