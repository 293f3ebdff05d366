# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from odoo.addons.bimbonbon_service.tests.common import ServiceFixtures
from odoo.addons.bimbonbon_service.tests.common_notice import NoticeFixtures

from .common import BimbonbonPortalCase


@tagged("post_install", "-at_install")
class TestPortalNotice(NoticeFixtures, ServiceFixtures, BimbonbonPortalCase):
    browser_size = "390x844"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_registrable_products()
        cls.batch = cls.env["stock.lot"].create({"name": "SW-2026-R", "product_id": cls.mix.id})
        # one owner registered, the other only delivered to
        cls.registration = cls.env["bimbonbon.product.registration"].create(
            {"partner_id": cls.customer.id, "product_id": cls.mix.id, "lot_id": cls.batch.id}
        )
        cls._move_lot(cls.batch, cls.other_customer, 1)
        cls.notice = cls._create_notice(
            cls.mix_tmpl, name="Terugroepactie Stroopwafelmix", lot_ids=[(6, 0, cls.batch.ids)]
        )
        cls.notice.action_send()
        cls.mine = cls.notice.recipient_ids.filtered(lambda r: r.partner_id == cls.customer)
        cls.theirs = cls.notice.recipient_ids - cls.mine

    def test_delivered_owner_is_recipient(self):
        self.assertEqual(self.theirs.partner_id, self.other_customer)

    def test_read_marks_read(self):
        self.authenticate("klant", "klant")
        response = self.url_open(f"/my/notices/{self.mine.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Terugroepactie", response.text)
        self.assertTrue(self.mine.read_date)
        listing = self.url_open("/my/notices")
        self.assertIn("Terugroepactie", listing.text)

    def test_other_customers_notice_is_not_found(self):
        self.authenticate("klant", "klant")
        self.assertEqual(self.url_open(f"/my/notices/{self.theirs.id}").status_code, 404)
        wrong_token = self.url_open(
            f"/my/notices/{self.theirs.id}?access_token={self.mine.sudo().access_token}"
        )
        self.assertEqual(wrong_token.status_code, 404)
        response = self.url_open(
            f"/my/notices/{self.theirs.id}/acknowledge",
            data={"csrf_token": self._csrf()},
        )
        self.assertEqual(response.status_code, 404)
        self.assertFalse(self.theirs.acknowledged_date)
        self.assertFalse(self.theirs.read_date)

    def test_token_without_login(self):
        url = f"/my/notices/{self.theirs.id}?access_token={self.theirs.sudo().access_token}"
        self.assertEqual(self.url_open(url).status_code, 200)
        self.assertEqual(
            self.url_open(f"/my/notices/{self.theirs.id}?access_token=x").status_code, 404
        )
        self.assertEqual(self.url_open(f"/my/notices/{self.theirs.id}").status_code, 404)

    def test_acknowledge_needs_csrf_and_is_stored_once(self):
        self.authenticate("klant", "klant")
        url = f"/my/notices/{self.mine.id}/acknowledge"
        self.assertEqual(self.url_open(url, data={"csrf_token": "x"}).status_code, 400)
        self.assertFalse(self.mine.acknowledged_date)
        self.url_open(url, data={"csrf_token": self._csrf()})
        first = self.mine.acknowledged_date
        self.assertTrue(first)
        self.url_open(url, data={"csrf_token": self._csrf()})
        self.mine.invalidate_recordset()
        self.assertEqual(self.mine.acknowledged_date, first)

    def test_product_page_shows_notice(self):
        self.authenticate("klant", "klant")
        response = self.url_open(f"/my/products/{self.registration.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_bimbonbon_product_notices", response.text)
        self.assertIn("Terugroepactie Stroopwafelmix", response.text)

    def test_home_counter(self):
        self.authenticate("klant", "klant")
        response = self.url_open("/my/counters", json={"params": {"counters": ["notice_count"]}})
        self.assertEqual(response.json()["result"]["notice_count"], 1)

    def test_tour_acknowledge_recall(self):
        self.start_tour("/my", "bimbonbon_portal_notice_acknowledge", login="klant")
        self.assertTrue(self.mine.acknowledged_date)
        self.assertFalse(self.mine.is_open)


@tagged("post_install", "-at_install")
class TestPortalServiceMessages(BimbonbonPortalCase):
    """The consent for updates, manuals and recipes, changed on /my/account."""

    def _submit(self, **prefs):
        country = self.env.ref("base.nl")
        values = {
            "csrf_token": self._csrf(),
            "partner_id": self.customer.id,
            "name": self.customer.name,
            "email": self.customer.email,
            "phone": "+31 30 123 4567",
            "street": "Dorpsstraat 1",
            "city": "Utrecht",
            "zip": "3511 AA",
            "country_id": country.id,
            "address_type": "billing",
            "use_delivery_as_billing": "true",
            "bimbonbon_preferences": "1",
            **prefs,
        }
        return self.url_open("/my/address/submit", data=values)

    def test_service_messages_opt_in_and_out(self):
        self.authenticate("klant", "klant")
        self.assertIn('name="service_message_opt_in"', self.url_open("/my/account").text)
        response = self._submit(service_message_opt_in="1")
        self.assertIn("redirectUrl", response.json())
        self.assertTrue(self.customer.service_message_opt_in)
        self._submit()
        self.assertFalse(self.customer.service_message_opt_in)
