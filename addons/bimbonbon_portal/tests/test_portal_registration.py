# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged
from odoo.tools import SQL

from ..controllers.product_registration import get_video_embed_url
from .common_portal_registration import MINIMAL_PDF, PortalRegistrationCase, make_png


@tagged("post_install", "-at_install")
class TestPortalRegistration(PortalRegistrationCase):
    def _registrations(self, partner):
        return self.env["bimbonbon.product.registration"].search([("partner_id", "=", partner.id)])

    # ------------------------------------------------------------------
    # Typed codes
    # ------------------------------------------------------------------

    def test_register_code_messages_and_success(self):
        self.authenticate("klant_a", "klant_a")
        response = self.url_open("/my/products/register")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Keukenmixer KM-1", response.text)

        response = self.post("/my/products/register", {"code": "NOPE-999"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("Unknown code NOPE-999", response.text)
        self.assertIn('value="NOPE-999"', response.text, "the form keeps the entered code")

        response = self.post(
            "/my/products/register", {"code": "KM-F-0002", "product_id": self.mix.id}
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("does not belong to Stroopwafelmix", response.text)

        response = self.post("/my/products/register", {"code": "KM-B-0003"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("already registered", response.text)
        self.assertNotIn("Bert", response.text, "nothing of the owner is shown")

        response = self.post(
            "/my/products/register", {"code": "KM-F-0002", "product_id": self.mixer.id}
        )
        self.assertEqual(response.status_code, 303)
        registration = self._registrations(self.partner_a).filtered(
            lambda r: r.lot_id == self.serial_free
        )
        self.assertEqual(registration.channel, "portal")
        self.assertTrue(
            response.headers["Location"].endswith(f"/my/products/{registration.id}?registered=1")
        )
        self.assertEqual(
            self.env["bimbonbon.registration.attempt"].search_count(
                [("user_id", "=", self.user_a.id)]
            ),
            3,
        )

    def test_rate_limit_per_user_and_per_ip(self):
        Attempt = self.env["bimbonbon.registration.attempt"]
        self.authenticate("klant_a", "klant_a")
        for i in range(10):
            response = self.post("/my/products/register", {"code": f"GUESS-{i}"})
            self.assertEqual(response.status_code, 400)
        response = self.post("/my/products/register", {"code": "KM-F-0002"})
        self.assertEqual(response.status_code, 429)
        self.assertIn("Too many wrong codes", response.text)
        self.assertFalse(self.serial_free.registration_ids, "blocked: even a right code waits")
        # the same IP address is blocked for another account too
        self.authenticate("klant_b", "klant_b")
        response = self.post("/my/products/register", {"code": "KM-F-0002"})
        self.assertEqual(response.status_code, 429)
        # per user, whatever the IP: move A's attempts to other addresses
        Attempt.search([("user_id", "=", self.user_a.id)]).write({"ip": "203.0.113.9"})
        response = self.post("/my/products/register", {"code": "KM-F-0002"})
        self.assertEqual(response.status_code, 303, "B from this IP may register again")
        self.authenticate("klant_a", "klant_a")
        response = self.post("/my/products/register", {"code": "SW-2026-A"})
        self.assertEqual(response.status_code, 429, "A stays blocked on any IP")
        # ten minutes later the window has passed
        with freeze_time(fields.Datetime.now() + timedelta(minutes=11)):
            self.assertFalse(Attempt._is_blocked(self.user_a, "203.0.113.9"))
        # the counting queries use an index on (user_id | ip, create_date)
        indexes = dict(
            self.env.execute_query(
                SQL(
                    "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s",
                    Attempt._table,
                )
            )
        )
        self.assertTrue(any("(user_id, create_date)" in d for d in indexes.values()), indexes)
        self.assertTrue(any("(ip, create_date)" in d for d in indexes.values()), indexes)
        # the autovacuum removes attempts older than a day
        with freeze_time(fields.Datetime.now() + timedelta(days=2)):
            Attempt._gc_old_attempts()
        self.assertFalse(Attempt.search_count([]))

    # ------------------------------------------------------------------
    # QR landing
    # ------------------------------------------------------------------

    def test_qr_landing_logged_out_and_unknown(self):
        token = self.serial_free.registration_token
        self.assertTrue(token)
        response = self.url_open(f"/r/{token}")
        self.assertEqual(response.status_code, 200)
        # sign-up is off (b2b): the visitor registers right here, or logs in
        self.assertNotIn("/web/signup", response.text)
        self.assertIn(f'action="/r/{token}/quick"', response.text)
        self.assertIn(f"/web/login?redirect=%2Fr%2F{token}", response.text)
        self.assertNotIn("KM-F-0002", response.text, "the serial is not shown to visitors")

        response = self.url_open("/r/this-token-does-not-exist")
        self.assertEqual(response.status_code, 404)
        self.assertIn("We do not recognise this code", response.text)

        self.serial_free.action_revoke_registration_token()
        response = self.url_open(f"/r/{token}")
        self.assertEqual(response.status_code, 404)
        self.assertIn("We do not recognise this code", response.text)

    def test_qr_confirm_registers_with_proof(self):
        token = self.serial_free.registration_token
        self.authenticate("klant_a", "klant_a")
        response = self.url_open(f"/r/{token}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Register my product", response.text)

        # a text file named .png is refused by its content; nothing is saved
        response = self.post(
            f"/r/{token}/confirm",
            {"purchase_place": "Bakkerij", "purchase_date": "2026-01-05"},
            files={"proof_of_purchase": ("bon.png", b"not an image at all", "image/png")},
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("is not an allowed file type", response.text)
        self.assertIn('value="Bakkerij"', response.text)
        self.assertFalse(self.serial_free.registration_ids)

        response = self.post(
            f"/r/{token}/confirm",
            {"purchase_date": "2999-01-01"},
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("valid purchase date", response.text)

        response = self.post(
            f"/r/{token}/confirm",
            {
                "purchase_place": "Bakkerij Jansen",
                "purchase_date": "2026-01-05",
                "marketing_consent": "1",
            },
            files={"proof_of_purchase": ("bon.pdf", MINIMAL_PDF, "application/pdf")},
        )
        self.assertEqual(response.status_code, 303)
        registration = self.serial_free.registration_ids
        self.assertEqual(len(registration), 1)
        self.assertRecordValues(
            registration,
            [
                {
                    "partner_id": self.partner_a.id,
                    "channel": "qr",
                    "purchase_place": "Bakkerij Jansen",
                    "purchase_date": fields.Date.to_date("2026-01-05"),
                    "marketing_consent": True,
                    "proof_of_purchase_filename": "bon.pdf",
                    "warranty_end_date": fields.Date.to_date("2028-01-05"),
                }
            ],
        )
        self.assertTrue(registration.proof_of_purchase)
        # scanning again opens the product page
        response = self.url_open(f"/r/{token}", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertTrue(response.headers["Location"].endswith(f"/my/products/{registration.id}"))

    def test_qr_proof_too_large(self):
        token = self.serial_free.registration_token
        self.authenticate("klant_a", "klant_a")
        big = make_png() + b"\0" * (5 * 1024 * 1024)
        response = self.post(
            f"/r/{token}/confirm", files={"proof_of_purchase": ("bon.png", big, "image/png")}
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("larger than 5 MB", response.text)
        self.assertFalse(self.serial_free.registration_ids)

    # ------------------------------------------------------------------
    # List, product page, home counter
    # ------------------------------------------------------------------

    def test_products_list_and_page(self):
        self.authenticate("klant_a", "klant_a")
        response = self.url_open("/my/products")
        self.assertEqual(response.status_code, 200)
        self.assertIn("KM-A-0001", response.text)
        self.assertNotIn("KM-B-0003", response.text)

        response = self.url_open(f"/my/products/{self.registration_a.id}")
        self.assertEqual(response.status_code, 200)
        text = response.text
        self.assertIn("Keukenmixer KM-1", text)
        self.assertIn("Handleiding KM-1", text)
        self.assertIn("Boterkoek", text)
        self.assertIn("Meng boter, suiker en bloem.", text)
        self.assertIn("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", text)
        self.assertNotIn("evil.example.com", text, "only allowed video hosts are embedded")
        self.assertNotIn("Video op een andere site", text)
        self.assertIn("Report a problem", text)
        self.assertIn(f"/my/products/{self.registration_a.id}/report", text)

        response = self.url_open(f"/my/products/{self.registration_a.id}/manual/{self.manual.id}")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, MINIMAL_PDF)
        self.assertIn("attachment", response.headers["Content-Disposition"])
        self.assertIn("handleiding-km1.pdf", response.headers["Content-Disposition"])
        # an article that is not a manual of this product is not served
        response = self.url_open(f"/my/products/{self.registration_a.id}/manual/{self.recipe.id}")
        self.assertEqual(response.status_code, 404)

    def test_registered_on_delivery_told(self):
        """A unit we delivered (bimbonbon_service registers it) says so in the portal."""
        registration = self.env["bimbonbon.product.registration"]._register_lot(
            self.partner_a, self.batch, channel="delivery"
        )
        self.authenticate("klant_a", "klant_a")
        response = self.url_open("/my/products")
        self.assertIn("registered on delivery", response.text)
        response = self.url_open(f"/my/products/{registration.id}")
        self.assertIn("automatically, when we delivered it", response.text)
        response = self.url_open(f"/my/products/{self.registration_a.id}")
        self.assertNotIn("when we delivered it", response.text)

    def test_product_page_with_access_token(self):
        token = self.registration_a._portal_ensure_token()
        response = self.url_open(f"/my/products/{self.registration_a.id}?access_token={token}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("KM-A-0001", response.text)
        response = self.url_open(
            f"/my/products/{self.registration_a.id}/manual/{self.manual.id}?access_token={token}"
        )
        self.assertEqual(response.content, MINIMAL_PDF)

    def test_home_counter(self):
        self.authenticate("klant_a", "klant_a")
        result = self.make_jsonrpc_request("/my/counters", {"counters": ["registration_count"]})
        self.assertEqual(result, {"registration_count": 1})
        response = self.url_open("/my")
        self.assertIn("/my/products", response.text)

    def test_pages_in_dutch(self):
        self.activate_dutch()
        self.authenticate("klant_a", "klant_a")
        response = self.url_open("/nl/my/products")
        self.assertIn("Mijn producten", response.text)
        self.assertIn("Product registreren", response.text)
        response = self.url_open(f"/nl/my/products/{self.registration_a.id}")
        self.assertIn("Meld een probleem", response.text)
        self.assertIn("Handleidingen", response.text)
        response = self.post("/nl/my/products/register", {"code": "NOPE-1"})
        self.assertIn("Serienummer of batchcode", response.text)
        response = self.url_open(f"/nl/my/products/{self.registration_a.id}/report")
        self.assertIn("Beschrijf het probleem", response.text)

    def test_video_embed_url(self):
        self.assertEqual(
            get_video_embed_url("https://youtu.be/dQw4w9WgXcQ?t=3"),
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        )
        self.assertEqual(
            get_video_embed_url("https://vimeo.com/76979871"),
            "https://player.vimeo.com/video/76979871?dnt=1",
        )
        for url in (
            "https://evil.example.com/watch?v=dQw4w9WgXcQ",
            'https://youtu.be/abc"onload="x',
            "javascript:alert(1)",
            False,
        ):
            self.assertFalse(get_video_embed_url(url), url)
