# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date
from unittest.mock import patch

from odoo.service import model as service_model
from odoo.tests import tagged

from odoo.addons.bimbonbon_portal.controllers.product_registration import (
    ProductRegistrationPortal,
)

from .common_portal_registration import PortalRegistrationCase


@tagged("post_install", "-at_install")
class TestPortalReadonly(PortalRegistrationCase):
    """The customer's pages that only read are read-only routes: with a replica
    (``db_replica_host``) Odoo serves them from it. The test cursor of a read-only route is a
    read-only transaction, as on a replica: a page that wrote would fail there and Odoo would
    serve it a second time on the primary (logged "retrying with a read/write cursor")."""

    READONLY_PAGES = (
        "/my/products",
        "/my/products/{registration}",
        "/my/products/{registration}/manual/{manual}",
        "/my/notices",
        "/my/offers",
        "/my/feedback",
        "/my/contracts",
    )

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        product = cls.env["product.product"].create({"name": "Onderhoud mixer"})
        cls.contract = cls.env["bimbonbon.contract"].create(
            {
                "partner_id": cls.partner_a.id,
                "state": "running",
                "date_start": date(2026, 1, 1),
                "date_end": date(2026, 12, 31),
                "line_ids": [(0, 0, {"product_id": product.id, "quantity": 1})],
            }
        )

    def _serve(self, url, counters=None):
        """GET ``url`` as customer A (or ask Odoo's read-only ``/my/counters`` for ``counters``);
        return the response and, per time Odoo served it, whether the cursor was read-only."""
        cursors = []
        retrying = service_model.retrying

        def spy(func, env):
            cursors.append(env.cr.readonly)
            return retrying(func, env)

        with patch.object(service_model, "retrying", spy):
            if counters:
                response = self.make_jsonrpc_request(url, {"counters": counters})
            else:
                response = self.url_open(url, allow_redirects=False)
        return response, cursors

    def test_readonly_pages(self):
        self.authenticate(self.user_a.login, self.user_a.login)
        for page in self.READONLY_PAGES:
            url = page.format(registration=self.registration_a.id, manual=self.manual.id)
            with self.subTest(url=url):
                response, cursors = self._serve(url)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(cursors, [True], "served once, on the read-only cursor")
        self.assertIn(self.contract.name, self.url_open("/my/contracts").text)

    def test_readonly_counters(self):
        """Our counters on /my are computed in Odoo's read-only /my/counters without writing."""
        self.authenticate(self.user_a.login, self.user_a.login)
        counters = [
            "registration_count",
            "notice_count",
            "offer_count",
            "feedback_count",
            "contract_count",
        ]
        values, cursors = self._serve("/my/counters", counters)
        self.assertEqual(values["registration_count"], 1)
        self.assertEqual(values["contract_count"], 1)
        self.assertEqual(cursors, [True])

    def test_planted_write_is_seen(self):
        """A write planted in the product page shows: Odoo serves it again, read/write."""
        self.authenticate(self.user_a.login, self.user_a.login)
        values = ProductRegistrationPortal._registration_get_page_view_values

        def planted(controller, registration_sudo, *args, **kwargs):
            registration_sudo.write({"purchase_place": "Geschreven"})
            registration_sudo.env.flush_all()
            return values(controller, registration_sudo, *args, **kwargs)

        with (
            patch.object(ProductRegistrationPortal, "_registration_get_page_view_values", planted),
            self.assertLogs("odoo.http", "WARNING"),
        ):
            response, cursors = self._serve(f"/my/products/{self.registration_a.id}")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(cursors, [True, False])
