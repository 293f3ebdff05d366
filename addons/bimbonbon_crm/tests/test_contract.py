# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
from datetime import date

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common_contract import SIGNATURE_PNG, ContractCommon


@tagged("post_install", "-at_install")
class TestContract(ContractCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_contract_data()
        cls.env = cls.env(context=dict(cls.env.context, mail_notify_force_send=False))

    def _send(self, contract):
        action = contract.with_user(self.responsible).action_send()
        composer = Form(
            self.env["mail.compose.message"]
            .with_user(self.responsible)
            .with_context(action["context"], mail_notify_force_send=False)
        ).save()
        composer.action_send_mail()

    def test_intake_to_signature_to_reminders_to_renewal(self):
        """One contract from the intake lead to its automatic renewal, mails in mail.mail."""
        Contract = self.env["bimbonbon.contract"]
        with freeze_time("2026-01-05"):
            lead = (
                self.env["crm.lead"]
                .with_user(self.responsible)
                .create(
                    {
                        "name": "Intake Bakkerij Test",
                        "type": "opportunity",
                        "partner_id": self.customer.id,
                        "user_id": self.responsible.id,
                        "description": "<p>Weekly pastries, delivery on Mondays</p>",
                    }
                )
            )
            action = lead.with_user(self.responsible).action_create_contract()
            contract = Contract.browse(action["res_id"])
            self.assertEqual(contract.state, "draft")
            self.assertEqual(contract.partner_id, self.customer)
            self.assertEqual(contract.user_id, self.responsible)
            self.assertEqual(lead.contract_count, 1)
            self.assertIn("Mondays", contract.note)
            contract.with_user(self.responsible).write(
                {
                    "date_start": date(2026, 1, 15),
                    "date_end": date(2026, 12, 31),
                    "auto_renew": True,
                    "renewal_term_months": 12,
                    "line_ids": [(0, 0, {"product_id": self.product.id, "quantity": 52})],
                }
            )
            self.assertEqual(contract.amount_total, 52 * 85.0)

            # Sent to the customer with the portal link.
            self._send(contract)
            self.assertEqual(contract.state, "sent")
            sent = self.mails_for(contract, self.customer)
            self.assertEqual(len(sent), 1)
            self.assertIn(contract.access_token, sent.body_html)

            # Signed (the portal route calls the same method; see test_contract_portal).
            contract._action_signed("Joke Jansen", signature=SIGNATURE_PNG)
            self.assertEqual(contract.state, "signed")
            self.assertTrue(contract.signed_document_id)
            self.assertEqual(contract.signed_document_id.res_id, contract.id)
            self.assertTrue(lead.won_status == "won", "the intake lead is won")
            staff_mail = self.mails_for(contract, self.responsible.partner_id, "signed by")
            self.assertEqual(len(staff_mail), 1)
            self.assertEqual(len(self.mails_for(contract, self.customer, "Confirmation")), 1)
            activity = contract.activity_ids.filtered(lambda a: a.user_id == self.responsible)
            self.assertEqual(len(activity), 1)
            self.assertIn("signed", activity.summary)

        with freeze_time("2026-01-15"):
            self.run_cron()
            self.assertEqual(contract.state, "running")

        # Reminders at 90, 30 and 7 days before 31 December, each once.
        for day, offset in (("2026-10-02", 90), ("2026-12-01", 30), ("2026-12-24", 7)):
            with freeze_time(day):
                self.run_cron()
                self.run_cron()  # a second run sends nothing more
                self.assertEqual(contract.state, "expiring")
                self.assertEqual(
                    contract.reminder_ids.filtered("sent").mapped("offset_days")[-1:],
                    [offset],
                )
        customer_reminders = self.mails_for(contract, self.customer, "ends on")
        staff_reminders = self.mails_for(contract, self.responsible.partner_id, "ends on")
        self.assertEqual(len(customer_reminders), 3)
        self.assertEqual(len(staff_reminders), 3)
        self.assertTrue(all(contract.access_token in m.body_html for m in customer_reminders))
        self.assertEqual(
            len(contract.activity_ids.filtered(lambda a: "ends soon" in (a.summary or ""))), 3
        )

        # The end date is the last valid day: still in force on it.
        with freeze_time("2026-12-31"):
            self.run_cron()
        self.assertEqual(contract.state, "expiring")
        self.assertFalse(contract.successor_id)
        # The day after: renewed, linked, same lines, new dates, both sides informed.
        with freeze_time("2027-01-01"):
            self.run_cron()
            self.run_cron()
        self.assertEqual(contract.state, "renewed")
        successor = contract.successor_id
        self.assertTrue(successor)
        self.assertEqual(successor.predecessor_id, contract)
        self.assertEqual(successor.date_start, date(2027, 1, 1))
        self.assertEqual(successor.date_end, date(2027, 12, 31))
        self.assertEqual(successor.state, "running")
        self.assertEqual(successor.line_ids.product_id, self.product)
        self.assertEqual(successor.amount_total, contract.amount_total)
        self.assertEqual(len(self.mails_for(contract, self.customer, "renewed")), 1)
        self.assertEqual(len(self.mails_for(contract, self.responsible.partner_id, "renewed")), 1)

    def test_expires_without_renewal(self):
        contract = self.create_contract(state="running")
        with freeze_time("2027-01-01"):
            self.run_cron()
        self.assertEqual(contract.state, "expired")
        self.assertFalse(contract.successor_id)

    def test_last_day_is_in_force(self):
        """The end date is the last valid day (a term is start + term - 1 day): on that day
        the contract is still in force, and its renewal starts the day after."""
        ending = self.create_contract(state="running")
        renewing = self.create_contract(state="running", auto_renew=True)
        with freeze_time("2026-12-31"):
            self.run_cron()
        self.assertEqual(ending.state, "expiring")
        self.assertEqual(renewing.state, "expiring")
        self.assertFalse(renewing.successor_id)
        with freeze_time("2027-01-01"):
            self.run_cron()
        self.assertEqual(ending.state, "expired")
        self.assertEqual(renewing.state, "renewed")
        self.assertEqual(renewing.successor_id.state, "running")

    def test_renew_without_end_date(self):
        """An open-ended contract has no next term: the customer is not offered a renewal
        request and staff get a clear message instead of a crash."""
        contract = self.create_contract(state="running", date_end=False)
        self.assertFalse(contract.portal_can_request_renewal)
        self.assertFalse(contract._action_request_renewal(self.customer_contact))
        self.assertFalse(contract.renewal_requested_on)
        with self.assertRaisesRegex(UserError, "end date"):
            contract.with_user(self.responsible).action_renew()
        self.assertFalse(contract.successor_id)
        # once it has an end date, it renews from the day after
        contract.date_end = date(2026, 12, 31)
        action = contract.with_user(self.responsible).action_renew()
        successor = self.env["bimbonbon.contract"].browse(action["res_id"])
        self.assertEqual(successor.date_start, date(2027, 1, 1))

    def test_mark_signed_on_paper_needs_the_scan(self):
        contract = self.create_contract(state="sent").with_user(self.responsible)
        with self.assertRaises(UserError):
            contract.action_mark_signed()
        contract.write({"scan_file": base64.b64encode(b"%PDF-1.4 scan"), "scan_filename": "s.pdf"})
        self.assertFalse(self.customer.customer_number, "a prospect")
        with freeze_time("2026-02-01"):
            contract.action_mark_signed()
        self.assertEqual(contract.state, "running")
        self.assertTrue(self.customer.customer_number, "a signed contract makes a customer")
        self.assertEqual(contract.signed_by, self.customer.name)
        self.assertEqual(len(self.mails_for(contract, self.responsible.partner_id, "signed by")), 1)

    def test_signed_mail_in_dutch(self):
        """The staff notice reads "ondertekend" for a Dutch-speaking responsible."""
        self.env["res.lang"]._activate_lang("nl_NL")
        self.env["ir.module.module"]._load_module_terms(
            ["bimbonbon_crm"], ["nl_NL"], overwrite=True
        )
        self.responsible.lang = "nl_NL"
        self.customer.lang = "nl_NL"
        contract = self.create_contract(state="sent")
        contract._action_signed("Joke Jansen")
        mail = self.mails_for(contract, self.responsible.partner_id, "ondertekend")
        self.assertEqual(len(mail), 1)
        confirmation = self.mails_for(contract, self.customer)
        self.assertIn("Bevestiging", confirmation.subject)
        words = contract.with_context(lang=self.customer.lang).amount_in_words
        self.assertTrue(words.startswith("vierduizendvierhonderdtwintig "), words)

    def test_amount_in_words(self):
        """In the context language: Dutch in lower case with "euro", others from Odoo."""
        self.env["res.lang"]._activate_lang("nl_NL")
        company = self.env["res.company"].create(
            {"name": "BimBonBon BV", "currency_id": self.env.ref("base.EUR").id}
        )
        contract = self.create_contract(company_id=company.id)
        english = contract.with_context(lang="en_US")._amount_to_words(1234.5)
        self.assertTrue(english.startswith("One Thousand"), english)
        dutch = contract.with_context(lang="nl_NL")
        self.assertEqual(
            dutch._amount_to_words(1234.5), "duizendtweehonderdvierendertig euro en vijftig cent"
        )
        self.assertEqual(dutch._amount_to_words(21.0), "eenentwintig euro")
        self.assertEqual(dutch.amount_in_words, "vierduizendvierhonderdtwintig euro")

    def test_renewal_is_a_copy_linked_once(self):
        """The successor copies the contract (lines with their agreed price, terms) for the next
        term; the link is stored on the successor only and a contract is renewed once."""
        contract = self.create_contract(state="running", note="<p>Mondays only</p>")
        contract.line_ids.price_unit = 80.0  # agreed below the list price
        action = contract.with_user(self.responsible).action_renew()
        successor = self.env["bimbonbon.contract"].browse(action["res_id"])
        self.assertEqual(contract.successor_id, successor)
        self.assertEqual(successor.predecessor_id, contract)
        self.assertNotEqual(successor.name, contract.name)
        self.assertEqual(successor.state, "draft")
        self.assertEqual(successor.line_ids.price_unit, 80.0)
        self.assertIn("Mondays only", successor.note)
        self.assertNotEqual(successor.access_token, contract.access_token)
        with self.assertRaises(UserError):
            contract.with_user(self.responsible).action_renew()
        # the link cannot be doubled, not even by a direct create
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self.env["bimbonbon.contract"].create(
                contract._prepare_renewal_vals()[0]
            ).flush_recordset()
        # a discarded draft renewal frees the contract for another one
        successor.unlink()
        self.assertFalse(contract.successor_id)
        self.assertTrue(contract.with_user(self.responsible).action_renew())

    def test_terminate_needs_a_reason(self):
        contract = self.create_contract(state="running").with_user(self.responsible)
        with self.assertRaises(UserError):
            contract.action_terminate()
        contract.termination_reason = "Bakery closed"
        contract.action_terminate()
        self.assertEqual(contract.state, "terminated")

    def test_department_access(self):
        contract = self.create_contract()
        for group in ("maintenance", "purchasing"):
            user = new_test_user(
                self.env, f"contract_{group}", groups=f"bimbonbon_crm.group_{group}"
            )
            self.assertEqual(contract.with_user(user).name, contract.name)
            with self.assertRaises(AccessError):
                contract.with_user(user).write({"notice_period_days": 60})
        contract.with_user(self.responsible).write({"notice_period_days": 60})
        with self.assertRaises(AccessError):
            contract.with_user(self.responsible).unlink()
        # Portal: only the contracts of the user's own company.
        other = self.create_contract(partner=self.other_customer)
        Contract = self.env["bimbonbon.contract"].with_user(self.portal_user)
        self.assertEqual(Contract.search([("id", "in", (contract | other).ids)]), contract)
        with self.assertRaises(AccessError):
            other.with_user(self.portal_user).check_access("read")
        with self.assertRaises(AccessError):
            contract.with_user(self.portal_user).write({"notice_period_days": 1})
