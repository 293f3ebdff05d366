# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .common_portal_registration import PortalRegistrationCase, make_png

# Strings that belong to customer B only: none may appear in a response to customer A.
B_SECRETS = ("KM-B-0003", "Geheime winkel Bert", "Bert Anders", "Lekkage bij Bert")


@tagged("post_install", "-at_install")
class TestPortalSecurity(PortalRegistrationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ticket_b = cls.env["helpdesk.ticket"].create(
            {
                "name": "Lekkage bij Bert",
                "description": "<p>Lekkage bij Bert</p>",
                "partner_id": cls.partner_b.id,
                "registration_id": cls.registration_b.id,
                "ticket_kind": "fault",
            }
        )
        cls.suggestion_b = cls.env["bimbonbon.knowledge.suggestion"]._record(
            cls.partner_b, "Lekkage bij Bert", cls.faq, product=cls.mixer
        )
        cls.registration_b._portal_ensure_token()
        cls.ticket_b._portal_ensure_token()

    def assertNoLeak(self, response, url, secrets=B_SECRETS):
        self.assertIn(
            response.status_code,
            # 302: /ticket/close redirects as helpdesk_mgmt's route does
            (200, 302, 303, 400, 403, 404, 405)
            if secrets != B_SECRETS
            else (302, 303, 400, 403, 404, 405),
            f"{url}: {response.status_code}",
        )
        if response.status_code == 303:
            location = response.headers["Location"]
            self.assertTrue(
                location.endswith("/my") or "/web/login" in location,
                f"{url} redirects to {location}",
            )
        for secret in secrets:
            self.assertNotIn(secret, response.text, f"{url} leaks {secret}")

    def test_other_customer_gets_nothing(self):
        self.authenticate("klant_a", "klant_a")
        reg_b, ticket_b = self.registration_b, self.ticket_b
        wrong = "0" * 32
        gets = [
            f"/my/products/{reg_b.id}",
            f"/my/products/{reg_b.id}?access_token={wrong}",
            f"/my/products/{reg_b.id}?access_token={ticket_b.access_token}",
            f"/my/products/{reg_b.id}/manual/{self.manual.id}",
            f"/my/products/{reg_b.id}/manual/{self.manual.id}?access_token={wrong}",
            f"/my/products/{reg_b.id}/report",
            f"/my/ticket/{ticket_b.id}",
            f"/my/ticket/{ticket_b.id}/{wrong}",
            f"/my/ticket/{ticket_b.id}/{reg_b.access_token}",
            "/my/products/999999",
            "/ticket/close",
        ]
        for url in gets:
            self.assertNoLeak(self.url_open(url, allow_redirects=False), url)
        posts = [
            (f"/my/products/{reg_b.id}/report", {"description": "Lekt", "urgency": "low"}),
            (
                f"/my/products/{reg_b.id}/report/helpful",
                {"suggestion_id": self.suggestion_b.id, "article_id": self.faq.id},
            ),
            (
                f"/my/products/{reg_b.id}/report/submit",
                {"description": "Lekt", "urgency": "low"},
            ),
            (
                "/ticket/close",
                {
                    "ticket_id": ticket_b.id,
                    "stage_id": self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done").id,
                },
            ),
        ]
        for url, data in posts:
            response = self.post(url, data, files={"photos": ("f.png", make_png(), "image/png")})
            self.assertNoLeak(response, url)
        # A holds B's unit (or typed its serial): the serial is A's own input, nothing else
        for url, data in (
            ("/my/products/register", {"code": "KM-B-0003"}),
            (f"/r/{self.serial_b.registration_token}/confirm", {"purchase_place": "x"}),
        ):
            response = self.post(url, data)
            self.assertNoLeak(response, url, secrets=B_SECRETS[1:])
            self.assertIn("already registered", response.text)
        # A's own report cannot be linked to B's suggestion log
        response = self.post(
            f"/my/products/{self.registration_a.id}/report/helpful",
            {"suggestion_id": self.suggestion_b.id, "article_id": self.faq.id},
        )
        self.assertTrue(
            response.headers["Location"].endswith(f"/my/products/{self.registration_a.id}")
        )
        response = self.post(
            f"/my/products/{self.registration_a.id}/report/submit",
            {"description": "Mijn eigen", "suggestion_id": self.suggestion_b.id},
        )
        own_ticket = self.env["helpdesk.ticket"].search(
            [("registration_id", "=", self.registration_a.id)]
        )
        self.assertTrue(response.headers["Location"].endswith(f"/my/ticket/{own_ticket.id}"))
        # nothing of B changed, and A's own report did not touch B's suggestion log
        self.assertFalse(ticket_b.closed)
        self.assertFalse(self.suggestion_b.helpful_article_id)
        self.assertFalse(self.suggestion_b.ticket_id)
        self.assertFalse(
            self.env["helpdesk.ticket"].search_count(
                [("registration_id", "=", reg_b.id), ("id", "!=", ticket_b.id)]
            )
        )
        self.assertEqual(self.serial_b.registration_ids, reg_b)
        # the QR of B's serial shows no data of B either
        url = f"/r/{self.serial_b.registration_token}"
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertNoLeak(response, url, secrets=B_SECRETS[1:])

    def test_logged_out_visitor(self):
        for url in (
            f"/my/products/{self.registration_b.id}",
            "/my/products",
            "/my/products/register",
            f"/my/products/{self.registration_b.id}/report",
        ):
            response = self.url_open(url, allow_redirects=False)
            self.assertNoLeak(response, url)

    def test_csrf_required(self):
        self.authenticate("klant_a", "klant_a")
        for url, data in (
            ("/my/products/register", {"code": "KM-F-0002"}),
            (f"/r/{self.serial_free.registration_token}/confirm", {"purchase_place": "x"}),
            (
                f"/my/products/{self.registration_a.id}/report/submit",
                {"description": "Zonder token"},
            ),
        ):
            response = self.url_open(url, data=data, allow_redirects=False)
            self.assertEqual(response.status_code, 400, url)
        self.assertFalse(self.serial_free.registration_ids)
        self.assertFalse(
            self.env["helpdesk.ticket"].search_count(
                [("registration_id", "=", self.registration_a.id)]
            )
        )
