# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import JourneyCommon


@tagged("post_install", "-at_install")
class TestJourneyAccess(JourneyCommon):
    def test_only_management_reads_the_overview(self):
        kpi = self.env.ref("bimbonbon_journey.journey_kpi_phone_share")
        self.assertTrue(kpi.with_user(self.management).action_open_records())
        for department in ("sales", "customer_service", "maintenance", "purchasing"):
            user = self._create_department_user(department, f"jrn_{department}")
            with self.subTest(department=department), self.assertRaises(AccessError):
                kpi.with_user(user).action_open_records()
            with self.subTest(department=department), self.assertRaises(AccessError):
                self.env["bimbonbon.journey.scenario"].with_user(user).create({"name": "X"})
        portal = self._create_portal_user("jrn_portal")
        with self.assertRaises(AccessError):
            kpi.with_user(portal).action_open_records()

    def test_management_starts_on_the_overview(self):
        self.assertEqual(
            self.management.action_id.id,
            self.env.ref("bimbonbon_journey.bimbonbon_journey_kpi_action").id,
        )
        menus = self.env["ir.ui.menu"].with_user(self.management)._visible_menu_ids()
        self.assertIn(self.env.ref("bimbonbon_journey.bimbonbon_journey_kpi_menu").id, menus)
        sales = self._create_department_user("sales", "jrn_sales_menu")
        menus = self.env["ir.ui.menu"].with_user(sales)._visible_menu_ids()
        self.assertNotIn(self.env.ref("bimbonbon_journey.bimbonbon_journey_kpi_menu").id, menus)
