# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import json
from datetime import datetime
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.bimbonbon_crm.tests.common import CronCommitMixin
from odoo.addons.bimbonbon_service.tests.common import ServiceFixtures
from odoo.addons.bimbonbon_service.tests.common_notice import NoticeFixtures

from .common import AUTH, P256DH, BimbonbonPortalCase


def endpoint(name):
    return f"https://fcm.googleapis.com/fcm/send/{name}"


@tagged("post_install", "-at_install")
class TestWebPush(NoticeFixtures, CronCommitMixin, ServiceFixtures, BimbonbonPortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["mail.push.device"].get_web_push_vapid_public_key()  # Odoo's VAPID keys
        cls.cs_user = cls._create_department_user("customer_service", "push_cs")
        cls.tech_user = cls._create_department_user("maintenance", "push_tech")
        cls.sales_user = cls._create_department_user("sales", "push_sales")
        cls.colleague = cls.env["res.partner"].create(
            {"name": "Collega Zonder Toestemming", "parent_id": cls.customer.id}
        )
        cls.ticket = cls.env["helpdesk.ticket"].create(
            {
                "name": "Mixer stopt",
                "description": "<p>Mixer stopt</p>",
                "partner_id": cls.customer.id,
                "ticket_kind": "fault",
            }
        )
        cls.stage_in_progress = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress")
        cls.Push = cls.env["mail.push"].sudo()
        cls.Device = cls.env["mail.push.device"].sudo()

    def _consent(self, partner, *names):
        partner._bimbonbon_set_push_consent(True)
        return self.Device.browse().union(
            *(
                self.Device._bimbonbon_register(
                    partner, endpoint(name), {"p256dh": P256DH, "auth": AUTH}
                )
                for name in names
            )
        )

    def _subscribe(self, **values):
        data = {"endpoint": endpoint("phone-1"), "p256dh": P256DH, "auth": AUTH, **values}
        data.setdefault("csrf_token", self._csrf())
        return self.url_open("/bimbonbon/push/subscribe", data=data, allow_redirects=False)

    def _pushes(self):
        return self.Push.search([])

    # ------------------------------------------------------------------
    # Consent and subscription
    # ------------------------------------------------------------------
    def test_subscription_needs_consent(self):
        self.authenticate("klant", "klant")
        response = self._subscribe()
        self.assertEqual(response.status_code, 403)
        self.assertIn("error", response.json())
        self.assertFalse(self.Device.search([("partner_id", "=", self.customer.id)]))

    def test_subscription_with_consent_then_withdrawal(self):
        self.authenticate("klant", "klant")
        with freeze_time("2026-12-02 10:00:00"):
            response = self.url_open(
                "/my/account/push",
                data={"consent": "1", "csrf_token": self._csrf()},
                allow_redirects=False,
            )
        self.assertEqual(response.status_code, 303)
        self.assertTrue(self.customer.bimbonbon_push_consent)
        self.assertEqual(self.customer.bimbonbon_push_consent_date, datetime(2026, 12, 2, 10))
        response = self._subscribe()
        self.assertEqual(response.status_code, 200, response.text)
        device = self.Device.search([("partner_id", "=", self.customer.id)])
        self.assertEqual(device.endpoint, endpoint("phone-1"))
        self.assertTrue(device.bimbonbon_app)
        self.assertEqual(json.loads(device.keys), {"p256dh": P256DH, "auth": AUTH})
        # the same phone again: still one device
        self.assertEqual(self._subscribe().status_code, 200)
        self.assertEqual(self.Device.search_count([("partner_id", "=", self.customer.id)]), 1)

        self.ticket.with_user(self.cs_user).stage_id = self.stage_in_progress
        queued = self._pushes()
        self.assertEqual(len(queued), 1)

        response = self.url_open(
            "/my/account/push",
            data={"consent": "0", "csrf_token": self._csrf()},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        self.assertFalse(self.customer.bimbonbon_push_consent)
        self.assertFalse(self.Device.search([("partner_id", "=", self.customer.id)]))
        self.assertFalse(queued.exists(), "what was queued is not sent after the withdrawal")
        self.assertEqual(self._subscribe().status_code, 403)
        self.ticket.with_user(self.cs_user).stage_id = self.env.ref(
            "bimbonbon_service.helpdesk_ticket_stage_solved"
        )
        self.assertFalse(self._pushes())

    def test_consent_as_json_gives_vapid_key(self):
        self.authenticate("klant", "klant")
        response = self.url_open(
            "/my/account/push",
            data={"consent": "1", "csrf_token": self._csrf()},
            headers={"Accept": "application/json"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response.json(),
            {
                "consent": True,
                "vapid_public_key": self.env["ir.config_parameter"]
                .sudo()
                .get_param("mail.web_push_vapid_public_key"),
            },
        )

    def test_account_page_shows_the_block(self):
        self.authenticate("klant", "klant")
        html = self.url_open("/my/account").text
        self.assertIn('id="bimbonbon_push"', html)
        self.assertIn('action="/my/account/push"', html)
        self.assertIn("/bimbonbon_portal/static/src/js/web_push.js", html)
        self.assertIn('data-consent="0"', html)

    def test_routes_refuse_bad_requests(self):
        # anonymous
        self.authenticate(None, None)
        self.assertEqual(self._subscribe().status_code, 403)
        # an internal user (Odoo's own web push is theirs)
        self.authenticate("push_cs", "push_cs")
        self.assertEqual(self._subscribe().status_code, 403)
        self.authenticate("klant", "klant")
        self.customer._bimbonbon_set_push_consent(True)
        bad = [
            {"csrf_token": "x"},
            {"endpoint": "http://fcm.googleapis.com/fcm/send/x"},
            {"endpoint": "https://intranet.example.com/fcm.googleapis.com"},
            {"endpoint": "https://fcm.googleapis.com.evil.example.com/x"},
            {"endpoint": "https://user:pw@fcm.googleapis.com/x"},
            {"endpoint": "https://fcm.googleapis.com:8443/x"},
            {"endpoint": endpoint("x" * 2000)},
            {"endpoint": endpoint("a\x00b")},
            {"endpoint": ""},
            {"p256dh": "not base64!"},
            {"p256dh": AUTH},
            {"auth": P256DH},
            {"auth": ""},
        ]
        for values in bad:
            with self.subTest(values=values):
                response = self._subscribe(**values)
                self.assertEqual(response.status_code, 400)
        self.assertFalse(self.Device.search([("partner_id", "=", self.customer.id)]))
        # Apple's and Mozilla's push services are fine
        for url in (
            "https://web.push.apple.com/QGx",
            "https://updates.push.services.mozilla.com/wpush/v2/gAAA",
        ):
            self.assertEqual(self._subscribe(endpoint=url).status_code, 200)

    def test_cannot_unsubscribe_another_customers_phone(self):
        device = self._consent(self.customer, "phone-1")
        self.authenticate("andere", "andere")
        response = self.url_open(
            "/bimbonbon/push/unsubscribe",
            data={"endpoint": device.endpoint, "csrf_token": self._csrf()},
        )
        self.assertEqual(response.status_code, 200)
        self.assertTrue(device.exists())
        self.authenticate("klant", "klant")
        self.url_open(
            "/bimbonbon/push/unsubscribe",
            data={"endpoint": device.endpoint, "csrf_token": self._csrf()},
        )
        self.assertFalse(device.exists())

    def test_portal_cannot_register_through_odoos_rpc(self):
        """Odoo's register_devices (RPC, no check) would skip the consent."""
        key = self.env["ir.config_parameter"].sudo().get_param("mail.web_push_vapid_public_key")
        with self.assertRaises(AccessError):
            self.env["mail.push.device"].with_user(self.customer_user).register_devices(
                vapid_public_key=key,
                endpoint=endpoint("rpc"),
                keys={"p256dh": P256DH, "auth": AUTH},
            )
        self.assertFalse(self.Device.search([("endpoint", "=", endpoint("rpc"))]))

    def test_devices_per_customer_are_bounded(self):
        self._consent(self.customer, *(f"phone-{n}" for n in range(15)))
        self.assertEqual(self.Device.search_count([("partner_id", "=", self.customer.id)]), 10)

    def test_endpoint_of_another_device_is_not_taken_over(self):
        """Only the browser that holds the subscription's keys may move it to its customer."""
        device = self._consent(self.customer, "phone-1")
        staff = self.Device.create(
            {
                "partner_id": self.cs_user.partner_id.id,
                "endpoint": endpoint("staff"),
                "keys": json.dumps({"p256dh": P256DH, "auth": AUTH}),
            }
        )
        other_auth = base64.urlsafe_b64encode(b"\x03" * 16).decode().rstrip("=")
        self.other_customer._bimbonbon_set_push_consent(True)
        self.authenticate("andere", "andere")
        # someone else's endpoint with other keys, or staff's browser: refused
        self.assertEqual(self._subscribe(auth=other_auth).status_code, 400)
        self.assertEqual(self._subscribe(endpoint=endpoint("staff")).status_code, 400)
        self.assertEqual(device.partner_id, self.customer)
        self.assertEqual(staff.partner_id, self.cs_user.partner_id)
        self.assertFalse(staff.bimbonbon_app)
        # the same browser (same keys): another customer logged in on the phone
        self.assertEqual(self._subscribe().status_code, 200)
        self.assertEqual(device.partner_id, self.other_customer)

    def test_logout_forgets_this_phone(self):
        other_phone = self._consent(self.customer, "phone-2")
        self.authenticate("klant", "klant")
        self.assertEqual(self._subscribe().status_code, 200)
        device = self.Device.search([("endpoint", "=", endpoint("phone-1"))])
        self.assertTrue(device)
        self.url_open("/web/session/logout")
        self.assertFalse(device.exists(), "the next person on the phone gets no pushes")
        self.assertTrue(other_phone.exists())
        self.assertTrue(self.customer.bimbonbon_push_consent)

    def test_revoked_portal_access_gets_no_push(self):
        device = self._consent(self.customer, "phone-1")
        wizard = self.env["portal.wizard"].with_context(active_ids=self.customer.ids).create({})
        wizard.user_ids.filtered(
            lambda line: line.partner_id == self.customer
        ).action_revoke_access()
        self.assertFalse(self.customer_user.active)
        self.ticket.with_user(self.cs_user).stage_id = self.stage_in_progress
        self.assertFalse(self._pushes())
        self.assertFalse(self.customer.bimbonbon_push_consent)
        self.assertFalse(device.exists())

    def test_no_push_without_portal_access(self):
        """Even when the consent stayed (a user archived outside the ORM's write)."""
        self._consent(self.customer, "phone-1")
        self.env.cr.execute(
            "UPDATE res_users SET active = false WHERE id = %s", [self.customer_user.id]
        )
        self.env.invalidate_all()
        self.ticket.with_user(self.cs_user).stage_id = self.stage_in_progress
        self.assertFalse(self._pushes())

    def test_consent_is_tracked(self):
        """Staff see in the chatter when a customer gave or withdrew the consent."""
        partner = self.customer.with_context(tracking_disable=False, mail_notrack=False)
        partner._bimbonbon_set_push_consent(True)
        self.env.flush_all()
        self.env.cr.precommit.run()  # tracking is written at commit
        tracked = partner.message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "bimbonbon_push_consent"
        )
        self.assertTrue(tracked)

    # ------------------------------------------------------------------
    # What is pushed
    # ------------------------------------------------------------------
    def test_stage_change_one_push_per_device(self):
        devices = self._consent(self.customer, "phone-1", "tablet-1")
        self._consent(self.other_customer, "other-phone")
        # a colleague's phone without consent (never through the routes): nothing either
        self.Device.create(
            {
                "partner_id": self.colleague.id,
                "endpoint": endpoint("colleague"),
                "keys": json.dumps({"p256dh": P256DH, "auth": AUTH}),
                "bimbonbon_app": True,
            }
        )

        self.ticket.with_user(self.cs_user).stage_id = self.stage_in_progress

        pushes = self._pushes()
        self.assertEqual(pushes.mail_push_device_id, devices)
        self.assertEqual(len(pushes), 2)
        payload = json.loads(pushes[0].payload)
        self.assertEqual(payload["options"]["data"]["url"], f"/my/ticket/{self.ticket.id}")
        self.assertIn(self.ticket.number, payload["title"])
        self.assertIn(self.stage_in_progress.name, payload["options"]["body"])
        # the same stage again is no change; a stage without customer mail is not pushed
        self.ticket.with_user(self.cs_user).stage_id = self.stage_in_progress
        self.ticket.with_user(self.cs_user).stage_id = self.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_stage_awaiting"
        )
        self.assertEqual(len(self._pushes()), 2)
        self.assertTrue(
            self.env["ir.cron.trigger"]
            .sudo()
            .search([("cron_id", "=", self.env.ref("mail.ir_cron_web_push_notification").id)])
        )

    def test_long_title_is_shortened(self):
        self._consent(self.customer, "phone-1")
        self.ticket.name = "Mixer " * 400
        self.ticket.with_user(self.cs_user).stage_id = self.stage_in_progress
        payload = json.loads(self._pushes().payload)
        self.assertLessEqual(len(payload["title"]), 120)
        self.assertTrue(payload["title"].endswith("\u2026"))

    def test_customer_acting_gets_no_push_of_it(self):
        """The customer closes their own ticket in the portal: no push on their phones; a
        colleague of the same company with consent still hears of it."""
        self._consent(self.customer, "phone-1")
        colleague_user = self._create_portal_user("collega", name="Collega", email="c@example.com")
        colleague_user.partner_id.parent_id = self.customer
        colleague_phone = self._consent(colleague_user.partner_id, "colleague-phone")
        self.ticket.with_user(self.customer_user).sudo().stage_id = self.stage_in_progress
        self.assertEqual(self._pushes().mail_push_device_id, colleague_phone)

    def test_push_queries_do_not_grow_with_tickets(self):
        """A stage set on many tickets looks the phones up once (no query per ticket)."""
        self._consent(self.customer, "phone-1", "tablet-1")
        tickets = self.env["helpdesk.ticket"].create(
            [
                {"name": f"Storing {n}", "description": "<p>x</p>", "partner_id": self.customer.id}
                for n in range(11)
            ]
        )
        tickets.write({"stage_id": self.stage_in_progress.id})
        self.Push.search([]).unlink()

        def queries(records):
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            records._bimbonbon_push_stage_change()
            self.env.flush_all()
            return self.env.cr.sql_log_count - before

        self.assertEqual(queries(tickets[:1]), queries(tickets[1:]))
        self.assertEqual(len(self._pushes()), 22)

    def test_customer_without_consent_gets_nothing(self):
        self._consent(self.other_customer, "other-phone")
        self.ticket.with_user(self.cs_user).stage_id = self.stage_in_progress
        self.assertFalse(self._pushes())

    def test_odoo_message_pushes_skip_the_app(self):
        """A staff reply on the ticket: Odoo's own web push does not reach the app's phones
        (they get what the customer consented to, with the page to open)."""
        self._consent(self.customer, "phone-1")
        with patch("odoo.addons.mail.models.mail_thread.push_to_end_point") as push:
            self.ticket.with_user(self.cs_user).message_post(
                body="We komen morgen langs.",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=self.customer.ids,
            )
        push.assert_not_called()
        self.assertFalse(self._pushes())

    def test_visit_planned(self):
        self._consent(self.customer, "phone-1")
        self.env["maintenance.request"].with_user(self.tech_user).create(
            {
                "name": "Mixer nakijken",
                "ticket_id": self.ticket.id,
                "user_id": self.tech_user.id,
                "schedule_date": "2026-12-10 09:00:00",
            }
        )
        self.assertEqual(
            self.ticket.stage_id, self.env.ref("bimbonbon_service.helpdesk_ticket_stage_planned")
        )
        push = self._pushes()
        self.assertEqual(len(push), 1)
        payload = json.loads(push.payload)
        self.assertEqual(payload["options"]["data"]["url"], f"/my/ticket/{self.ticket.id}")
        # 09:00 UTC is 10:00 in Amsterdam
        self.assertIn("10:00", payload["options"]["body"])

    def test_visit_moved(self):
        self._consent(self.customer, "phone-1")
        visit = self.env["maintenance.request"].create(
            {
                "name": "Mixer nakijken",
                "ticket_id": self.ticket.id,
                "user_id": self.tech_user.id,
                "schedule_date": "2026-12-10 09:00:00",
            }
        )
        self.Push.search([]).unlink()
        visit.with_user(self.tech_user).schedule_date = "2026-12-11 13:30:00"
        push = self._pushes()
        self.assertEqual(len(push), 1, "one push: the ticket's stage did not change")
        payload = json.loads(push.payload)
        self.assertEqual(payload["options"]["data"]["url"], f"/my/ticket/{self.ticket.id}")
        self.assertIn("14:30", payload["options"]["body"])
        # another field of the visit: nothing
        visit.with_user(self.tech_user).name = "Mixer nakijken en smeren"
        self.assertEqual(len(self._pushes()), 1)

    def test_contract_to_sign(self):
        self._consent(self.customer, "phone-1")
        contract = self.env["bimbonbon.contract"].create(
            {"partner_id": self.customer.id, "user_id": self.sales_user.id}
        )
        contract.with_user(self.sales_user).with_context(mark_contract_as_sent=True).message_post(
            body="Uw contract", message_type="comment"
        )
        self.assertEqual(contract.state, "sent")
        push = self._pushes()
        self.assertEqual(len(push), 1)
        payload = json.loads(push.payload)
        self.assertEqual(payload["options"]["data"]["url"], f"/my/contracts/{contract.id}")
        self.assertIn(contract.name, payload["title"])

    def test_notice_arrives(self):
        self._create_registrable_products()
        batch = self.env["stock.lot"].create({"name": "SW-PUSH", "product_id": self.mix.id})
        self.env["bimbonbon.product.registration"].create(
            {"partner_id": self.customer.id, "product_id": self.mix.id, "lot_id": batch.id}
        )
        self._consent(self.customer, "phone-1")
        notice = self._create_notice(self.mix_tmpl, lot_ids=[(6, 0, batch.ids)])
        notice.action_send()
        self.assertFalse(self._pushes(), "the cron tells the owners, not the click")
        with self.fake_cron_commits():
            self.env["bimbonbon.product.notice"]._cron_send_product_notices()
        recipient = notice.recipient_ids.filtered(lambda r: r.partner_id == self.customer)
        push = self._pushes()
        self.assertEqual(len(push), 1)
        payload = json.loads(push.payload)
        self.assertEqual(payload["options"]["data"]["url"], f"/my/notices/{recipient.id}")
        self.assertIn(notice.name, payload["title"])

    def test_cron_sends_to_each_device_once(self):
        self._consent(self.customer, "phone-1", "tablet-1")
        self.ticket.with_user(self.cs_user).stage_id = self.stage_in_progress
        with patch("odoo.addons.mail.models.mail_push.push_to_end_point") as push:
            self.env["mail.push"]._push_notification_to_endpoint()
        self.assertEqual(
            sorted(call.kwargs["device"]["endpoint"] for call in push.call_args_list),
            [endpoint("phone-1"), endpoint("tablet-1")],
        )
        self.assertFalse(self._pushes())

    def test_dutch_push(self):
        self._install_dutch(("bimbonbon_portal",), self.customer)
        self._consent(self.customer, "phone-1")
        self.ticket.with_user(self.cs_user).stage_id = self.stage_in_progress
        payload = json.loads(self._pushes().payload)
        self.assertIn("Melding", payload["title"])
        self.assertIn("Je melding", payload["options"]["body"])

    # ------------------------------------------------------------------
    # In the browser (Chromium)
    # ------------------------------------------------------------------
    def test_browser_refused_permission_gives_no_consent(self):
        """The customer taps "Turn on" and the phone refuses: a Dutch hint, no consent."""
        code = """
            let asked = false;
            Notification.requestPermission = () => {
                asked = true;
                return Promise.resolve("denied");
            };
            document.querySelector("#bimbonbon_push button[type=submit]").click();
            setTimeout(() => {
                const error = document.querySelector(".o_bimbonbon_push_error");
                if (!asked) {
                    console.error("the browser's permission was never asked");
                } else if (error.classList.contains("d-none")) {
                    console.error("no message for the refused permission");
                } else {
                    console.log("test successful");
                }
            }, 1500);
        """
        self.browser_js(
            "/my/account", code, ready="document.readyState === 'complete'", login="klant"
        )
        self.customer.invalidate_recordset()
        self.assertFalse(self.customer.bimbonbon_push_consent)

    def test_browser_service_worker_push_handlers(self):
        """The worker's push handler shows Odoo's payload and a tap opens its page of this
        site, never another site's (the worker's functions, loaded in a page)."""
        code = """
            const fail = (message) => console.error("push handler: " + message);
            const script = document.createElement("script");
            script.src = "/bimbonbon/service-worker.js";
            script.onload = async () => {
                const sw = window.bimbonbonServiceWorker;
                const shown = sw.pushNotification({
                    title: "Melding T1: Mixer stopt",
                    options: {
                        body: "Je melding is nu: In behandeling.",
                        data: {url: "/my/ticket/5"},
                    },
                });
                if (shown.title !== "Melding T1: Mixer stopt") fail(shown.title);
                if (shown.options.data.url !== location.origin + "/my/ticket/5") {
                    fail(shown.options.data.url);
                }
                if (!shown.options.icon) fail("no icon");
                const other = sw.pushNotification({
                    title: "x",
                    options: {data: {url: "https://evil.example.com/"}},
                });
                if (other.options.data.url !== "/my") fail(`elsewhere: ${other.options.data.url}`);
                if (sw.pushNotification(null).title !== "BimBonBon") fail("empty push");
                const opened = [];
                const navigated = [];
                await sw.openPage("/my/a", {
                    matchAll: async () => [],
                    openWindow: async (url) => opened.push(url),
                });
                await sw.openPage("/my/b", {
                    matchAll: async () => [
                        {
                            url: location.href,
                            focus: async () => {},
                            navigate: async (url) => navigated.push(url),
                        },
                    ],
                    openWindow: async (url) => opened.push(url),
                });
                if (opened.join() !== "/my/a" || navigated.join() !== "/my/b") {
                    fail(`opened ${opened}, navigated ${navigated}`);
                }
                console.log("test successful");
            };
            document.head.appendChild(script);
        """
        self.browser_js("/my", code, ready="document.readyState === 'complete'", login="klant")
