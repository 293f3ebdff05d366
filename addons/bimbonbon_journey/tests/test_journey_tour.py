# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import JourneyFixtures


@tagged("post_install", "-at_install")
class TestJourneyTour(JourneyFixtures, HttpCase):
    browser_size = "1280x800"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_journey()
        cls.management.password = "jrn_management"
        now = fields.Datetime.now()
        for channel in ("phone", "phone", "phone", "portal"):
            cls._ticket(channel, now - timedelta(minutes=5), name=f"Journey {channel}")
        # last year: not this month
        cls._ticket("phone", now - timedelta(days=400), name="Journey old phone")

    def test_management_clicks_the_phone_share(self):
        self.start_tour("/odoo", "bimbonbon_journey_overview", login="jrn_management")
