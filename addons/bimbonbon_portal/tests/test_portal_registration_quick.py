# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
from html import unescape
from unittest.mock import patch
from urllib.parse import urlsplit

from odoo import fields
from odoo.exceptions import AccessDenied
from odoo.tests import new_test_user, tagged
from odoo.tools import SQL

from odoo.addons.mail.models.mail_render_mixin import MailRenderMixin
from odoo.addons.mail.models.mail_template import MailTemplate

from ..models.res_users import SIGNIN_CREDENTIAL
from .common_portal_registration import PortalRegistrationCase

SIGNIN_LINK = re.compile(r'href="([^"]*/r/signin\?[^"]*)"')


@tagged("post_install", "-at_install")
class TestPortalRegistrationQuick(PortalRegistrationCase):
    """Registration in ten seconds from a QR label, without an account."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.token = cls.serial_free.registration_token
        cls.Registration = cls.env["bimbonbon.product.registration"]

    def quick(self, token=None, **data):
        data.setdefault("name", "Sanne Scan")
        data.setdefault("email", "sanne.scan@example.com")
        return self.post(f"/r/{token or self.token}/quick", data)

    def signin_mail(self, email):
        mail = self.env["mail.mail"].search([("email_to", "ilike", email)], order="id desc")
        self.assertEqual(len(mail), 1, f"one mail to {email}")
        return mail

    def signin_path(self, mail):
        links = SIGNIN_LINK.findall(mail.body_html)
        self.assertEqual(len(links), 1, mail.body_html)
        url = urlsplit(unescape(links[0]))
        return f"{url.path}?{url.query}"

    def signin(self, path, csrf=True):
        """Follow the link as the browser does: the page, then its one button."""
        response = self.url_open(path)
        self.assertEqual(response.status_code, 200)
        token = re.search(r'name="token" value="([^"]+)"', response.text).group(1)
        redirect = re.search(r'name="redirect" value="([^"]+)"', response.text).group(1)
        data = {"token": unescape(token), "redirect": unescape(redirect)}
        if csrf:
            data["csrf_token"] = self.csrf()
        return self.url_open("/r/signin", data=data, allow_redirects=False)

    def test_new_visitor_registers_and_signs_in_by_mail(self):
        self.assertEqual(
            self.env["website"].get_current_website().auth_signup_uninvited,
            "b2b",
            "sign-up stays closed to the uninvited",
        )
        self.authenticate(None, None)
        response = self.url_open(f"/r/{self.token}")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("KM-F-0002", response.text, "the serial is not shown to visitors")
        response = self.quick(purchase_date="2026-01-05", marketing_consent="1")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Check your e-mail", response.text)
        self.assertIn("sanne.scan@example.com", response.text)

        # stored at once: a new customer, a portal user without a password, the registration
        user = self.env["res.users"].search([("login", "=", "sanne.scan@example.com")])
        self.assertTrue(user._is_portal())
        self.assertEqual(user.name, "Sanne Scan")
        [password] = self.env.execute_query(
            SQL("SELECT password FROM res_users WHERE id = %s", user.id)
        )[0]
        self.assertFalse(password, "no password is set first")
        registration = self.serial_free.registration_ids
        self.assertRecordValues(
            registration,
            [
                {
                    "partner_id": user.partner_id.id,
                    "channel": "qr",
                    "marketing_consent": True,
                    "state": "registered",
                    "purchase_date": fields.Date.to_date("2026-01-05"),
                }
            ],
        )
        self.assertGreater(user.partner_id.customer_rank, 0)

        # the mail, with a sign-in link (Odoo's signup token), to that address only
        mail = self.signin_mail("sanne.scan@example.com")
        self.assertIn("Keukenmixer KM-1", mail.subject)
        self.assertFalse(mail.recipient_ids)
        path = self.signin_path(mail)
        self.assertTrue(path.startswith("/r/signin?token="), path)

        # opening the link (a mail scanner does too) signs no one in, the button does
        response = self.url_open(path)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Open my product", response.text)
        response = self.signin(path)
        self.assertEqual(response.status_code, 303)
        self.assertTrue(
            response.headers["Location"].endswith(f"/my/products/{registration.id}"),
            response.headers["Location"],
        )
        response = self.url_open(f"/my/products/{registration.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_bimbonbon_product_name", response.text)
        self.assertEqual(self.url_open("/my/products").status_code, 200)

        # the link works once
        self.authenticate(None, None)
        response = self.url_open(path)
        self.assertEqual(response.status_code, 400)
        self.assertIn("This link no longer works", response.text)

    def test_known_email_gets_the_link_never_the_data(self):
        self.authenticate(None, None)
        response = self.quick(name="Iemand Anders", email="ANNA@klant.example.com ")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Check your e-mail", response.text)
        for private in ("Anna Klant", "KM-A-0001", "Winkel A"):
            self.assertNotIn(private, response.text)
        registration = self.serial_free.registration_ids
        self.assertEqual(registration.partner_id, self.partner_a, "the account of that address")
        self.assertEqual(self.partner_a.name, "Anna Klant", "the typed name changes nothing")
        self.assertFalse(
            self.env["res.users"].search_count([("login", "=ilike", "anna@klant.example.com")])
        )
        mail = self.signin_mail("anna@klant.example.com")
        self.assertIn("anna@klant.example.com", mail.email_to)
        # the link signs Anna in (she has a password too; the link is her choice)
        self.assertEqual(self.signin(self.signin_path(mail)).status_code, 303)

        # staff never sign in by a mailed link: theirs goes to the login page
        self.authenticate(None, None)
        staff = new_test_user(
            self.env, "medewerker", groups="base.group_user", email="staf@example.com"
        )
        response = self.quick(token=self.batch.registration_token, email="staf@example.com")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.batch.registration_ids.partner_id, staff.partner_id)
        mail = self.signin_mail("staf@example.com")
        self.assertNotIn("/r/signin", mail.body_html)
        self.assertIn("/web/login?redirect=", mail.body_html)

    def test_known_customer_without_account_gets_one(self):
        customer = self.env["res.partner"].create(
            {"name": "Bakkerij Jansen", "email": "jansen@example.com", "customer_rank": 1}
        )
        contact = self.env["res.partner"].create(
            {"name": "Piet", "email": "piet@example.com", "parent_id": customer.id}
        )
        self.authenticate(None, None)
        response = self.quick(name="Jan", email="jansen@example.com")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.serial_free.registration_ids.partner_id, customer)
        self.assertTrue(customer.user_ids._is_portal())
        self.assertEqual(customer.name, "Bakkerij Jansen")
        # a company's contact person is not given an account with the company's documents
        response = self.quick(token=self.batch.registration_token, email="piet@example.com")
        self.assertEqual(response.status_code, 200)
        registration = self.batch.registration_ids
        self.assertNotEqual(registration.partner_id, contact)
        self.assertFalse(registration.partner_id.parent_id)
        self.assertFalse(contact.user_ids)

    def test_owned_serial_refused_review_task(self):
        self.authenticate(None, None)
        token = self.serial_b.registration_token
        response = self.quick(token=token, name="Dief", email="dief@example.com")
        self.assertEqual(response.status_code, 400)
        self.assertIn("already registered", response.text)
        self.assertNotIn("Bert", response.text, "nothing of the owner is shown")
        self.assertFalse(
            self.env["res.partner"].search_count([("email", "=", "dief@example.com")]),
            "no customer and no account made",
        )
        activity = self.serial_b.activity_ids
        self.assertEqual(len(activity), 1, "the review task for customer service is kept")
        self.assertIn("dief@example.com", activity.note)
        self.assertFalse(self.env["mail.mail"].search_count([("email_to", "ilike", "dief@")]))
        # the owner scanning again, logged out, just gets a new link to the same registration
        response = self.quick(token=token, name="Bert", email="bert@anders.example.com")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.serial_b.registration_ids, self.registration_b)
        mail = self.signin_mail("bert@anders.example.com")
        self.assertIn(f"%2Fmy%2Fproducts%2F{self.registration_b.id}", mail.body_html)

    def test_bad_input_4xx_in_dutch(self):
        self.activate_dutch(("bimbonbon_portal",))
        self.authenticate(None, None)
        nl = f"/nl/r/{self.token}/quick"
        cases = [
            ({"name": "", "email": "a@example.com"}, "Vul je naam in"),
            ({"name": "Sanne", "email": "geen-adres"}, "geldig e-mailadres"),
            ({"name": "Sanne", "email": "a@example.com", "purchase_date": "2999-01-01"}, None),
            ({"name": "Sanne", "email": "a@example.com", "purchase_date": "gisteren"}, None),
        ]
        for data, message in cases:
            response = self.post(nl, data)
            self.assertEqual(response.status_code, 400, data)
            if message:
                self.assertIn(message, response.text)
        response = self.post(nl, {"name": "Sa\x00nne", "email": "a@exam\x00ple.com"})
        self.assertIn(response.status_code, (200, 400))
        # no CSRF token: refused
        response = self.url_open(
            f"/r/{self.token}/quick", data={"name": "Sanne", "email": "b@example.com"}
        )
        self.assertEqual(response.status_code, 400)
        response = self.quick(token="onbekend-token")
        self.assertEqual(response.status_code, 404)
        self.assertFalse(self.env["res.users"].search_count([("login", "=", "b@example.com")]))
        # a garbage or foreign sign-in token, or a redirect elsewhere: no 500, no sign-in
        for path in ("/r/signin", "/r/signin?token=abc", "/r/signin?token=%00%ff&redirect=//x"):
            self.assertEqual(self.url_open(path).status_code, 400, path)

    def test_rate_limited_like_typed_codes(self):
        self.authenticate(None, None)
        for i in range(10):
            response = self.quick(name="", email=f"spam{i}@example.com")
            self.assertEqual(response.status_code, 400)
        response = self.quick(email="echt@example.com")
        self.assertEqual(response.status_code, 429)
        self.assertFalse(self.serial_free.registration_ids)
        # one address gets at most three mails, from any address
        self.env["bimbonbon.registration.attempt"].search([]).write({"ip": "203.0.113.9"})
        for __ in range(3):
            response = self.quick(token=self.batch.registration_token, email="doelwit@example.com")
            self.assertEqual(response.status_code, 200)
        self.env["bimbonbon.registration.attempt"].search([]).write({"ip": "203.0.113.10"})
        response = self.quick(token=self.batch.registration_token, email="doelwit@example.com")
        self.assertEqual(response.status_code, 429)
        mails = self.env["mail.mail"].search([("email_to", "ilike", "doelwit@example.com")])
        self.assertEqual(len(mails), 3)
        self.assertEqual(len(self.batch.registration_ids), 1, "one registration, links again")

    def test_nothing_half_when_the_mail_fails(self):
        self.authenticate(None, None)

        def broken(*args, **kwargs):
            raise ValueError("mail queue down")

        with patch.object(MailTemplate, "send_mail", broken):
            response = self.quick()
        self.assertEqual(response.status_code, 503)
        self.assertIn("nothing was saved", response.text)
        self.assertFalse(self.serial_free.registration_ids)
        self.assertFalse(
            self.env["res.partner"].search_count([("email", "=", "sanne.scan@example.com")])
        )
        self.assertFalse(
            self.env["res.users"].search_count([("login", "=", "sanne.scan@example.com")])
        )

        # a template that does not render: the same
        def not_rendered(*args, **kwargs):
            raise ValueError("Failed to render template")

        with patch.object(MailRenderMixin, "_render_template", not_rendered):
            response = self.quick()
        self.assertEqual(response.status_code, 503)
        self.assertFalse(self.serial_free.registration_ids)
        self.assertFalse(self.env["mail.mail"].search_count([("email_to", "ilike", "sanne.scan")]))

    def test_signin_credential_only_own_token(self):
        self.partner_b.signup_prepare()
        token_b = self.partner_b._generate_signup_token()
        env = {"interactive": True}
        with self.assertRaises(AccessDenied):
            self.user_a.with_user(self.user_a)._check_credentials(
                {"type": SIGNIN_CREDENTIAL, "login": "klant_a", "token": token_b}, env
            )
        auth = self.user_b.with_user(self.user_b)._check_credentials(
            {"type": SIGNIN_CREDENTIAL, "login": "klant_b", "token": token_b}, env
        )
        self.assertEqual(auth["uid"], self.user_b.id)
        self.assertFalse(self.partner_b.signup_type, "used: the token no longer matches")
        # a reset token, or no token, is no sign-in link
        self.partner_b.signup_prepare(signup_type="reset")
        token_reset = self.partner_b._generate_signup_token()
        for token in (token_reset, None, "x"):
            with self.assertRaises(AccessDenied):
                self.user_b.with_user(self.user_b)._check_credentials(
                    {"type": SIGNIN_CREDENTIAL, "login": "klant_b", "token": token}, env
                )
