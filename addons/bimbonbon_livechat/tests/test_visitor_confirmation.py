# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.bimbonbon_portal.tests.test_customer_mails import mail_problems

from .common import LivechatCase


@tagged("post_install", "-at_install")
class TestVisitorConfirmation(LivechatCase):
    """A visitor's chat ticket is linked to a customer only once the address typed is
    confirmed from the mail sent to it; nothing of that customer is shown on the way."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("nl_NL")
        cls.env["ir.module.module"]._load_module_terms(
            ["mail", "website", "portal", "bimbonbon_livechat"], ["nl_NL"], overwrite=True
        )
        website = cls.env["website"].get_current_website()
        dutch = cls.env.ref("base.lang_nl")
        website.language_ids |= dutch
        website.default_lang_id = dutch

    def _visitor_ticket(self, email, name="Anna"):
        channel = self._start(None)
        self.opener.cookies.set("frontend_lang", "nl_NL")  # a visitor of our Dutch website
        self._ask_problem(channel)
        self._choose(channel, self.answer_no)
        self._choose(channel, self.answer_ticket)
        self._give_email(channel, email)
        self._say(channel, name)
        ticket = channel.bimbonbon_ticket_id
        self.assertTrue(ticket)
        return channel, ticket

    def _as_visitor(self):
        self.authenticate(None, None)
        self.opener.cookies.set("frontend_lang", "nl_NL")

    def _confirm_mail(self, ticket):
        mails = self.env["mail.mail"].search(
            [("model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)]
        )
        return mails.filtered(lambda mail: "/bimbonbon/chat/confirm/" in mail.body_html)

    def _confirm_path(self, ticket):
        """The path of the mail's button."""
        mail = self._confirm_mail(ticket)
        urls = re.findall(r'href="([^"]*/bimbonbon/chat/confirm/[^"]*)"', mail.body_html)
        self.assertEqual(len(urls), 1)
        return urlsplit(urls[0]).path

    def _csrf_token(self, page):
        inputs = re.findall(r'<input[^>]*name="csrf_token"[^>]*>', page.text)
        tokens = [token for tag in inputs for token in re.findall(r'value="([^"]+)"', tag)]
        self.assertEqual(len(tokens), 1, "the page's one form")
        return tokens[0]

    def _open_and_confirm(self, path):
        """The visitor opens the mail's link (a page with a button, nothing linked yet) and
        presses the button (a POST with the form's CSRF token)."""
        page = self.url_open(path)
        self.assertEqual(page.status_code, 200)
        return self.url_open(path, data={"csrf_token": self._csrf_token(page)})

    def test_linked_to_the_customer_only_after_confirmation(self):
        channel, ticket = self._visitor_ticket("Anna@Krakeling.example")
        self.assertFalse(ticket.partner_id, "not linked before the address is confirmed")
        self.assertIn("We hebben je een e-mail gestuurd", self._bot_messages(channel)[-1].body)
        # the Dutch mail with the link, in the queue, to the address typed
        mail = self._confirm_mail(ticket)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.state, "outgoing")
        self.assertEqual(mail.email_to, "anna@krakeling.example")
        self.assertFalse(mail.recipient_ids)
        self.assertEqual(mail.subject, f"Bevestig je e-mailadres voor melding {ticket.number}")
        self.assertIn("Bevestig mijn e-mailadres", mail.body_html)
        self.assertIn("zeven dagen", mail.body_html)
        self.assertFalse(mail_problems(mail.body_html, mail.subject), "Dutch, fits a phone")
        self.assertNotIn(self.contact.name, mail.body_html)
        self.assertNotIn(self.customer.name, mail.body_html)
        path = self._confirm_path(ticket)
        old_token = ticket.access_token
        # a visitor who only has the chat's link to the ticket does not find the mail's link
        self._as_visitor()
        history = self.make_jsonrpc_request(
            "/mail/chatter_fetch",
            {
                "thread_model": "helpdesk.ticket",
                "thread_id": ticket.id,
                "fetch_params": {},
                "token": old_token,
            },
        )
        self.assertNotIn("/bimbonbon/chat/confirm/", str(history))
        # opening the link (as a mail scanner does by itself) links nothing: a page with
        # the button, a form that posts to the same address
        page = self.url_open(path)
        self.assertEqual(page.status_code, 200)
        self.assertIn("Bevestig mijn e-mailadres", page.text)
        self.assertIn(ticket.number, page.text)
        forms = re.findall(r"<form[^>]*>", page.text)
        self.assertTrue(any(f'action="{path}"' in f and 'method="post"' in f for f in forms))
        self.assertNotIn(self.contact.name, page.text)
        self.assertNotIn(self.customer.name, page.text)
        ticket.invalidate_recordset()
        self.assertFalse(ticket.partner_id, "a GET links nothing")
        self.assertEqual(ticket.access_token, old_token)
        self.assertEqual(self.url_open(path).status_code, 200)
        ticket.invalidate_recordset()
        self.assertFalse(ticket.partner_id)
        # the button: a POST with the form's CSRF token links the ticket
        page = self.url_open(path, data={"csrf_token": self._csrf_token(page)})
        self.assertEqual(page.status_code, 200)
        self.assertIn("Je e-mailadres is bevestigd", page.text)
        self.assertIn(ticket.number, page.text)
        self.assertNotIn(self.contact.name, page.text)
        self.assertNotIn(self.customer.name, page.text)
        ticket.invalidate_recordset()
        self.assertEqual(ticket.partner_id, self.contact, "the customer with that address")
        self.assertIn(self.contact, ticket.message_partner_ids)
        # the chat's link, shown before the confirmation, no longer opens the ticket
        new_token = ticket.access_token
        self.assertNotEqual(new_token, old_token)
        contacts = self.env["res.partner"].search_count(
            [("email_normalized", "=", self.contact.email_normalized)]
        )

        note = self.env.ref("mail.mt_note")

        def notes():
            return ticket.message_ids.filtered(
                lambda m: m.subtype_id == note and self.contact.email in (m.body or "")
            )

        self.assertEqual(len(notes()), 1)
        # the button again (a replay): the same page, nothing changes
        self.assertEqual(self._open_and_confirm(path).status_code, 200)
        self.env.invalidate_all()
        self.assertEqual(ticket.partner_id, self.contact)
        self.assertEqual(ticket.access_token, new_token, "the token is not reset again")
        self.assertEqual(
            self.env["res.partner"].search_count(
                [("email_normalized", "=", self.contact.email_normalized)]
            ),
            contacts,
            "no second contact",
        )
        self.assertEqual(len(notes()), 1, "no second note")

    def test_confirmation_post_needs_the_csrf_token(self):
        __, ticket = self._visitor_ticket(self.contact.email)
        path = self._confirm_path(ticket)
        self._as_visitor()
        self.assertEqual(self.url_open(path).status_code, 200)
        for data in ({"bevestig": "1"}, {"csrf_token": "niet-geldig"}):
            with self.subTest(data=data), self.assertLogs("odoo.http", "WARNING"):
                page = self.url_open(path, data=data)
                self.assertEqual(page.status_code, 400)
        ticket.invalidate_recordset()
        self.assertFalse(ticket.partner_id)

    def test_new_address_makes_a_new_contact(self):
        __, ticket = self._visitor_ticket("nieuw@voorbeeld.example", name="Nina Nieuw")
        # the name the visitor typed is not in a mail we send to any address
        self.assertNotIn("Nina", self._confirm_mail(ticket).body_html)
        self._as_visitor()
        self.assertEqual(self._open_and_confirm(self._confirm_path(ticket)).status_code, 200)
        ticket.invalidate_recordset()
        self.assertEqual(ticket.partner_id.name, "Nina Nieuw")
        self.assertEqual(ticket.partner_id.email, "nieuw@voorbeeld.example")
        self.assertNotEqual(ticket.partner_id, self.contact)

    def test_unconfirmed_address_gets_only_the_confirmation(self):
        """The address a visitor typed gets the confirmation mail and nothing else: not the
        "received" mail of the ticket's first stage (from anybody's typing, our name in a
        stranger's inbox twice) and no contact is made from it before it is confirmed."""
        __, ticket = self._visitor_ticket("vreemde@voorbeeld.example")
        self.env.flush_all()
        mails = self.env["mail.mail"].search(
            [("model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)]
        )
        self.assertEqual(mails, self._confirm_mail(ticket))
        self.assertFalse(
            self.env["res.partner"].search([("email", "=", "vreemde@voorbeeld.example")])
        )
        self.assertTrue(ticket.stage_id.mail_template_id, "the stage has a received mail")

    def test_existing_contact_keeps_its_name(self):
        """Only a contact this confirmation makes gets the typed name: an existing one (here
        one named by its bare address) is never renamed."""
        bare = self.env["res.partner"].create(
            {"name": "oud@voorbeeld.example", "email": "oud@voorbeeld.example"}
        )
        # made before (a test runs in one transaction, which gives every record one date)
        self.env.cr.execute(
            "UPDATE res_partner SET create_date = create_date - interval '1 day' WHERE id = %s",
            [bare.id],
        )
        bare.invalidate_recordset()
        __, ticket = self._visitor_ticket("oud@voorbeeld.example", name="Zwarte Piraat")
        ticket._bimbonbon_confirm_email()
        bare.invalidate_recordset()
        self.assertEqual(ticket.partner_id, bare)
        self.assertEqual(bare.name, "oud@voorbeeld.example")

    def test_wrong_or_expired_link_is_refused(self):
        __, ticket = self._visitor_ticket(self.contact.email)
        __, other = self._visitor_ticket("ander@voorbeeld.example")
        path = self._confirm_path(ticket)
        token = path.rsplit("/", 1)[1]
        other_token = self._confirm_path(other).rsplit("/", 1)[1]
        self._as_visitor()
        csrf_token = self._csrf_token(self.url_open(path))
        for bad in (
            f"/bimbonbon/chat/confirm/{ticket.id}/{token[:-4]}AAAA",
            f"/bimbonbon/chat/confirm/{ticket.id}/{other_token}",
            f"/bimbonbon/chat/confirm/{other.id}/{token}",
            f"/bimbonbon/chat/confirm/{ticket.id}/niet-geldig",
            f"/bimbonbon/chat/confirm/999999999/{token}",
        ):
            for data in (None, {"csrf_token": csrf_token}):
                with self.subTest(path=bad, post=bool(data)):
                    page = self.url_open(bad, data=data)
                    self.assertEqual(page.status_code, 404)
                    self.assertIn("Deze link is niet geldig", page.text)
                    self.assertNotIn("Bevestig mijn e-mailadres", page.text)
        # a week later
        with freeze_time(datetime.now() + timedelta(days=8)):
            self.assertEqual(self.url_open(path).status_code, 404)
            page = self.url_open(path, data={"csrf_token": csrf_token})
        self.assertEqual(page.status_code, 404)
        # the address changed meanwhile: the link was for the old one
        ticket.partner_email = "iemand@anders.example"
        self.assertEqual(self.url_open(path).status_code, 404)
        self.assertEqual(self.url_open(path, data={"csrf_token": csrf_token}).status_code, 404)
        ticket.invalidate_recordset()
        self.assertFalse(ticket.partner_id)
        self.assertFalse(other.partner_id)

    def test_linked_by_customer_service_to_someone_else(self):
        """Customer service linked the ticket to another customer: the visitor's link no
        longer opens anything of that ticket."""
        __, ticket = self._visitor_ticket(self.contact.email)
        path = self._confirm_path(ticket)
        ticket.partner_id = self.other_user.partner_id
        ticket.partner_email = self.contact.email
        self._as_visitor()
        page = self.url_open(path)
        self.assertEqual(page.status_code, 404)
        self.assertNotIn("Piet", page.text)

    def test_restart_after_confirmation_shows_no_link(self):
        """A visitor who presses Restart in the chat of a ticket that is linked by now (the
        address was confirmed) gets only its number: no link with its new token, and the
        new question does not go on the customer's ticket."""
        channel, ticket = self._visitor_ticket(self.contact.email)
        ticket._bimbonbon_confirm_email()
        ticket.invalidate_recordset()
        self.assertEqual(ticket.partner_id, self.contact)
        seen = self._bot_messages(channel)
        self._restart(channel)
        self._ask_problem(channel, "Hoe bak ik wafels met de stroopwafelmix")
        self._choose(channel, self.answer_no)
        self._choose(channel, self.answer_ticket)
        self._give_email(channel, "iemand@anders.example")
        self._say(channel, "Iemand")
        self.assertEqual(channel.bimbonbon_ticket_id, ticket)
        new = self._bot_messages(channel) - seen
        self.assertIn(ticket.number, new[-1].body)
        self.assertIn("per e-mail", new[-1].body)
        ticket.invalidate_recordset()
        for message in new:
            self.assertNotIn(ticket.access_token, message.body)
            self.assertNotIn("/my/ticket", message.body)
            self.assertNotIn("access_token", message.body)
        self.assertFalse(ticket.message_ids.filtered(lambda m: "wafels" in (m.body or "")))
        self.assertFalse(
            self.env["mail.mail"].search_count([("email_to", "ilike", "iemand@anders.example")])
        )
        self.assertEqual(ticket.partner_id, self.contact)
