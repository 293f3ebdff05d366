# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import StockAlertCase


@tagged("post_install", "-at_install")
class TestStockAlert(StockAlertCase):
    def test_walk_normal_nearly_out_out_of_stock(self):
        """Normal → nearly out → out of stock: one alert per kind, mails and activities to
        purchasing; back in stock resolves them."""
        self._set_stock(self.product, 30)
        self.assertFalse(self._alerts(self.product))

        self._set_stock(self.product, 8)
        nearly = self._alerts(self.product)
        self.assertEqual(nearly.kind, "nearly_out")
        self.assertEqual(nearly.state, "open")
        self.assertEqual(nearly.qty_on_hand, 8)
        self.assertEqual(nearly.threshold, 10, "threshold from the reordering rule's minimum")
        self.assertEqual(nearly.vendor_id, self.vendor)
        self.assertEqual(nearly.lead_time, 3)
        # The activity goes to the product's responsible in purchasing.
        self.assertEqual(nearly.activity_ids.user_id, self.buyer)
        mail = self._mails(nearly)
        self.assertEqual(len(mail), 1)
        self.assertEqual(
            mail.recipient_ids, (self.buyer | self.buyer2).partner_id, "the whole department"
        )
        self.assertIn("Voorraadmelding", mail.subject, "Dutch for a Dutch company")
        self.assertIn("Chocoladehagel 400 g", mail.subject)
        self.assertIn("Bijna op", str(mail.body_html))

        # Lower, still nearly out: no flood.
        self._set_stock(self.product, 5)
        self.assertEqual(self._alerts(self.product), nearly)
        self.assertEqual(len(self._mails(nearly)), 1)

        self._set_stock(self.product, 0)
        alerts = self._alerts(self.product, state="open")
        self.assertEqual(sorted(alerts.mapped("kind")), ["nearly_out", "out_of_stock"])
        out = alerts - nearly
        self.assertEqual(len(self._mails(out)), 1)
        self.assertIn("Niet op voorraad", str(self._mails(out).body_html))

        self._set_stock(self.product, 40)
        self.assertEqual(set(alerts.mapped("state")), {"resolved"})
        self.assertTrue(all(alerts.mapped("resolved_date")))

        # A new shortage later opens a new alert: the unique index only covers open ones.
        self._set_stock(self.product, 3)
        self.assertEqual(len(self._alerts(self.product, kind="nearly_out")), 2)

    def test_own_threshold_beats_reordering_rule(self):
        self.product.stock_alert_threshold = 25
        self._set_stock(self.product, 20)
        self.assertEqual(self._alerts(self.product).threshold, 25)

    def test_auto_order_confirmed_and_receipt_resolves(self):
        """Auto mode "confirm": a confirmed PO up to the rule's maximum; its receipt resolves."""
        product = self._create_product("Bakpapier rol", stock_alert_order_mode="confirm")
        self._set_stock(product, 30)
        self._set_stock(product, 6)
        alert = self._alerts(product)
        self.assertEqual(alert.state, "ordered")
        order = alert.purchase_order_id
        self.assertEqual(order.partner_id, self.vendor)
        self.assertEqual(order.state, "purchase")
        self.assertEqual(order.order_line.product_qty, 44, "maximum 50 minus forecast 6")
        self.assertEqual(order.order_line.orderpoint_id.product_id, product)

        # Out of stock before the goods arrive: topped up to the maximum, never beyond.
        self._set_stock(product, 0)
        out = self._alerts(product, kind="out_of_stock")
        self.assertEqual(out.state, "ordered")
        self.assertEqual(out.purchase_order_id.order_line.product_qty, 6, "50 - (0 + 44 coming)")
        self.assertEqual(product.with_context(warehouse_id=self.warehouse.id).virtual_available, 50)

        receipts = (order | out.purchase_order_id).picking_ids
        for move in receipts.move_ids:
            move.quantity = move.product_uom_qty
        receipts.move_ids.picked = True
        receipts.button_validate()
        self.assertEqual(product.with_context(warehouse_id=self.warehouse.id).qty_available, 50)
        self.assertEqual(set((alert | out).mapped("state")), {"resolved"})

    def test_auto_order_draft(self):
        product = self._create_product("Bakpapier rol", stock_alert_order_mode="draft")
        self._set_stock(product, 4)
        alerts = self._alerts(product)
        self.assertEqual(set(alerts.mapped("state")), {"ordered"})
        self.assertEqual(alerts.purchase_order_id.state, "draft")

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
        self.assertEqual(len(rfq.order_line), 2)
        other_line = rfq.order_line.filtered(lambda line: line.product_id == other)
        self.assertEqual(other_line.product_qty, 18)

    def test_access(self):
        self._set_stock(self.product, 5)
        alert = self._alerts(self.product)
        self.assertTrue(alert.with_user(self.salesperson).read(["kind"]))
        self.assertTrue(alert.with_user(self.technician).read(["kind"]))
        with self.assertRaises(AccessError):
            alert.with_user(self.salesperson).action_order()
        with self.assertRaises(AccessError):
            alert.with_user(self.technician).write({"state": "resolved"})
        portal = self.env["res.users"].create(
            {
                "name": "Portal",
                "login": "alert_portal",
                "group_ids": [(6, 0, self.env.ref("base.group_portal").ids)],
            }
        )
        with self.assertRaises(AccessError):
            alert.with_user(portal).read(["kind"])

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
