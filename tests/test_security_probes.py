# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Probes of the doors a stranger can knock on, run with all our addons installed: the public
routes as a visitor, a customer or another customer, and the public methods as a portal
customer or as a department without the right group.

Each answer must be a clean refusal (a 4xx page, an AccessError), never a server error (500)
and never another customer's data; and a refused call must change nothing.
(tests/test_public_methods.py checks every public method's rights; here the ones the last
review named are probed once more for their side effects, and through RPC.)
"""

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, JsonRpcException, TransactionCase, new_test_user, tagged

from odoo.addons.bimbonbon_livechat.tests.common import LivechatCase

METRICS_TOKEN = "probe-token-0123456789abcdef"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/128.0"


@tagged("post_install", "-at_install")
class TestPublicRouteProbes(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.portal_user = new_test_user(
            env, "probe_portal", groups="base.group_portal", email="probe@klant.example.com"
        )
        Article = env["bimbonbon.knowledge.article"]
        cls.other_company = env["res.company"].create({"name": "Andere BV"})
        cls.published, cls.unpublished, cls.archived, cls.foreign = Article.create(
            [
                {"name": "Gepubliceerd", "kind": "faq", "is_published": True},
                {"name": "Intern concept", "kind": "faq", "is_published": False},
                {"name": "Gearchiveerd", "kind": "faq", "is_published": True, "active": False},
                {
                    "name": "Van een ander bedrijf",
                    "kind": "faq",
                    "is_published": True,
                    "company_id": cls.other_company.id,
                },
            ]
        )
        product = env["product.product"].create(
            {"name": "Mixer Probe", "is_storable": True, "tracking": "serial"}
        )
        cls.lot = env["stock.lot"].create({"name": "PROBE-1", "product_id": product.id})
        cls.lot.action_generate_registration_token()

    # the portal's detail pages (/my/<things>/<id>)

    def test_detail_pages_with_odd_or_foreign_ids(self):
        """Another customer's registration, a missing id or one beyond PostgreSQL's integer:
        a redirect or a 4xx, never a 500 and never the other customer's unit."""
        other = self.env["res.partner"].create({"name": "Bakkerij Ander", "is_company": True})
        foreign = self.env["bimbonbon.product.registration"]._register_lot(other, self.lot)
        routes = (
            "/my/products/{id}",
            "/my/products/{id}/report",
            "/my/products/{id}/manual/{id}",
            "/my/contracts/{id}",
            "/my/contracts/{id}/renew",
            "/my/notices/{id}",
            "/my/notices/{id}/acknowledge",
            "/my/orders/{id}/reorder",
            "/knowledge/{id}",
        )
        for login in (None, "probe_portal"):
            self.authenticate(login, login)
            for route in routes:
                for record_id in (foreign.id, 999999999, 99999999999999):
                    url = route.format(id=record_id)
                    with self.subTest(login=login, url=url):
                        response = self.url_open(url, allow_redirects=False)
                        self.assertIn(response.status_code, (302, 303, 400, 403, 404, 405))
                        self.assertNotIn("PROBE-1", response.text)

    # /bimbonbon/metrics (bimbonbon_crm)

    def _metrics(self, **headers):
        return self.url_open("/bimbonbon/metrics", headers=headers)

    def test_metrics_refuse_a_missing_or_wrong_token(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "bimbonbon_crm.metrics_token", METRICS_TOKEN
        )
        for headers in (
            {},
            {"Authorization": "Bearer wrong"},
            {"Authorization": "Bearer "},
            {"Authorization": f"Bearer {METRICS_TOKEN}x"},
            {"Authorization": f"Bearer {METRICS_TOKEN[:-1]}"},
            {"Authorization": f"Basic {METRICS_TOKEN}"},
            {"Authorization": METRICS_TOKEN},
            {"Authorization": "Bearer t\u00f6ken"},
        ):
            with self.subTest(headers=headers):
                response = self._metrics(**headers)
                self.assertEqual(response.status_code, 401)
                self.assertNotIn("bimbonbon_", response.text)
        # a session does not open it either: only the token does
        self.authenticate("admin", "admin")
        self.assertEqual(self._metrics().status_code, 401)
        self.assertEqual(
            self.opener.post(self.base_url() + "/bimbonbon/metrics", timeout=30).status_code, 405
        )
        response = self._metrics(Authorization=f"Bearer {METRICS_TOKEN}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("bimbonbon_", response.text)

    # /knowledge/<id> (bimbonbon_livechat)

    def test_knowledge_shows_published_articles_of_the_company_only(self):
        """A visitor or a customer reads what is published for them; an unpublished,
        archived, other company's or missing article is a 404, not a page or a 500."""
        hidden = (self.unpublished, self.archived, self.foreign)
        for login in (None, "probe_portal"):
            self.authenticate(login, login)
            with self.subTest(login=login):
                page = self.url_open(f"/knowledge/{self.published.id}")
                self.assertEqual(page.status_code, 200)
                self.assertIn("Gepubliceerd", page.text)
                for article in hidden:
                    page = self.url_open(f"/knowledge/{article.id}")
                    self.assertEqual(page.status_code, 404, article.name)
                    self.assertNotIn(article.name, page.text)
                self.assertEqual(self.url_open("/knowledge/999999999").status_code, 404)

    # /r/<token> (bimbonbon_portal, counted by bimbonbon_journey)

    def test_label_scan_counted_once(self):
        """Reloading a label's page, a crawler or a link preview is not another scan."""
        Scan = self.env["bimbonbon.qr.scan"]
        url = self.base_url() + f"/r/{self.lot.registration_token}"
        for agent in (BROWSER, BROWSER, BROWSER, "Googlebot/2.1", "WhatsApp/2.23"):
            response = self.opener.get(url, headers={"User-Agent": agent}, timeout=30)
            self.assertEqual(response.status_code, 200)
        self.assertEqual(Scan.search_count([("lot_id", "=", self.lot.id)]), 1)
        response = self.opener.get(self.base_url() + "/r/no-such-token", timeout=30)
        self.assertEqual(response.status_code, 404)
        self.assertEqual(Scan.search_count([]), 1)


@tagged("post_install", "-at_install")
class TestChatbotRouteProbes(LivechatCase):
    """im_livechat's /chatbot/... routes, called on another visitor's conversation."""

    def _state(self, channel):
        channel.invalidate_recordset()
        return (
            channel.chatbot_current_step_id,
            channel.message_ids.ids,
            channel.livechat_end_dt,
            channel.bimbonbon_ticket_id,
        )

    def test_chatbot_routes_on_another_visitors_channel(self):
        channel = self._start("anna_chat")
        self._ask_problem(channel)
        before = self._state(channel)
        last_bot_message = self._bot_messages(channel)[-1]
        calls = (
            ("/chatbot/restart", {"channel_id": channel.id, "chatbot_script_id": self.script.id}),
            (
                "/chatbot/answer/save",
                {
                    "channel_id": channel.id,
                    "message_id": last_bot_message.id,
                    "selected_answer_id": self.answer_no.id,
                },
            ),
            ("/chatbot/step/trigger", {"channel_id": channel.id}),
            (
                "/chatbot/step/trigger",
                {"channel_id": channel.id, "chatbot_script_id": self.script.id},
            ),
            ("/chatbot/step/validate_email", {"channel_id": channel.id}),
        )
        for login in ("piet_chat", None):
            self.authenticate(login, login)
            if login is None:  # a visitor with a conversation of their own
                self._start(None)
            for route, params in calls:
                with self.subTest(login=login, route=route):
                    self.assertFalse(self.make_jsonrpc_request(route, params))
                    self.assertEqual(self._state(channel), before)
        chatbot_message = self.env["chatbot.message"].search(
            [("mail_message_id", "=", last_bot_message.id)]
        )
        self.assertFalse(chatbot_message.user_script_answer_id)


@tagged("post_install", "-at_install")
class TestPublicMethodProbes(TransactionCase):
    """The public methods the review named, as a portal customer and as a department without
    the right group: an AccessError, and nothing changed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.customer = env["res.partner"].create({"name": "Bakkerij Probe", "is_company": True})
        cls.portal = new_test_user(env, "probe_m_portal", groups="base.group_portal")
        cls.portal.partner_id.parent_id = cls.customer
        cls.sales = new_test_user(env, "probe_m_sales", groups="bimbonbon_crm.group_sales")
        cls.purchasing = new_test_user(
            env, "probe_m_purchasing", groups="bimbonbon_crm.group_purchasing"
        )
        cls.management = new_test_user(
            env, "probe_m_management", groups="bimbonbon_crm.group_management"
        )
        product = env["product.product"].create(
            {"name": "Mixer Probe", "is_storable": True, "tracking": "serial", "sale_ok": True}
        )
        team = env["helpdesk.ticket.team"].create({"name": "Probe", "use_sla": True})
        cls.ticket = env["helpdesk.ticket"].create(
            {
                "name": "Storing",
                "description": "<p>Storing</p>",
                "partner_id": cls.customer.id,
                "team_id": team.id,
            }
        )
        cls.resolution = env["bimbonbon.ticket.resolution"].create(
            {"ticket_id": cls.ticket.id, "kind": "credit"}
        )
        cls.rma = env["rma"].create(
            {
                "partner_id": cls.customer.id,
                "product_id": product.id,
                "operation_id": env.ref("rma.rma_operation_replace").id,
            }
        )
        cls.scenario = env["bimbonbon.journey.scenario"].create({"name": "Probe"})
        cls.kpi = env.ref("bimbonbon_journey.journey_kpi_phone_share")

    def _refused(self, record, method, users, fields_kept=()):
        for user in users:
            with self.subTest(method=method, user=user.login):
                values = record.read(list(fields_kept)) if fields_kept else None
                with self.assertRaises(AccessError):
                    getattr(record.with_user(user), method)()
                if values:
                    record.invalidate_recordset()
                    self.assertEqual(record.read(list(fields_kept)), values)

    def test_system_status_refresh(self):
        status = self.env["bimbonbon.system.status"].create({})
        self._refused(status, "action_refresh", self.portal | self.sales | self.management)

    def test_journey_kpi_open_records(self):
        self._refused(self.kpi, "action_open_records", self.portal | self.sales)
        self.assertEqual(
            self.kpi.with_user(self.management).action_open_records()["res_model"],
            "helpdesk.ticket",
        )

    def test_scenario_measure(self):
        self._refused(
            self.scenario,
            "action_measure",
            self.portal | self.sales | self.purchasing,
            fields_kept=("measured_on", "measured_phone"),
        )

    def test_rma_replace(self):
        self._refused(self.rma, "action_replace", self.portal | self.sales | self.purchasing)

    def test_refresh_sla(self):
        self._refused(
            self.ticket,
            "refresh_sla",
            self.portal | self.sales | self.purchasing,
            fields_kept=("ticket_sla_ids",),
        )

    def test_resolution_cancel(self):
        self._refused(
            self.resolution,
            "action_cancel",
            self.portal | self.sales | self.purchasing,
            fields_kept=("state",),
        )


@tagged("post_install", "-at_install")
class TestRpcProbes(HttpCase):
    """The same methods through /web/dataset/call_kw as a logged-in portal customer: a clean
    AccessError in the JSON-RPC answer (never another error, never a 500)."""

    def test_portal_rpc_gets_access_errors(self):
        env = self.env
        new_test_user(env, "probe_rpc_portal", groups="base.group_portal")
        ticket = env["helpdesk.ticket"].create({"name": "Storing", "description": "<p>x</p>"})
        resolution = env["bimbonbon.ticket.resolution"].create(
            {"ticket_id": ticket.id, "kind": "credit"}
        )
        calls = (
            ("bimbonbon.system.status", "action_refresh", []),
            (
                "bimbonbon.journey.kpi",
                "action_open_records",
                env.ref("bimbonbon_journey.journey_kpi_phone_share").ids,
            ),
            (
                "bimbonbon.journey.scenario",
                "action_measure",
                env["bimbonbon.journey.scenario"].create({"name": "RPC"}).ids,
            ),
            ("helpdesk.ticket", "refresh_sla", ticket.ids),
            ("bimbonbon.ticket.resolution", "action_cancel", resolution.ids),
        )
        self.authenticate("probe_rpc_portal", "probe_rpc_portal")
        for model, method, ids in calls:
            with self.subTest(model=model, method=method):
                with self.assertRaises(JsonRpcException) as error, self.assertLogs("odoo.http"):
                    self.make_jsonrpc_request(
                        "/web/dataset/call_kw",
                        {"model": model, "method": method, "args": [ids], "kwargs": {}},
                    )
                self.assertEqual(str(error.exception), "odoo.exceptions.AccessError")
        resolution.invalidate_recordset()
        self.assertEqual(resolution.state, "draft")
