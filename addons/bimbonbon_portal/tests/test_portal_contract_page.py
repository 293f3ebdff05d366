# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo.tests import new_test_user, tagged

from .common_portal_registration import PortalRegistrationCase
from .test_portal_budget import production_mode

#: Draws a stroke on the signing pad, as a finger does, types the name and signs; succeeds
#: when the server answers with the signed contract's page.
SIGN_ON_THE_PAD = """
(async () => {
    const fail = (message) => console.error("signing pad: " + message);
    if (window.odoo && (odoo.define || odoo.loader)) {
        fail("Odoo's JavaScript runs on the signing page");
    }
    const canvas = document.querySelector(".o_bimbonbon_sign canvas");
    if (!canvas || !canvas.checkVisibility()) {
        fail("no signing pad");
        return;
    }
    const name = document.querySelector(".o_bimbonbon_sign input[name=name]");
    const submit = document.querySelector(".o_portal_sign_submit");
    const typeName = (value) => {
        name.value = value;
        name.dispatchEvent(new Event("input", {bubbles: true}));
    };
    const pixelAt = (x, y) => {
        const ratio = canvas.width / canvas.clientWidth;
        const data = canvas.getContext("2d").getImageData(x * ratio, y * ratio, 1, 1).data;
        return data[3] !== 0;
    };
    const blank = () => !new Uint32Array(
        canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data.buffer
    ).some((pixel) => pixel !== 0);
    // the signed-in person's name is written on the pad; without a name nothing is
    typeName("");
    if (!submit.disabled || !blank()) {
        fail("an empty pad without a name can be signed");
    }
    canvas.scrollIntoView();
    const box = canvas.getBoundingClientRect();
    const at = (type, x, y) => canvas.dispatchEvent(new PointerEvent(type, {
        bubbles: true, pointerId: 1, pointerType: "touch", isPrimary: true, button: 0,
        clientX: box.left + x, clientY: box.top + y,
    }));
    at("pointerdown", 20, 40);
    for (let x = 20; x <= 200; x += 10) { at("pointermove", x, 40); }
    at("pointerup", 200, 40);
    if (!pixelAt(100, 40)) {
        fail("the finger's stroke is not on the pad");
    }
    if (!submit.disabled) {
        fail("Sign is possible without a name");
    }
    // typing the name keeps the drawing
    typeName("Anna Jansen");
    if (!pixelAt(100, 40) || submit.disabled) {
        fail("the drawing went when the name was typed, or Sign stays disabled");
    }
    const fetchBefore = window.fetch;
    window.fetch = (...args) => fetchBefore(...args).then((response) => {
        response.clone().json().then((answer) => {
            if (answer.result && answer.result.redirect_url) {
                console.log("test successful");
            } else {
                fail("refused: " + JSON.stringify(answer));
            }
        });
        return response;
    });
    submit.click();
    if (!submit.disabled) {
        fail("Sign can be pressed again while the signature is on its way");
    }
})();
"""


@tagged("post_install", "-at_install")
class TestPortalContractPage(PortalRegistrationCase):
    """The contract page without Odoo's JavaScript: its conversation (the same as the ticket
    page's, controllers/portal_conversation.py) and its signing pad."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contract = cls._create_contract_a()
        cls.staff = new_test_user(cls.env, "verkoop_messages", groups="bimbonbon_crm.group_sales")
        cls._post_comment_and_note(
            cls.contract,
            cls.staff,
            "Uw contract loopt tot eind volgend jaar.",
            "Interne notitie: korting gegeven",
        )
        cls.url = f"/my/contracts/{cls.contract.id}"

    def _messages(self):
        return self.contract.message_ids.filtered(lambda m: m.message_type == "comment")

    def test_running_contract_is_lean_with_its_conversation(self):
        self.authenticate("klant_a", "klant_a")
        with production_mode():
            html = self.url_open(self.url).text
        self.assertIn("bimbonbon_portal.assets_app", html)
        self.assertNotIn("web.assets_frontend", html)
        self.assertIn("Uw contract loopt tot eind volgend jaar.", html)
        self.assertNotIn("Interne notitie", html)
        self.assertNotIn("o_portal_chatter", html)
        self.assertRegex(html, r'<textarea id="o_bimbonbon_conversation_body" name="body"')

    def test_contract_to_sign_is_lean_with_the_signing_pad(self):
        self.contract.state = "sent"
        self.authenticate("klant_a", "klant_a")
        with production_mode():
            html = self.url_open(self.url).text
        self.assertNotIn("web.assets_frontend", html)
        self.assertNotIn("modal_contract_sign", html)
        self.assertIn('href="#o_bimbonbon_sign"', html)
        self.assertIn("bimbonbon_portal/static/src/js/contract_sign.js", html)
        self.assertIn("o_bimbonbon_conversation_reply", html)
        # no pad without the script (it shows it), a note says how else to sign
        self.assertRegex(html, r'class="o_bimbonbon_sign_pad o_web_sign_name_and_signature" hidden')
        self.assertIn("o_bimbonbon_sign_nojs", html)

    def test_sign_on_the_lean_page_in_a_phone_browser(self):
        """The customer draws on the pad with a finger (pointer events, on a phone) and signs,
        with none of Odoo's JavaScript on the page."""
        self.contract.state = "sent"
        self.browser_size = "390x844"
        self.touch_enabled = True
        with production_mode():
            self.browser_js(self.url, SIGN_ON_THE_PAD, login="klant_a", timeout=60)
        self.assertIn(self.contract.state, ("signed", "running"))
        self.assertEqual(self.contract.signed_by, "Anna Jansen")
        self.assertTrue(self.contract.signature)

    def test_reply_as_the_customer_and_with_the_token(self):
        self.authenticate("klant_a", "klant_a")
        before = self._messages()
        response = self.post(f"{self.url}/message", {"body": "Kan de looptijd korter?"})
        self.assertEqual(response.status_code, 303)
        self.assertTrue(response.headers["Location"].endswith(f"{self.url}#discussion"))
        message = self._messages() - before
        self.assertEqual(message.author_id, self.partner_a)
        self.assertIn("o_bimbonbon_conversation_message_own", self.url_open(self.url).text)
        # someone with the mail's link writes as the contract's customer
        self.authenticate(None, None)
        before = self._messages()
        token = self.contract._portal_ensure_token()
        response = self.post(f"{self.url}/message", {"body": "Via de link", "access_token": "x"})
        self.assertEqual(response.status_code, 404)
        response = self.post(f"{self.url}/message", {"body": "Via de link", "access_token": token})
        self.assertEqual(response.status_code, 303)
        self.assertTrue(
            response.headers["Location"].endswith(f"{self.url}?access_token={token}#discussion")
        )
        self.assertEqual((self._messages() - before).author_id, self.partner_a)

    def test_a_company_contract_shows_the_contact_own_messages(self):
        """A contact of a company reads its contracts: their own messages are theirs ("You"),
        not the company's."""
        company = self.env["res.partner"].create({"name": "Bakkerij A", "is_company": True})
        self.partner_a.parent_id = company
        contract = self.env["bimbonbon.contract"].create({"partner_id": company.id})
        contract.state = "running"
        contract.message_post(
            body="Namens de bakkerij", message_type="comment", author_id=company.id
        )
        self.authenticate("klant_a", "klant_a")
        url = f"/my/contracts/{contract.id}"
        self.assertEqual(self.post(f"{url}/message", {"body": "Van Anna"}).status_code, 303)
        html = self.url_open(url).text
        own = re.findall(r"o_bimbonbon_conversation_message_own.*?</li>", html, re.S)
        self.assertEqual(len(own), 1, "exactly the contact's own message is theirs")
        self.assertIn("Van Anna", own[0])

    def test_attachments_of_a_message_can_be_downloaded(self):
        attachment = self.env["ir.attachment"].create(
            {
                "name": "voorwaarden.pdf",
                "raw": b"%PDF-1.4 voorwaarden",
                "mimetype": "application/pdf",
            }
        )
        self.contract.message_post(
            body="De voorwaarden",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            attachment_ids=attachment.ids,
        )
        self.authenticate("klant_a", "klant_a")
        html = self.url_open(self.url).text
        link = re.search(r'class="o_bimbonbon_conversation_attachment" href="([^"]+)"', html)
        self.assertTrue(link, "a download link for the message's file")
        self.authenticate(None, None)  # the link works on its own, as Odoo's chatter's does
        response = self.url_open(link[1].replace("&amp;", "&"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"%PDF-1.4 voorwaarden")

    def test_another_customer_and_a_draft_are_refused(self):
        self.authenticate("klant_b", "klant_b")
        before = self._messages()
        self.assertEqual(self.post(f"{self.url}/message", {"body": "Bert"}).status_code, 404)
        self.assertEqual(self._messages(), before)
        self.authenticate("klant_a", "klant_a")
        draft = self._create_contract_a(state="draft")
        response = self.post(f"/my/contracts/{draft.id}/message", {"body": "Concept"})
        self.assertEqual(response.status_code, 404)
        self.assertFalse(draft.message_ids.filtered(lambda m: m.message_type == "comment"))

    def test_hostile_requests_change_nothing(self):
        """No CSRF token, GET, a NUL byte, no token at all, a department that does not read
        contracts: a 4xx each time, and no message."""
        before = self._messages()
        self.authenticate("klant_a", "klant_a")
        self.assertEqual(
            self.url_open(f"{self.url}/message", data={"body": "Zonder token"}).status_code, 400
        )
        self.assertEqual(self.url_open(f"{self.url}/message?body=Met+GET").status_code, 405)
        self.assertEqual(self.post(f"{self.url}/message", {"body": "kapot\x00"}).status_code, 400)
        self.authenticate(None, None)
        self.assertEqual(self.post(f"{self.url}/message", {"body": "Anoniem"}).status_code, 404)
        new_test_user(self.env, "inkoop_contract", groups="bimbonbon_crm.group_purchasing")
        self.authenticate("inkoop_contract", "inkoop_contract")
        self.assertEqual(self.post(f"{self.url}/message", {"body": "Inkoop"}).status_code, 404)
        self.assertEqual(self._messages(), before)

    def test_bad_message_is_refused_on_the_contract_page(self):
        self.activate_dutch()
        self.authenticate("klant_a", "klant_a")
        before = self._messages()
        response = self.post(f"{self.url}/message", {"body": "  "})
        self.assertEqual(response.status_code, 400)
        self.assertIn("Schrijf eerst een bericht.", response.text)
        self.assertIn("o_contract_download", response.text)  # the contract's own page
        self.assertEqual(self._messages(), before)
