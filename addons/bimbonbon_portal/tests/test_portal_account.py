# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields
from odoo.tests import tagged

from .common import BimbonbonPortalCase


@tagged("post_install", "-at_install")
class TestPortalAccount(BimbonbonPortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.country = cls.env.ref("base.nl")
        cls.customer.write(
            {
                "street": "Dorpsstraat 1",
                "city": "Utrecht",
                "zip": "3511 AA",
                "country_id": cls.country.id,
                "phone": "+31 30 123 4567",
                "marketing_opt_in": False,
                "data_reminder_opt_out": False,
            }
        )

    def _submit(self, **prefs):
        values = {
            "csrf_token": self._csrf(),
            "partner_id": self.customer.id,
            "name": self.customer.name,
            "email": self.customer.email,
            "phone": self.customer.phone,
            "street": self.customer.street,
            "city": self.customer.city,
            "zip": self.customer.zip,
            "country_id": self.country.id,
            "address_type": "billing",
            "use_delivery_as_billing": "true",
            "bimbonbon_preferences": "1",
            **prefs,
        }
        return self.url_open("/my/address/submit", data=values)

    def test_account_form_shows_preferences(self):
        self.authenticate("klant", "klant")
        html = self.url_open("/my/account").text
        self.assertIn('name="marketing_opt_in"', html)
        self.assertIn('name="data_reminder"', html)

    def test_opt_in_and_out(self):
        self.authenticate("klant", "klant")
        response = self._submit(marketing_opt_in="1")  # data_reminder unchecked
        self.assertIn("redirectUrl", response.json())
        self.assertTrue(self.customer.marketing_opt_in)
        self.assertTrue(self.customer.data_reminder_opt_out)
        self._submit(data_reminder="1")  # marketing unchecked now
        self.assertFalse(self.customer.marketing_opt_in)
        self.assertFalse(self.customer.data_reminder_opt_out)

    def test_address_form_elsewhere_keeps_preferences(self):
        self.customer.marketing_opt_in = True
        self.authenticate("klant", "klant")
        values = {"bimbonbon_preferences": ""}  # not the account form: no marker
        self._submit(**values)
        self.assertTrue(self.customer.marketing_opt_in)

    def test_confirm_data_tour(self):
        # No freezegun here: the browser's clock would disagree with the session cookie's.
        self.assertFalse(self.customer.data_confirmed_date)
        self.start_tour("/my/account", "bimbonbon_portal_confirm_data", login="klant")
        self.assertEqual(self.customer.data_confirmed_date, fields.Date.today())
