# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.fields import Command
from odoo.tests import tagged

from .common import BimbonbonPortalCase

# Query budgets per page, the same with 1 and with 200 orders, offers and feedback tickets
# (measured: /my 19, offers 28, feedback 25, orders 18, order page 34, counters 35; a little
# room for the other BimBonBon addons' templates). /my counts its tiles itself since its lean
# layout (56 measured: the page's 19 plus what portal's script asked /my/counters for in up to
# three more requests after the page).
BUDGETS = {
    "/my": 58,
    # page 3 holds, with 200 coupons and 200 promotions, both kinds (like page 1 with one each)
    "/my/offers/page/3": 31,
    "/my/feedback": 28,
    "/my/orders": 21,
    "order": 37,  # /my/orders/<id> with its "Order again" button
}
COUNTERS_BUDGET = 38
# The pages of this addon run exactly as many queries with 1 as with 200 records
OWN_PAGES = ("/my", "/my/offers/page/3", "/my/feedback", "order")


@tagged("post_install", "-at_install")
class TestPortalQueries(BimbonbonPortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if "marketing_opt_in" in cls.customer._fields:
            cls.customer.marketing_opt_in = True
        cls.coupons = cls.env["loyalty.program"].create(
            {
                "name": "Coupons",
                "program_type": "coupons",
                "trigger": "with_code",
                "applies_on": "current",
                "reward_ids": [Command.create({"discount": 10, "required_points": 1})],
            }
        )

    def _add_records(self, count):
        """``count`` more orders (each with its own product), promotions aimed at those
        products, coupons and feedback tickets for the customer."""
        products = self.env["product.product"].create(
            [{"name": f"Product {i}", "type": "consu", "list_price": 1.0} for i in range(count)]
        )
        orders = self.env["sale.order"].create(
            [
                {
                    "partner_id": self.customer.id,
                    "order_line": [Command.create({"product_id": product.id})],
                }
                for product in products
            ]
        )
        orders.write({"state": "sale"})
        self.env["loyalty.program"].create(
            [
                {
                    "name": f"Promo {product.name}",
                    "program_type": "promo_code",
                    "trigger": "with_code",
                    "applies_on": "current",
                    "rule_ids": [
                        Command.create(
                            {
                                "mode": "with_code",
                                "code": f"CODE{product.id}",
                                "product_ids": [Command.set(product.ids)],
                            }
                        )
                    ],
                    "reward_ids": [Command.create({"discount": 10, "required_points": 1})],
                }
                for product in products
            ]
        )
        self.env["loyalty.card"].create(
            [
                {"program_id": self.coupons.id, "partner_id": self.customer.id, "points": 1}
                for __ in range(count)
            ]
        )
        Ticket = self.env["helpdesk.ticket"]
        for product in products:
            Ticket._create_feedback(self.customer, product, 8, "Goed")
        return orders

    def _measure(self, budgets, order):
        """Load each page twice (the first warms the caches) and count the queries of the
        second."""
        counts = {}
        for page, budget in budgets.items():
            url = f"/my/orders/{order.id}" if page == "order" else page
            self.url_open(url)
            with self.assertQueryCount(budget):
                start = self.cr.sql_log_count
                response = self.url_open(url)
                counts[page] = self.cr.sql_log_count - start
            self.assertEqual(response.status_code, 200, url)
        return counts

    def test_pages_run_a_constant_number_of_queries(self):
        self.authenticate("klant", "klant")
        order = self._add_records(1)[0]
        with_one = self._measure(BUDGETS, order)
        self._add_records(199)
        with_many = self._measure(BUDGETS, order)
        for page in OWN_PAGES:
            self.assertEqual(with_one[page], with_many[page], page)

    def test_counters_run_a_constant_number_of_queries(self):
        self.authenticate("klant", "klant")
        counters = ["offer_count", "feedback_count", "order_count", "ticket_count"]
        self._add_records(1)
        self.make_jsonrpc_request("/my/counters", {"counters": counters})
        with self.assertQueryCount(COUNTERS_BUDGET):
            start = self.cr.sql_log_count
            self.make_jsonrpc_request("/my/counters", {"counters": counters})
            with_one = self.cr.sql_log_count - start
        self._add_records(199)
        # warm up again: the first request also runs the creations' pending hooks (tracking)
        self.make_jsonrpc_request("/my/counters", {"counters": counters})
        with self.assertQueryCount(COUNTERS_BUDGET):
            start = self.cr.sql_log_count
            result = self.make_jsonrpc_request("/my/counters", {"counters": counters})
            with_many = self.cr.sql_log_count - start
        self.assertEqual(with_one, with_many)
        self.assertEqual(result["offer_count"], 400)
        self.assertEqual(result["feedback_count"], 200)
        self.assertEqual(result["ticket_count"], 200)  # the feedback tickets
