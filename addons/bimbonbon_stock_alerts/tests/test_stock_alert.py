# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import StockAlertCase


@tagged("post_install", "-at_install")
class TestStockAlert(StockAlertCase):
    def _purchasing_activities(self, alert):
        activity_type = self.env.ref("bimbonbon_stock_alerts.mail_activity_type_stock_alert")
        return alert.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)

    def _receive(self, orders):
        receipts = orders.picking_ids
        for move in receipts.move_ids:
            move.quantity = move.product_uom_qty
        receipts.move_ids.picked = True
        receipts.button_validate()
        self._process()

    def test_walk_one_alert_through_the_levels(self):
        """normal → will run short → nearly out → out of stock → ordered → received →
        resolved: one alert, one purchasing activity, one mail per escalation, one RFQ."""
        Alert = self.env["bimbonbon.stock.alert"]
        self._set_stock(self.product, 30)
        self.assertFalse(self._alerts(self.product))

        # Will run short: a confirmed order for more than there is.
        order = self._sell(self.customer_a, self.salesperson, self.product, 35)
        alert = self._alerts(self.product)
        self.assertEqual((alert.level, alert.state), ("short", "open"))
        self.assertEqual((alert.qty_on_hand, alert.qty_forecast), (30, -5))
        self.assertEqual(alert.threshold, 10, "threshold from the reordering rule's minimum")
        self.assertEqual(self._purchasing_activities(alert).user_id, self.buyer)
        mail = self._mails(alert)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.recipient_ids, (self.buyer | self.buyer2).partner_id)
        self.assertIn("Voorraadmelding", mail.subject, "Dutch for a Dutch company")
        self.assertIn("Chocoladehagel 400 g", mail.subject)
        self.assertIn("Dreigt op te raken", str(mail.body_html))
        self.assertEqual(alert.sale_order_ids, order, "its delivery is late in the forecast")

        # Nearly out, then lower (no flood), then out of stock: the same alert escalates.
        for quantity, level, mails in (
            (8, "nearly_out", 2),
            (5, "nearly_out", 2),
            (0, "out_of_stock", 3),
        ):
            self._set_stock(self.product, quantity)
            self.assertEqual(self._alerts(self.product), alert)
            self.assertEqual(alert.level, level)
            self.assertEqual(len(self._mails(alert)), mails)
            self.assertEqual(len(self._purchasing_activities(alert)), 1, "never a second one")
        self.assertIn("Niet op voorraad", str(self._mails(alert)[0].body_html))
        self.assertIn("Niet op voorraad", self._purchasing_activities(alert).summary)

        # The vendor and lead time shown are those of the replenishment.
        orderpoint = alert.orderpoint_id
        self.assertEqual(orderpoint.product_id, self.product)
        self.assertEqual(alert.vendor_id, orderpoint.effective_vendor_id)
        self.assertEqual(alert.vendor_id, self.vendor)
        self.assertEqual(alert.lead_days, orderpoint.lead_days)
        self.assertEqual(alert.lead_days, 3)

        # "Bestel": one RFQ, however often it is pressed.
        vendor, lead_days = orderpoint.effective_vendor_id, orderpoint.lead_days
        alert.with_user(self.buyer).action_order()
        with self.assertRaises(UserError):
            alert.with_user(self.buyer).action_order()
        self._process()
        self._run_full_check()
        rfq = alert.purchase_order_id
        self.assertEqual(alert.state, "ordered")
        lines = self.env["purchase.order.line"].search([("product_id", "=", self.product.id)])
        self.assertEqual(lines, rfq.order_line, "one RFQ line")
        self.assertEqual(rfq.partner_id, vendor)
        self.assertEqual(lines.product_qty, 85, "up to the maximum 50 from a forecast of -35")
        today = fields.Date.today()
        self.assertEqual(
            lines.date_planned.date(),
            today + timedelta(days=lead_days),
            "Odoo's lead days, not a horizon a year out",
        )
        self.assertFalse(self._purchasing_activities(alert), "done when ordered")

        # Received: resolved, nothing more sent.
        rfq.with_user(self.buyer).button_confirm()
        self._process()
        self.assertEqual(alert.state, "ordered")
        self._receive(rfq)
        self.assertEqual(alert.state, "resolved")
        self.assertTrue(alert.resolved_date)
        self.assertEqual(len(self._mails(alert)), 3)
        self.assertEqual(self._alerts(self.product), alert, "exactly one alert")
        # A new shortage later opens a new alert: the unique index only covers open ones.
        self._set_stock(self.product, 3)
        self.assertEqual(len(Alert.search([("product_id", "=", self.product.id)])), 2)

    def test_own_threshold_beats_reordering_rule(self):
        self.product.stock_alert_threshold = 25
        self._set_stock(self.product, 20)
        alert = self._alerts(self.product)
        self.assertEqual((alert.level, alert.threshold), ("nearly_out", 25))

    def test_monitoring_counts_open_alerts_per_level(self):
        def open_per_level():
            (family,) = self.env["bimbonbon.metrics"]._collect_stock_alert_metrics()
            return {s.labels["level"]: s.value for s in family.samples}

        before = open_per_level()
        self.product.stock_alert_threshold = 25
        self._set_stock(self.product, 20)
        after = open_per_level()
        self.assertEqual(after.get("nearly_out", 0), before.get("nearly_out", 0) + 1)

    def test_archived_product_raises_no_alert_and_ends_its_own(self):
        """Nobody reorders an archived product: the nightly full check leaves it alone and
        resolves the alert it still had."""
        other = self._create_product("Oude kandijsuiker")
        self._set_stock(self.product, 0)
        alert = self._alerts(self.product)
        (self.product | other).product_tmpl_id.action_archive()
        self._run_full_check()
        self.assertEqual(alert.state, "resolved")
        self.assertFalse(self._alerts(other))

    def test_de_escalates_without_mail(self):
        self._set_stock(self.product, 0)
        alert = self._alerts(self.product)
        self._set_stock(self.product, 6)
        self.assertEqual(alert.level, "nearly_out")
        self.assertEqual(len(self._mails(alert)), 1)
        self.assertIn("Bijna op", self._purchasing_activities(alert).summary)

    def test_auto_order_confirmed_and_receipt_resolves(self):
        """Auto mode "confirm": a confirmed PO up to the rule's maximum, once per alert."""
        product = self._create_product("Bakpapier rol", stock_alert_order_mode="confirm")
        self._set_stock(product, 30)
        self._set_stock(product, 6)
        alert = self._alerts(product)
        self.assertEqual(alert.state, "ordered")
        order = alert.purchase_order_id
        self.assertEqual(order.partner_id, self.vendor)
        self.assertEqual(order.state, "purchase")
        self.assertEqual(order.order_line.product_qty, 44, "maximum 50 minus forecast 6")

        # Out of stock before the goods arrive: the alert escalates, nothing is ordered twice.
        self._set_stock(product, 0)
        self.assertEqual(self._alerts(product), alert)
        self.assertEqual(alert.level, "out_of_stock")
        self.assertEqual(
            self.env["purchase.order.line"].search([("product_id", "=", product.id)]),
            order.order_line,
        )
        self._receive(order)
        self.assertEqual(alert.state, "resolved")

    def test_auto_order_draft(self):
        product = self._create_product("Bakpapier rol", stock_alert_order_mode="draft")
        self._set_stock(product, 4)
        alert = self._alerts(product)
        self.assertEqual(alert.state, "ordered")
        self.assertEqual(alert.purchase_order_id.state, "draft")

    def test_order_without_vendor_raises_core_activity(self):
        """Automatic ordering that cannot run: core's warning activity on the product, the
        alert stays open to order by hand."""
        product = self._create_product("Zonder leverancier", stock_alert_order_mode="draft")
        product.seller_ids = False
        self._set_stock(product, 4)
        alert = self._alerts(product)
        self.assertEqual(alert.state, "open")
        warning = self.env.ref("mail.mail_activity_data_warning")
        self.assertIn(warning, product.product_tmpl_id.activity_ids.activity_type_id)

    def test_order_without_rule_creates_a_manual_one(self):
        product = self._create_product("Cacaopoeder 1 kg", min_qty=None, stock_alert_threshold=8)
        self._set_stock(product, 5)
        alert = self._alerts(product)
        self.assertEqual(alert.orderpoint_id.trigger, "manual")
        self.assertEqual(alert.orderpoint_id.product_max_qty, 8)
        alert.with_user(self.buyer).action_order()
        self.assertEqual(alert.purchase_order_id.order_line.product_qty, 3)

    def test_order_button_by_buyer_adds_to_draft_rfq(self):
        """ "Bestel" by a purchasing user: one draft RFQ for the vendor, grows per product."""
        other = self._create_product("Cacaopoeder 1 kg", min_qty=5, max_qty=20)
        self._set_stock(self.product, 7)
        self._set_stock(other, 2)
        alert = self._alerts(self.product).with_user(self.buyer)
        alert.action_order()
        self.assertEqual(alert.state, "ordered")
        rfq = alert.purchase_order_id
        self.assertEqual(rfq.state, "draft")
        self.assertEqual(rfq.order_line.product_qty, 43)
        other_alert = self._alerts(other).with_user(self.buyer)
        other_alert.action_order()
        self.assertEqual(other_alert.purchase_order_id, rfq, "added to the same draft RFQ")
        other_line = rfq.order_line.filtered(lambda line: line.product_id == other)
        self.assertEqual(other_line.product_qty, 18)

    def test_access(self):
        self._set_stock(self.product, 5)
        alert = self._alerts(self.product)
        self.assertTrue(alert.with_user(self.salesperson).read(["level"]))
        self.assertTrue(alert.with_user(self.technician).read(["level"]))
        for user in (self.salesperson, self.technician):
            for method in ("action_order", "action_resolve"):
                with self.assertRaises(AccessError):
                    getattr(alert.with_user(user), method)()
        with self.assertRaises(AccessError):
            alert.with_user(self.technician).write({"state": "resolved"})
        portal = self.env["res.users"].create(
            {
                "name": "Portal",
                "login": "alert_portal",
                "group_ids": [(6, 0, self.env.ref("base.group_portal").ids)],
            }
        )
        for method in (
            "action_order",
            "action_resolve",
            "action_view_purchase_order",
            "action_view_sale_orders",
        ):
            with self.assertRaises(AccessError):
                getattr(alert.with_user(portal), method)()
        with self.assertRaises(AccessError):
            alert.with_user(portal).read(["level"])
        self.assertEqual(alert.state, "open")

    def test_multi_company_rule(self):
        self._set_stock(self.product, 5)
        alert = self._alerts(self.product)
        other_company = self.env["res.company"].create({"name": "Andere BV"})
        self.buyer.write({"company_ids": [(4, other_company.id)], "company_id": other_company.id})
        visible = (
            self.env["bimbonbon.stock.alert"]
            .with_user(self.buyer)
            .with_context(allowed_company_ids=[other_company.id])
            .search([("id", "=", alert.id)])
        )
        self.assertFalse(visible)
