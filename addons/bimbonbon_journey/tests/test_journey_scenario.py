# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import NOW, JourneyCommon


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestJourneyScenario(JourneyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # 4 weeks: 40 phone, 20 portal, 8 mail contacts -> 10, 5 and 2 a week
        when = datetime(2026, 6, 1, 10, 0)
        for channel, count in (("phone", 40), ("portal", 20), ("mail", 8)):
            for i in range(count):
                cls._ticket(channel, when + timedelta(hours=i))
        Suggestion = cls.env["bimbonbon.knowledge.suggestion"]
        suggestions = Suggestion.create(
            [{"partner_id": cls.bakery.id, "text": "wafels"} for _i in range(4)]
        )
        suggestions[0].ticket_id = cls.env["helpdesk.ticket"].search([], limit=1)
        cls._set_create_date(suggestions, when)
        cls.Scenario = cls.env["bimbonbon.journey.scenario"].with_user(cls.management)

    def test_twenty_percent_of_the_phone_to_the_portal(self):
        scenario = self.Scenario.create(
            {"name": "Telefoon naar de app", "weeks": 4, "phone_to_portal": 20, "deflection": 75}
        )
        self.assertAlmostEqual(scenario.measured_phone, 10.0)
        self.assertAlmostEqual(scenario.measured_portal, 5.0)
        self.assertAlmostEqual(scenario.measured_mail, 2.0)
        self.assertAlmostEqual(scenario.measured_deflection, 75.0)
        self.assertAlmostEqual(scenario.today_contacts, 17.0)
        # 10*9 + 5*6 + 2*7 = 134 minutes
        self.assertAlmostEqual(scenario.today_hours, 134 / 60)
        # phone 8; portal: demand 5 / 0.25 = 20, + 2 moved = 22, 25 % of it a ticket = 5.5
        self.assertAlmostEqual(scenario.expected_phone, 8.0)
        self.assertAlmostEqual(scenario.expected_portal, 5.5)
        self.assertAlmostEqual(scenario.expected_contacts, 15.5)
        self.assertAlmostEqual(scenario.expected_hours, (8 * 9 + 5.5 * 6 + 2 * 7) / 60)
        self.assertGreater(scenario.hours_saved, 0)
        # the measurements stay: later tickets do not change the scenario
        self._ticket("phone", NOW - timedelta(hours=1))
        scenario.invalidate_recordset()
        self.assertAlmostEqual(scenario.measured_phone, 10.0)

    def test_deflection_starts_at_the_measured_rate(self):
        with Form(self.Scenario) as form:
            form.name = "Zoals nu"
            form.weeks = 4
            self.assertEqual(form.deflection, 75.0)
        scenario = form.record
        self.assertAlmostEqual(scenario.expected_contacts, scenario.today_contacts)

    def test_impossible_assumptions_get_a_clear_message(self):
        for values, message in (
            ({"phone_to_portal": 120}, "is a share: from 0 to 100 %"),
            ({"mail_to_portal": -5}, "is a share: from 0 to 100 %"),
            ({"deflection": 101}, "is a share: from 0 to 100 %"),
            ({"minutes_phone": -1}, "cannot be negative"),
            ({"weeks": 0}, "Measure over 1 to 104 weeks"),
        ):
            with self.subTest(values=values), self.assertRaisesRegex(ValidationError, message):
                self.Scenario.create({"name": "Onmogelijk", **values})

    def test_no_contacts_at_all(self):
        with freeze_time("2020-01-01"):
            scenario = self.Scenario.create({"name": "Leeg", "phone_to_portal": 50})
        self.assertEqual(scenario.today_contacts, 0)
        self.assertEqual(scenario.expected_hours, 0)

    def test_full_deflection_measured(self):
        scenario = self.Scenario.create({"name": "Alles", "weeks": 4})
        scenario.write({"measured_deflection": 100, "deflection": 100, "phone_to_portal": 100})
        self.assertAlmostEqual(scenario.expected_phone, 0)
        self.assertAlmostEqual(scenario.expected_portal, 0)

    def test_compared_with_what_happened(self):
        with freeze_time("2026-05-01"):
            scenario = self.Scenario.create({"name": "Mei", "weeks": 4, "date": "2026-05-01"})
        # the weeks after 1 May: the 68 tickets of 1 June, in 4 weeks (to 29 May)... none
        self.assertEqual(scenario.actual_contacts, 0)
        scenario.weeks = 8  # to 26 June, cut at today (15 June): 45 days
        scenario.invalidate_recordset(["actual_contacts"])
        self.assertAlmostEqual(scenario.actual_contacts, 68 / (45 / 7))

    def test_list_reads_what_happened_in_constant_queries(self):
        """The list shows what happened since each scenario: the same number of queries for
        one scenario as for ten (no query per row)."""
        fields_read = ["name", "date", "today_hours", "expected_hours", "actual_hours"]

        def read_list(scenarios):
            self.env.invalidate_all()
            scenarios.with_user(self.management).read(fields_read)

        with freeze_time("2026-05-01"):
            scenarios = self.Scenario.create(
                [{"name": f"Mei {i}", "weeks": 4 + i, "date": "2026-05-01"} for i in range(10)]
            )
        read_list(scenarios[:1])  # warm the caches
        start = self.cr.sql_log_count
        read_list(scenarios[:1])
        one = self.cr.sql_log_count - start
        with self.assertQueryCount(one):
            read_list(scenarios)
        # 8 weeks after 1 May (cut at 15 June: 45 days) hold the 68 tickets of 1 June
        self.assertAlmostEqual(scenarios[4].actual_contacts, 68 / (45 / 7))
        self.assertAlmostEqual(scenarios[0].actual_contacts, 0)
