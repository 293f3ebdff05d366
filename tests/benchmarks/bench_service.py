# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Benchmarks of bimbonbon_service: Dutch full-text suggestions, the reminder cron, overlaps."""

from datetime import datetime, timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import TransactionCase, tagged

from .common import measure, scale

WORDS = (
    "mixer kneden deeg storing piept wafel stroop bakken kom garde motor oven temperatuur "
    "recept boter suiker lawaai reinigen vaatwasser garantie onderdeel snelheid stand"
).split()


@tagged("post_install", "-at_install", "bench")
class BenchService(TransactionCase):
    def test_bench_suggest(self):
        count = scale(20000)
        Article = self.env["bimbonbon.knowledge.article"]
        Article.create(
            [
                {
                    "name": f"Artikel {index} {WORDS[index % len(WORDS)]}",
                    "body": "<p>"
                    + " ".join(WORDS[(index * 7 + j) % len(WORDS)] for j in range(40))
                    + "</p>",
                    "is_published": True,
                }
                for index in range(count)
            ]
        )
        self.env.flush_all()
        self.env.cr.execute("ANALYZE bimbonbon_knowledge_article")
        with measure(self.env, "knowledge._suggest (Dutch FTS, GIN)", count) as figures:
            for _ in range(10):
                found = Article._suggest("mijn mixer piept bij het kneden van deeg", limit=3)
            figures["calls"] = 10
        self.assertEqual(len(found), 3)

    def test_bench_reminder_cron(self):
        count = scale(2000)
        partner = self.env["res.partner"].create({"name": "Bench", "email": "b@example.com"})
        with freeze_time("2026-01-01"):
            self.env["helpdesk.ticket"].create(
                [
                    {"name": f"T{index}", "description": "<p>x</p>", "partner_id": partner.id}
                    for index in range(count)
                ]
            )
        self.env.flush_all()
        with (
            measure(self.env, "helpdesk.ticket._cron_send_reminders", count),
            freeze_time("2026-01-10"),
            patch.object(type(self.env["ir.cron"]), "_commit_progress", lambda *a, **k: 1.0),
        ):
            self.env["helpdesk.ticket"]._cron_send_reminders()

    def test_bench_overlap(self):
        count = scale(2000)
        users = self.env["res.users"].create(
            [{"name": f"Tech {i}", "login": f"bench_tech_{i}"} for i in range(20)]
        )
        start = datetime(2026, 5, 4, 8, 0)
        visits = self.env["maintenance.request"].create(
            [
                {
                    "name": f"V{index}",
                    "user_id": users[index % 20].id,
                    "schedule_date": start + timedelta(hours=index // 20),
                    "schedule_end": start + timedelta(hours=index // 20, minutes=70),
                }
                for index in range(count)
            ]
        )
        self.env.flush_all()
        self.env.invalidate_all()
        with measure(self.env, "maintenance.request.is_overlapping (list)", count):
            flags = visits.mapped("is_overlapping")
        self.assertTrue(any(flags))
