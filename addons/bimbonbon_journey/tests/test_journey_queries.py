# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from .common import NOW, JourneyCommon, copy_rows, series

MANY = 10_000
#: the fields of the overview's tiles
SPEC = {
    "code": {},
    "name": {},
    "phase": {},
    "value_display": {},
    "detail": {},
    "description": {},
    "filter_note": {},
    "has_value": {},
}


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestJourneyQueries(JourneyCommon):
    """The overview reads every figure in a fixed number of queries, whatever the number of
    tickets (10 or 10,000)."""

    def _read_overview(self, **context):
        Kpi = self.Kpi.with_user(self.management).with_context(
            journey_period="month", **{f"journey_{k}": v for k, v in context.items()}
        )
        return Kpi.web_search_read([("is_available", "=", True)], SPEC)

    def _count(self, **context):
        self._read_overview(**context)  # warm the caches
        self.env.invalidate_all()
        start = self.cr.sql_log_count
        result = self._read_overview(**context)
        return self.cr.sql_log_count - start, result

    def test_constant_queries(self):
        when = NOW - timedelta(days=3)
        self._deliver(self.batch_a, 100)
        tickets = [
            self._ticket(channel, when, kind="complaint", lot=self.batch_a)
            for channel in ("phone", "portal", "mail", "other", "portal")
        ]
        tickets += [
            self._ticket("phone", when, kind="fault", customer=self.shop) for _i in range(5)
        ]
        tickets[0].write({"first_response_date": NOW, "closed_date": NOW, "customer_grade": 9})
        few, result = self._count(segment=[self.bakeries.id])
        self.assertEqual(result["length"], 20)
        # 10,000 more tickets, copied in SQL from the first (with its response and grade)
        copy_rows(
            self.cr,
            "helpdesk_ticket",
            tickets[0].id,
            series(MANY),
            {
                "number": "'JRN-' || src.n",
                "channel_id": f"(ARRAY{[c.id for c in self.channels.values()]})[MOD(src.n, 4) + 1]",
            },
        )
        self.env.invalidate_all()
        many, result = self._count(segment=[self.bakeries.id])
        values = {kpi["code"]: kpi["value_display"] for kpi in result["records"]}
        self.assertEqual(values["contacts"], "10,005")
        # (one query fewer with more tickets happens: a cache warmed by another figure)
        self.assertLessEqual(many, few, f"{few} queries for 10 tickets, {many} for {MANY + 10}")
        self._read_overview(segment=[self.bakeries.id])
        self.env.invalidate_all()
        with self.assertQueryCount(few):
            self._read_overview(segment=[self.bakeries.id])

    def test_shared_readings_once_per_overview(self):
        """The contacts per channel (the contacts and every channel's share, this period and
        the previous one) and the units delivered (registration rate, faults per 1,000
        units) are read once per overview and period, not once per figure."""
        calls = []

        def spy(model):
            Model = type(self.env[model])
            read_group = Model._read_group

            def _read_group(records, domain, groupby=(), *args, **kwargs):
                calls.append((model, tuple(groupby)))
                return read_group(records, domain, groupby, *args, **kwargs)

            self.patch(Model, "_read_group", _read_group)

        spy("helpdesk.ticket")
        spy("stock.move.line")
        self._read_overview()
        self.assertEqual(calls.count(("helpdesk.ticket", ("channel_id",))), 2)
        self.assertEqual(calls.count(("stock.move.line", ("product_id",))), 1)
        self.assertEqual(calls.count(("stock.move.line", ("product_id", "lot_id"))), 2)

    def test_scans_indexed_by_period_and_product(self):
        """The scans of a period per product are read through one index, not a whole table."""
        self.cr.execute("SELECT indexdef FROM pg_indexes WHERE tablename = 'bimbonbon_qr_scan'")
        self.assertTrue(
            any("(scan_date, product_id)" in definition for (definition,) in self.cr.fetchall())
        )
