# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import os
from pathlib import Path
from unittest.mock import patch

from odoo.fields import Command
from odoo.http import Request
from odoo.tests import HttpCase
from odoo.tests.common import ChromeBrowser

from odoo.addons.bimbonbon_crm.tests.common import BimbonbonFixtures

# A push subscription as a browser makes it (test_web_push.py): a P-256 point, a 16-byte secret
P256DH = base64.urlsafe_b64encode(b"\x04" + b"\x01" * 64).decode().rstrip("=")
AUTH = base64.urlsafe_b64encode(b"\x02" * 16).decode().rstrip("=")

# Apart from the README pictures, which `make screenshots` takes from the demo database.
SCREENSHOT_DIR = Path(__file__).resolve().parents[3] / "docs" / "screenshots" / "tests"


def take_phone_screenshot(case, url, name, login="klant"):
    """With BIMBONBON_SCREENSHOTS=1: save a phone-sized (390x844) PNG of ``url`` as seen by
    ``login`` to docs/screenshots/tests/<name>.png, through the test browser's DevTools connection
    (Page.captureScreenshot), once the page and its counters have loaded."""
    if os.environ.get("BIMBONBON_SCREENSHOTS") != "1":
        return
    wait_code_ok = ChromeBrowser._wait_code_ok

    def wait_and_capture(browser, *args, **kwargs):
        wait_code_ok(browser, *args, **kwargs)
        result = browser._websocket_request("Page.captureScreenshot", params={"format": "png"})
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        (SCREENSHOT_DIR / f"{name}.png").write_bytes(base64.b64decode(result["data"]))

    browser_size = case.browser_size
    case.browser_size = "390x844"
    try:
        with patch.object(ChromeBrowser, "_wait_code_ok", wait_and_capture):
            case.browser_js(
                url,
                "setTimeout(() => console.log('test successful'), 2000)",
                ready="document.readyState === 'complete'",
                login=login,
            )
    finally:
        case.browser_size = browser_size


class BimbonbonPortalCase(BimbonbonFixtures, HttpCase):
    """Two portal customers, products in a category, confirmed orders: no demo data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer_user = cls._create_portal_user(
            "klant", name="Klant Een", email="klant@example.com"
        )
        cls.customer = cls.customer_user.partner_id
        cls.other_user = cls._create_portal_user(
            "andere", name="Andere Klant", email="andere@example.com"
        )
        cls.other_customer = cls.other_user.partner_id
        cls.category = cls.env["product.category"].create({"name": "Bakvormen"})
        cls.product = cls.env["product.product"].create(
            {
                "name": "Bakvorm Rond",
                "type": "consu",
                "list_price": 10.0,
                "sale_ok": True,
                "categ_id": cls.category.id,
            }
        )
        cls.product_other = cls.env["product.product"].create(
            {"name": "Taartschep", "type": "consu", "list_price": 5.0, "sale_ok": True}
        )

    @classmethod
    def _create_order(cls, partner, products, qty=2.0, confirm=True):
        order = cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [
                    Command.create({"product_id": product.id, "product_uom_qty": qty})
                    for product in products
                ],
            }
        )
        if confirm:
            order.action_confirm()
        return order

    @classmethod
    def _create_orders(cls, partner, count):
        """Many confirmed orders at once (for the query budgets)."""
        orders = cls.env["sale.order"].create(
            [
                {
                    "partner_id": partner.id,
                    "order_line": [Command.create({"product_id": cls.product.id})],
                }
                for __ in range(count)
            ]
        )
        orders.write({"state": "sale"})
        return orders

    def _speak_dutch(self, *users):
        """Dutch for ``users`` on the website, with the translations of the portal's addons."""
        lang = self._install_dutch(
            ["portal", "sale", "helpdesk_mgmt", "bimbonbon_crm", "bimbonbon_portal"],
            *(user.partner_id for user in users),
        )
        self.env["website"].get_current_website().language_ids |= lang

    def _csrf(self):
        return Request.csrf_token(self)
