# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time

from odoo.fields import Command, Date
from odoo.tests import new_test_user, tagged

from .common import ServiceCommon


@tagged("post_install", "-at_install")
class TestRegistrationDelivery(ServiceCommon):
    """Registered without asking: what we deliver to a customer is registered to them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.env.company.id)], limit=1
        )
        cls.stock = cls.warehouse.lot_stock_id
        cls.customers = cls.env.ref("stock.stock_location_customers")
        cls.more_serials = cls.env["stock.lot"].create(
            [{"name": f"KM-01{i:02d}", "product_id": cls.mixer.id} for i in range(4)]
        )
        Quant = cls.env["stock.quant"]
        for lot in cls.serial_1 | cls.serial_2 | cls.more_serials:
            Quant._update_available_quantity(cls.mixer, cls.stock, 1, lot_id=lot)
        Quant._update_available_quantity(cls.mix, cls.stock, 10, lot_id=cls.batch)
        # the warehouse validates: no rights on registrations at all
        cls.warehouse_user = new_test_user(
            cls.env,
            "magazijn",
            groups="stock.group_stock_user,sales_team.group_sale_salesman",
        )

    def _sell(self, product, qty):
        with freeze_time("2026-03-02 10:00:00"):
            order = self.env["sale.order"].create(
                {
                    "partner_id": self.customer.id,
                    "order_line": [
                        Command.create({"product_id": product.id, "product_uom_qty": qty})
                    ],
                }
            )
            order.action_confirm()
        return order

    def _deliver(self, picking, lots=None):
        """Validate ``picking`` as the warehouse, with ``lots`` only when given (backorder)."""
        picking = picking.with_user(self.warehouse_user)
        picking.action_assign()
        if lots is not None:
            picking.move_line_ids.filtered(lambda ml: ml.lot_id not in lots).unlink()
        picking.move_ids.picked = True
        with freeze_time("2026-03-05 09:00:00"):
            picking.with_context(cancel_backorder=False)._action_done()
        return picking

    def _return(self, lot, qty=1.0):
        picking = self.env["stock.picking"].create(
            {
                "picking_type_id": self.warehouse.in_type_id.id,
                "partner_id": self.customer.id,
                "location_id": self.customers.id,
                "location_dest_id": self.stock.id,
                "move_ids": [
                    Command.create(
                        {
                            "product_id": lot.product_id.id,
                            "product_uom_qty": qty,
                            "location_id": self.customers.id,
                            "location_dest_id": self.stock.id,
                        }
                    )
                ],
            }
        )
        picking.action_confirm()
        picking.move_ids.move_line_ids = [
            Command.clear(),
            Command.create(
                {
                    "product_id": lot.product_id.id,
                    "lot_id": lot.id,
                    "quantity": qty,
                    "location_id": self.customers.id,
                    "location_dest_id": self.stock.id,
                }
            ),
        ]
        picking.move_ids.picked = True
        picking.with_user(self.warehouse_user).button_validate()
        self.assertEqual(picking.state, "done")
        return picking

    def _registrations(self, lot):
        return self.Registration.search([("lot_id", "=", lot.id)])

    def test_delivery_registers_return_ends(self):
        order = self._sell(self.mixer, 2)
        picking = self._deliver(order.picking_ids)
        self.assertEqual(picking.state, "done")
        lots = picking.move_line_ids.lot_id
        self.assertEqual(len(lots), 2)
        registrations = self.Registration.search([("lot_id", "in", lots.ids)])
        self.assertRecordValues(
            registrations,
            [
                {
                    "partner_id": self.customer.id,
                    "channel": "delivery",
                    "state": "registered",
                    "purchase_date": Date.to_date("2026-03-02"),
                    "warranty_end_date": Date.to_date("2028-03-02"),
                }
            ]
            * 2,
        )
        self.assertIn(self.customer, registrations[0].message_partner_ids)
        self.assertEqual(picking._get_delivery_registrations(), registrations)
        # the delivery slip (attached to the delivery mail) tells the customer
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("stock.action_report_delivery", picking.ids)[0]
            .decode()
        )
        self.assertIn("Registered to you", html)
        self.assertIn(lots[0].name, html)
        # validating again (or a second pass over the same lines) registers nothing twice
        self.assertFalse(self.Registration._register_delivered(picking.move_line_ids))
        self.assertEqual(self.Registration.search_count([("lot_id", "in", lots.ids)]), 2)

        # one unit comes back: its registration ends, the other stays
        returned = lots[0]
        self._return(returned)
        self.assertEqual(self._registrations(returned).state, "cancelled")
        self.assertIn(
            "came back",
            self._registrations(returned).message_ids[:1].body,
        )
        self.assertEqual(self._registrations(lots[1]).state, "registered")

    def test_backorder_no_duplicates(self):
        order = self._sell(self.mixer, 2)
        picking = order.picking_ids
        first = self._deliver(picking, lots=self.serial_1)
        backorder = first.backorder_ids
        self.assertTrue(backorder)
        self.assertEqual(self._registrations(self.serial_1).channel, "delivery")
        self._deliver(backorder)
        self.assertEqual(
            self.Registration.search_count(
                [("partner_id", "=", self.customer.id), ("channel", "=", "delivery")]
            ),
            2,
        )
        self.assertEqual(len(self._registrations(self.serial_1)), 1)

    def test_batch_ends_when_all_returned(self):
        order = self._sell(self.mix, 10)
        self._deliver(order.picking_ids)
        registration = self._registrations(self.batch)
        self.assertEqual(registration.channel, "delivery")
        self.assertEqual(registration.state, "registered")
        self.assertFalse(registration.warranty_end_date, "the mix has no warranty")
        self._return(self.batch, 4)
        self.assertEqual(registration.state, "registered", "six bags are still there")
        self._return(self.batch, 6)
        self.assertEqual(registration.state, "cancelled")

    def test_serial_of_someone_else_left_alone(self):
        other = self.Registration._register_lot(self.other_customer, self.serial_1, "staff")
        order = self._sell(self.mixer, 1)
        self._deliver(order.picking_ids, lots=self.serial_1)
        self.assertEqual(self._registrations(self.serial_1), other)

    def test_not_configured_nothing(self):
        self.assertTrue(self.mixer_tmpl.register_on_delivery, "registrable: on by default")
        self.mixer_tmpl.register_on_delivery = False
        order = self._sell(self.mixer, 2)
        picking = self._deliver(order.picking_ids)
        self.assertEqual(picking.state, "done")
        lots = picking.move_line_ids.lot_id
        self.assertFalse(self.Registration.search([("lot_id", "in", lots.ids)]))
        self.assertFalse(picking._get_delivery_registrations())

    def test_constant_queries_per_picking(self):
        """Registering one unit or six costs the same number of queries."""
        self.mixer_tmpl.register_on_delivery = False
        small = self._deliver(self._sell(self.mixer, 1).picking_ids, lots=self.serial_1)
        large = self._deliver(self._sell(self.mixer, 5).picking_ids)
        self.assertEqual(len(large.move_line_ids), 5)
        self.mixer_tmpl.register_on_delivery = True
        # warm the caches (a batch of another product goes through the same code)
        self._deliver(self._sell(self.mix, 1).picking_ids)
        self.assertTrue(self._registrations(self.batch))
        counts = []
        for picking in (small, large):
            self.env.invalidate_all()
            lines = picking.move_line_ids
            queries_before = self.cr.sql_log_count
            self.Registration._register_delivered(lines)
            counts.append(self.cr.sql_log_count - queries_before)
        self.assertEqual(
            self.Registration.search_count(
                [("channel", "=", "delivery"), ("product_id", "=", self.mixer.id)]
            ),
            6,
        )
        # five lines cost no more queries than one
        self.assertLessEqual(counts[1], counts[0], counts)
