# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import StockAlertCase


@tagged("post_install", "-at_install")
@freeze_time("2026-11-23 09:00:00")
class TestSaleShortage(StockAlertCase):
    def test_salesperson_informed_and_customer_gets_new_date(self):
        self._set_stock(self.product, 12)
        quotation = self._sell(self.customer_b, self.salesperson, self.product, 2, confirm=False)
        order_a = self._sell(self.customer_a, self.salesperson, self.product, 6)
        self.assertFalse(self._alerts(self.product, kind="short_for_orders"))
        order_c = self._sell(self.customer_b, self.salesperson2, self.product, 9)

        # Confirming order C makes the forecast negative: the alert opens on confirmation.
        short = self._alerts(self.product, kind="short_for_orders")
        self.assertEqual(short.qty_forecast, -3)
        self.assertEqual(short.sale_order_ids, quotation | order_a | order_c)
        # One activity per salesperson, listing every customer and order of theirs.
        activities = short.activity_ids.filtered(lambda a: a.user_id == self.salesperson)
        self.assertEqual(len(activities), 1)
        note = str(activities.note)
        for text in ("Bakkerij Jansen", "Banketbakkerij Smit", order_a.name, quotation.name):
            self.assertIn(text, note)
        self.assertNotIn(order_c.name, note)
        self.assertEqual(
            len(short.activity_ids.filtered(lambda a: a.user_id == self.salesperson2)), 1
        )
        # Purchasing still gets its own activity.
        self.assertIn(self.buyer, short.activity_ids.user_id)

        # Confirmed orders not deliverable in time are flagged; the quotation is not.
        SaleOrder = self.env["sale.order"].with_user(self.salesperson)
        self.assertTrue(order_a.with_user(self.salesperson).delivery_at_risk)
        self.assertFalse(quotation.with_user(self.salesperson).delivery_at_risk)
        self.assertEqual(
            SaleOrder.search([("delivery_at_risk", "=", True)]), order_a, "own orders only"
        )
        self.assertEqual(SaleOrder.search([("delivery_at_risk", "=", False)]), quotation)

        # The salesperson gives customer A a new date ("nieuwe afspraak").
        action = order_a.with_user(self.salesperson).action_open_new_date()
        wizard_form = Form(
            self.env[action["res_model"]]
            .with_user(self.salesperson)
            .with_context(**action["context"])
        )
        self.assertEqual(
            wizard_form.commitment_date, datetime(2026, 11, 26, 9, 0), "today + vendor lead time"
        )
        wizard_form.commitment_date = datetime(2026, 11, 27, 9, 0)
        wizard_form.save().action_apply()
        self.assertEqual(order_a.commitment_date, datetime(2026, 11, 27, 9, 0))
        self.assertFalse(order_a.delivery_at_risk, "the new date is after the replenishment")
        mail = (
            self.env["mail.mail"]
            .search([("model", "=", "sale.order"), ("res_id", "=", order_a.id)])
            .filtered(lambda m: self.customer_a in m.recipient_ids)
        )
        self.assertEqual(len(mail), 1)
        self.assertIn("Nieuwe leverdatum", mail.subject)
        self.assertIn("27-11-2026", str(mail.body_html))
        self.assertIn("Beste Bakkerij Jansen", str(mail.body_html))

    def test_new_date_not_in_the_past(self):
        order = self._sell(self.customer_a, self.salesperson, self.product, 1)
        wizard = self.env["sale.order.new.date"].with_user(self.salesperson)
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            wizard.create(
                {"order_id": order.id, "commitment_date": datetime.now() - timedelta(days=1)}
            )
