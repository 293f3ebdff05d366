# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from types import SimpleNamespace
from unittest.mock import patch

from odoo.tests import new_test_user, tagged

from odoo.addons.account.models.account_move_send import AccountMoveSend as AccountMoveSendBase
from odoo.addons.account.tests.common import AccountTestInvoicingCommon
from odoo.addons.bimbonbon_crm.models import account_move_send as account_move_send_module


@tagged("post_install", "-at_install")
class TestInvoiceAutoSend(AccountTestInvoicingCommon):
    """A posted customer invoice is queued for Odoo's batch sending and sent by its cron, once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.company_data["company"]
        cls.customer = cls.env["res.partner"].create(
            {"name": "Bakkerij Brood", "is_company": True, "email": "info@brood.example.com"}
        )
        cls.billing = new_test_user(
            cls.env,
            "auto_send_billing",
            groups="account.group_account_invoice",
            company_id=cls.company.id,
            company_ids=cls.company.ids,
        )
        cls.cron = cls.env.ref("account.ir_cron_account_move_send")

    def _post(self, move_type="out_invoice", partner=None):
        move = self.init_invoice(move_type, partner=partner or self.customer, amounts=[100.0])
        move.with_user(self.billing).action_post()
        return move

    def _run_cron(self):
        with self.enter_registry_test_mode():
            self.cron.method_direct_trigger()
        self.env.invalidate_all()

    def _sent_messages(self, move, partner=None):
        """The messages that sent ``move`` to ``partner`` (the customer by default)."""
        partner = partner or self.customer
        return self.env["mail.message"].search(
            [
                ("model", "=", "account.move"),
                ("res_id", "=", move.id),
                ("message_type", "=", "comment"),
                ("partner_ids", "in", partner.ids),
            ]
        )

    def test_posted_invoice_sent_once(self):
        self.assertTrue(self.company.bimbonbon_invoice_auto_send, "on by default")
        triggers = self.env["ir.cron.trigger"].search_count([("cron_id", "=", self.cron.id)])
        invoice = self._post()
        # Posting only queues the invoice for the cron: nothing is sent in the user's click.
        self.assertTrue(invoice.sending_data)
        self.assertEqual(invoice.sending_data["author_user_id"], self.billing.id)
        self.assertFalse(invoice.is_move_sent)
        self.assertFalse(self._sent_messages(invoice))
        self.assertGreater(
            self.env["ir.cron.trigger"].search_count([("cron_id", "=", self.cron.id)]), triggers
        )

        self._run_cron()
        self._run_cron()
        message = self._sent_messages(invoice)
        self.assertEqual(len(message), 1)
        self.assertTrue(invoice.is_move_sent)
        self.assertFalse(invoice.sending_data)
        self.assertTrue(invoice.invoice_pdf_report_id)
        self.assertIn(invoice.invoice_pdf_report_id.name, message.attachment_ids.mapped("name"))
        self.assertTrue(invoice.invoice_pdf_report_id.name.endswith(".pdf"))

        # Reset to draft and posted again: it was sent already, it is not sent again.
        invoice.button_draft()
        invoice.with_user(self.billing).action_post()
        self.assertFalse(invoice.sending_data)
        self._run_cron()
        self.assertEqual(len(self._sent_messages(invoice)), 1)

    def test_credit_note_sent(self):
        refund = self._post("out_refund")
        self._run_cron()
        self.assertEqual(len(self._sent_messages(refund)), 1)
        self.assertTrue(refund.is_move_sent)

    def test_setting_off_sends_nothing(self):
        settings = self.env["res.config.settings"].create({})
        self.assertTrue(settings.bimbonbon_invoice_auto_send)
        settings.bimbonbon_invoice_auto_send = False
        settings.execute()
        self.assertFalse(self.company.bimbonbon_invoice_auto_send)
        invoice = self._post()
        self.assertFalse(invoice.sending_data)
        self._run_cron()
        self.assertFalse(self._sent_messages(invoice))
        self.assertFalse(invoice.is_move_sent)

    def test_vendor_bill_never_sent(self):
        vendor = self.customer
        bill = self._post("in_invoice", partner=vendor)
        refund = self._post("in_refund", partner=vendor)
        self.assertFalse(bill.sending_data)
        self.assertFalse(refund.sending_data)
        self._run_cron()
        self.assertFalse(self._sent_messages(bill, vendor))
        self.assertFalse(self._sent_messages(refund, vendor))
        self.assertFalse(bill.is_move_sent)

    def test_customer_channel_respected(self):
        """A customer who gets their invoices "manually" (by post, handed over) gets no mail;
        one without an email address neither, and the invoice says why."""
        manual = self.customer.copy({"name": "Bakkerij Handmatig"})
        manual.with_company(self.company).invoice_sending_method = "manual"
        no_email = self.customer.copy({"name": "Bakkerij Zonder Mail", "email": False})
        invoice_manual = self._post(partner=manual)
        invoice_no_email = self._post(partner=no_email)
        self.assertFalse(invoice_manual.sending_data)
        self.assertFalse(invoice_no_email.sending_data)
        note = invoice_no_email.message_ids.filtered(lambda m: "no email address" in str(m.body))
        self.assertEqual(len(note), 1)
        self._run_cron()
        self.assertFalse(invoice_manual.is_move_sent)
        self.assertFalse(invoice_no_email.is_move_sent)
        self.assertFalse(self._sent_messages(invoice_manual, manual))

    def test_batch_rendered_per_invoice_without_patched_qt(self):
        """Odoo renders a sending batch as one PDF, which Debian's wkhtmltopdf (no patched Qt)
        refuses: the demo's sending cron failed on every run ("unpatched QT")."""
        first, second = self._post(), self._post()
        data = {
            move: {"pdf_report": self.env.ref("account.account_invoices")}
            for move in first | second
        }
        calls = []

        def render(send, invoices_data):
            calls.append(set(invoices_data))

        base = AccountMoveSendBase._prepare_invoice_pdf_report
        for patched, expected in ((False, [{first}, {second}]), (True, [{first, second}])):
            calls.clear()
            info = SimpleNamespace(is_patched_qt=patched)
            with (
                patch.object(AccountMoveSendBase, "_prepare_invoice_pdf_report", render),
                patch.object(account_move_send_module, "_wkhtml", lambda info=info: info),
            ):
                self.env["account.move.send"]._prepare_invoice_pdf_report(dict(data))
            self.assertEqual(calls, expected)
        self.assertIs(AccountMoveSendBase._prepare_invoice_pdf_report, base)
