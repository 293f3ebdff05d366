# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, new_test_user, tagged

from .common import ServiceFixtures


@tagged("post_install", "-at_install")
class TestTicketResolutionTour(ServiceFixtures, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_registrable_products()
        cls.mixer.lst_price = 349.0
        warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.env.company.id)], limit=1
        )
        cls.old_serial, cls.new_serial = cls.env["stock.lot"].create(
            [
                {"name": "KM-T001", "product_id": cls.mixer.id},
                {"name": "KM-T002", "product_id": cls.mixer.id},
            ]
        )
        cls.env["stock.quant"]._update_available_quantity(
            cls.mixer, warehouse.lot_stock_id, 1, lot_id=cls.new_serial
        )
        cls.customer = cls._create_customer("Bakkerij De Tour", email="info@tour.example.com")
        cls.registration = cls.env["bimbonbon.product.registration"]._register_lot(
            cls.customer, cls.old_serial, channel="staff"
        )
        cls.ticket = cls.env["helpdesk.ticket"].create(
            {
                "name": "Mixer stops",
                "description": "<p>It stops after two minutes.</p>",
                "ticket_kind": "fault",
                "partner_id": cls.customer.id,
                "registration_id": cls.registration.id,
            }
        )
        # customer service who also hands out the delivery (a small shop)
        new_test_user(
            cls.env,
            "tour_cs",
            groups="bimbonbon_crm.group_customer_service,stock.group_stock_user",
        )

    def test_tour_replace_under_warranty(self):
        """Staff resolve a fault by a free replacement, end to end, on a desktop."""
        self.start_tour(
            f"/odoo/helpdesk.ticket/{self.ticket.id}",
            "bimbonbon_ticket_replacement",
            login="tour_cs",
        )
        resolution = self.ticket.resolution_ids
        self.assertEqual(len(resolution), 1)
        self.assertEqual(resolution.state, "done")
        order = resolution.sale_order_id
        self.assertEqual(order.amount_total, 0.0)
        self.assertEqual(order.picking_ids.state, "done")
        self.assertEqual(order.picking_ids.move_line_ids.lot_id, self.new_serial)
        self.assertEqual(
            self.ticket.stage_id, self.env.ref("bimbonbon_service.helpdesk_ticket_stage_solved")
        )
        self.assertEqual(self.registration.state, "cancelled")
        self.assertEqual(resolution.new_registration_id.lot_id, self.new_serial)
