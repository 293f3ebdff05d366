# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestQuickSale(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.sales = new_test_user(
            cls.env, "quick_sales", groups="bimbonbon_crm.group_sales", tz="Europe/Amsterdam"
        )
        cls.maintenance = new_test_user(
            cls.env, "quick_maintenance", groups="bimbonbon_crm.group_maintenance"
        )
        cls.portal = new_test_user(cls.env, "quick_portal", groups="base.group_portal")
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Bakkerij Snelle Service",
                "is_company": True,
                "city": "Utrecht",
                "phone": "+31 30 123 4567",
            }
        )
        cls.customer.customer_number = "K-QUICK-1"
        cls.croissants, cls.cake = cls.env["product.product"].create(
            [
                {"name": "Croissants tray", "sale_ok": True, "list_price": 12.5},
                {"name": "Birthday cake", "sale_ok": True, "list_price": 30.0},
            ]
        )

    def _quick(self, user, day=date(2026, 3, 10), lines=None):
        lines = lines if lines is not None else [(self.croissants, 2), (self.cake, 1)]
        return (
            self.env["sale.order.quick"]
            .with_user(user)
            .create(
                {
                    "partner_id": self.customer.id,
                    "commitment_date": day,
                    "line_ids": [
                        Command.create({"product_id": product.id, "quantity": quantity})
                        for product, quantity in lines
                    ],
                }
            )
        )

    @freeze_time("2026-03-02 09:00:00")
    def test_confirm_order(self):
        quick = self._quick(self.sales, lines=[(self.croissants, 2), (self.cake, 0)])
        action = quick.action_confirm_order()
        order = self.env["sale.order"].browse(action["res_id"])
        self.assertEqual(action["res_model"], "sale.order")
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.partner_id, self.customer)
        self.assertEqual(order.user_id, self.sales)
        self.assertEqual(order.order_line.product_id, self.croissants, "no line of quantity 0")
        self.assertEqual(order.order_line.product_uom_qty, 2)
        # noon in Amsterdam (UTC+1 in March) is 11:00 UTC: the same day everywhere in Europe
        self.assertEqual(order.commitment_date, datetime(2026, 3, 10, 11, 0))
        # a second call (a retry) makes no second order
        self.assertEqual(quick.action_confirm_order()["res_id"], order.id)
        self.assertEqual(
            self.env["sale.order"].search_count([("partner_id", "=", self.customer.id)]), 1
        )

    @freeze_time("2026-03-02 09:00:00")
    def test_bad_input(self):
        with self.assertRaisesRegex(UserError, "at least one product"):
            self._quick(self.sales, lines=[(self.cake, 0)]).action_confirm_order()
        with self.assertRaisesRegex(UserError, "past"):
            self._quick(self.sales, day=date(2026, 3, 1)).action_confirm_order()
        self.cake.sale_ok = False
        with self.assertRaisesRegex(UserError, "cannot be sold"):
            self._quick(self.sales).action_confirm_order()
        self.assertFalse(self.env["sale.order"].search([("partner_id", "=", self.customer.id)]))

    def test_only_sales_side(self):
        for user in (self.maintenance, self.portal):
            with self.assertRaises(AccessError):
                self._quick(user).action_confirm_order()
        # someone else's quick sale cannot be confirmed either
        quick = self._quick(self.sales, day=date.today() + timedelta(days=1))
        with self.assertRaises(AccessError):
            quick.with_user(self.maintenance).action_confirm_order()

    def test_tour_quick_sale_on_tablet(self):
        """A salesperson takes an order on a tablet (1024×768, touch), ending on the confirmed
        order."""
        self.browser_size = "1024x768"
        self.touch_enabled = True
        self.start_tour(
            "/odoo/action-bimbonbon_crm.sale_order_quick_action",
            "bimbonbon_quick_sale",
            login="quick_sales",
        )
        order = self.env["sale.order"].search([("partner_id", "=", self.customer.id)])
        self.assertEqual(len(order), 1)
        self.assertEqual(order.state, "sale")
        quantities = {line.product_id: line.product_uom_qty for line in order.order_line}
        self.assertEqual(quantities, {self.croissants: 2, self.cake: 1})
        self.assertGreater(order.commitment_date, datetime.now())
        self.assertLess(order.commitment_date, datetime.now() + timedelta(days=3))
