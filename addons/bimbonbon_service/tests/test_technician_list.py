# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from .common import ServiceCommon


@tagged("post_install", "-at_install")
class TestTechnicianList(ServiceCommon):
    def _create_visits(self, count, start):
        return self.env["maintenance.request"].create(
            [
                {
                    "name": f"Bezoek {index}",
                    "user_id": self.tech_user.id,
                    "partner_id": self.contact.id,
                    "lot_id": self.serial_1.id,
                    "schedule_date": start + timedelta(hours=index),
                    "schedule_end": start + timedelta(hours=index, minutes=90),
                }
                for index in range(count)
            ]
        )

    def _load_list(self):
        action = self.env.ref("bimbonbon_service.maintenance_request_action_technician")
        Request = self.env["maintenance.request"].with_user(self.tech_user)
        view = self.env.ref("bimbonbon_service.maintenance_request_view_list_technician")
        spec = {
            name: {"fields": {"display_name": {}}}
            if Request._fields[name].type in ("many2one", "many2many")
            else {}
            for name in Request.get_views([(view.id, "list")])["models"][Request._name]["fields"]
        }
        self.assertIn("is_overlapping", spec)
        self.env.invalidate_all()
        return Request.web_search_read(
            [("user_id", "=", self.tech_user.id), ("stage_id.done", "=", False)],
            spec,
            order="schedule_date",
            limit=80,
        ), action

    @freeze_time("2026-05-04 07:00:00")
    def test_list_query_count_and_filters(self):
        self._create_visits(1, datetime(2026, 5, 4, 8, 0))
        self._load_list()  # warm-up
        with self.assertQueryCount(14):
            result, _action = self._load_list()
        self.assertEqual(result["length"], 1)
        self._create_visits(30, datetime(2026, 5, 5, 8, 0))
        with self.assertQueryCount(14):
            result, _action = self._load_list()
        self.assertEqual(result["length"], 31)
        # visits one hour apart lasting 90 minutes overlap their neighbours
        self.assertTrue(all(record["is_overlapping"] for record in result["records"][1:]))
        self.assertFalse(result["records"][0]["is_overlapping"])

    @freeze_time("2026-05-06 07:00:00")
    def test_today_week_overdue_filters(self):
        overdue = self._create_visits(1, datetime(2026, 5, 4, 8, 0))
        today = self._create_visits(1, datetime(2026, 5, 6, 12, 0))
        next_week = self._create_visits(1, datetime(2026, 5, 12, 12, 0))
        visits = overdue | today | next_week
        view = self.env.ref("bimbonbon_service.maintenance_request_view_search_technician")
        Request = self.env["maintenance.request"].with_user(self.tech_user)
        arch = Request.get_views([(view.id, "search")])["views"]["search"]["arch"]
        for name in ("today", "this_week", "overdue", "mine"):
            self.assertIn(f'name="{name}"', arch)
        self.assertEqual(
            Request.search([("id", "in", visits.ids), ("schedule_date", "<", "2026-05-06")]),
            overdue,
        )
