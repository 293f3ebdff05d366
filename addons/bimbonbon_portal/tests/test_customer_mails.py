# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Every mail a customer can get, rendered as they get it (nl_NL, in the layout around it) for
a realistic record, checked for what a Dutch customer on a phone must not meet: English, a
dollar, a width over the phone, a link that does not open for them."""

import base64
import os
import re
from datetime import date, datetime, timedelta
from urllib.parse import urlsplit

import lxml.html

from odoo.fields import Command
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import file_open

from odoo.addons.bimbonbon_crm.models.mail_thread import CUSTOMER_MAIL_LAYOUT

PHONE_WIDTH = 390

#: English seen in mails to Dutch customers (issue 11), and the English of our own templates'
#: source: any of them in a rendered nl_NL mail means a missing or lost translation.
ENGLISH = (
    "Hello",
    "Dear",
    "has been closed",
    "The ticket",
    "Ticket Portal",
    "Sales Order",
    "Powered by",
    "Unfollow",
    "Your",
    "Kind regards",
    "report online",
    "Helpdesk Ticket",
    "Invoice",
    "Amount due",
    "Reply to this mail",
)

#: xmlid -> what the mail is about; every customer mail of our addons.
CUSTOMER_TEMPLATES = {
    "bimbonbon_service.mail_template_ticket_received": "ticket",
    "bimbonbon_service.mail_template_ticket_planned": "ticket",
    "bimbonbon_service.mail_template_ticket_in_progress": "ticket",
    "bimbonbon_service.mail_template_ticket_solved": "ticket",
    "bimbonbon_service.mail_template_ticket_closed": "ticket",
    "bimbonbon_service.mail_template_ticket_cancelled": "ticket",
    "bimbonbon_service.mail_template_ticket_rejected": "ticket",
    "bimbonbon_service.mail_template_ticket_reminder": "ticket",
    "bimbonbon_service.mail_template_ticket_grade": "ticket",
    "bimbonbon_crm.mail_template_contract_send": "contract",
    "bimbonbon_crm.mail_template_contract_signed_customer": "contract",
    "bimbonbon_crm.mail_template_contract_reminder_customer": "contract",
    "bimbonbon_crm.mail_template_contract_renewed_customer": "contract",
    "bimbonbon_crm.mail_template_overdue_reminder": "invoice",
    "bimbonbon_crm.mail_template_overdue_reminder_firm": "invoice",
    "bimbonbon_crm.mail_template_overdue_reminder_last": "invoice",
    "bimbonbon_crm.mail_template_data_reminder": "contact",
    "bimbonbon_stock_alerts.mail_template_sale_order_new_date": "order",
    "bimbonbon_service.mail_template_product_notice": "notice",
    "bimbonbon_portal.mail_template_registration_signin": "registration",
    # with bimbonbon_livechat: to the address a visitor typed for a chat ticket
    "bimbonbon_livechat.mail_template_chat_confirm_email": "chat_ticket",
}
#: our mails to staff (English is allowed there: staff may work in English)
STAFF_TEMPLATES = {
    "bimbonbon_service.mail_template_batch_alarm",
    "bimbonbon_crm.mail_template_contract_signed_staff",
    "bimbonbon_crm.mail_template_contract_reminder_staff",
    "bimbonbon_crm.mail_template_contract_renewed_staff",
    "bimbonbon_stock_alerts.mail_template_stock_alert_purchasing",
}

_PX = r"(\d+(?:\.\d+)?)\s*px"


def mail_problems(body, subject=""):
    """What a Dutch customer on a 390 px phone must not meet in a mail: a list of sentences,
    empty when the mail is fine. Links are checked apart (`mail_links`), they need a server."""
    problems = []
    doc = lxml.html.fromstring(body or "<div/>")
    text = " ".join([subject or "", *doc.itertext()])
    for word in ENGLISH:
        if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE):
            problems.append(f"English: {word!r}")
    if "$" in text:
        problems.append("a dollar sign")
    for element in doc.iter():
        if not isinstance(element.tag, str):
            continue
        width = (element.get("width") or "").strip()
        if width.isdigit() and int(width) > PHONE_WIDTH:
            problems.append(f'<{element.tag} width="{width}">: wider than a phone')
        style = element.get("style") or ""
        for prop, value in re.findall(rf"(?:^|;)\s*((?:min-)?width)\s*:\s*{_PX}", style):
            if float(value) > PHONE_WIDTH:
                problems.append(f"<{element.tag}> {prop}: {value}px: wider than a phone")
    return problems


def mail_links(body, base_url):
    """The addresses of our server a mail links to (buttons, links, the logo), as paths."""
    doc = lxml.html.fromstring(body or "<div/>")
    paths = []
    for url in doc.xpath("//a/@href | //img/@src"):
        url = url.strip()
        if url.startswith(base_url):
            url = url[len(base_url) :] or "/"
        if url.startswith("/") and not url.startswith("//"):
            paths.append(url)
    return paths


@tagged("post_install", "-at_install")
class TestCustomerMails(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        env["res.lang"]._activate_lang("nl_NL")
        modules = env["ir.module.module"].search(
            [
                ("state", "=", "installed"),
                "|",
                ("name", "in", ["mail", "portal", "helpdesk_mgmt", "account", "sale"]),
                ("name", "=like", "bimbonbon_%"),
            ]
        )
        env["ir.module.module"]._load_module_terms(modules.mapped("name"), ["nl_NL"], True)
        cls.company = env.company
        cls.company.write(
            {
                "name": "BimBonBon B.V.",
                "email": "info@bimbonbon.example.com",
                "phone": "+31 30 234 56 78",
                "country_id": env.ref("base.nl").id,
                "email_primary_color": "#FFD200",
                "email_secondary_color": "#111111",
                "logo": base64.b64encode(
                    file_open("bimbonbon_crm/static/description/bimbonbon_logo.png", "rb").read()
                ),
            }
        )
        if cls.company.currency_id != env.ref("base.EUR"):
            env.ref("base.EUR").active = True
            cls.company.currency_id = env.ref("base.EUR")
        cls.customer = env["res.partner"].create(
            {
                "name": "Bakkerij De Gouden Krakeling",
                "is_company": True,
                "email": "info@krakeling.example.com",
                "lang": "nl_NL",
                "customer_rank": 1,
            }
        )
        cls.contact = env["res.partner"].create(
            {
                "name": "Anna de Vries",
                "parent_id": cls.customer.id,
                "email": "anna@krakeling.example.com",
                "lang": "nl_NL",
            }
        )
        cls.portal_user = new_test_user(
            env,
            "anna_mail",
            groups="base.group_portal",
            partner_id=cls.contact.id,
            name=cls.contact.name,
        )
        cls.technician = new_test_user(
            env,
            "kees_mail",
            groups="bimbonbon_crm.group_maintenance",
            name="Kees Jansen",
            email="kees@bimbonbon.example.com",
        )
        cls.salesperson = new_test_user(
            env,
            "sanne_mail",
            groups="bimbonbon_crm.group_sales",
            name="Sanne de Boer",
            email="sanne@bimbonbon.example.com",
        )
        cls.product = env["product.product"].create(
            {"name": "Keukenmixer KM-500", "default_code": "KM-500", "list_price": 349.0}
        )

    def setUp(self):
        super().setUp()
        # the links in the mails point at this test server
        self.env["ir.config_parameter"].sudo().set_param("web.base.url", self.base_url())

    # -- records a customer gets mail about -------------------------------------------------

    def _ticket(self):
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Keukenmixer KM-500: maakt een piepend geluid",
                "description": "<p>De mixer piept bij de hoogste stand.</p>",
                "partner_id": self.contact.id,
            }
        )
        self.env["maintenance.request"].create(
            {
                "name": ticket.name,
                "ticket_id": ticket.id,
                "user_id": self.technician.id,
                "schedule_date": datetime.now() + timedelta(days=2),
                "schedule_end": datetime.now() + timedelta(days=2, hours=1),
            }
        )
        return ticket

    def _contract(self):
        # sent for signature: the state in which the customer gets its mails (a draft is not
        # on the portal yet)
        contract = self.env["bimbonbon.contract"].create(
            {
                "partner_id": self.customer.id,
                "user_id": self.salesperson.id,
                "date_start": date.today(),
                "date_end": date.today() + timedelta(days=364),
                "line_ids": [Command.create({"product_id": self.product.id, "quantity": 2})],
            }
        )
        contract.state = "sent"
        return contract

    def _invoice(self):
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.customer.id,
                "invoice_date": date.today() - timedelta(days=40),
                "invoice_date_due": date.today() - timedelta(days=26),
                "invoice_line_ids": [
                    Command.create({"product_id": self.product.id, "price_unit": 349.0})
                ],
            }
        )
        invoice.action_post()
        return invoice

    def _order(self):
        return self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "user_id": self.salesperson.id,
                # the new delivery date the "new date" mail announces
                "commitment_date": datetime.now() + timedelta(days=10),
                "order_line": [Command.create({"product_id": self.product.id})],
            }
        )

    def _notice(self):
        """The owner's line of a sent recall (the customer registered the batch)."""
        mix = self.env["product.product"].create(
            {"name": "Stroopwafelmix", "is_storable": True, "tracking": "lot"}
        )
        batch = self.env["stock.lot"].create({"name": "SW-MAIL", "product_id": mix.id})
        self.env["bimbonbon.product.registration"].create(
            {"partner_id": self.contact.id, "product_id": mix.id, "lot_id": batch.id}
        )
        notice = self.env["bimbonbon.product.notice"].create(
            {
                "name": "Terugroepactie Stroopwafelmix SW-MAIL",
                "kind": "recall",
                "recall_action": "stop",
                "acknowledge_required": True,
                "product_tmpl_id": mix.product_tmpl_id.id,
                "body": "<p>Gebruik deze mix niet meer.</p>",
            }
        )
        notice.action_send()
        return notice.recipient_ids

    def _registration(self):
        """A unit registered from its QR label by a visitor without a password."""
        visitor = new_test_user(
            self.env, "bezoeker", groups="base.group_portal", name="Bea Bezoeker", lang="nl_NL"
        )
        mixer = self.env["product.product"].create(
            {"name": "Keukenmixer KM-1", "is_storable": True, "tracking": "serial"}
        )
        serial = self.env["stock.lot"].create({"name": "KM-MAIL", "product_id": mixer.id})
        return self.env["bimbonbon.product.registration"].create(
            {"partner_id": visitor.partner_id.id, "product_id": mixer.id, "lot_id": serial.id}
        )

    def _chat_ticket(self):
        """A ticket a visitor made in the chat: their name and address, no customer yet."""
        return self.env["helpdesk.ticket"].create(
            {
                "name": "Mijn mixer piept steeds",
                "description": "<p>Mijn mixer piept steeds</p>",
                "partner_name": "Bea Bezoeker",
                "partner_email": "bea@voorbeeld.example",
            }
        )

    def _record(self, kind):
        return {
            "ticket": self._ticket,
            "contract": self._contract,
            "invoice": self._invoice,
            "contact": lambda: self.contact,
            "order": self._order,
            "notice": self._notice,
            "registration": self._registration,
            "chat_ticket": self._chat_ticket,
        }[kind]()

    def _render(self, template, record):
        """The mail as it leaves: rendered in the recipient's language inside our layout."""
        mail = self.env["mail.mail"].browse(
            template.send_mail(record.id, email_layout_xmlid=CUSTOMER_MAIL_LAYOUT)
        )
        return mail

    def _customer_templates(self):
        """(template, kind) of every customer mail: ours, and those of the ticket stages."""
        templates = {}
        for xmlid, kind in CUSTOMER_TEMPLATES.items():
            template = self.env.ref(xmlid, raise_if_not_found=False)
            if template:
                templates[template] = kind
        for stage in self.env["helpdesk.ticket.stage"].search([("mail_template_id", "!=", False)]):
            templates.setdefault(stage.mail_template_id, "ticket")
        return templates

    def _check_links(self, mail, login=None):
        """Open every link of ``mail`` as its reader: the customer signed in, or a visitor
        (``login`` False) for the sign-in mail of a registration without an account."""
        problems = []
        login = self.portal_user.login if login is None else login
        self.authenticate(login or None, login or None)
        for path in mail_links(mail.body_html, self.base_url()):
            response = self.url_open(path)
            final = urlsplit(response.url).path
            # a page the customer may not see sends them to /my or the login page
            if response.status_code != 200 or final != urlsplit(path).path:
                problems.append(f"{path} answers {response.status_code} at {final}")
        return problems

    # -- tests --------------------------------------------------------------------------------

    def test_every_template_is_classified(self):
        """A new template of ours is either a customer mail (checked here) or a staff mail."""
        data = self.env["ir.model.data"].search(
            [("model", "=", "mail.template"), ("module", "=like", "bimbonbon_%")]
        )
        ours = {f"{d.module}.{d.name}" for d in data}
        self.assertTrue(ours)
        self.assertFalse(ours - set(CUSTOMER_TEMPLATES) - STAFF_TEMPLATES)

    def test_customer_mails_are_dutch_fit_a_phone_and_open(self):
        templates = self._customer_templates()
        # the stages' templates are all ours (helpdesk_mgmt's English "closed" mail is gone)
        stage_templates = self.env["helpdesk.ticket.stage"].search([]).mail_template_id
        self.assertEqual(stage_templates.get_external_id().keys(), set(stage_templates.ids))
        for xmlid in stage_templates.get_external_id().values():
            self.assertTrue(xmlid.startswith("bimbonbon_service."), xmlid)
        self.assertGreaterEqual(len(templates), 16)
        records = {}
        for template, kind in templates.items():
            with self.subTest(template=template.name):
                record = records.get(kind) or records.setdefault(kind, self._record(kind))
                if kind == "registration":  # its one-time sign-in link, as the portal sends it
                    visitor = record.partner_id.user_ids
                    template = template.with_context(
                        signin_url=record._get_visitor_signin_url(visitor)
                    )
                if kind == "chat_ticket":  # its signed link, as the chat sends it
                    template = template.with_context(
                        confirm_url=record._bimbonbon_get_confirm_url()
                    )
                mail = self._render(template, record)
                self.assertEqual(mail.recipient_ids.lang or self.customer.lang, "nl_NL")
                if dump := os.environ.get("BIMBONBON_MAIL_DUMP"):  # a directory to look at them
                    name = template.get_external_id()[template.id] or str(template.id)
                    with open(os.path.join(dump, f"{name}.html"), "w") as file:
                        file.write(mail.body_html)
                problems = mail_problems(mail.body_html, mail.subject)
                # the sign-in and confirmation mails are read by a visitor, not signed in
                visitor = kind in ("registration", "chat_ticket")
                problems += self._check_links(mail, login=False if visitor else None)
                self.assertFalse(problems, f"{template.name}: {mail.subject}")
                # a sender the customer knows: the company (or their salesperson), not OdooBot
                self.assertNotIn("OdooBot", mail.email_from)
                self.assertNotIn("odoobot", mail.email_from)
                # the company's logo and button colours, no "Powered by Odoo"
                self.assertIn(f"/logo.png?company={self.company.id}", mail.body_html)
                self.assertNotIn("odoo.com", mail.body_html)
                self.assertNotIn("#875A7B", mail.body_html.upper())

    def test_checker_is_not_vacuous(self):
        """A planted English word, a dollar, a 600 px table and a dead link are each found in
        an otherwise good mail."""
        ticket = self._ticket()
        template = self.env.ref("bimbonbon_service.mail_template_ticket_received")
        mail = self._render(template, ticket)
        good = mail.body_html
        self.assertFalse(mail_problems(good, mail.subject))
        self.assertFalse(self._check_links(mail))
        marker = "</body>"
        self.assertIn(marker, good)

        def plant(html):
            return good.replace(marker, html + marker)

        for planted, expected in (
            ("<p>Hello Anna,</p>", "English: 'Hello'"),
            ("<p>The ticket has been closed.</p>", "English: 'has been closed'"),
            ("<p>Totaal: $ 349,00</p>", "a dollar sign"),
            ('<table width="600"><tr><td>x</td></tr></table>', "wider than a phone"),
            ('<div style="color: red; width: 600px">x</div>', "wider than a phone"),
            ('<td style="min-width: 590px;">x</td>', "wider than a phone"),
        ):
            with self.subTest(planted=planted):
                problems = mail_problems(plant(planted), mail.subject)
                self.assertTrue(any(expected in p for p in problems), problems)
        # fluid widths are fine
        self.assertFalse(
            mail_problems(plant('<table width="100%" style="max-width: 590px;"><tr/></table>'))
        )
        # English in the subject counts too
        self.assertTrue(mail_problems(good, "Your report is solved"))
        # a link that does not open for the customer: another customer's ticket
        other = self.env["helpdesk.ticket"].create(
            {
                "name": "Niet van Anna",
                "description": "<p>x</p>",
                "partner_id": self.env["res.partner"].create({"name": "X"}).id,
            }
        )
        mail.body_html = plant(f'<a href="{self.base_url()}/my/ticket/{other.id}">x</a>')
        self.assertEqual(len(self._check_links(mail)), 1)


@tagged("post_install", "-at_install")
class TestTicketHistory(HttpCase):
    """The portal ticket page's history shows the mails the customer received about the
    ticket (helpdesk_mgmt sent the stage mails as internal notes: the history was empty)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.contact = cls.env["res.partner"].create(
            {"name": "Anna de Vries", "email": "anna@krakeling.example.com"}
        )
        cls.portal_user = new_test_user(
            cls.env, "anna_history", groups="base.group_portal", partner_id=cls.contact.id
        )
        cls.staff = cls.env["res.partner"].create(
            {"name": "Collega", "email": "collega@bimbonbon.example.com"}
        )

    def _history(self, ticket):
        self.authenticate(self.portal_user.login, self.portal_user.login)
        result = self.make_jsonrpc_request(
            "/mail/chatter_fetch",
            {"thread_model": "helpdesk.ticket", "thread_id": ticket.id, "fetch_params": {}},
        )
        return self.env["mail.message"].browse(result["messages"])

    def test_stage_mails_in_the_portal_history(self):
        ticket = self.env["helpdesk.ticket"].create(
            {"name": "Mixer piept", "description": "<p>x</p>", "partner_id": self.contact.id}
        )
        self.env.flush_all()
        self.env.cr.precommit.run()  # the stage mails go out when the transaction commits
        ticket.stage_id = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_cancelled")
        self.env.flush_all()
        self.env.cr.precommit.run()
        mails = self.env["mail.mail"].search(
            [("model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)], order="id"
        )
        self.assertEqual(len(mails), 2, "received, then cancelled")
        history = self._history(ticket)
        self.assertEqual(
            set(history.ids) & set(mails.mail_message_id.ids), set(mails.mail_message_id.ids)
        )
        # sent in the company's name, not OdooBot's or the staff member's who moved it
        self.assertEqual(mails.mail_message_id.author_id, self.env.company.partner_id)
        # a mail about the ticket to someone else stays out of the customer's history
        to_staff = self.env["mail.template"].create(
            {
                "name": "Aan een collega",
                "model_id": self.env["ir.model"]._get_id("helpdesk.ticket"),
                "subject": "Intern",
                "partner_to": str(self.staff.id),
                "use_default_to": False,
                "body_html": "<p>Kijk hier even naar.</p>",
            }
        )
        other = ticket.message_mail_with_source(to_staff)
        other_message = other.mail_message_id
        self.assertNotIn(self.contact, other.recipient_ids)
        self.assertNotIn(other_message, self._history(ticket))
