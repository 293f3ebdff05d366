# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Mail through an outage of the mail server, against a real SMTP server (aiosmtpd): what
failed for a reason that passes is sent again later, exactly once; what failed for good is
not."""

import smtplib
import socket
import ssl
from datetime import timedelta

from aiosmtpd.controller import Controller

from odoo import fields
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from odoo.addons.base.models.ir_mail_server import MailDeliveryException

from .common import BimbonbonCrmCase


class RecordingHandler:
    """An SMTP server's handler that keeps what it received, and answers some recipients
    with a given reply (a 4xx or 5xx code)."""

    def __init__(self):
        self.received = []
        self.replies = {}
        #: addresses whose message makes the server hang up during DATA, once each
        self.hang_up_on = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        reply = self.replies.get(address)
        if reply:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.hang_up_on & set(envelope.rcpt_tos):
            self.hang_up_on -= set(envelope.rcpt_tos)
            server.transport.close()  # not received: the client sees the connection drop
            return "421 4.3.2 Service shutting down"
        self.received.extend(envelope.rcpt_tos)
        return "250 Message accepted for delivery"


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@tagged("post_install", "-at_install")
class TestMailOutage(BimbonbonCrmCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.port = _free_port()
        cls.env["ir.mail_server"].search([]).active = False
        cls.env["ir.mail_server"].create(
            {
                "name": "Lokale server",
                "smtp_host": "127.0.0.1",
                "smtp_port": cls.port,
                "smtp_encryption": "none",
                "sequence": 1,
            }
        )
        cls.customers = cls.env["res.partner"].create(
            [
                {"name": f"Klant {i}", "email": f"klant{i}@example.com", "customer_rank": 1}
                for i in range(3)
            ]
        )
        cls.template = cls.env.ref("bimbonbon_crm.mail_template_data_reminder")

    def setUp(self):
        super().setUp()
        # Odoo sends no mail while testing; this test is about sending it
        IrMailServer = type(self.env["ir.mail_server"])
        self.patch(IrMailServer, "_disable_send", classmethod(lambda cls: False))
        self.handler = RecordingHandler()
        self.server = None
        self.addCleanup(self._stop_server)

    def _start_server(self):
        self.server = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self.server.start()

    def _stop_server(self):
        if self.server:
            self.server.stop()
            self.server = None

    def _queue_reminders(self):
        """The data reminder cron's mails: one per customer, queued."""
        with self.fake_cron_commits():
            self.env["res.partner"]._cron_send_data_reminder()
        return self.env["mail.mail"].search(
            [("model", "=", "res.partner"), ("res_id", "in", self.customers.ids)]
        )

    def _run_queue(self):
        # Odoo logs each failed delivery as an error, retried or not
        with mute_logger("odoo.addons.mail.models.mail_mail"):
            self.env["mail.mail"].process_email_queue()

    def _make_due(self, mails):
        mails.scheduled_date = fields.Datetime.now() - timedelta(seconds=1)

    def test_outage_then_each_mail_exactly_once(self):
        self.customers.write({"data_confirmed_date": "2024-01-01"})
        mails = self._queue_reminders()
        self.assertEqual(len(mails), 3)
        # the mail server is down during the run
        self._run_queue()
        self.assertEqual(set(mails.mapped("state")), {"outgoing"}, "queued again, not failed")
        self.assertEqual(set(mails.mapped("retry_count")), {1})
        self.assertTrue(all(mail.scheduled_date > fields.Datetime.now() for mail in mails))
        # not before their time
        self._start_server()
        self._run_queue()
        self.assertEqual(self.handler.received, [])
        # the server is back and the retry is due: each mail once, and once only
        self._make_due(mails)
        self._run_queue()
        self._run_queue()
        self.assertEqual(sorted(self.handler.received), sorted(self.customers.mapped("email")))
        self.assertEqual(set(mails.exists().mapped("state")) - {"sent"}, set())

    def test_busy_is_retried_refused_is_not(self):
        """A 4xx answer ("try again later") is retried; a 5xx (no such mailbox) is final."""
        busy, refused, fine = self.customers
        self.handler.replies = {
            busy.email: "451 4.3.0 Mailbox busy, try again later",
            refused.email: "550 5.1.1 No such mailbox",
        }
        self.customers.write({"data_confirmed_date": "2024-01-01"})
        mails = self._queue_reminders()
        by_partner = {mail.res_id: mail for mail in mails}
        self._start_server()
        self._run_queue()
        self.assertEqual(self.handler.received, [fine.email])
        self.assertEqual(by_partner[busy.id].state, "outgoing")
        self.assertEqual(by_partner[busy.id].retry_count, 1)
        self.assertEqual(by_partner[refused.id].state, "exception")
        self.assertEqual(by_partner[refused.id].retry_count, 0)
        self.handler.replies = {}
        self._make_due(mails.filtered(lambda m: m.state == "outgoing"))
        self._run_queue()
        self.assertEqual(sorted(self.handler.received), sorted([fine.email, busy.email]))

    def test_gives_up_after_the_last_try(self):
        self.env["ir.config_parameter"].set_param("bimbonbon_crm.mail_retry_max", "2")
        self.customers[0].data_confirmed_date = "2024-01-01"
        mail = self._queue_reminders()
        self.assertEqual(len(mail), 1)
        delays = []
        for _try in range(3):
            before = fields.Datetime.now()
            self._run_queue()
            if mail.state == "outgoing":
                delays.append(mail.scheduled_date - before)
                self._make_due(mail)
        self.assertEqual(mail.state, "exception", "given up after 2 retries")
        self.assertEqual(mail.retry_count, 2)
        self.assertIn("Connection refused", mail.failure_reason)
        self.assertGreater(delays[1], delays[0], "each retry waits longer")

    def test_several_recipients_one_busy_each_receives_once(self):
        """One mail to three customers: the first accepted, the second answered "try again
        later", the third not tried in that run. The retry goes to the last two only."""
        first, busy, third = self.customers
        self.handler.replies = {busy.email: "451 4.3.0 Mailbox busy, try again later"}
        mail = self.env["mail.mail"].create(
            {
                "subject": "Aan drie klanten",
                "body_html": "<p>Hallo</p>",
                "recipient_ids": [fields.Command.set(self.customers.ids)],
            }
        )
        self._start_server()
        self._run_queue()
        self.assertEqual(self.handler.received, [first.email])
        self.assertEqual((mail.state, mail.retry_count), ("outgoing", 1))
        self.handler.replies = {}
        self._make_due(mail)
        self._run_queue()
        self._run_queue()
        self.assertEqual(
            sorted(self.handler.received), sorted(self.customers.mapped("email")), "each once"
        )

    def test_server_hangs_up_mid_batch_the_rest_is_retried(self):
        """The server drops the connection while the second of three mails is sent: that
        mail is queued again (not failed), the third was not tried and goes next run."""
        first, dropped, third = self.customers
        self.handler.hang_up_on = {dropped.email}
        self.customers.write({"data_confirmed_date": "2024-01-01"})
        mails = self._queue_reminders()
        by_partner = {mail.res_id: mail for mail in mails}
        self._start_server()
        self._run_queue()
        self.assertEqual(self.handler.received, [first.email])
        self.assertEqual(
            (by_partner[dropped.id].state, by_partner[dropped.id].retry_count), ("outgoing", 1)
        )
        self.assertEqual(
            (by_partner[third.id].state, by_partner[third.id].retry_count), ("outgoing", 0)
        )
        self._run_queue()
        self.assertEqual(self.handler.received, [first.email, third.email])
        self._make_due(by_partner[dropped.id])
        self._run_queue()
        self._run_queue()
        self.assertEqual(
            sorted(self.handler.received), sorted(self.customers.mapped("email")), "each once"
        )


@tagged("post_install", "-at_install")
class TestTemporaryFailure(TransactionCase):
    """Which errors pass: smtplib's and ssl's exceptions are OSErrors too, so they are told
    apart before the network errors."""

    def _is_temporary(self, error):
        return self.env["ir.mail_server"]._is_temporary_failure(error)

    def _wrapped(self, error):
        """As Odoo raises it: a MailDeliveryException while handling ``error``."""
        try:
            try:
                raise error
            except Exception as exc:
                raise MailDeliveryException("Mail Delivery Failed", str(exc))  # noqa: B904
        except MailDeliveryException as wrapped:
            return wrapped

    def test_network_errors_pass(self):
        for error in (
            ConnectionRefusedError(111, "Connection refused"),
            ConnectionResetError(104, "Connection reset by peer"),
            TimeoutError("timed out"),
            socket.gaierror(-3, "Temporary failure in name resolution"),
            smtplib.SMTPServerDisconnected("Connection unexpectedly closed"),
            smtplib.SMTPDataError(421, b"Service shutting down"),
            ssl.SSLEOFError(8, "EOF occurred in violation of protocol"),
        ):
            with self.subTest(error=error):
                self.assertTrue(self._is_temporary(error))
                self.assertTrue(self._is_temporary(self._wrapped(error)))

    def test_configuration_and_refusals_are_final(self):
        for error in (
            smtplib.SMTPNotSupportedError("SMTP AUTH extension not supported by server."),
            smtplib.SMTPException("No suitable authentication method found."),
            smtplib.SMTPAuthenticationError(535, b"Authentication failed"),
            smtplib.SMTPRecipientsRefused({"a@example.com": (550, b"No such mailbox")}),
            ssl.SSLCertVerificationError(1, "certificate verify failed"),
            ValueError("not a mail error"),
        ):
            with self.subTest(error=error):
                self.assertFalse(self._is_temporary(error))
                self.assertFalse(self._is_temporary(self._wrapped(error)))
