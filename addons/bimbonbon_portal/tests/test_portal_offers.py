# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo import fields
from odoo.fields import Command
from odoo.tests import tagged

from odoo.addons.portal.controllers.portal import CustomerPortal

from .common import BimbonbonPortalCase, take_phone_screenshot


@tagged("post_install", "-at_install")
class TestPortalOffers(BimbonbonPortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.today()
        cls.order = cls._create_order(cls.customer, cls.product)
        cls.product_unowned = cls.env["product.product"].create(
            {"name": "Deegroller", "type": "consu", "list_price": 8.0}
        )
        if "marketing_opt_in" in cls.customer._fields:
            cls.customer.marketing_opt_in = True
        cls.promo_code = cls._create_program(
            "Tien procent op bakvormen",
            "promo_code",
            "with_code",
            rule={"product_ids": [Command.set(cls.product.ids)], "code": "BAKVORM10"},
        )
        cls.promo_category = cls._create_program(
            "Bakweek",
            "promotion",
            "auto",
            rule={"product_category_id": cls.category.id},
            date_to=cls.today + timedelta(days=30),
        )
        cls.promo_unowned = cls._create_program(
            "Rollerdag",
            "promo_code",
            "with_code",
            rule={"product_ids": [Command.set(cls.product_unowned.ids)], "code": "ROLLER"},
        )
        cls.promo_ended = cls._create_program(
            "Voorbij",
            "promotion",
            "auto",
            rule={"product_ids": [Command.set(cls.product.ids)]},
            date_to=cls.today - timedelta(days=1),
        )
        cls.coupons = cls._create_program("Excuses-coupon", "coupons", "with_code", rule=None)
        Card = cls.env["loyalty.card"]
        cls.card = Card.create(
            {
                "program_id": cls.coupons.id,
                "partner_id": cls.customer.id,
                "code": "SORRY-KLANT",
                "points": 1,
            }
        )
        cls.card_used = Card.create(
            {
                "program_id": cls.coupons.id,
                "partner_id": cls.customer.id,
                "code": "USED",
                "points": 0,
            }
        )
        cls.card_expired = Card.create(
            {
                "program_id": cls.coupons.id,
                "partner_id": cls.customer.id,
                "code": "EXPIRED",
                "points": 1,
                "expiration_date": cls.today - timedelta(days=1),
            }
        )
        cls.card_other = Card.create(
            {
                "program_id": cls.coupons.id,
                "partner_id": cls.other_customer.id,
                "code": "SORRY-ANDERE",
                "points": 1,
            }
        )

    @classmethod
    def _create_program(cls, name, program_type, trigger, rule, **vals):
        return cls.env["loyalty.program"].create(
            {
                "name": name,
                "program_type": program_type,
                "trigger": trigger,
                "applies_on": "current",
                "rule_ids": [
                    Command.create({"mode": trigger, "minimum_qty": 1, **rule}),
                ]
                if rule
                else [],
                "reward_ids": [
                    Command.create(
                        {
                            "reward_type": "discount",
                            "discount": 10,
                            "discount_mode": "percent",
                            "discount_applicability": "order",
                            "required_points": 1,
                        }
                    )
                ],
                **vals,
            }
        )

    def test_offers_aimed_at_what_the_customer_buys(self):
        partner = self.customer
        programs = self.env["loyalty.program"].search(partner._get_portal_offer_program_domain())
        self.assertEqual(programs, self.promo_code | self.promo_category)
        cards = self.env["loyalty.card"].search(partner._get_portal_offer_card_domain())
        self.assertEqual(cards, self.card)
        # The day after its end date, the category promotion is over
        with freeze_time(self.today + timedelta(days=31)):
            programs = self.env["loyalty.program"].search(
                partner._get_portal_offer_program_domain()
            )
            self.assertEqual(programs, self.promo_code)

    def test_offers_page_shows_codes_and_how_to_use(self):
        self.authenticate("klant", "klant")
        response = self.url_open("/my/offers")
        self.assertEqual(response.status_code, 200)
        html = response.text
        for shown in ("SORRY-KLANT", "BAKVORM10", "Bakweek", "Tien procent op bakvormen"):
            self.assertIn(shown, html)
        for hidden in ("SORRY-ANDERE", "ROLLER", "Voorbij", "EXPIRED", "USED"):
            self.assertNotIn(hidden, html)
        self.assertIn("How to use it", html)

    def test_offers_are_paged(self):
        # 3 offers (1 coupon, 2 promotions), 2 per page: the coupon first, then the promotions
        self.authenticate("klant", "klant")
        with patch.object(CustomerPortal, "_items_per_page", 2):
            first = self.url_open("/my/offers").text
            second = self.url_open("/my/offers/page/2").text
        self.assertIn("SORRY-KLANT", first)
        self.assertIn("/my/offers/page/2", first)
        self.assertNotIn("SORRY-KLANT", second)
        shown = [name for name in ("Bakweek", "Tien procent") if name in first]
        self.assertEqual(len(shown), 1)
        self.assertTrue(all(name not in second for name in shown))
        self.assertTrue(any(name in second for name in ("Bakweek", "Tien procent")))

    def test_offers_page_in_dutch(self):
        self._speak_dutch(self.customer_user)
        self.authenticate("klant", "klant")
        html = self.url_open("/my/offers").text
        for dutch in ("Aanbiedingen", "Je code", "Zo werkt het", "Kortingsbon"):
            self.assertIn(dutch, html)
        take_phone_screenshot(self, "/my/offers", "portal_offers")

    def test_offer_counter(self):
        self.authenticate("klant", "klant")
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["offer_count"]})
        self.assertEqual(counters["offer_count"], 3)

    def test_no_marketing_consent_only_own_coupons(self):
        self.customer.marketing_opt_in = False
        self.authenticate("klant", "klant")
        html = self.url_open("/my/offers").text
        self.assertIn("SORRY-KLANT", html)
        self.assertNotIn("BAKVORM10", html)
        self.assertNotIn("Bakweek", html)
        self.assertIn('href="/my/account"', html)

    def test_registered_products_count_as_owned(self):
        product = self.product_unowned
        self.assertNotIn(product, self.customer._get_portal_owned_products())
        self.env["sale.order.line"].search([]).order_id.filtered(
            lambda o: o.partner_id == self.customer
        ).write({"state": "cancel"})
        self._register(self.customer, product)
        self.assertEqual(self.customer._get_portal_owned_products(), product)
        programs = self.env["loyalty.program"].search(
            self.customer._get_portal_offer_program_domain()
        )
        self.assertEqual(programs, self.promo_unowned)

    def _register(self, partner, product):
        product.product_tmpl_id.tracking = "lot"
        lot = self.env["stock.lot"].create({"name": "B-2026-001", "product_id": product.id})
        return self.env["bimbonbon.product.registration"].create(
            {"partner_id": partner.id, "product_id": product.id, "lot_id": lot.id}
        )
