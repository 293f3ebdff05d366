# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Holes a logged-in customer could use: each test failed before its fix."""

from odoo.tests import tagged

from .common_portal_registration import PortalRegistrationCase, make_png

# A Windows executable's first bytes: whatever its name says, it is no image.
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


@tagged("post_install", "-at_install")
class TestPortalHardening(PortalRegistrationCase):
    def test_codes_are_not_patterns(self):
        """``%`` registered a unit the customer never bought, and ``KM-%`` or ``________``
        revealed other customers' serial numbers in the error message."""
        self.authenticate("klant_a", "klant_a")
        Attempt = self.env["bimbonbon.registration.attempt"]
        for code in ("%", "KM-%", "%0002", "________", "KM-_-0002", "km-f-000_", "\\%"):
            with self.subTest(code=code):
                response = self.post("/my/products/register", {"code": code})
                self.assertEqual(response.status_code, 400)
                for serial in ("KM-F-0002", "KM-B-0003", "KM-A-0001", "SW-2026-A"):
                    self.assertNotIn(serial, response.text)
        self.assertFalse(self.serial_free.registration_ids)
        # every refused code counts for the rate limit
        self.assertEqual(Attempt.search_count([("user_id", "=", self.user_a.id)]), 7)
        # the real code still works, case and surrounding spaces aside
        response = self.post("/my/products/register", {"code": "  km-f-0002 "})
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self.serial_free.registration_ids.partner_id, self.partner_a)

    def test_wrong_product_does_not_name_the_other(self):
        self.authenticate("klant_a", "klant_a")
        self.mix.sale_ok = self.mixer.sale_ok = True
        response = self.post(
            "/my/products/register", {"code": "SW-2026-A", "product_id": self.mixer.id}
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("does not belong to Keukenmixer KM-1", response.text)
        self.assertNotIn("but to", response.text)

    def _ticket_count(self):
        return self.env["helpdesk.ticket"].search_count([("partner_id", "=", self.partner_a.id)])

    def test_new_ticket_needs_post_csrf_and_checked_files(self):
        """helpdesk_mgmt's /submitted/ticket created a ticket by GET (no CSRF check), stored
        any file of any size and type, and answered bad values with a server error."""
        self.authenticate("klant_a", "klant_a")
        before = self._ticket_count()
        response = self.url_open(
            "/submitted/ticket?subject=Via+GET&description=Zonder+CSRF", allow_redirects=False
        )
        self.assertEqual(response.status_code, 405)
        response = self.url_open(
            "/submitted/ticket",
            data={"subject": "Zonder token", "description": "x"},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 400)
        refused = {
            "executable named as a photo": {
                "files": {"attachment": ("foto.jpg", EXECUTABLE, "image/jpeg")}
            },
            "too large": {"files": {"attachment": ("groot.png", make_png() + b"\x00" * 6_000_000)}},
            "empty file": {"files": {"attachment": ("leeg.png", b"", "image/png")}},
            "unknown category": {"data": {"category": "abc"}},
            "category of nobody": {"data": {"category": "999999"}},
            "no description": {"data": {"description": ""}},
            "no subject": {"data": {"subject": "  "}},
        }
        for label, case in refused.items():
            with self.subTest(label):
                data = {"subject": "Vraag", "description": "Hoe werkt het?", **case.get("data", {})}
                response = self.post("/submitted/ticket", data, files=case.get("files"))
                self.assertEqual(response.status_code, 400, label)
                self.assertIn("alert-danger", response.text)
        self.assertEqual(self._ticket_count(), before)
        response = self.post(
            "/submitted/ticket",
            {"subject": "Vraag", "description": "Hoe werkt het?"},
            files={"attachment": ("foto.png", make_png(), "image/png")},
        )
        self.assertEqual(response.status_code, 303)
        ticket = self.env["helpdesk.ticket"].search(
            [("partner_id", "=", self.partner_a.id)], order="id desc", limit=1
        )
        self.assertTrue(response.headers["Location"].endswith(f"/my/ticket/{ticket.id}"))
        self.assertEqual(ticket.attachment_ids.mimetype, "image/png")

    def test_ticket_list_parameters(self):
        """Unknown sortings, groupings and bad dates were server errors."""
        self.authenticate("klant_a", "klant_a")
        for query in (
            "sortby=xyz",
            "groupby=xyz",
            "filterby=xyz",
            "search_in=xyz&search=abc",
            "date_begin=abc&date_end=zzz",
            "date_begin=2026-13-45&date_end=2026-01-01",
            "sortby=name&groupby=stage&date_begin=2026-01-01&date_end=2026-12-31",
        ):
            with self.subTest(query):
                response = self.url_open(f"/my/tickets?{query}")
                self.assertEqual(response.status_code, 200, query)

    def test_session_cookie_is_samesite_lax(self):
        response = self.url_open("/web/login")
        cookie = response.headers.get("Set-Cookie", "")
        self.assertIn("session_id=", cookie)
        self.assertIn("SameSite=Lax", cookie)

    def test_nul_byte_in_path_is_not_found(self):
        """A NUL byte in an unknown path ("/%00") reached PostgreSQL through the attachment
        and page lookups of Odoo's fallback, which refuses it: a 500 instead of a 404."""
        for path in ("/%00", "/my%00", "/nl/%00"):
            with self.subTest(path):
                response = self.url_open(path)
                self.assertEqual(response.status_code, 404, path)
        # a route of ours refuses it as a bad code
        self.assertEqual(self.url_open("/r/abc%00def").status_code, 400)
        self.authenticate("klant_a", "klant_a")
        response = self.url_open("/%00")
        self.assertEqual(response.status_code, 404)
