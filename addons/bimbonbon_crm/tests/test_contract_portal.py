# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo import http
from odoo.tests import HttpCase, tagged

from .common_contract import ContractCommon


@tagged("post_install", "-at_install")
class TestContractPortal(ContractCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_contract_data()
        cls.contract = cls.create_contract(name="CON-TOUR-1", state="sent")
        cls.other_contract = cls.create_contract(
            partner=cls.other_customer, name="CON-OTHER-1", state="sent"
        )

    def test_portal_list_and_page(self):
        self.authenticate("contract_portal", "contract_portal")
        response = self.url_open("/my/contracts")
        self.assertEqual(response.status_code, 200)
        self.assertIn("CON-TOUR-1", response.text)
        self.assertNotIn("CON-OTHER-1", response.text)
        response = self.url_open(f"/my/contracts/{self.contract.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("CON-TOUR-1", response.text)
        self.assertIn("o_contract_sign", response.text)
        response = self.url_open("/my/contracts/page/2")
        self.assertEqual(response.status_code, 200)
        home = self.make_jsonrpc_request("/my/counters", {"counters": ["contract_count"]})
        self.assertEqual(home["contract_count"], 1)

    def test_pdf_download(self):
        self.authenticate("contract_portal", "contract_portal")
        response = self.url_open(
            self.contract.get_portal_url(report_type="pdf", download=True), allow_redirects=False
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment", response.headers.get("content-disposition", ""))

    def test_no_access_to_another_customer(self):
        """Another customer's id, a wrong or missing token: a redirect, nothing leaked."""
        self.authenticate("contract_portal", "contract_portal")
        for url in (
            f"/my/contracts/{self.other_contract.id}",
            f"/my/contracts/{self.other_contract.id}?access_token=wrong",
            f"/my/contracts/{self.other_contract.id}?access_token={self.contract.access_token}",
            f"/my/contracts/{self.other_contract.id}?report_type=pdf",
            "/my/contracts/999999",
        ):
            response = self.url_open(url, allow_redirects=False)
            self.assertIn(response.status_code, (302, 303), url)
            self.assertNotIn("CON-OTHER-1", response.text, url)
            self.assertTrue(response.headers["Location"].endswith("/my"), url)
        result = self.make_jsonrpc_request(
            f"/my/contracts/{self.other_contract.id}/sign?access_token=wrong",
            {"name": "Intruder", "signature": "aGVsbG8="},
        )
        self.assertIn("error", result)
        self.assertEqual(self.other_contract.state, "sent")
        # Anonymous with the right token: allowed (the link in the mail); with a wrong one: not.
        self.logout()
        response = self.url_open(self.other_contract.get_portal_url(), allow_redirects=False)
        self.assertEqual(response.status_code, 200)
        response = self.url_open(
            f"/my/contracts/{self.other_contract.id}?access_token=x", allow_redirects=False
        )
        self.assertIn(response.status_code, (302, 303))

    def test_portal_list_query_count(self):
        """The contract list costs the same with 1 and with 5 contracts."""
        self.authenticate("contract_portal", "contract_portal")
        self.url_open("/my/contracts")  # warm the caches
        with self.assertQueryCount(__system__=40):
            self.url_open("/my/contracts")
        for i in range(4):
            self.create_contract(name=f"CON-MANY-{i}", state="running")
        self.env.flush_all()
        with self.assertQueryCount(__system__=40):
            self.url_open("/my/contracts")

    def test_tour_sign_in_portal(self):
        """The customer signs in the portal; staff get the notice (mail + activity)."""
        self.env["ir.attachment"].search([("res_model", "=", "bimbonbon.contract")]).unlink()
        self.start_tour("/my/contracts", "bimbonbon_contract_portal_sign", login="contract_portal")
        self.contract.invalidate_recordset()
        self.assertIn(self.contract.state, ("signed", "running"))
        self.assertEqual(self.contract.signed_by, "Joke Jansen")
        self.assertTrue(self.contract.signature)
        self.assertTrue(self.contract.signed_document_id)
        staff_mail = self.mails_for(self.contract, self.responsible.partner_id, "signed by")
        self.assertEqual(len(staff_mail), 1)
        self.assertEqual(len(self.mails_for(self.contract, self.customer, "Confirmation")), 1)
        activity = self.contract.activity_ids.filtered(lambda a: a.user_id == self.responsible)
        self.assertEqual(len(activity), 1)
        # ... and the responsible sees it in the backend.
        self.start_tour(
            f"/odoo/action-bimbonbon_crm.bimbonbon_contract_action/{self.contract.id}",
            "bimbonbon_contract_staff_notice",
            login=self.responsible.login,
        )

    def test_request_renewal_in_portal(self):
        """The link in the expiry reminder lets the customer ask to renew a contract that does
        not renew by itself: the responsible gets one to-do, however often the customer asks;
        staff renew it as a draft successor, which stops the "ends soon" reminders."""
        contract = self.create_contract(name="CON-RENEW-1", state="expiring", auto_renew=False)
        renewing = self.create_contract(name="CON-AUTO-1", state="running", auto_renew=True)
        self.authenticate("contract_portal", "contract_portal")
        page = self.url_open(f"/my/contracts/{contract.id}").text
        self.assertIn("o_contract_renew", page)
        self.assertNotIn("o_contract_renew", self.url_open(f"/my/contracts/{renewing.id}").text)

        def request_renewal(target):
            return self.url_open(
                f"/my/contracts/{target.id}/renew",
                data={"csrf_token": http.Request.csrf_token(self)},
                allow_redirects=False,
            )

        # without a CSRF token: refused, nothing recorded
        response = self.url_open(
            f"/my/contracts/{contract.id}/renew", data={"renew": "1"}, allow_redirects=False
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(contract.renewal_requested_on)

        response = request_renewal(contract)
        self.assertEqual(response.status_code, 303)
        self.assertIn("message=renew_ok", response.headers["Location"])
        self.assertTrue(contract.renewal_requested_on)
        todo = contract.activity_ids.filtered(lambda a: a.user_id == self.responsible)
        self.assertEqual(len(todo), 1)
        self.assertIn("Renewal requested", todo.summary)
        note = contract.message_ids.filtered(lambda m: "asked to renew" in str(m.body))
        self.assertEqual(note.author_id, self.customer_contact)
        # asking again changes nothing
        response = request_renewal(contract)
        self.assertIn("message=renew_refused", response.headers["Location"])
        self.assertEqual(len(contract.activity_ids), 1)
        self.assertIn("o_contract_renewal_requested", self.url_open(contract.get_portal_url()).text)
        # another customer's contract: back to /my, nothing recorded
        self.other_contract.state = "running"
        response = request_renewal(self.other_contract)
        self.assertTrue(response.headers["Location"].endswith("/my"))
        self.assertFalse(self.other_contract.renewal_requested_on)

        # staff renew: a draft successor with the same lines for the next term, the to-do done
        action = contract.with_user(self.responsible).action_renew()
        successor = self.env["bimbonbon.contract"].browse(action["res_id"])
        self.assertEqual(contract.successor_id, successor)
        self.assertEqual(successor.state, "draft")
        self.assertEqual(successor.predecessor_id, contract)
        self.assertEqual(successor.date_start, date(2027, 1, 1))
        self.assertEqual(successor.line_ids.product_id, contract.line_ids.product_id)
        self.assertFalse(contract.activity_ids)
        Contract = self.env["bimbonbon.contract"]
        due = dict(Contract._get_due_reminders(date(2026, 12, 20), [90, 30, 7]))
        self.assertNotIn(contract.id, due)
