# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import new_test_user, tagged

from .common_portal_registration import PortalRegistrationCase

#: Queries of the ticket page as its customer, whatever the number of messages (measured: 37)
PAGE_QUERIES = 40


@tagged("post_install", "-at_install")
class TestPortalTicketMessages(PortalRegistrationCase):
    """The ticket page's conversation without Odoo's JavaScript: the same messages as the
    portal chatter, and a plain reply form, for the ticket's customer only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ticket = cls._create_ticket_a("<p>Hij piept bij het opstarten</p>")
        cls.staff = new_test_user(
            cls.env, "cs_messages", groups="bimbonbon_crm.group_customer_service"
        )
        cls._post_comment_and_note(
            cls.ticket, cls.staff, "Wij komen dinsdag langs.", "Interne notitie: klant is lastig"
        )
        cls.url = f"/my/ticket/{cls.ticket.id}"

    def _messages(self):
        return self.ticket.message_ids.filtered(lambda m: m.message_type == "comment")

    def test_page_shows_the_conversation_without_notes(self):
        self.authenticate("klant_a", "klant_a")
        response = self.url_open(self.url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Wij komen dinsdag langs.", response.text)
        self.assertNotIn("Interne notitie", response.text)
        self.assertIn('class="mb-4 o_bimbonbon_conversation_reply"', response.text)
        # the reply's field is there when nothing was typed yet (QWeb drops an element whose
        # t-out is empty)
        self.assertRegex(response.text, r'<textarea id="o_bimbonbon_conversation_body" name="body"')
        # the conversation is no longer Odoo's JavaScript chatter
        self.assertNotIn("o_portal_chatter", response.text)

    def test_reply_posts_as_the_customer(self):
        self.authenticate("klant_a", "klant_a")
        before = self._messages()
        response = self.post(f"{self.url}/message", {"body": "Ook <b>vandaag</b>\nals hij koud is"})
        self.assertEqual(response.status_code, 303)
        self.assertTrue(response.headers["Location"].endswith(f"{self.url}#task_chat"))
        message = self._messages() - before
        self.assertEqual(len(message), 1)
        self.assertEqual(message.author_id, self.partner_a)
        self.assertEqual(message.subtype_id, self.env.ref("mail.mt_comment"))
        # plain text, escaped, its line break kept
        self.assertIn("Ook &lt;b&gt;vandaag&lt;/b&gt;<br>als hij koud is", str(message.body))
        page = self.url_open(self.url)
        self.assertIn("als hij koud is", page.text)
        self.assertIn("o_bimbonbon_conversation_message_own", page.text)

    def test_reply_with_the_token_of_the_mail(self):
        """Someone who opens the link of the ticket's mail (with its token) writes as the
        ticket's customer; a wrong token changes nothing."""
        self.authenticate(None, None)
        before = self._messages()
        token = self.ticket._portal_ensure_token()
        response = self.post(f"{self.url}/message", {"body": "Via de link", "access_token": "x"})
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self._messages(), before)
        response = self.post(f"{self.url}/message", {"body": "Via de link", "access_token": token})
        self.assertEqual(response.status_code, 303)
        self.assertTrue(response.headers["Location"].endswith(f"{self.url}/{token}#task_chat"))
        message = self._messages() - before
        self.assertEqual(message.author_id, self.partner_a)
        page = self.url_open(f"{self.url}/{token}")
        self.assertIn("Via de link", page.text)
        self.assertIn(f'name="access_token" value="{token}"', page.text)

    def test_another_customer_cannot_read_nor_write(self):
        self.authenticate("klant_b", "klant_b")
        before = self._messages()
        response = self.post(f"{self.url}/message", {"body": "Ik ben Bert"})
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self._messages(), before)
        response = self.url_open(self.url)
        self.assertNotIn("Wij komen dinsdag langs.", response.text)
        self.assertEqual(self.post("/my/ticket/999999/message", {"body": "x"}).status_code, 404)

    def test_a_department_writes_as_itself(self):
        """Every employee reads tickets and helpdesk_mgmt lets readers post (its
        _mail_post_access is "read"), so purchasing may answer here as in the backend: as
        themselves, never in the customer's name."""
        buyer = new_test_user(self.env, "inkoop_messages", groups="bimbonbon_crm.group_purchasing")
        self.authenticate("inkoop_messages", "inkoop_messages")
        before = self._messages()
        self.assertEqual(self.post(f"{self.url}/message", {"body": "Inkoop"}).status_code, 303)
        self.assertEqual((self._messages() - before).author_id, buyer.partner_id)

    def test_bad_message_is_refused_with_a_message(self):
        self.activate_dutch()
        self.authenticate("klant_a", "klant_a")
        before = self._messages()
        for body, error in (
            ("   ", "Schrijf eerst een bericht."),
            ("a" * 5001, "Je bericht is te lang"),
        ):
            with self.subTest(body=body[:10]):
                response = self.post(f"{self.url}/message", {"body": body})
                self.assertEqual(response.status_code, 400)
                self.assertIn(error, response.text)
                self.assertIn("o_bimbonbon_conversation_error", response.text)
        # a NUL byte: Odoo refuses the request itself (400), nothing reaches the database
        response = self.post(f"{self.url}/message", {"body": "kapot\x00"})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self._messages(), before)

    def test_reply_needs_csrf_and_post(self):
        self.authenticate("klant_a", "klant_a")
        before = self._messages()
        response = self.url_open(f"{self.url}/message", data={"body": "Zonder token"})
        self.assertEqual(response.status_code, 400)
        self.url_open(f"{self.url}/message?body=Met+GET")
        self.assertEqual(self._messages(), before)

    def _page_queries(self):
        self.url_open(self.url)  # warms the caches
        with self.assertQueryCount(PAGE_QUERIES):
            start = self.cr.sql_log_count
            response = self.url_open(self.url)
            count = self.cr.sql_log_count - start
        self.assertEqual(response.status_code, 200)
        return count

    def test_page_queries_do_not_grow_with_messages(self):
        self.authenticate("klant_a", "klant_a")
        with_one = self._page_queries()
        authors = self.env["res.partner"].create([{"name": f"Collega {i}"} for i in range(20)])
        for author in authors:
            self.ticket.message_post(
                body=f"Antwoord van {author.name}",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                author_id=author.id,
            )
        self.assertEqual(self._page_queries(), with_one)
