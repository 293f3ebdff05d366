# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from .common import ServiceFixtures
from .common_sla import ServiceLevelCommon


class GradeMixin:
    def _move(self, ticket, stage):
        ticket.with_user(self.cs_user).stage_id = stage
        # the stage's tracking (and its mail) as at the end of a request
        self.env.flush_all()
        self.env.cr.precommit.run()

    def _solve(self, ticket):
        self._move(ticket, self.stage_solved)

    def _customer_mails(self, ticket):
        return self.env["mail.mail"].search(
            [
                ("model", "=", "helpdesk.ticket"),
                ("res_id", "=", ticket.id),
                ("recipient_ids", "in", ticket.partner_id.ids),
            ]
        )

    def _request(self, ticket):
        return ticket.rating_ids.filtered(lambda r: not r.consumed)


@tagged("post_install", "-at_install")
class TestTicketGrade(GradeMixin, ServiceLevelCommon):
    def test_solved_ticket_asks_one_grade_in_one_mail(self):
        ticket = self._create_ticket("2026-06-01 08:00:00")
        before = self._customer_mails(ticket)
        self._solve(ticket)
        mails = self._customer_mails(ticket) - before
        self.assertEqual(len(mails), 1, "the grade request replaces the 'solved' mail")
        self.assertIn("/my/tickets/grade/", mails.body_html)
        request = self._request(ticket)
        self.assertEqual(len(request), 1)
        self.assertIn(request.access_token, mails.body_html)
        self.assertTrue(ticket.grade_request_date)
        # closed afterwards, or solved again: no second request
        ticket.with_user(self.cs_user).stage_id = self.stage_in_progress
        self._solve(ticket)
        ticket.with_user(self.cs_user).stage_id = self.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_stage_done"
        )
        self.env.flush_all()
        self.assertEqual(len(ticket.rating_ids), 1)
        grade_mails = (self._customer_mails(ticket) - before).filtered(
            lambda m: "/my/tickets/grade/" in m.body_html
        )
        self.assertEqual(len(grade_mails), 1)

    def test_solved_again_gets_the_stage_mail(self):
        """Reopened and solved again minutes later: the grade was asked already, so the
        customer is told by the stage's own mail (no second grade request, no silence)."""
        ticket = self._create_ticket("2026-06-01 08:00:00")
        self._solve(ticket)
        self._move(ticket, self.stage_in_progress)
        before = self._customer_mails(ticket)
        self._solve(ticket)
        mails = self._customer_mails(ticket) - before
        self.assertEqual(len(mails), 1, "the stage's 'solved' mail")
        self.assertNotIn("/my/tickets/grade/", mails.body_html)

    def test_top_grade(self):
        ticket = self._create_ticket("2026-06-01 08:00:00")
        self._solve(ticket)
        request = self._request(ticket)
        ticket._apply_grade(request, "9", "Snel en vriendelijk")
        self.assertEqual(request.grade, 9)
        self.assertEqual(request.rating, 5, "Odoo's scale: happy")
        self.assertEqual(request.rating_text, "top")
        self.assertTrue(request.consumed)
        self.assertEqual(request.feedback, "Snel en vriendelijk")
        self.assertEqual(ticket.customer_grade, 9)
        self.assertEqual(ticket.customer_grade_top, 100.0)
        self.assertFalse(ticket.activity_ids)
        # one grade per ticket: not again, neither here nor through Odoo's own rating pages
        with self.assertRaises(UserError):
            ticket._apply_grade(request, 3)
        with self.assertRaises(UserError):
            ticket.rating_apply(1, token=request.access_token)
        self.assertEqual((request.grade, request.rating), (9, 5))

    def test_low_grade_opens_a_follow_up_for_the_team_leader(self):
        ticket = self._create_ticket("2026-06-01 08:00:00")
        self._solve(ticket)
        ticket._apply_grade(self._request(ticket), 6, "Duurde lang")
        self.assertEqual(ticket.customer_grade_top, 0.0)
        self.assertEqual(ticket.rating_ids.rating, 1, "Odoo's scale: unhappy")
        activity = ticket.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.leader)
        self.assertIn("6/10", activity.summary)

    def test_neutral_grade(self):
        ticket = self._create_ticket("2026-06-01 08:00:00")
        self._solve(ticket)
        ticket._apply_grade(self._request(ticket), 7)
        self.assertEqual(ticket.rating_ids.rating, 3)
        self.assertFalse(ticket.activity_ids)

    def test_link_expires_after_30_days(self):
        ticket = self._create_ticket("2026-06-01 08:00:00")
        with self._at("2026-06-01 09:00:00"):
            self._solve(ticket)
        token = self._request(ticket).access_token
        Ticket = self.env["helpdesk.ticket"]
        with self._at("2026-07-01 08:00:00"):
            self.assertFalse(Ticket._get_grade_request(token)[1])
        with self._at("2026-07-01 10:00:00"):
            self.assertEqual(Ticket._get_grade_request(token)[1], "expired")
        self.assertEqual(Ticket._get_grade_request("nonsense")[1], "unknown")
        self.assertEqual(Ticket._get_grade_request("")[1], "unknown")

    def test_share_of_top_grades_per_team_kind_and_product(self):
        grades = {("complaint", 9), ("complaint", 5), ("fault", 10)}
        for kind, grade in sorted(grades):
            ticket = self._create_ticket(
                "2026-06-01 08:00:00", ticket_kind=kind, product_id=self.mixer.id
            )
            self._solve(ticket)
            ticket._apply_grade(self._request(ticket), grade)
        groups = self.env["helpdesk.ticket"]._read_group(
            [("team_id", "=", self.team.id), ("customer_grade", "!=", 0)],
            ["ticket_kind"],
            ["customer_grade:avg", "customer_grade_top:avg"],
        )
        self.assertEqual(
            {kind: (avg, top) for kind, avg, top in groups},
            {"complaint": (7.0, 50.0), "fault": (10.0, 100.0)},
        )
        groups = self.env["helpdesk.ticket"]._read_group(
            [("customer_grade", "!=", 0), ("product_id", "=", self.mixer.id)],
            ["team_id"],
            ["customer_grade_top:avg"],
        )
        self.assertAlmostEqual(groups[0][1], 200 / 3)


@tagged("post_install", "-at_install")
class TestTicketGradePage(GradeMixin, ServiceFixtures, HttpCase):
    """The link in the mail, without login: once, for 30 days; clear Dutch refusals."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls._create_customer("De Gouden Krakeling")
        cls.contact = cls.env["res.partner"].create(
            {"name": "Anna de Vries", "parent_id": cls.customer.id, "email": "anna@example.com"}
        )
        cls._install_dutch(["bimbonbon_service"], cls.contact)
        cls.cs_user = cls._create_department_user("customer_service", "cs_grade")
        cls.stage_solved = cls.env.ref("bimbonbon_service.helpdesk_ticket_stage_solved")
        cls.ticket = cls.env["helpdesk.ticket"].create(
            {"name": "Keukenmixer piept", "description": "x", "partner_id": cls.contact.id}
        )

    def _url(self):
        self._solve(self.ticket)
        return f"/my/tickets/grade/{self._request(self.ticket).access_token}"

    def _post(self, url, **data):
        page = self.url_open(url)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        return self.url_open(url, data={"csrf_token": csrf, **data})

    def test_grade_once_without_login(self):
        url = self._url()
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200)
        self.assertIn("Hoe hebben we het gedaan?", page.text)
        self.assertEqual(page.text.count('name="grade"'), 10)
        response = self._post(url, grade="11", remark="")
        self.assertEqual(response.status_code, 400)
        self.assertIn("Kies een cijfer van 1 tot 10", response.text)
        # a NUL byte is refused before anything is stored (Odoo answers 400 itself)
        response = self._post(url, grade="8", remark="Prima\x00geholpen")
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.ticket.customer_grade)
        response = self._post(url, grade="8", remark="Prima geholpen")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Bedankt voor je cijfer", response.text)
        self.ticket.invalidate_recordset()
        self.assertEqual(self.ticket.customer_grade, 8)
        self.assertEqual(self.ticket.rating_ids.feedback, "Prima geholpen")
        again = self.url_open(url)
        self.assertEqual(again.status_code, 410)
        self.assertIn("Je hebt deze melding al beoordeeld", again.text)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        repost = self.url_open(url, data={"csrf_token": csrf, "grade": "2"})
        self.assertEqual(repost.status_code, 410)
        self.assertEqual(self.ticket.rating_ids.grade, 8)

    def test_expired_and_unknown_links(self):
        url = self._url()
        self.env.flush_all()
        request = self._request(self.ticket)
        self.env.cr.execute(
            "UPDATE rating_rating SET create_date = %s WHERE id = %s",
            (fields.Datetime.now() - timedelta(days=31), request.id),
        )
        request.invalidate_recordset(["create_date"])
        response = self.url_open(url)
        self.assertEqual(response.status_code, 410)
        self.assertIn("Deze link is verlopen", response.text)
        response = self.url_open("/my/tickets/grade/onzin")
        self.assertEqual(response.status_code, 404)
        self.assertIn("Deze link is niet geldig", response.text)

    def test_malformed_links_are_refused_not_errors(self):
        """Bad tokens get a 4xx and store nothing, on GET and POST (Odoo refuses a NUL byte in
        the path itself, 400; an absurdly long token is unknown, 404)."""
        self.assertEqual(self.url_open("/my/tickets/grade/ab%00cd").status_code, 400)
        self.assertEqual(self.url_open("/my/tickets/grade/" + "x" * 5000).status_code, 404)
        page = self.url_open(self._url())
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        for path in ("/my/tickets/grade/ab%00cd", "/my/tickets/grade/onzin"):
            response = self.url_open(path, data={"csrf_token": csrf, "grade": "9"})
            self.assertIn(response.status_code, (400, 404), path)
        self.assertFalse(self.ticket.customer_grade, "nothing stored")
