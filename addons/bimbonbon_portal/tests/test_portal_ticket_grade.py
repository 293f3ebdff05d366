# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The ticket page shows its customer the expected solution date and, once solved, the prompt
to grade it 1–10; the customer grades from the mail link on a phone (issue 15)."""

import re

from odoo.fields import Command
from odoo.tests import tagged

from .common import take_phone_screenshot
from .common_portal_registration import PortalRegistrationCase
from .test_customer_mails import mail_links, mail_problems

# measured: 30 (open and solved) with service and portal, 34 with the four addons; the same
# with 1 and with 200 tickets. 39 with the six addons since the page renders its conversation
# on the server (messages, authors, attachments) and the lean header reads the website's menu.
PAGE_BUDGET = 39


@tagged("post_install", "-at_install")
class TestPortalTicketGrade(PortalRegistrationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        calendar = cls.env["resource.calendar"].create(
            {"name": "Kantoor", "tz": "Europe/Amsterdam"}
        )  # Odoo's default: 8-12 and 13-17, Monday to Friday
        cls.team = cls.env["helpdesk.ticket.team"].create(
            {"name": "Service", "use_sla": True, "resource_calendar_id": calendar.id}
        )
        cls.stage_solved = cls.env.ref("bimbonbon_service.helpdesk_ticket_stage_solved")
        cls.env["helpdesk.sla"].create(
            {
                "name": "Opgelost binnen 2 dagen",
                "sla_type": "resolution",
                "team_ids": [Command.set(cls.team.ids)],
                "stage_id": cls.stage_solved.id,
                "days": 2,
            }
        )
        cls.partner_a.tz = "Europe/Amsterdam"

    def _ticket_for(self, partner, count=1):
        return self.env["helpdesk.ticket"].create(
            [
                {
                    "name": f"Mixer piept {i}",
                    "description": "<p>Piept</p>",
                    "partner_id": partner.id,
                    "team_id": self.team.id,
                    "ticket_kind": "fault",
                }
                for i in range(count)
            ]
        )

    def _solve(self, tickets):
        tickets.stage_id = self.stage_solved
        self.env.flush_all()

    def _grade_url(self, ticket):
        mail = (
            self.env["mail.mail"]
            .search([("model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)])
            .filtered(lambda m: "/my/tickets/grade/" in m.body_html)
        )
        self.assertEqual(len(mail), 1)
        return re.search(r'href="[^"]*(/my/tickets/grade/\w+)"', mail.body_html).group(1)

    def test_expected_solution_only_for_the_customer(self):
        ticket = self._ticket_for(self.partner_a)
        self.assertTrue(ticket.sla_resolution_deadline)
        self.authenticate("klant_a", "klant_a")
        html = self.url_open(f"/my/ticket/{ticket.id}").text
        self.assertIn("o_bimbonbon_ticket_expected_date", html)
        self.assertIn(str(ticket.sla_resolution_deadline.year), html)
        # another customer gets nothing of it (helpdesk_mgmt sends them to /my)
        self.authenticate("klant_b", "klant_b")
        response = self.url_open(f"/my/ticket/{ticket.id}")
        self.assertNotIn("o_bimbonbon_ticket_expected", response.text)
        self.assertNotIn(ticket.name, response.text)
        # solved: no date any more, the grade prompt instead
        self._solve(ticket)
        self.authenticate("klant_a", "klant_a")
        html = self.url_open(f"/my/ticket/{ticket.id}").text
        self.assertNotIn("o_bimbonbon_ticket_expected", html)
        self.assertIn(f'href="{self._grade_url(ticket)}"', html)

    def test_grade_prompt_only_for_the_customer_and_until_graded(self):
        ticket = self._ticket_for(self.partner_a)
        self._solve(ticket)
        url = self._grade_url(ticket)
        # with the ticket's access token, someone else sees the ticket but no grade prompt
        token = ticket.sudo()._portal_ensure_token()
        self.authenticate("klant_b", "klant_b")
        html = self.url_open(f"/my/ticket/{ticket.id}?access_token={token}").text
        self.assertNotIn("o_bimbonbon_ticket_grade_prompt", html)
        self.authenticate("klant_a", "klant_a")
        self.assertIn(
            "o_bimbonbon_ticket_grade_prompt", self.url_open(f"/my/ticket/{ticket.id}").text
        )
        rating = ticket.rating_ids
        ticket._apply_grade(rating, 8)
        html = self.url_open(f"/my/ticket/{ticket.id}").text
        self.assertNotIn("o_bimbonbon_ticket_grade_prompt", html)
        self.assertEqual(self.url_open(url).status_code, 410)

    def _count(self, url):
        self.url_open(url)  # warm the caches
        start = self.cr.sql_log_count
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        return self.cr.sql_log_count - start

    def test_ticket_page_constant_queries(self):
        """The ticket page, with its date and prompt, at 1 and at 200 tickets of the
        customer (solved and asked to grade)."""
        open_ticket = self._ticket_for(self.partner_a)
        solved = self._ticket_for(self.partner_a)
        self._solve(solved)
        self.authenticate("klant_a", "klant_a")
        counts_one = [self._count(f"/my/ticket/{t.id}") for t in (open_ticket, solved)]
        more = self._ticket_for(self.partner_a, 198)
        self._solve(more[:100])
        counts_many = [self._count(f"/my/ticket/{t.id}") for t in (open_ticket, solved)]
        self.assertEqual(counts_one, counts_many)
        # the live chat button (website_livechat, with bimbonbon_livechat) costs a constant
        # two queries on every page
        livechat = (
            2
            if self.env["ir.module.module"].search_count(
                [("name", "=", "website_livechat"), ("state", "=", "installed")]
            )
            else 0
        )
        for count in counts_many:
            self.assertLessEqual(count, PAGE_BUDGET + livechat)

    def test_grade_mail_is_dutch_and_fits_a_phone(self):
        """The grade mail as the customer gets it (the full check of every customer mail is
        test_customer_mails, which lists it)."""
        self.activate_dutch(("bimbonbon_service", "bimbonbon_crm", "mail", "helpdesk_mgmt"))
        self.env["ir.config_parameter"].sudo().set_param("web.base.url", self.base_url())
        ticket = self._ticket_for(self.partner_a)
        self._solve(ticket)
        mail = (
            self.env["mail.mail"]
            .search([("model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)])
            .filtered(lambda m: "/my/tickets/grade/" in m.body_html)
        )
        self.assertEqual(len(mail), 1)
        self.assertIn("hoe hebben we het gedaan?", mail.subject)
        self.assertIn("Geef een cijfer", mail.body_html)
        self.assertFalse(mail_problems(mail.body_html, mail.subject), mail.body_html[:3000])
        self.assertEqual(mail.author_id, self.env.company.partner_id)
        # every link opens, without login: the grade page in Dutch
        for path in mail_links(mail.body_html, self.base_url()):
            response = self.url_open(path)
            self.assertEqual(response.status_code, 200, path)
        page = self.url_open(self._grade_url(ticket)).text
        self.assertIn("Hoe hebben we het gedaan?", page)

    def test_grade_from_the_mail_on_a_phone_tour(self):
        self.activate_dutch(("bimbonbon_service", "bimbonbon_portal"))
        ticket = self._ticket_for(self.partner_a)
        self._solve(ticket)
        url = self._grade_url(ticket)
        take_phone_screenshot(self, url, "ticket_grade", login=None)
        self.browser_size = "390x844"
        self.start_tour(url, "bimbonbon_portal_ticket_grade")
        self.assertEqual(ticket.customer_grade, 9)
        self.assertEqual(ticket.rating_ids.feedback, "Snel opgelost, dank!")
        take_phone_screenshot(self, url, "ticket_grade_used", login=None)
