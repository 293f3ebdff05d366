# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from unittest.mock import patch

from odoo import Command
from odoo.tests import TransactionCase

from odoo.addons.bimbonbon_crm.tests.common import BimbonbonFixtures


class StockAlertCase(BimbonbonFixtures, TransactionCase):
    """A warehouse, a vendor, a product with a reordering rule, and a user per department."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls._install_dutch(["bimbonbon_stock_alerts"], cls.company.partner_id)
        cls.company.email = "info@bimbonbon.example.com"
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        cls.stock_location = cls.warehouse.lot_stock_id
        cls.buyer = cls._create_department_user(
            "purchasing", "alert_buyer", email="inkoop@bimbonbon.example.com"
        )
        cls.buyer2 = cls._create_department_user(
            "purchasing", "alert_buyer2", email="inkoop2@bimbonbon.example.com"
        )
        cls.salesperson = cls._create_department_user(
            "sales", "alert_sales", email="sales@example.com"
        )
        cls.salesperson2 = cls._create_department_user(
            "sales", "alert_sales2", email="sales2@example.com"
        )
        cls.technician = cls._create_department_user("maintenance", "alert_tech")
        cls.vendor = cls.env["res.partner"].create(
            {"name": "Bakkersgroothandel De Molen", "email": "molen@example.com"}
        )
        cls.customer_a = cls.env["res.partner"].create(
            {"name": "Bakkerij Jansen", "email": "jansen@example.com", "lang": "nl_NL"}
        )
        cls.customer_b = cls.env["res.partner"].create(
            {"name": "Banketbakkerij Smit", "email": "smit@example.com", "lang": "nl_NL"}
        )
        cls.buy_route = cls.env.ref("purchase_stock.route_warehouse0_buy")
        cls.product = cls._create_product("Chocoladehagel 400 g")

    @classmethod
    def _create_product(cls, name, min_qty=10.0, max_qty=50.0, **vals):
        product = cls.env["product.product"].create(
            {
                "name": name,
                "type": "consu",
                "is_storable": True,
                "route_ids": [Command.set(cls.buy_route.ids)],
                "seller_ids": [
                    Command.create({"partner_id": cls.vendor.id, "price": 1.5, "delay": 3})
                ],
                "responsible_id": cls.buyer.id,
                **vals,
            }
        )
        if min_qty is not None:
            cls.env["stock.warehouse.orderpoint"].create(
                {
                    "product_id": product.id,
                    "warehouse_id": cls.warehouse.id,
                    "location_id": cls.stock_location.id,
                    "trigger": "manual",
                    "product_min_qty": min_qty,
                    "product_max_qty": max_qty,
                }
            )
        return product

    def _process(self, crash=False, crash_at=None, full=False):
        """Run the triggered stock-alert cron (`full`: the scheduled check of every product).
        `_commit_progress` "commits" by setting a savepoint that a RuntimeError (a crash the
        test injects, `crash=True`, or at the `crash_at`th commit) rolls back to, as a real
        crash rolls back to the last commit."""
        calls = []

        def commit_progress(cron, processed=0, *, remaining=None, deactivate=False):
            calls.append(processed)
            if crash_at and len(calls) == crash_at:
                raise RuntimeError("worker killed")
            self.env.cr.execute("SAVEPOINT alert_cron_committed")
            return float("inf")

        self.env.flush_all()
        self.env.cr.execute("SAVEPOINT alert_cron_committed")
        with patch.object(self.registry["ir.cron"], "_commit_progress", commit_progress):
            try:
                check = self.env["bimbonbon.stock.alert.check"]
                if full:  # it queues every product and triggers the processing cron
                    check._cron_check_stock_alerts()
                check._cron_process_stock_alerts()
            except RuntimeError:
                if not (crash or crash_at):
                    raise
                self.env.cr.execute("ROLLBACK TO SAVEPOINT alert_cron_committed")
                self.env.clear()
        return calls

    def _set_stock(self, product, quantity, process=True):
        """An inventory adjustment, as a stock user does it; then the cron runs."""
        quant = (
            self.env["stock.quant"]
            .with_context(inventory_mode=True)
            .create(
                {
                    "product_id": product.id,
                    "location_id": self.stock_location.id,
                    "inventory_quantity": quantity,
                }
            )
        )
        quant._apply_inventory()
        if process:
            self._process()

    def _sell(self, partner, user, product, quantity, confirm=True, process=True):
        order = self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "user_id": user.id,
                "warehouse_id": self.warehouse.id,
                "order_line": [
                    Command.create({"product_id": product.id, "product_uom_qty": quantity})
                ],
            }
        )
        if confirm:
            order.action_confirm()
            if process:
                self._process()
        return order

    def _run_full_check(self, **kwargs):
        return self._process(full=True, **kwargs)

    def _alerts(self, product, **domain):
        return self.env["bimbonbon.stock.alert"].search(
            [("product_id", "=", product.id)] + [(k, "=", v) for k, v in domain.items()]
        )

    def _mails(self, records):
        return self.env["mail.mail"].search(
            [
                ("model", "=", records._name),
                ("res_id", "in", records.ids),
                # not the "activity assigned to you" notifications
                ("message_type", "!=", "user_notification"),
            ]
        )
