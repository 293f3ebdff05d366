# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Benchmark of bimbonbon_journey: the customer journey overview (every figure) on 100,000
tickets and 1,000,000 order lines (100,000 orders of 10 lines), as management reads it."""

from datetime import datetime

from odoo import Command
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import SQL

from .common import copy_rows, measure, scale, series

SPEC = {"code": {}, "name": {}, "value_display": {}, "detail": {}, "filter_note": {}}


@tagged("post_install", "-at_install", "bench")
class BenchJourney(TransactionCase):
    def test_bench_overview(self):
        env = self.env(context=dict(self.env.context, tracking_disable=True))
        tickets = scale(100_000)
        orders = scale(100_000)
        lines_per_order = 10
        management = new_test_user(env, "bench_directie", groups="bimbonbon_crm.group_management")
        product = env["product.product"].create(
            {"name": "Stroopwafelmix", "is_storable": True, "tracking": "lot"}
        )
        lot = env["stock.lot"].create({"name": "BENCH-A", "product_id": product.id})
        segment = env["res.partner.category"].create({"name": "Bakkerijen"})
        customers = env["res.partner"].create(
            [
                {
                    "name": f"Bakkerij {i}",
                    "is_company": True,
                    "customer_rank": 1,
                    "category_id": [Command.set(segment.ids if i % 2 else [])],
                }
                for i in range(50)
            ]
        )
        channels = [
            env.ref(f"helpdesk_mgmt.helpdesk_ticket_channel_{c}").id
            for c in ("web", "email", "phone", "other")
        ]
        ticket = env["helpdesk.ticket"].create(
            {
                "name": "Bittere smaak",
                "description": "<p>x</p>",
                "ticket_kind": "complaint",
                "partner_id": customers[0].id,
                "product_id": product.id,
                "lot_id": lot.id,
                "channel_id": channels[0],
            }
        )
        order = env["sale.order"].create(
            {
                "partner_id": customers[0].id,
                "order_line": [Command.create({"product_id": product.id, "price_unit": 10})],
            }
        )
        order.action_confirm()
        env.flush_all()
        now = datetime.now()
        with measure(env, "copy tickets and order lines (SQL)", tickets + orders * 11):
            copy_rows(
                env.cr,
                "helpdesk_ticket",
                ticket.id,
                series(tickets),
                {
                    "number": "'B' || src.n",
                    "channel_id": SQL("(%s::int[])[MOD(src.n, 4) + 1]", channels),
                    "partner_id": SQL("(%s::int[])[MOD(src.n, 50) + 1]", customers.ids),
                    "commercial_partner_id": SQL("(%s::int[])[MOD(src.n, 50) + 1]", customers.ids),
                    "create_date": SQL("%s - MOD(src.n, 365) * INTERVAL '1 day'", now),
                    "first_response_date": SQL(
                        "%s - MOD(src.n, 365) * INTERVAL '1 day'"
                        " + MOD(src.n, 48) * INTERVAL '1 hour'",
                        now,
                    ),
                    "closed_date": SQL(
                        "%s - MOD(src.n, 365) * INTERVAL '1 day'"
                        " + MOD(src.n, 200) * INTERVAL '1 hour'",
                        now,
                    ),
                    "customer_grade": "MOD(src.n, 10) + 1",
                    "customer_grade_top": "CASE WHEN MOD(src.n, 10) >= 8 THEN 100 ELSE 0 END",
                },
            )
            order_ids = copy_rows(
                env.cr,
                "sale_order",
                order.id,
                series(orders),
                {
                    "name": "'SB' || src.n",
                    "partner_id": SQL("(%s::int[])[MOD(src.n, 50) + 1]", customers.ids),
                    "date_order": SQL("%s - MOD(src.n, 365) * INTERVAL '1 day'", now),
                },
            )
            copy_rows(
                env.cr,
                "sale_order_line",
                order.order_line.id,
                series(orders * lines_per_order),
                {"order_id": SQL("(%s::int[])[MOD(src.n, %s) + 1]", order_ids, len(order_ids))},
            )
            env.cr.execute("ANALYZE helpdesk_ticket")
            env.cr.execute("ANALYZE sale_order")
            env.cr.execute("ANALYZE sale_order_line")
        env.invalidate_all()
        Kpi = env["bimbonbon.journey.kpi"].with_user(management)
        for label, context in (
            ("overview, last 12 months", {"journey_period_12_months": 1}),
            ("overview, this month", {"journey_period_month": 1}),
            (
                "overview, one product and segment",
                {
                    "journey_period_12_months": 1,
                    "journey_product": [product.id],
                    "journey_segment": [segment.id],
                },
            ),
        ):
            env.invalidate_all()
            with measure(env, f"journey {label}", tickets) as figures:
                result = Kpi.with_context(**context).web_search_read(
                    [("is_available", "=", True)], SPEC
                )
                figures["figures"] = result["length"]
        values = {r["code"]: r["value_display"] for r in result["records"]}
        self.assertTrue(values)
        env.invalidate_all()
        with measure(env, "journey drill-down: phone share tickets", tickets):
            action = Kpi.browse(env.ref("bimbonbon_journey.journey_kpi_phone_share").id)
            action = action.with_context(journey_period_12_months=1).action_open_records()
            env["helpdesk.ticket"].with_user(management).search(action["domain"], limit=80)
