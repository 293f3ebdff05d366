# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import json
import re
from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPortalConfirm(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.customer = Partner.create({"name": "IJssalon Koud", "is_company": True})
        cls.contact = Partner.create(
            {
                "name": "Els Koud",
                "parent_id": cls.customer.id,
                "email": "els@ijssalon.example.com",
            }
        )
        cls.other_customer = Partner.create({"name": "Snackbar Warm", "is_company": True})
        cls.portal_user = new_test_user(
            cls.env, login="crm_portal_els", groups="base.group_portal", partner_id=cls.contact.id
        )
        cls.other_user = new_test_user(
            cls.env, login="crm_portal_other", groups="base.group_portal", name="Other"
        )
        cls.other_user.partner_id.parent_id = cls.other_customer

    def _csrf_token(self):
        response = self.url_open("/my/account")
        self.assertEqual(response.status_code, 200)
        self.assertIn("My details are correct", response.text)
        return re.search(
            r'action="/my/account/confirm".*?name="csrf_token" value="([^"]+)"', response.text, re.S
        ).group(1)

    def test_confirm_own_data(self):
        self.authenticate("crm_portal_els", "crm_portal_els")
        token = self._csrf_token()
        response = self.url_open("/my/account/confirm", data={"csrf_token": token})
        self.assertEqual(response.status_code, 200)
        self.assertIn("Your details are confirmed", response.text)
        self.assertEqual(self.customer.data_confirmed_date, fields.Date.today())

    def test_cannot_confirm_someone_else(self):
        self.authenticate("crm_portal_other", "crm_portal_other")
        token = self._csrf_token()
        self.url_open(
            "/my/account/confirm",
            data={"csrf_token": token, "partner_id": self.customer.id, "id": self.customer.id},
        )
        self.assertFalse(self.customer.data_confirmed_date)
        self.assertEqual(self.other_customer.data_confirmed_date, fields.Date.today())

    def test_csrf_required_and_login_required(self):
        response = self.url_open("/my/account/confirm", data={})
        self.assertNotEqual(response.status_code, 200, "anonymous")
        self.authenticate("crm_portal_els", "crm_portal_els")
        response = self.url_open("/my/account/confirm", data={"csrf_token": "forged"})
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.customer.data_confirmed_date)

    def test_correction_confirms_too(self):
        self.authenticate("crm_portal_els", "crm_portal_els")
        token = self._csrf_token()
        country = self.env.ref("base.nl")
        response = self.url_open(
            "/my/address/submit",
            data={
                "csrf_token": token,
                "partner_id": self.contact.id,
                "name": "Els Koud",
                "email": "els@ijssalon.example.com",
                "phone": "+31 6 11112222",
                "street": "Kade 2",
                "city": "Rotterdam",
                "zip": "3011 AA",
                "country_id": country.id,
                "address_type": "billing",
                "use_delivery_as_billing": "true",
                "callback": "/my",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("redirectUrl", json.loads(response.text), response.text)
        self.assertEqual(self.contact.city, "Rotterdam")
        self.assertEqual(self.customer.data_confirmed_date, fields.Date.today())


@tagged("post_install", "-at_install")
class TestDataConfirmLink(HttpCase):
    """The data reminder's link works without a portal account: signed for one customer,
    expiring."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.customer = Partner.create(
            {
                "name": "Bakkerij Zonder Account",
                "is_company": True,
                "email": "info@zonder.example.com",
                "street": "Dorpsstraat 1",
                "city": "Zwolle",
            }
        )
        cls.other_customer = Partner.create(
            {"name": "Slagerij Ander", "is_company": True, "email": "info@ander.example.com"}
        )

    def _confirm(self, url, **data):
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        token = re.search(r'name="token" value="([^"]+)"', page.text).group(1)
        return self.url_open("/my/data/confirm", data={"csrf_token": csrf, "token": token, **data})

    def test_confirm_without_an_account(self):
        self.assertFalse(self.customer.user_ids)
        url = self.customer._get_data_confirm_url()
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200)
        self.assertIn("Bakkerij Zonder Account", page.text)
        self.assertIn("Dorpsstraat 1", page.text)
        self.assertNotIn("/web/login", page.url)
        response = self._confirm(url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Your details are confirmed", response.text)
        self.assertEqual(self.customer.data_confirmed_date, fields.Date.today())

    def test_link_is_for_one_customer(self):
        url = self.customer._get_data_confirm_url()
        # the other customer's id in the request changes nothing: the link names its customer
        self._confirm(url, partner_id=self.other_customer.id)
        self.assertFalse(self.other_customer.data_confirmed_date)
        # a token rewritten for the other customer is refused
        raw = base64.urlsafe_b64decode(url.split("token=")[1] + "===")
        forged = base64.urlsafe_b64encode(
            raw.replace(str(self.customer.id).encode(), str(self.other_customer.id).encode())
        ).decode()
        self.assertNotEqual(forged, url.split("token=")[1])
        for bad in (forged, "garbage", ""):
            response = self.url_open(f"/my/data/confirm?token={bad}")
            self.assertEqual(response.status_code, 403, bad)
            self.assertNotIn("Slagerij Ander", response.text)
        self.assertFalse(self.other_customer.data_confirmed_date)

    def test_expired_link_is_refused(self):
        with freeze_time(fields.Datetime.now() - timedelta(days=31)):
            url = self.customer._get_data_confirm_url()
        response = self.url_open(url)
        self.assertEqual(response.status_code, 403)
        self.assertIn("no longer valid", response.text)
        self.assertNotIn("Dorpsstraat", response.text)
        self.assertFalse(self.customer.data_confirmed_date)
