# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon


@tagged("post_install", "-at_install")
class TestPaymentStatus(AccountTestInvoicingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create(
            {"name": "Snoepwinkel Zuurtje", "is_company": True}
        )
        cls.contact = cls.env["res.partner"].create(
            {"name": "Piet Zuur", "parent_id": cls.customer.id}
        )

    def _invoice(self, amount, invoice_date="2026-01-01", partner=None):
        invoice = self.init_invoice(
            "out_invoice",
            partner=partner or self.contact,
            invoice_date=invoice_date,
            amounts=[amount],
            taxes=[],
        )
        invoice.invoice_date_due = fields.Date.to_date(invoice_date)
        invoice.action_post()
        return invoice

    def _pay(self, invoice, amount=None):
        values = {"payment_date": invoice.invoice_date}
        if amount is not None:
            values["amount"] = amount
        return (
            self.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create(values)
            ._create_payments()
        )

    @freeze_time("2026-01-10")
    def test_paid_status_through_payment_and_reversal(self):
        self.assertEqual(self.customer.payment_status, "paid")
        self.assertFalse(self.customer.customer_number, "not a customer yet")

        invoice = self._invoice(100.0, invoice_date="2026-01-20")  # not due yet
        # invoiced: a customer now, numbered
        self.assertTrue(self.customer.customer_number)
        self.assertFalse(self.contact.customer_number, "contacts share their company's number")
        self.assertEqual(self.customer.payment_status, "open")
        self.assertEqual(self.customer.open_amount, 100.0)
        self.assertEqual(self.customer.overdue_amount, 0.0)

        late = self._invoice(250.0, invoice_date="2026-01-02")  # due 8 days ago
        self.assertEqual(self.customer.payment_status, "overdue")
        self.assertEqual(self.customer.overdue_amount, 250.0)
        self.assertEqual(str(self.customer.oldest_overdue_date), "2026-01-02")

        # a partial payment lowers the overdue amount
        self._pay(late, amount=50.0)
        self.assertEqual(self.customer.payment_status, "overdue")
        self.assertEqual(self.customer.overdue_amount, 200.0)

        # paying the rest: only the invoice not yet due remains open
        self._pay(late)
        self.assertEqual(
            late.payment_state, self.env["account.move"]._get_invoice_in_payment_state()
        )
        self.assertEqual(self.customer.payment_status, "open")

        # reversing (a full credit note, "reverse and create draft") settles the other one
        reversal = (
            self.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"journal_id": invoice.journal_id.id, "reason": "Wrong price"})
        )
        reversal.modify_moves()
        self.assertEqual(invoice.payment_state, "reversed")
        self.assertEqual(self.customer.payment_status, "paid")
        self.assertEqual(self.customer.open_amount, 0.0)

    def test_overdue_by_time_passing(self):
        with freeze_time("2026-01-10"):
            self._invoice(80.0, invoice_date="2026-01-15")
            self.assertEqual(self.customer.payment_status, "open")
        with freeze_time("2026-01-20"):
            other = self.env["res.partner"].create({"name": "Other", "is_company": True})
            self._invoice(10.0, invoice_date="2026-01-25", partner=other)
            # overdue by the date alone: no write, no nightly recompute
            self.env.invalidate_all()
            self.assertEqual(self.customer.payment_status, "overdue")
            self.assertEqual(self.contact.payment_status, "overdue", "the company's status")
            self.assertEqual(self.customer.overdue_amount, 80.0)
            self.assertEqual(other.payment_status, "open")
            # the filters search by the same rules
            Partner = self.env["res.partner"]
            scope = self.customer | self.contact | other
            for status, expected in (
                ("overdue", self.customer | self.contact),
                ("open", other),
                ("paid", self.env["res.partner"]),
            ):
                self.assertEqual(
                    Partner.search([("payment_status", "=", status), ("id", "in", scope.ids)]),
                    expected,
                    status,
                )
            self.assertEqual(
                Partner.search([("payment_status", "!=", "overdue"), ("id", "in", scope.ids)]),
                other,
            )
            self.assertEqual(
                Partner.search(
                    [("payment_status", "in", ("open", "overdue")), ("id", "in", scope.ids)]
                ),
                scope,
            )

    def test_list_reads_status_in_constant_queries(self):
        """A page of customers gets its status in a fixed number of queries, whatever its size."""
        fnames = ["payment_status", "open_amount", "overdue_amount", "oldest_overdue_date"]

        def queries(partners):
            partners.invalidate_recordset(fnames)
            before = self.cr.sql_log_count
            partners.mapped("payment_status")
            return self.cr.sql_log_count - before

        with freeze_time("2026-01-20"):
            partners = self.env["res.partner"].create(
                [{"name": f"Klant {n}", "is_company": True} for n in range(6)]
            )
            for partner in partners[:3]:
                self._invoice(10.0, invoice_date="2026-01-05", partner=partner)
            self.env.flush_all()
            self.assertEqual(queries(partners[:1]), queries(partners))
            partners.invalidate_recordset(fnames)
            with self.assertQueryCount(3):  # the two grouped queries and one read
                self.assertEqual(partners.mapped("payment_status"), ["overdue"] * 3 + ["paid"] * 3)
