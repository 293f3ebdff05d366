# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime

from lxml import etree

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common_sla import ServiceLevelCommon


@tagged("post_install", "-at_install")
class TestServiceLevel(ServiceLevelCommon):
    def _deadline(self, ticket, sla):
        return ticket.ticket_sla_ids.filtered(lambda s: s.sla_id == sla).deadline

    def test_friday_afternoon_is_due_monday_afternoon(self):
        """Opened Friday 5 June 2026 16:00 (Amsterdam, 14:00 UTC): 8 working hours are one
        hour on Friday, then 8-12 and 13-16 on Monday: due Monday 16:00; the first response
        (4 hours) Monday 11:00."""
        ticket = self._create_ticket("2026-06-05 14:00:00")
        self.assertEqual(
            ticket.ticket_sla_ids.sla_id,
            self.sla_complaint_response | self.sla_complaint_resolution,
        )
        self.assertEqual(
            self._deadline(ticket, self.sla_complaint_resolution), datetime(2026, 6, 8, 14, 0)
        )
        self.assertEqual(
            self._deadline(ticket, self.sla_complaint_response), datetime(2026, 6, 8, 9, 0)
        )
        with self._at("2026-06-05 14:30:00"):
            ticket.invalidate_recordset()
            self.assertEqual(ticket.sla_resolution_deadline, datetime(2026, 6, 8, 14, 0))
            self.assertEqual(ticket.sla_status, "on_time")

    def test_public_holiday_is_not_a_working_day(self):
        """Friday 22 May 2026 16:00, Whit Monday off: due Tuesday 26 May 16:00."""
        ticket = self._create_ticket("2026-05-22 14:00:00")
        self.assertEqual(
            self._deadline(ticket, self.sla_complaint_resolution), datetime(2026, 5, 26, 14, 0)
        )

    def test_levels_follow_kind_and_priority(self):
        ticket = self._create_ticket("2026-06-01 08:00:00", ticket_kind="question")
        self.assertEqual(ticket.ticket_sla_ids.sla_id, self.sla_question_resolution)
        # Monday 10:00 + 2 days of 8 hours: Wednesday 10:00
        self.assertEqual(
            self._deadline(ticket, self.sla_question_resolution), datetime(2026, 6, 3, 8, 0)
        )
        urgent = self.sla_question_resolution.copy(
            {"name": "Vraag urgent", "priority": "3", "days": 0, "hours": 2}
        )
        with self._at("2026-06-01 09:00:00"):
            ticket.with_user(self.cs_user).priority = "3"
        self.assertEqual(ticket.ticket_sla_ids.sla_id, self.sla_question_resolution | urgent)
        with self._at("2026-06-01 09:00:00"):
            ticket.with_user(self.cs_user).ticket_kind = "complaint"
        self.assertEqual(
            ticket.ticket_sla_ids.sla_id,
            self.sla_complaint_response | self.sla_complaint_resolution,
        )

    def test_customer_service_sets_the_levels(self):
        """OCA's "Set SLA" button (shown when the levels no longer fit the ticket) works for
        customer service, who work the tickets, not only for helpdesk managers; a customer
        cannot press it."""
        ticket = self._create_ticket("2026-06-01 08:00:00", ticket_kind="question")
        self.assertEqual(ticket.ticket_sla_ids.sla_id, self.sla_question_resolution)
        # the question's level is now meant for complaints: it no longer fits this ticket
        self.sla_question_resolution.ticket_kind = "complaint"
        ticket.invalidate_recordset()
        self.assertFalse(ticket.with_user(self.cs_user).sla_fits)
        portal = self._create_portal_user("sla_portal", self._create_customer("Klant"))
        with self.assertRaises(AccessError):
            ticket.with_user(portal).refresh_sla()
        with self._at("2026-06-01 09:00:00"):
            ticket.with_user(self.cs_user).refresh_sla()
        self.assertFalse(ticket.ticket_sla_ids)
        self.assertTrue(ticket.with_user(self.cs_user).sla_fits)

    def test_monitoring_counts_tickets_past_their_deadline(self):
        ticket = self._create_ticket("2026-06-01 08:00:00", ticket_kind="question")
        Metrics = self.env["bimbonbon.metrics"]

        def late_questions():
            (family,) = Metrics._collect_ticket_metrics()
            return {s.labels["kind"]: s.value for s in family.samples}.get("question", 0)

        with self._at("2026-06-02 08:00:00"):
            self.assertEqual(late_questions(), 0)
        with self._at("2026-06-04 08:00:00"):  # two working days later: late
            self.assertEqual(late_questions(), 1)
            ticket.with_user(self.cs_user).stage_id = self.stage_solved
            self.assertEqual(late_questions(), 0, "a solved ticket is no longer open")

    def test_first_response_met_by_a_reply(self):
        ticket = self._create_ticket("2026-06-01 08:00:00")
        with self._at("2026-06-01 09:00:00"):
            ticket.with_user(self.cs_user).message_post(
                body="We kijken ernaar.", message_type="comment", subtype_xmlid="mail.mt_comment"
            )
        states = {s.sla_id: s.state for s in ticket.ticket_sla_ids}
        self.assertEqual(states[self.sla_complaint_response], "accomplished")
        self.assertEqual(states[self.sla_complaint_resolution], "in_progress")
        self.assertEqual(ticket.first_response_date, datetime(2026, 6, 1, 9, 0))
        # an internal note is no answer to the customer
        other = self._create_ticket("2026-06-01 08:00:00")
        with self._at("2026-06-01 09:00:00"):
            other.with_user(self.cs_user).message_post(
                body="Intern", message_type="comment", subtype_xmlid="mail.mt_note"
            )
        self.assertEqual(
            set(other.ticket_sla_ids.mapped("state")), {"in_progress"}, "a note is no answer"
        )
        self.assertFalse(other.first_response_date)

    def test_first_response_filled_from_history(self):
        """Tickets answered before the first response was kept get it from their history."""
        ticket = self._create_ticket("2026-06-01 08:00:00")
        with self._at("2026-06-01 09:00:00"):
            ticket.with_user(self.cs_user).message_post(
                body="We kijken ernaar.", message_type="comment", subtype_xmlid="mail.mt_comment"
            )
        ticket.first_response_date = False
        self.env.flush_all()
        self.env["helpdesk.ticket"]._init_first_response_date()
        ticket.invalidate_recordset(["first_response_date"])
        self.assertEqual(ticket.first_response_date, datetime(2026, 6, 1, 9, 0))

    def test_team_warned_once_before_the_deadline(self):
        # response due Mon 09:00 UTC; not assigned yet, so the whole team is warned
        ticket = self._create_ticket("2026-06-05 14:00:00", user_id=False)
        far = self._create_ticket("2026-06-05 14:00:00", ticket_kind="question")

        def warnings(record):
            return record.message_ids.filtered(
                lambda m: "comes near" in (m.body or "") or "nadert" in (m.body or "")
            )

        with self._at("2026-06-08 06:00:00"):  # 3 hours before: not yet
            self._run_warning_cron()
        self.assertFalse(warnings(ticket))
        with self._at("2026-06-08 07:30:00"):  # 1.5 hours before the response deadline
            self._run_warning_cron()
        self.assertEqual(len(warnings(ticket)), 1)
        self.assertEqual(warnings(ticket).partner_ids, (self.leader | self.cs_user).partner_id)
        response = ticket.ticket_sla_ids.filtered(lambda s: s.sla_type == "response")
        self.assertTrue(response.warning_date)
        with self._at("2026-06-08 08:00:00"):  # again: nothing new
            self._run_warning_cron()
        self.assertEqual(len(warnings(ticket)), 1)
        with self._at("2026-06-08 12:30:00"):  # the resolution deadline near: its own warning
            self._run_warning_cron()
        self.assertEqual(len(warnings(ticket)), 2)
        self.assertFalse(warnings(far))
        with self._at("2026-06-08 12:30:00"):
            ticket.invalidate_recordset()
            self.assertEqual(ticket.sla_status, "late")  # the response deadline passed

    def test_share_met_per_kind_and_month(self):
        in_time = self._create_ticket("2026-06-01 08:00:00")
        late = self._create_ticket("2026-06-01 08:00:00")
        question = self._create_ticket("2026-06-01 08:00:00", ticket_kind="question")
        with self._at("2026-06-01 09:00:00"):
            (in_time | late).with_user(self.cs_user).stage_id = self.stage_in_progress
            in_time.with_user(self.cs_user).stage_id = self.stage_solved
        with self._at("2026-06-02 09:00:00"):  # the question within its two days
            question.with_user(self.cs_user).stage_id = self.stage_solved
        with self._at("2026-06-03 09:00:00"):  # Wednesday: the complaint is a day late
            late.with_user(self.cs_user).stage_id = self.stage_solved
        states = {
            (t, s.sla_type): s.state for t in (in_time, late, question) for s in t.ticket_sla_ids
        }
        self.assertEqual(states[in_time, "resolution"], "accomplished")
        self.assertEqual(states[late, "resolution"], "expired")
        self.assertEqual(states[question, "resolution"], "accomplished")
        self.assertEqual(in_time.sla_status, "met")
        Report = self.env["helpdesk.sla.report"]
        tickets = (in_time | late | question).ids
        groups = Report._read_group(
            [("ticket_id", "in", tickets), ("sla_type", "=", "resolution")],
            ["ticket_kind", "date:month"],
            ["met:avg"],
        )
        self.assertEqual(
            {(kind, month.month): met for kind, month, met in groups},
            {("complaint", 6): 50.0, ("question", 6): 100.0},
        )
        # the first responses of both complaints came in time (moved to "in progress")
        groups = Report._read_group(
            [("ticket_id", "in", tickets), ("sla_type", "=", "response")], [], ["met:avg"]
        )
        self.assertEqual(groups[0][0], 100.0)

    def test_list_runs_constant_queries(self):
        """The ticket list with the service level columns: as many queries for 1 ticket as
        for 200."""
        Ticket = self.env["helpdesk.ticket"].with_user(self.cs_user)
        arch = etree.fromstring(Ticket.get_views([(False, "list")])["views"]["list"]["arch"])
        spec = {}
        for node in arch.iterchildren("field"):
            field = Ticket._fields[node.get("name")]
            spec[field.name] = (
                {"fields": {"display_name": {}}}
                if field.type in ("many2one", "many2many", "one2many")
                else {}
            )
        self.assertIn("sla_status", spec)
        self.assertIn("sla_hours_left", spec)
        domain = [("team_id", "=", self.team.id)]

        def count():
            Ticket.web_search_read(domain, spec, limit=200)
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            result = Ticket.web_search_read(domain, spec, limit=200)
            return self.cr.sql_log_count - start, result["length"]

        self._create_ticket("2026-06-01 08:00:00")
        one, length = count()
        self.assertEqual(length, 1)
        with self._at("2026-06-01 08:00:00"):
            self.env["helpdesk.ticket"].create(
                [
                    {
                        "name": f"Klacht {i}",
                        "description": "<p>Piept</p>",
                        "partner_id": self.contact.id,
                        "ticket_kind": "complaint",
                        "team_id": self.team.id,
                    }
                    for i in range(199)
                ]
            )
        many, length = count()
        self.assertEqual(length, 200)
        self.assertLessEqual(many, one, f"{one} queries for 1 ticket, {many} for 200")
