# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time

from odoo.tests import HttpCase, tagged

from .common import NOW, JourneyFixtures

#: a phone's browser, and what a chat app sends to show a link's preview
BROWSER = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Mobile/15E148 Safari/604.1"
PREVIEW = "WhatsApp/2.23.20.0 A"


@tagged("post_install", "-at_install")
class TestQrScan(JourneyFixtures, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_journey()
        cls.batch_a.action_generate_registration_token()
        cls.batch_b.action_generate_registration_token()
        contact = cls.env["res.partner"].create(
            {
                "name": "Piet Journey",
                "parent_id": cls.bakery.id,
                "email": "piet@journey.example.com",
            }
        )
        cls.portal_user = cls._create_portal_user("jrn_scan_portal", contact)

    def _open(self, lot_or_token, agent=BROWSER, method="GET"):
        token = getattr(lot_or_token, "registration_token", lot_or_token)
        return self.opener.request(
            method,
            self.base_url() + f"/r/{token}",
            headers={"User-Agent": agent},
            timeout=30,
        )

    def _new_visitor(self):
        """Another phone: a session of its own."""
        self.opener.cookies.clear()

    def test_opening_a_label_counts_a_scan(self):
        self.assertEqual(self._open(self.batch_a).status_code, 200)
        self._new_visitor()
        self._open(self.batch_a)
        self.assertEqual(self._open("unknown-token").status_code, 404)
        scans = self.env["bimbonbon.qr.scan"].search([])
        self.assertEqual(len(scans), 2)
        self.assertEqual(scans.lot_id, self.batch_a)
        self.assertEqual(scans.product_id, self.mix)
        with freeze_time(NOW):
            scans.scan_date = NOW
            qr = self._kpi("qr_scans", period="month")
            self.assertEqual(qr.value, 2)
            self.assertEqual(qr.detail, "Stroopwafelmix 2")
            self.assertEqual(self._kpi("qr_scans", lot=[self.batch_b.id]).value, 0)

    def test_a_scan_is_counted_once_per_visitor_and_label(self):
        """Reloading the page, or coming back to it, is not another scan; another label is."""
        Scan = self.env["bimbonbon.qr.scan"]
        for _i in range(3):
            self.assertEqual(self._open(self.batch_a).status_code, 200)
        self.assertEqual(Scan.search_count([]), 1)
        self._open(self.batch_b)
        self._open(self.batch_a)
        self.assertEqual(Scan.search_count([("lot_id", "=", self.batch_b.id)]), 1)
        self.assertEqual(Scan.search_count([]), 2)
        # a customer who logs in is counted once too
        self._new_visitor()
        self.authenticate(self.portal_user.login, self.portal_user.login)
        self._open(self.batch_a)
        self._open(self.batch_a)
        self.assertEqual(Scan.search_count([]), 3)

    def test_bots_and_previews_are_not_scans(self):
        """A crawler, a chat app's link preview or a HEAD request shows the page but is not
        a scan."""
        for agent in (PREVIEW, "Mozilla/5.0 (compatible; Googlebot/2.1)", "curl/8.5.0"):
            self.assertEqual(self._open(self.batch_a, agent=agent).status_code, 200)
        self._open(self.batch_a, method="HEAD")
        self.assertFalse(self.env["bimbonbon.qr.scan"].search_count([]))
