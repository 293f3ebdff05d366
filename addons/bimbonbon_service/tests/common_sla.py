# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from contextlib import contextmanager
from unittest.mock import patch

from freezegun import freeze_time

from odoo import fields
from odoo.fields import Command

from .common import ServiceCommon


class ServiceLevelCommon(ServiceCommon):
    """A team working 8:00–12:00 and 13:00–17:00 (Amsterdam) Monday to Friday, with Whit
    Monday 2026 off, and its service levels: complaints answered in 4 and solved in 8 working
    hours, questions solved in 16."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env["resource.calendar"].create(
            {
                "name": "Kantoor 8-17",
                "tz": "Europe/Amsterdam",
                "attendance_ids": [Command.clear()]
                + [
                    Command.create(
                        {
                            "name": f"{day} {start}",
                            "dayofweek": str(day),
                            "hour_from": start,
                            "hour_to": end,
                            "day_period": "morning" if start < 12 else "afternoon",
                        }
                    )
                    for day in range(5)
                    for start, end in ((8, 12), (13, 17))
                ],
            }
        )
        cls.env["resource.calendar.leaves"].create(
            {
                "name": "Tweede Pinksterdag",
                "calendar_id": cls.calendar.id,
                # the whole day in Amsterdam (CEST, UTC+2)
                "date_from": "2026-05-24 22:00:00",
                "date_to": "2026-05-25 21:59:59",
            }
        )
        cls.leader = cls._create_department_user("customer_service", "cs_leader")
        cls.team = cls.env["helpdesk.ticket.team"].create(
            {
                "name": "Klantenservice",
                "use_sla": True,
                "resource_calendar_id": cls.calendar.id,
                "user_id": cls.leader.id,
                "user_ids": [Command.set((cls.leader | cls.cs_user).ids)],
            }
        )
        cls.stage_in_progress = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress")
        cls.stage_solved = cls.env.ref("bimbonbon_service.helpdesk_ticket_stage_solved")
        Sla = cls.env["helpdesk.sla"]
        cls.sla_complaint_response = Sla.create(
            {
                "name": "Klacht: eerste reactie",
                "sla_type": "response",
                "ticket_kind": "complaint",
                "team_ids": [Command.set(cls.team.ids)],
                "stage_id": cls.stage_in_progress.id,
                "hours": 4,
            }
        )
        cls.sla_complaint_resolution = Sla.create(
            {
                "name": "Klacht: opgelost",
                "sla_type": "resolution",
                "ticket_kind": "complaint",
                "team_ids": [Command.set(cls.team.ids)],
                "stage_id": cls.stage_solved.id,
                "hours": 8,
            }
        )
        cls.sla_question_resolution = Sla.create(
            {
                "name": "Vraag: opgelost",
                "sla_type": "resolution",
                "ticket_kind": "question",
                "team_ids": [Command.set(cls.team.ids)],
                "stage_id": cls.stage_solved.id,
                "days": 2,
            }
        )

    @contextmanager
    def _at(self, when):
        """Freeze time at ``when`` (UTC), the database's transaction time included (the
        tickets' create_date, from which the deadlines count)."""
        cr = self.env.cr
        with freeze_time(when):
            cr._now = fields.Datetime.to_datetime(when)
            try:
                yield
            finally:
                self.env.flush_all()
                cr._now = None

    def _create_ticket(self, when, user=None, **values):
        values = {
            "name": "Keukenmixer piept",
            "description": "<p>Piept</p>",
            "partner_id": self.contact.id,
            "ticket_kind": "complaint",
            "team_id": self.team.id,
            **values,
        }
        with self._at(when):
            return self.env["helpdesk.ticket"].with_user(user or self.cs_user).create(values)

    def _run_warning_cron(self):
        with patch.object(
            type(self.env["ir.cron"]), "_commit_progress", lambda self, *a, **kw: 1.0
        ):
            self.env["helpdesk.ticket.sla"]._cron_warn_deadlines()
