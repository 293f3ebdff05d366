# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, time, timedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import StockAlertCase


@tagged("post_install", "-at_install")
class TestSaleShortage(StockAlertCase):
    # Not frozen in time: Odoo's forecast compares with the database's clock.
    def test_salesperson_informed_and_customer_gets_new_date(self):
        self._set_stock(self.product, 12)
        order_a = self._sell(self.customer_a, self.salesperson, self.product, 6)
        self.assertFalse(self._alerts(self.product))
        order_b = self._sell(self.customer_b, self.salesperson, self.product, 9)

        # Confirming order B makes the forecast negative: the alert opens ("will run short").
        alert = self._alerts(self.product)
        self.assertEqual((alert.level, alert.qty_forecast), ("short", -3))
        # Odoo's forecast: order A is reserved and on time, order B is not.
        self.assertEqual(alert.sale_order_ids, order_b)
        order_c = self._sell(self.customer_a, self.salesperson, self.product, 2)
        order_d = self._sell(self.customer_b, self.salesperson2, self.product, 1)
        self.assertEqual(alert.sale_order_ids, order_b | order_c | order_d, "later orders join")

        # One activity per salesperson, listing every customer and order of theirs.
        activities = alert.activity_ids.filtered(lambda a: a.user_id == self.salesperson)
        self.assertEqual(len(activities), 1)
        note = str(activities.note)
        for text in ("Bakkerij Jansen", "Banketbakkerij Smit", order_b.name, order_c.name):
            self.assertIn(text, note)
        self.assertNotIn(order_a.name, note)
        self.assertNotIn(order_d.name, note)
        self.assertEqual(
            len(alert.activity_ids.filtered(lambda a: a.user_id == self.salesperson2)), 1
        )
        self.assertIn(self.buyer, alert.activity_ids.user_id, "purchasing has its own")

        # Late orders are flagged, on-time ones not; a salesperson sees their own.
        SaleOrder = self.env["sale.order"].with_user(self.salesperson)
        self.assertTrue(order_b.with_user(self.salesperson).delivery_at_risk)
        self.assertFalse(order_a.with_user(self.salesperson).delivery_at_risk)
        self.assertEqual(SaleOrder.search([("delivery_at_risk", "=", True)]), order_b | order_c)
        self.assertEqual(SaleOrder.search([("delivery_at_risk", "=", False)]), order_a)

        # Purchasing orders; the receipt is expected in the vendor's 3 days.
        alert.with_user(self.buyer).action_order()
        alert.purchase_order_id.with_user(self.buyer).button_confirm()
        self._process()
        order_b.invalidate_recordset(["delivery_at_risk"])
        self.assertTrue(order_b.delivery_at_risk, "still after the promised date")

        # The salesperson gives customer B a new date ("nieuwe afspraak").
        action = order_b.with_user(self.salesperson).action_open_new_date()
        wizard_form = Form(
            self.env[action["res_model"]]
            .with_user(self.salesperson)
            .with_context(**action["context"])
        )
        today = fields.Date.today()
        self.assertEqual(
            wizard_form.commitment_date.date(), today + timedelta(days=3), "the forecast's date"
        )
        new_date = datetime.combine(today + timedelta(days=4), time(9, 0))
        wizard_form.commitment_date = new_date
        wizard_form.save().action_apply()
        self.assertEqual(order_b.commitment_date, new_date)
        order_b.invalidate_recordset(["delivery_at_risk"])
        self.assertFalse(order_b.delivery_at_risk, "the new date is after the replenishment")
        mail = (
            self.env["mail.mail"]
            .search([("model", "=", "sale.order"), ("res_id", "=", order_b.id)])
            .filtered(lambda m: self.customer_b in m.recipient_ids)
        )
        self.assertEqual(len(mail), 1)
        self.assertIn("Nieuwe leverdatum", mail.subject)
        self.assertIn(new_date.strftime("%d-%m-%Y"), str(mail.body_html))
        self.assertIn("Beste Banketbakkerij Smit", str(mail.body_html))

    def test_salesperson_sees_late_orders_of_their_customers(self):
        """The customer's salesperson sees the orders a shortage makes late that someone else
        took, and is told about them (failed before: Odoo shows a salesperson only the orders
        they are the salesperson of, and the activity went to the order's salesperson only)."""
        self.customer_b.user_id = self.salesperson2
        self._set_stock(self.product, 12)
        order_a = self._sell(self.customer_a, self.salesperson, self.product, 6)
        # taken by another salesperson, for a customer salesperson2 serves
        order_b = self._sell(self.customer_b, self.salesperson, self.product, 9)
        alert = self._alerts(self.product)
        self.assertEqual(alert.sale_order_ids, order_b)
        self.assertEqual(order_b.user_id, self.salesperson)

        self.env.invalidate_all()  # read as they would in their own request
        as_salesperson2 = alert.with_user(self.salesperson2)
        self.assertEqual(as_salesperson2.sale_order_ids, order_b, "the alert's affected orders")
        self.assertEqual(as_salesperson2.sale_order_ids.read(["name"])[0]["name"], order_b.name)
        SaleOrder = self.env["sale.order"].with_user(self.salesperson2)
        self.assertEqual(SaleOrder.search([("delivery_at_risk", "=", True)]), order_b)
        action = as_salesperson2.action_view_sale_orders()
        self.assertEqual(SaleOrder.search(action["domain"]), order_b)
        self.assertNotIn(order_a, SaleOrder.search([]), "another customer's order stays out")
        # they give the customer a new date themselves
        order_b.with_user(self.salesperson2).action_open_new_date()
        order_b.with_user(self.salesperson2).commitment_date = datetime.now() + timedelta(days=5)
        # and have their own activity listing the order, as the order's salesperson has
        activities = alert.activity_ids.filtered(lambda a: a.user_id == self.salesperson2)
        self.assertEqual(len(activities), 1)
        self.assertIn(order_b.name, str(activities.note))
        self.assertIn(
            order_b.name,
            str(alert.activity_ids.filtered(lambda a: a.user_id == self.salesperson).note),
        )

    def test_new_date_before_ordering_is_today_plus_lead_time(self):
        self._set_stock(self.product, 1)
        order = self._sell(self.customer_a, self.salesperson, self.product, 5)
        wizard = self.env["sale.order.new.date"].with_user(self.salesperson)
        wizard = wizard.create({"order_id": order.id})
        self.assertEqual(
            wizard.commitment_date.date(), fields.Date.today() + timedelta(days=3), "lead time"
        )

    def test_new_date_not_in_the_past(self):
        order = self._sell(self.customer_a, self.salesperson, self.product, 1)
        wizard = self.env["sale.order.new.date"].with_user(self.salesperson)
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            wizard.create(
                {"order_id": order.id, "commitment_date": datetime.now() - timedelta(days=1)}
            )
