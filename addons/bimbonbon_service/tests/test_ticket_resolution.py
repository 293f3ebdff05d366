# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon

from .common import ServiceFixtures

TODAY = "2026-06-01 10:00:00"


class ResolutionCommon(ServiceFixtures, AccountTestInvoicingCommon):
    """A customer who bought and received a mixer (serial KM-R001, invoiced), and its ticket."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the invoicing fixtures run as an accountant; our set-up builds as superuser
        cls.env = cls.env(su=True, context=dict(cls.env.context, tracking_disable=False))
        cls.company = cls.company_data["company"]
        cls._create_registrable_products()
        cls.mixer.lst_price = 300.0
        cls.mixer.taxes_id = False
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        cls.stock = cls.warehouse.lot_stock_id
        cls.old_serial, cls.new_serial = cls.env["stock.lot"].create(
            [
                {"name": "KM-R001", "product_id": cls.mixer.id},
                {"name": "KM-R002", "product_id": cls.mixer.id},
            ]
        )
        Quant = cls.env["stock.quant"]
        for lot in cls.old_serial | cls.new_serial:
            Quant._update_available_quantity(cls.mixer, cls.stock, 1, lot_id=lot)
        cls.env["maintenance.team"].create({"name": "Buitendienst", "company_id": cls.company.id})
        cls.customer = cls._create_customer("De Gouden Krakeling", email="info@krak.example.com")
        users = {"company_id": cls.company.id, "company_ids": cls.company.ids}
        cls.cs_user = cls._create_department_user("customer_service", "res_cs", **users)
        cls.tech_user = cls._create_department_user("maintenance", "res_tech", **users)
        cls.sales_user = cls._create_department_user("sales", "res_sales", **users)
        cls.manager = cls._create_department_user("management", "res_manager", **users)
        cls.warehouse_user = new_test_user(
            cls.env, "res_warehouse", groups="stock.group_stock_user", **users
        )
        cls.portal_user = cls._create_portal_user(
            "res_portal",
            cls.env["res.partner"].create(
                {"name": "Anna", "parent_id": cls.customer.id, "email": "anna@krak.example.com"}
            ),
        )
        with freeze_time("2026-03-02 10:00:00"):
            order = cls.env["sale.order"].create(
                {
                    "partner_id": cls.customer.id,
                    "order_line": [Command.create({"product_id": cls.mixer.id})],
                }
            )
            order.action_confirm()
            cls._deliver(order.picking_ids, cls.old_serial)
            cls.invoice = order._create_invoices()
            cls.invoice.action_post()
        cls.registration = cls.env["bimbonbon.product.registration"].search(
            [("lot_id", "=", cls.old_serial.id), ("state", "=", "registered")]
        )
        cls.Resolution = cls.env["bimbonbon.ticket.resolution"]

    @classmethod
    def _deliver(cls, picking, lot):
        picking = picking.with_user(cls.warehouse_user)
        picking.action_assign()
        picking.move_line_ids.lot_id = lot
        picking.move_ids.picked = True
        picking._action_done()
        return picking

    def setUp(self):
        super().setUp()
        self.frozen = freeze_time(TODAY)
        self.frozen.start()
        self.addCleanup(self.frozen.stop)
        self.ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Mixer stopt",
                "description": "<p>Hij stopt</p>",
                "ticket_kind": "fault",
                "partner_id": self.customer.id,
                "registration_id": self.registration.id,
                "company_id": self.company.id,
            }
        )

    def _open(self, kind, user=None):
        action = getattr(self.ticket.with_user(user or self.cs_user), f"action_resolve_{kind}")()
        return self.Resolution.with_user(user or self.cs_user).browse(action["res_id"])

    def _solved(self):
        return self.env.ref("bimbonbon_service.helpdesk_ticket_stage_solved")


@tagged("post_install", "-at_install")
class TestTicketResolution(ResolutionCommon):
    def test_replacement_under_warranty(self):
        """Free replacement: one order at zero price, delivered, registered, ticket solved."""
        self.assertEqual(self.registration.warranty_state, "in_warranty")
        resolution = self._open("replacement")
        self.assertTrue(resolution.in_warranty)
        resolution.action_confirm()
        order = resolution.sale_order_id
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.partner_id, self.customer)
        self.assertEqual(order.order_line.price_unit, 0.0)
        self.assertEqual(order.amount_total, 0.0)
        self.assertEqual(resolution.state, "in_progress")
        self.assertEqual(
            self.ticket.stage_id, self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress")
        )
        # pressed again (ticket button and confirm): the same action, the same single order
        self.assertEqual(self._open("replacement"), resolution)
        resolution.action_confirm()
        self.assertEqual(
            self.env["sale.order"].search_count([("client_order_ref", "=", self.ticket.number)]),
            1,
        )
        self._deliver(order.picking_ids, self.new_serial)
        self.assertEqual(resolution.state, "done")
        self.assertEqual(self.ticket.stage_id, self._solved())
        self.assertEqual(self.registration.state, "cancelled", "the old unit's registration ended")
        new = resolution.new_registration_id
        self.assertEqual(new.lot_id, self.new_serial)
        self.assertEqual(new.commercial_partner_id, self.customer)
        self.assertEqual(new.channel, "delivery")

    def test_replacement_never_sends_a_registered_unit(self):
        """The demo's case: the customer's own serial (or another owner's) is in our stock and
        first in line; the replacement reserves a free, unregistered serial instead."""
        self.env["stock.quant"]._update_available_quantity(
            self.mixer, self.stock, 1, lot_id=self.old_serial, in_date="2020-01-01 00:00:00"
        )
        resolution = self._open("replacement")
        resolution.action_confirm()
        lines = resolution.sale_order_id.picking_ids.move_line_ids
        self.assertEqual(lines.lot_id, self.new_serial)

    def test_replacement_outside_warranty(self):
        """Out of warranty the replacement is at the normal price (and the button says so)."""
        self.registration.warranty_end_date = date(2026, 3, 1)
        self.assertEqual(self.registration.warranty_state, "expired")
        resolution = self._open("replacement")
        self.assertFalse(resolution.in_warranty)
        resolution.action_confirm()
        self.assertEqual(resolution.sale_order_id.order_line.price_unit, 300.0)
        self.assertEqual(resolution.sale_order_id.amount_untaxed, 300.0)

    def test_credit_partial(self):
        """A partial credit of the purchase's invoice line, posted at once: ticket solved."""
        resolution = self._open("credit")
        self.assertEqual(resolution.invoice_line_id.move_id, self.invoice)
        self.assertEqual(resolution.credit_amount, 300.0)
        resolution.write({"credit_amount": 75.0, "reason": "Kras op de kom"})
        self.assertFalse(resolution.needs_approval)
        resolution.action_confirm()
        refund = resolution.credit_move_id
        self.assertEqual(refund.move_type, "out_refund")
        self.assertEqual(refund.state, "posted")
        self.assertEqual(refund.reversed_entry_id, self.invoice)
        self.assertEqual(refund.amount_untaxed, 75.0)
        self.assertEqual(len(refund.invoice_line_ids), 1)
        self.assertIn("Kras op de kom", refund.ref)
        self.assertEqual(resolution.state, "done")
        self.assertEqual(self.ticket.stage_id, self._solved())
        resolution.action_confirm()
        self.assertEqual(
            self.env["account.move"].search_count([("reversed_entry_id", "=", self.invoice.id)]),
            1,
        )

    def test_credit_above_limit_needs_management(self):
        self.company.resolution_credit_approval_amount = 100.0
        resolution = self._open("credit")
        resolution.reason = "Defect"
        self.assertTrue(resolution.needs_approval)
        resolution.action_confirm()
        self.assertEqual(resolution.state, "to_approve")
        self.assertFalse(resolution.credit_move_id)
        with self.assertRaises(AccessError):
            resolution.action_approve()
        resolution.with_user(self.manager).action_approve()
        self.assertEqual(resolution.state, "done")
        self.assertEqual(resolution.approved_by_id, self.manager)
        self.assertEqual(resolution.credit_move_id.amount_untaxed, 300.0)
        self.assertEqual(self.ticket.stage_id, self._solved())

    def test_credit_needs_reason(self):
        resolution = self._open("credit")
        with self.assertRaises(UserError):
            resolution.action_confirm()
        self.assertFalse(resolution.credit_move_id)

    def test_return_through_rma(self):
        """A return: one confirmed rma with its receipt; received, the ticket is solved."""
        resolution = self._open("return")
        resolution.action_confirm()
        rma = resolution.rma_id
        self.assertEqual(rma.state, "confirmed")
        self.assertEqual(rma.product_id, self.mixer)
        self.assertEqual(resolution.state, "in_progress")
        receipt = rma.reception_move_id.picking_id
        self.assertEqual(receipt.move_line_ids.lot_id, self.old_serial)
        receipt.move_ids.picked = True
        receipt._action_done()
        self.assertEqual(rma.state, "received")
        self.assertEqual(resolution.state, "done")
        self.assertEqual(self.ticket.stage_id, self._solved())
        self.assertEqual(self.registration.state, "cancelled", "the unit came back")
        action = resolution.action_confirm()
        self.assertEqual(self.env["rma"].search_count([("origin", "=", self.ticket.number)]), 1)
        # customer service works the returns in rma's app: the button opens the rma
        self.assertEqual((action["res_model"], action["res_id"]), ("rma", rma.id))
        self.assertEqual(resolution.document_name, rma.name)
        # a department without returns gets the action, which names the rma
        action = resolution.with_user(self.tech_user).action_open_document()
        self.assertEqual(action["res_model"], "bimbonbon.ticket.resolution")

    def test_repair_visit(self):
        """A repair is a visit of the existing planning; done, the ticket is solved."""
        resolution = self._open("repair", user=self.tech_user)
        self.assertTrue(resolution.in_warranty)
        resolution.action_confirm()
        visit = resolution.maintenance_request_id
        self.assertEqual(visit.ticket_id, self.ticket)
        self.assertEqual(visit.lot_id, self.old_serial)
        visit.sudo().action_finish()
        self.assertEqual(resolution.state, "done")
        self.assertEqual(self.ticket.stage_id, self._solved())

    def test_departments(self):
        """Customer service proposes; technicians only repair; sales only reads."""
        for kind in ("replacement", "credit", "return"):
            with self.assertRaises(AccessError):
                self._open(kind, user=self.tech_user)
            with self.assertRaises(AccessError):
                self._open(kind, user=self.sales_user)
        with self.assertRaises(AccessError):
            self._open("replacement", user=self.portal_user)
        resolution = self._open("replacement")
        for user in (self.tech_user, self.sales_user, self.portal_user):
            with self.assertRaises(AccessError):
                resolution.with_user(user).action_confirm()
        self.assertFalse(resolution.sale_order_id)

    def test_cancel_cancels_the_document(self):
        """Cancelling an action cancels what it started: the replacement order and its
        delivery, the return and its receipt, the repair visit. The ticket stays open."""
        replacement = self._open("replacement")
        replacement.action_confirm()
        order = replacement.sale_order_id
        replacement.action_cancel()
        self.assertEqual(order.state, "cancel")
        self.assertEqual(set(order.picking_ids.mapped("state")), {"cancel"})
        self.assertEqual(replacement.state, "cancelled")

        ret = self._open("return")
        ret.action_confirm()
        rma = ret.rma_id
        ret.action_cancel()
        self.assertEqual(rma.state, "cancelled")
        self.assertEqual(rma.reception_move_id.state, "cancel")

        repair = self._open("repair")
        repair.action_confirm()
        visit = repair.maintenance_request_id
        repair.action_cancel()
        self.assertTrue(visit.archive)
        self.assertNotEqual(self.ticket.stage_id, self._solved())

    def test_document_cancelled_elsewhere(self):
        """The action follows its document when staff cancel that in its own app: the
        return's RMA, the replacement's order, the repair's visit."""
        ret = self._open("return")
        ret.action_confirm()
        ret.rma_id.sudo().action_cancel()
        self.assertEqual(ret.state, "cancelled")

        replacement = self._open("replacement")
        replacement.action_confirm()
        replacement.sale_order_id.sudo()._action_cancel()
        self.assertEqual(replacement.state, "cancelled")

        repair = self._open("repair")
        repair.action_confirm()
        repair.maintenance_request_id.sudo().archive_equipment_request()
        self.assertEqual(repair.state, "cancelled")
        # a new action of the same kind can start again
        self.assertEqual(self._open("return").state, "draft")

    def test_replacement_delivered_then_order_cancelled_is_done(self):
        """Sales may cancel an order whose delivery is done (only what has not left is
        cancelled): the replacement reached the customer, so the action is done, the new unit
        registered and the old registration ended, not a cancelled action."""
        resolution = self._open("replacement")
        resolution.action_confirm()
        order = resolution.sale_order_id
        # done first, then the order cancelled; the action sees both at once
        with patch.object(type(self.Resolution), "_sync_documents", lambda *a, **k: None):
            self._deliver(order.picking_ids, self.new_serial)
            order.sudo()._action_cancel()
        self.assertEqual(order.state, "cancel")
        resolution._sync_state()
        self.assertEqual(resolution.state, "done")
        self.assertEqual(self.registration.state, "cancelled", "the old unit's registration ended")
        self.assertEqual(resolution.new_registration_id.lot_id, self.new_serial)

    def test_scrapped_repair_does_not_solve_the_ticket(self):
        """Maintenance's Scrap stage is a done stage, but nothing was repaired."""
        resolution = self._open("repair")
        resolution.action_confirm()
        resolution.maintenance_request_id.sudo().stage_id = self.env.ref("maintenance.stage_4")
        self.assertEqual(resolution.state, "cancelled")
        self.assertNotEqual(self.ticket.stage_id, self._solved())

    def test_return_reads_no_invoice(self):
        """Only a credit needs the purchase's invoice line (two searches to find it)."""
        self.assertFalse(self._open("return").invoice_line_id)

    def test_repair_team_from_settings(self):
        """A visit goes to the field team, a workshop repair to the workshop team, as set in
        the settings; without a setting, Odoo's default team."""
        Team = self.env["maintenance.team"]
        field_team, workshop = Team.create(
            [
                {"name": "Monteurs", "company_id": self.company.id},
                {"name": "Werkplaats", "company_id": self.company.id},
            ]
        )
        self.company.write(
            {
                "resolution_visit_team_id": field_team.id,
                "resolution_workshop_team_id": workshop.id,
            }
        )
        visit = self._open("repair")
        self.assertEqual(visit.maintenance_team_id, field_team)
        visit.repair_mode = "workshop"
        self.assertEqual(visit.maintenance_team_id, workshop)
        visit.action_confirm()
        self.assertEqual(visit.maintenance_request_id.maintenance_team_id, workshop)

    def test_cancel_then_again(self):
        resolution = self._open("replacement")
        resolution.action_cancel()
        again = self._open("replacement")
        self.assertNotEqual(again, resolution)
        self.assertEqual(again.state, "draft")
