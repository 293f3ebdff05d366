# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
from unittest.mock import patch

from odoo.tests import HttpCase, JsonRpcException, tagged

from .common_contract import ContractCommon
from .common_contract import signature_b64 as image_b64

SVG_WITH_SCRIPT = base64.b64encode(
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(document.cookie)</script><path d='M0 0L10 10'/></svg>"
).decode()


@tagged("post_install", "-at_install")
class TestContractSignature(ContractCommon, HttpCase):
    """A contract is signed with a real drawn signature, or not at all (nothing half done)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_contract_data()
        cls.contract = cls.create_contract(name="CON-SIG-1", state="sent")

    def sign(self, signature, name="Joke Jansen"):
        return self.make_jsonrpc_request(
            f"/my/contracts/{self.contract.id}/sign?access_token={self.contract.access_token}",
            {"name": name, "signature": signature},
        )

    def assertUntouched(self):
        self.contract.invalidate_recordset()
        self.assertEqual(self.contract.state, "sent")
        self.assertFalse(self.contract.signed_by)
        self.assertFalse(self.contract.signed_on)
        self.assertFalse(self.contract.signature)
        self.assertFalse(self.contract.signed_document_id)
        self.assertFalse(self.mails_for(self.contract, self.responsible.partner_id, "signed by"))

    def test_refused_signatures_change_nothing(self):
        """Failed before the fix: the contract moved to running with `signed_by` set and no
        image for an invalid signature, and " " and "=" even succeeded; an SVG with a script
        was stored as image/svg+xml."""
        self.authenticate("contract_portal", "contract_portal")
        refused = {
            "not base64": "aGVsbG8=!!",
            "blank": " ",
            "padding only": "=",
            "not an image": base64.b64encode(b"hello world").decode(),
            "svg with script": SVG_WITH_SCRIPT,
            "empty canvas": image_b64(drawn=False),
            "white jpeg": image_b64("JPEG", drawn=False, mode="RGB"),
            "gif": image_b64("GIF", mode="RGB"),
        }
        for label, signature in refused.items():
            with self.subTest(label):
                result = self.sign(signature)
                self.assertIn("error", result, label)
                self.assertUntouched()

    def test_name_required(self):
        self.authenticate("contract_portal", "contract_portal")
        self.assertIn("error", self.sign(image_b64(), name="   "))
        self.assertUntouched()

    def test_drawn_png_and_jpeg_sign(self):
        self.authenticate("contract_portal", "contract_portal")
        result = self.sign(image_b64())
        self.assertNotIn("error", result)
        self.contract.invalidate_recordset()
        self.assertIn(self.contract.state, ("signed", "running"))
        self.assertEqual(self.contract.signed_by, "Joke Jansen")
        attachment = self.env["ir.attachment"].search(
            [
                ("res_model", "=", "bimbonbon.contract"),
                ("res_id", "=", self.contract.id),
                ("res_field", "=", "signature"),
            ]
        )
        self.assertEqual(attachment.mimetype, "image/png")
        other = self.create_contract(name="CON-SIG-2", state="sent")
        self.env["bimbonbon.contract"]._check_signature_image(image_b64("JPEG", mode="RGB"))
        self.assertEqual(other.state, "sent")

    def test_failure_after_first_write_rolls_back(self):
        """All or nothing: a failure after the signature was written leaves the contract as
        it was (the portal runs the signing in a savepoint)."""
        self.authenticate("contract_portal", "contract_portal")
        Contract = type(self.env["bimbonbon.contract"])

        def broken_pdf(contract):
            raise ValueError("PDF service down")

        with (
            patch.object(Contract, "_store_signed_pdf", broken_pdf),
            self.assertLogs("odoo.http", "ERROR"),
            self.assertRaises(JsonRpcException),
        ):
            self.make_jsonrpc_request(
                f"/my/contracts/{self.contract.id}/sign?access_token={self.contract.access_token}",
                {"name": "Joke Jansen", "signature": image_b64()},
            )
        self.assertUntouched()
