# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .test_ticket_resolution import ResolutionCommon


@tagged("post_install", "-at_install")
class TestTicketReturnRma(ResolutionCommon):
    """Issue 15: a return of the unit goes through OCA rma, and customer service works it in
    rma's app (its list, its form, its buttons) as itself, not as superuser: the warehouse
    receives the unit, customer service credits or replaces it; the ticket follows the rma."""

    def _return(self):
        """The ticket's return, confirmed by customer service: the rma form it lands on."""
        resolution = self._open("return")
        action = resolution.action_confirm()
        self.assertEqual(action["res_model"], "rma", "customer service lands on the rma")
        rma = self.env["rma"].with_user(self.cs_user).browse(action["res_id"])
        self.assertEqual(rma, resolution.rma_id)
        return resolution, rma

    def _receive(self, rma):
        """The warehouse receives the unit (rma's receipt is a stock operation)."""
        receipt = rma.sudo().reception_move_id.picking_id.with_user(self.warehouse_user)
        self.assertEqual(receipt.move_line_ids.lot_id, self.old_serial)
        receipt.move_ids.picked = True
        receipt.button_validate()
        self.assertEqual(receipt.state, "done")

    def _read_view(self, records, view_type):
        """Read ``records`` as the web client does for rma's ``view_type`` view."""
        views = records.get_views([(False, view_type)])
        fields = views["models"][records._name]["fields"]
        relational = {"fields": {"display_name": {}}}
        spec = {
            name: relational if field["type"].endswith(("2one", "2many")) else {}
            for name, field in fields.items()
        }
        return records.web_read(spec)

    def test_customer_service_works_the_return_in_rma(self):
        Menu = self.env["ir.ui.menu"].with_user(self.cs_user)
        visible = Menu._visible_menu_ids()
        for xmlid in ("rma.rma_menu", "rma.rma_orders_menu", "rma.rma_dashboard_menu"):
            self.assertIn(self.env.ref(xmlid).id, visible, xmlid)
        self.assertNotIn(self.env.ref("rma.rma_configuration_menu").id, visible)

        resolution, rma = self._return()
        self.assertEqual(rma.state, "confirmed")
        # the list of rma's menu (every customer's returns) and the form, as the web client
        action = (
            self.env["ir.actions.act_window"].with_user(self.cs_user)._for_xml_id("rma.rma_action")
        )
        Rma = self.env[action["res_model"]].with_user(self.cs_user)
        found = Rma.web_search_read([], {"name": {}, "origin": {}, "state": {}})
        self.assertIn(rma.id, [row["id"] for row in found["records"]])
        self.assertEqual(self._read_view(rma, "list")[0]["origin"], self.ticket.number)
        form = self._read_view(rma, "form")[0]
        self.assertEqual(form["partner_id"]["display_name"], self.customer.display_name)
        self.assertEqual(form["operation_id"]["id"], self.env.ref("rma.rma_operation_refund").id)
        # assigned to someone else, it stays customer service's work
        rma.user_id = self.manager
        self.assertEqual(Rma.search([("id", "=", rma.id)]), rma)

        self._receive(rma)
        self.assertEqual(rma.state, "received")
        self.assertEqual(resolution.state, "done")
        self.assertEqual(self.ticket.stage_id, self._solved(), "received: the ticket is solved")

        # rma's "Crediteren": a draft credit note of the unit for the customer
        self.assertTrue(rma.can_be_refunded)
        rma.action_refund()
        self.assertEqual(rma.state, "refunded")
        refund = rma.refund_id
        self.assertEqual(refund.move_type, "out_refund")
        self.assertEqual(refund.state, "draft", "posted by accounting, not customer service")
        self.assertEqual(refund.partner_id, self.customer)
        self.assertEqual(refund.invoice_line_ids.product_id, self.mixer)
        self.assertEqual(resolution.state, "done")
        self.assertEqual(self.ticket.stage_id, self._solved())

    def test_customer_service_replaces_through_rma(self):
        resolution, rma = self._return()
        self._receive(rma)
        self.assertEqual(self.ticket.stage_id, self._solved())
        # not a credit but a new unit: rma's "Vervangen", through its delivery dialog
        rma.operation_id = self.env.ref("rma.rma_operation_replace")
        self.assertTrue(rma.can_be_replaced)
        action = rma.action_replace()
        self.assertEqual(action["res_model"], "rma.delivery.wizard")
        wizard = (
            self.env["rma.delivery.wizard"]
            .with_user(self.cs_user)
            .with_context(**action["context"])
            .create({"product_id": self.mixer.id, "product_uom": self.mixer.uom_id.id})
        )
        self.assertEqual(wizard.type, "replace")
        wizard.action_deliver()
        self.assertEqual(rma.state, "waiting_replacement")
        delivery = rma.sudo().delivery_move_ids.picking_id
        self.assertEqual(delivery.partner_id, self.customer)
        self.assertEqual(delivery.picking_type_id.code, "outgoing")
        self.assertEqual(resolution.state, "done")

    def test_other_departments_keep_out(self):
        """Sales and technicians do not work returns; rma's replace refuses them."""
        __, rma = self._return()
        for user in (self.sales_user, self.tech_user, self.portal_user):
            with self.assertRaises(AccessError):
                self.env["rma"].with_user(user).browse(rma.id).action_replace()
