# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Bad input on every portal route we serve or extend gets a 4xx or a page, never a 5xx.

Each parameter of each route is sent, one at a time, with the usual malformed values (missing,
huge, wrong type, NUL, unicode, negative ids, patterns), as a logged-in customer, with a valid
CSRF token on POSTs. Nothing stored before may be lost on the way.
"""

import json

from odoo.tests import tagged

from .common import AUTH, P256DH
from .common_portal_registration import PortalRegistrationCase, make_png

BAD_VALUES = {
    "missing": None,
    "empty": "",
    "huge": "x" * 1_000_000,
    "wrong type": "abc",
    "float": "1.5",
    "negative": "-1",
    "big number": "99999999999999999999",
    "nul": "a\x00b",
    "unicode": "\U0001d518\u00f1\u00ed\u00a9\u00f8d\u00e9 \u2713 \U0001f36a",
    "pattern": "%_%",
    "html": "<script>alert(1)</script>",
}
# GET query strings are kept below what an HTTP server accepts in a request line
GET_HUGE = "x" * 4000


@tagged("post_install", "-at_install")
class TestPortalFuzz(PortalRegistrationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ticket_a = cls.env["helpdesk.ticket"].create(
            {
                "name": "Mixer piept",
                "description": "<p>Mixer piept</p>",
                "partner_id": cls.partner_a.id,
                "registration_id": cls.registration_a.id,
            }
        )
        cls.contract_a = cls._create_contract_a(state="sent")
        cls.contract_a._portal_ensure_token()
        # push notifications allowed, so that the subscription's values are checked
        cls.user_a.partner_id._bimbonbon_set_push_consent(True)
        cls.order_a = cls.env["sale.order"].create(
            {"partner_id": cls.partner_a.id, "order_line": [(0, 0, {"product_id": cls.mix.id})]}
        )
        cls.order_a.action_confirm()

    def _routes(self):
        """(method, url, parameters) of every portal route we serve or extend."""
        reg, ticket, contract = self.registration_a, self.ticket_a, self.contract_a
        token = self.serial_free.registration_token
        return [
            ("GET", "/my", ()),
            ("GET", "/my/products", ()),
            ("GET", "/my/products/register", ()),
            ("POST", "/my/products/register", ("code", "product_id")),
            ("GET", f"/r/{token}", ()),
            (
                "POST",
                f"/r/{token}/confirm",
                ("purchase_date", "purchase_place", "marketing_consent"),
            ),
            ("GET", f"/my/products/{reg.id}", ("access_token", "registered")),
            ("GET", f"/my/products/{reg.id}/manual/{self.manual.id}", ("access_token",)),
            ("GET", f"/my/products/{reg.id}/report", ("description", "ticket_kind", "urgency")),
            ("POST", f"/my/products/{reg.id}/report", ("description", "ticket_kind", "urgency")),
            ("POST", f"/my/products/{reg.id}/report/helpful", ("suggestion_id", "article_id")),
            (
                "POST",
                f"/my/products/{reg.id}/report/submit",
                ("description", "suggestion_id", "ticket_kind", "urgency"),
            ),
            (
                "GET",
                "/my/tickets",
                ("sortby", "groupby", "filterby", "search", "search_in", "date_begin", "date_end"),
            ),
            ("GET", f"/my/ticket/{ticket.id}", ("access_token",)),
            ("POST", "/ticket/close", ("ticket_id", "stage_id")),
            ("GET", "/new/ticket", ()),
            ("POST", "/submitted/ticket", ("subject", "description", "category", "team")),
            ("GET", "/my/contracts", ()),
            (
                "GET",
                f"/my/contracts/{contract.id}",
                ("access_token", "report_type", "download", "message"),
            ),
            ("POST", f"/my/contracts/{contract.id}/renew", ("access_token",)),
            ("JSON", f"/my/contracts/{contract.id}/sign", ("access_token", "name", "signature")),
            ("GET", "/my/offers", ()),
            ("GET", "/my/feedback", ("product_id", "sent")),
            ("POST", "/my/feedback/submit", ("product_id", "rating", "text")),
            ("GET", "/my/account", ()),
            (
                "POST",
                "/my/address/submit",
                ("partner_id", "name", "email", "street", "zip", "city", "country_id", "phone"),
            ),
            ("POST", f"/my/orders/{self.order_a.id}/reorder", ("access_token",)),
            ("GET", "/bimbonbon/manifest.webmanifest", ()),
            ("GET", "/bimbonbon/service-worker.js", ()),
            ("GET", "/bimbonbon/offline", ()),
            # the data reminder's signed link (bimbonbon_crm)
            ("GET", "/my/data/confirm", ("token",)),
            ("POST", "/my/data/confirm", ("token",)),
            ("POST", "/my/account/confirm", ()),
            # push notifications (the consent last: a bad value withdraws it)
            ("POST", "/bimbonbon/push/subscribe", ("endpoint", "p256dh", "auth")),
            ("POST", "/bimbonbon/push/unsubscribe", ("endpoint",)),
            ("POST", "/my/account/push", ("consent",)),
        ]

    def _valid(self, url):
        """Sensible values for the other parameters, so that each bad value gets far."""
        return {
            "code": "KM-F-0002",
            "description": "Hij piept",
            "subject": "Vraag",
            "name": "Anna Klant",
            "email": "anna@klant.example.com",
            "street": "Oudegracht 1",
            "zip": "3511 AA",
            "city": "Utrecht",
            "country_id": str(self.env.ref("base.nl").id),
            "phone": "0612345678",
            "rating": "8",
            "text": "Lekker",
            "access_token": self.contract_a.access_token if "contracts" in url else None,
            "ticket_id": str(self.ticket_a.id),
            "endpoint": "https://fcm.googleapis.com/fcm/send/fuzz",
            "p256dh": P256DH,
            "auth": AUTH,
            "consent": "1",
        }

    def _send(self, method, url, params, files=None):
        params = {key: value for key, value in params.items() if value is not None}
        if method == "GET":
            params = {k: (GET_HUGE if len(v) > len(GET_HUGE) else v) for k, v in params.items()}
            return self.url_open(url, params=params, allow_redirects=False)
        if method == "JSON":
            return self.url_open(
                url,
                data=json.dumps({"jsonrpc": "2.0", "method": "call", "params": params}),
                headers={"Content-Type": "application/json"},
                allow_redirects=False,
            )
        params["csrf_token"] = self.csrf()
        return self.url_open(url, data=params, files=files, allow_redirects=False)

    def assertNoServerError(self, response, label):
        self.assertLess(response.status_code, 500, label)
        if response.headers.get("Content-Type", "").startswith("application/json"):
            body = response.json()
            error = body.get("error") if isinstance(body, dict) else None
            # a refusal is a result ({"error": "message"}); a crash is a JSON-RPC error object
            self.assertFalse(isinstance(error, dict), f"{label}: {error}")

    def test_bad_values_on_every_route(self):
        self.authenticate("klant_a", "klant_a")
        checked = 0
        for method, url, parameters in self._routes():
            valid = {key: value for key, value in self._valid(url).items() if key in parameters}
            self.assertNoServerError(self._send(method, url, valid), f"{method} {url}")
            for parameter in parameters:
                for label, value in BAD_VALUES.items():
                    response = self._send(method, url, dict(valid, **{parameter: value}))
                    self.assertNoServerError(response, f"{method} {url} {parameter}={label}")
                    checked += 1
        self.assertGreater(checked, 500)
        # nothing stored before was lost on the way
        self.assertTrue(self.registration_a.exists())
        self.assertEqual(self.registration_a.state, "registered")
        self.assertTrue(self.ticket_a.exists())
        self.assertEqual(self.contract_a.state, "sent")
        # no malformed token confirmed anyone's data (only A's own confirm button did)
        self.assertFalse(self.partner_b.commercial_partner_id.data_confirmed_date)

    def test_bad_paths(self):
        self.authenticate("klant_a", "klant_a")
        for url in (
            "/r/..",
            "/r/../confirm",
            "/r/%00",
            "/r/%00/confirm",
            "/r/" + "x" * 3000,
            "/r/%F0%9F%8D%AA",
            "/my/products/-1",
            "/my/products/99999999999999999999",
            "/my/ticket/abc",
            f"/my/ticket/{self.ticket_a.id}/%00",
            "/my/contracts/99999999999999999999",
        ):
            for method in ("GET", "POST"):
                response = self._send(method, url, {})
                self.assertNoServerError(response, f"{method} {url}")

    def test_nul_in_file_names(self):
        self.authenticate("klant_a", "klant_a")
        photo = ("foto\x00.png", make_png(), "image/png")
        for url, field, data in (
            (
                f"/my/products/{self.registration_a.id}/report/submit",
                "photos",
                {"description": "x"},
            ),
            (f"/r/{self.serial_free.registration_token}/confirm", "proof_of_purchase", {}),
            ("/submitted/ticket", "attachment", {"subject": "x", "description": "x"}),
        ):
            response = self._send("POST", url, data, files={field: photo})
            self.assertEqual(response.status_code, 400, url)
        self.assertFalse(self.serial_free.registration_ids)
