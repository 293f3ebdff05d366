# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time

from odoo.tests import HttpCase, tagged

from .common import NOW, JourneyFixtures


@tagged("post_install", "-at_install")
class TestQrScan(JourneyFixtures, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_journey()
        cls.batch_a.action_generate_registration_token()

    def test_opening_a_label_counts_a_scan(self):
        self.url_open(f"/r/{self.batch_a.registration_token}")
        self.url_open(f"/r/{self.batch_a.registration_token}")
        self.url_open("/r/unknown-token")
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
