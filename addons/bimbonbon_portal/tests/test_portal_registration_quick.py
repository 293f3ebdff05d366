# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
from html import unescape
from unittest.mock import patch
from urllib.parse import unquote, urlsplit

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

    def set_login(self, user, login):
        """The login as Odoo's portal invitation makes it: the customer's address (without
        the security mail that a change of login queues)."""
        user.login = login
        self.env["mail.mail"].search([("email_to", "ilike", login)]).unlink()

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
        self.set_login(self.user_a, "anna@klant.example.com")
        self.authenticate(None, None)
        response = self.quick(name="Iemand Anders", email="ANNA@klant.example.com ")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Check your e-mail", response.text)
        for private in ("Anna Klant", "KM-A-0001", "Winkel A"):
            self.assertNotIn(private, response.text)
        registration = self.serial_free.registration_ids
        self.assertEqual(registration.partner_id, self.partner_a, "the account of that address")
        self.assertEqual(self.partner_a.name, "Anna Klant", "the typed name changes nothing")
        self.assertEqual(
            self.env["res.users"].search([("login", "=ilike", "anna@klant.example.com")]),
            self.user_a,
            "no second account",
        )
        mail = self.signin_mail("anna@klant.example.com")
        self.assertIn("anna@klant.example.com", mail.email_to)
        # the link signs Anna in (she has a password too; the link is her choice)
        self.assertEqual(self.signin(self.signin_path(mail)).status_code, 303)

        # staff never sign in by a mailed link: theirs goes to the login page
        self.authenticate(None, None)
        staff = new_test_user(
            self.env, "staf@example.com", groups="base.group_user", email="staf@example.com"
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
        self.set_login(self.user_b, "bert@anders.example.com")
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
        token_b = self.user_b._get_signin_token()
        env = {"interactive": True}
        with self.assertRaises(AccessDenied):
            self.user_a.with_user(self.user_a)._check_credentials(
                {"type": SIGNIN_CREDENTIAL, "login": "klant_a", "token": token_b}, env
            )
        # never an API credential (XML-RPC, JSON-RPC): a mailed link is no password
        with self.assertRaises(AccessDenied):
            self.user_b.with_user(self.user_b)._check_credentials(
                {"type": SIGNIN_CREDENTIAL, "login": "klant_b", "token": token_b},
                {"interactive": False},
            )
        auth = self.user_b.with_user(self.user_b)._check_credentials(
            {"type": SIGNIN_CREDENTIAL, "login": "klant_b", "token": token_b}, env
        )
        self.assertEqual(auth["uid"], self.user_b.id)
        # Odoo's reset or invitation tokens, or no token, are no sign-in link
        self.partner_b.signup_prepare(signup_type="reset")
        token_reset = self.partner_b._generate_signup_token()
        self.partner_b.signup_prepare(signup_type="signup")
        token_invite = self.partner_b._generate_signup_token()
        for token in (token_reset, token_invite, None, "x"):
            with self.assertRaises(AccessDenied):
                self.user_b.with_user(self.user_b)._check_credentials(
                    {"type": SIGNIN_CREDENTIAL, "login": "klant_b", "token": token}, env
                )

    def test_signin_link_works_once(self):
        token = self.user_b._get_signin_token()
        self.assertEqual(self.env["res.users"]._get_signin_user(token), self.user_b)
        self.user_b.with_user(self.user_b)._update_last_login()  # any sign-in: link, password
        self.env["res.users"].invalidate_model(["login_date"])
        self.assertFalse(self.env["res.users"]._get_signin_user(token))

    def test_contact_address_changed_to_someone_elses_gets_nothing(self):
        """A customer who sets the address of their own contact to someone else's (the portal
        lets them) receives neither that person's registration nor their sign-in link."""
        mallory = new_test_user(
            self.env, "mallory@evil.example.com", groups="base.group_portal", name="Mallory"
        )
        mallory.partner_id.email = "slachtoffer@example.com"
        self.authenticate(None, None)
        response = self.quick(name="Sam Slachtoffer", email="slachtoffer@example.com")
        self.assertEqual(response.status_code, 200)
        registration = self.serial_free.registration_ids
        self.assertNotEqual(registration.partner_id, mallory.partner_id)
        victim = self.env["res.users"].search([("login", "=", "slachtoffer@example.com")])
        self.assertEqual(registration.partner_id, victim.partner_id, "an account of their own")
        path = self.signin_path(self.signin_mail("slachtoffer@example.com"))
        token = re.search(r"token=([^&]+)", unescape(path)).group(1)
        self.assertEqual(self.env["res.users"]._get_signin_user(unquote(token)), victim)

    def test_visitor_gives_no_consent_for_an_existing_account(self):
        self.set_login(self.user_a, "anna@klant.example.com")
        self.authenticate(None, None)
        response = self.quick(email="anna@klant.example.com", marketing_consent="1")
        self.assertEqual(response.status_code, 200)
        self.assertRecordValues(
            self.serial_free.registration_ids,
            [{"partner_id": self.partner_a.id, "marketing_consent": False}],
        )

    def test_registration_leaves_a_pending_password_reset_alone(self):
        self.set_login(self.user_b, "bert@anders.example.com")
        self.partner_b.signup_prepare(signup_type="reset")
        token_reset = self.partner_b._generate_signup_token()
        self.authenticate(None, None)
        response = self.quick(email="bert@anders.example.com")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.partner_b.signup_type, "reset")
        self.assertEqual(self.partner_b._get_partner_from_token(token_reset), self.partner_b)

    def test_signin_link_of_another_account_swaps_no_one(self):
        path = f"/r/signin?token={self.user_b._get_signin_token()}&redirect=/my/products"
        self.authenticate("klant_a", "klant_a")
        response = self.url_open(path)
        self.assertEqual(response.status_code, 409)
        self.assertIn("o_bimbonbon_signin_other_user", response.text)
        self.assertNotIn("Bert", response.text)
        self.assertEqual(self.url_open("/my/account").status_code, 200)
        self.assertIn("Anna Klant", self.url_open("/my/account").text, "still Anna")
        # the owner already signed in just goes on
        self.authenticate("klant_b", "klant_b")
        path = f"/r/signin?token={self.user_b._get_signin_token()}&redirect=/my/products"
        response = self.url_open(path, allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertTrue(response.headers["Location"].endswith("/my/products"))

    def test_rate_limit_counts_one_mailbox_once(self):
        self.authenticate(None, None)
        spellings = ["doelwit@example.com", "Doelwit+1@example.com", "doelwit@EXAMPLE.com"]
        for email in spellings:
            response = self.quick(token=self.batch.registration_token, email=email)
            self.assertEqual(response.status_code, 200, email)
        response = self.quick(token=self.batch.registration_token, email="doelwit+2@example.com")
        self.assertEqual(response.status_code, 429)
        # quoted local parts and a trailing dot are valid for the RFC, not for us
        self.env["bimbonbon.registration.attempt"].search([]).unlink()
        for email in ('"doelwit"@example.com', "doelwit@example.com."):
            response = self.quick(token=self.batch.registration_token, email=email)
            self.assertEqual(response.status_code, 400, email)

    def test_signin_goes_on_to_two_step_verification(self):
        """A customer with two-step verification is not signed in by the link alone: they go
        on to their code, with their product as the target (before, they ended on the login
        page with the link used up)."""
        self.user_b.sudo().totp_secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
        self.authenticate(None, None)
        path = f"/r/signin?token={self.user_b._get_signin_token()}&redirect=/my/products"
        response = self.signin(path)
        self.assertEqual(response.status_code, 303)
        location = unquote(response.headers["Location"])
        self.assertIn("/web/login/totp", location)
        self.assertIn("redirect=/my/products", location)
        self.assertEqual(self.url_open("/my/account", allow_redirects=False).status_code, 303)
