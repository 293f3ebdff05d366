# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestOpeningHours(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env["resource.calendar"].create(
            {"name": "Klantenservice", "tz": "Europe/Amsterdam"}
        )  # Odoo's default: Monday to Friday, 8-12 and 13-17
        cls.step = cls.env.ref("bimbonbon_livechat.chatbot_script_assistant_step_forward")
        cls.step.bimbonbon_calendar_id = cls.calendar

    def test_open_on_a_working_day(self):
        with freeze_time("2026-12-07 09:30:00"):  # Monday 10:30 in Amsterdam
            self.assertTrue(self.step._bimbonbon_is_open())

    def test_closed_at_night_at_lunch_and_at_the_weekend(self):
        for moment in ("2026-12-07 19:00:00", "2026-12-07 11:30:00", "2026-12-05 10:00:00"):
            with freeze_time(moment):
                self.assertFalse(self.step._bimbonbon_is_open(), moment)

    def test_closed_on_a_public_holiday(self):
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Tweede Kerstdag",
                "calendar_id": self.calendar.id,
                "date_from": "2026-12-24 23:00:00",
                "date_to": "2026-12-25 23:00:00",
            }
        )
        with freeze_time("2026-12-25 09:30:00"):  # a Friday
            self.assertFalse(self.step._bimbonbon_is_open())

    def test_company_hours_without_own_calendar(self):
        self.step.bimbonbon_calendar_id = False
        self.env.company.resource_calendar_id = self.calendar
        with freeze_time("2026-12-05 10:00:00"):
            self.assertFalse(self.step._bimbonbon_is_open())
