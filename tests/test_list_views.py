# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The staff list views of the four addons load a page in a constant number of queries.

Each list view is read the way the web client reads it (``web_search_read`` with the
specification of the view's columns: many2one and many2many columns with their display name),
as the least-privileged department that uses it, once with one record and once with thirty
(tests/list_views.py, shared with `make populate`).
A column computed per record (an N+1) makes the second count larger and fails the test.
"""

from datetime import timedelta

from odoo import fields
from odoo.tests import TransactionCase, new_test_user, tagged

from .list_views import read_list_view

MANY = 30


@tagged("post_install", "-at_install")
class TestListViewQueries(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.users = {
            group: new_test_user(cls.env, f"list_{group}", groups=f"bimbonbon_crm.group_{group}")
            for group in ("sales", "customer_service", "maintenance", "purchasing")
        }
        cls.today = fields.Date.today()

    def _count(self, model, view_xmlid, user, domain):
        queries, __, length = read_list_view(self.env, model, view_xmlid, user, domain)
        return queries, length

    def assertConstantQueries(self, model, view_xmlid, user, create, domain=()):
        """``create(n)`` adds n records shown by the view; the query count must not grow."""
        domain = list(domain)
        create(1)
        one, length_one = self._count(model, view_xmlid, user, domain)
        create(MANY - 1)
        many, length_many = self._count(model, view_xmlid, user, domain)
        self.assertEqual(length_many - length_one, MANY - 1, "the records are listed")
        # (one query fewer with more records happens: a cache warmed by another row)
        self.assertLessEqual(
            many, one, f"{view_xmlid}: {one} queries for 1 record, {many} for {MANY}"
        )

    def test_customers(self):
        counter = iter(range(1000))

        def create(n):
            self.env["res.partner"].create(
                [
                    {"name": f"Bakkerij {next(counter)}", "is_company": True, "city": "Utrecht"}
                    for __ in range(n)
                ]
            )

        self.assertConstantQueries(
            "res.partner",
            "bimbonbon_crm.res_partner_view_list",
            self.users["sales"],
            create,
            [("is_company", "=", True), ("name", "like", "Bakkerij ")],
        )

    def test_my_customers(self):
        """The sales start page: their customers with their leads, orders and follow-ups."""
        counter = iter(range(1000))
        sales = self.users["sales"]

        def create(n):
            customers = self.env["res.partner"].create(
                [
                    {
                        "name": f"Mijn bakkerij {next(counter)}",
                        "is_company": True,
                        "user_id": sales.id,
                    }
                    for __ in range(n)
                ]
            )
            self.env["sale.order"].create(
                [{"partner_id": customer.id, "user_id": sales.id} for customer in customers]
            )

        self.assertConstantQueries(
            "res.partner",
            "bimbonbon_crm.res_partner_view_list_my_customers",
            sales,
            create,
            [("user_id", "=", sales.id)],
        )

    def test_contracts(self):
        customer = self.env["res.partner"].create({"name": "Contractklant", "is_company": True})

        def create(n):
            self.env["bimbonbon.contract"].create(
                [
                    {
                        "partner_id": customer.id,
                        "user_id": self.users["sales"].id,
                        "date_start": self.today,
                        "date_end": self.today + timedelta(days=365),
                    }
                    for __ in range(n)
                ]
            )

        self.assertConstantQueries(
            "bimbonbon.contract",
            "bimbonbon_crm.bimbonbon_contract_view_list",
            self.users["sales"],
            create,
        )

    def test_registrations_and_tickets(self):
        product = self.env["product.product"].create(
            {"name": "Keukenmixer", "is_storable": True, "tracking": "serial"}
        )
        customer = self.env["res.partner"].create({"name": "Registratieklant"})
        counter = iter(range(1000))
        registrations = self.env["bimbonbon.product.registration"]

        def create_registrations(n):
            nonlocal registrations
            lots = self.env["stock.lot"].create(
                [{"name": f"KM-{next(counter):04d}", "product_id": product.id} for __ in range(n)]
            )
            for lot in lots:
                registrations |= registrations._register_lot(customer, lot, channel="staff")

        self.assertConstantQueries(
            "bimbonbon.product.registration",
            "bimbonbon_service.product_registration_view_list",
            self.users["customer_service"],
            create_registrations,
        )

        def create_tickets(n):
            self.env["helpdesk.ticket"].create(
                [
                    {
                        "name": f"Storing {registration.lot_id.name}",
                        "description": "<p>Doet het niet</p>",
                        "partner_id": customer.id,
                        "registration_id": registration.id,
                        "ticket_kind": "fault",
                    }
                    for registration in registrations[:n]
                ]
            )
            registrations[:n].invalidate_recordset()

        self.assertConstantQueries(
            "helpdesk.ticket",
            "bimbonbon_service.ticket_view_tree",
            self.users["customer_service"],
            create_tickets,
        )

    def test_technician_list(self):
        technician = self.users["maintenance"]
        counter = iter(range(1000))

        def create(n):
            self.env["maintenance.request"].create(
                [
                    {
                        "name": f"Bezoek {next(counter)}",
                        "user_id": technician.id,
                        "schedule_date": fields.Datetime.now() + timedelta(hours=i),
                    }
                    for i in range(n)
                ]
            )

        self.assertConstantQueries(
            "maintenance.request",
            "bimbonbon_service.maintenance_request_view_list_technician",
            technician,
            create,
        )

    def test_stock_alerts(self):
        warehouse = self.env["stock.warehouse"].search(
            [("company_id", "=", self.env.company.id)], limit=1
        )
        counter = iter(range(1000))

        def create(n):
            products = self.env["product.product"].create(
                [{"name": f"Bakmix {next(counter)}", "is_storable": True} for __ in range(n)]
            )
            self.env["bimbonbon.stock.alert"].create(
                [
                    {
                        "product_id": product.id,
                        "warehouse_id": warehouse.id,
                        "level": "out_of_stock",
                    }
                    for product in products
                ]
            )

        self.assertConstantQueries(
            "bimbonbon.stock.alert",
            "bimbonbon_stock_alerts.bimbonbon_stock_alert_view_list",
            self.users["purchasing"],
            create,
        )

    def test_ticket_resolutions(self):
        """Customer service's list of resolutions, with the document of each."""
        customer = self.env["res.partner"].create({"name": "Oplosklant", "is_company": True})
        product = self.env["product.product"].create({"name": "Mixer oplossing"})

        def create(n):
            tickets = self.env["helpdesk.ticket"].create(
                [
                    {"name": "Storing", "description": "<p>x</p>", "partner_id": customer.id}
                    for __ in range(n)
                ]
            )
            orders = self.env["sale.order"].create(
                [
                    {"partner_id": customer.id, "order_line": [(0, 0, {"product_id": product.id})]}
                    for __ in range(n)
                ]
            )
            self.env["bimbonbon.ticket.resolution"].create(
                [
                    {
                        "ticket_id": ticket.id,
                        "kind": "replacement",
                        "state": "in_progress",
                        "sale_order_id": order.id,
                    }
                    for ticket, order in zip(tickets, orders, strict=True)
                ]
            )

        self.assertConstantQueries(
            "bimbonbon.ticket.resolution",
            "bimbonbon_service.ticket_resolution_view_list",
            self.users["customer_service"],
            create,
        )
