# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import gzip
import logging
import re

from odoo.tests import tagged

from .common_portal_registration import PortalRegistrationCase

_logger = logging.getLogger(__name__)

#: The asset bundles a page references: <script src>, lazy <script data-src>, <link href>.
ASSET_URL = re.compile(r'(?:src|data-src|href)="(/web/assets/[^"]+)"')
#: Bundles only the test server adds to a page (tours), not part of what a customer loads.
TEST_BUNDLES = ("web.assets_tests", "web.__assets_tests_call__")

#: What a first visit may weigh at most, per page, in bytes as Odoo serves them (it does not
#: compress; a reverse proxy may): the page's HTML plus every asset bundle it references, and
#: the JavaScript part of it. Measured on 2026-12-02 with the six addons installed together,
#: as in production and in `make test`: 4,877,166 to 4,896,947 bytes (about 1.02 MB gzipped)
#: of which 3,959,432 of JavaScript, the same on every page (Odoo's whole frontend). Each
#: budget is that figure plus about 2 %, so a page that grows fails here. With bimbonbon_portal
#: alone (and its dependencies) the pages weigh 3.1 MB, 2.3 MB of it JavaScript.
BUDGET_TOTAL = 5_000_000
BUDGET_JS = 4_040_000
#: The goal of issue 19, not reached yet: under 500 KB transferred and 150 KB of JavaScript.
GOAL_TOTAL = 500 * 1024
GOAL_JS = 150 * 1024


@tagged("post_install", "-at_install")
class TestPortalBudget(PortalRegistrationCase):
    """Byte budgets of the customer's main pages, computed on the server from the page's HTML
    and the asset bundles it references (each fetched as a browser would), so they do not
    flake as Lighthouse's scores do. ``make lighthouse`` measures the same pages in a browser
    on a throttled phone profile.

    The goal (issue 19) is a first load under 500 KB transferred with under 150 KB of
    JavaScript (GOAL_TOTAL, GOAL_JS); today's pages are far above it (Odoo's whole frontend
    bundle is loaded on every portal page), so the budgets hold today's figures: they stop
    the pages from growing until a leaner customer layout brings them down to the goal, when
    the budgets become the goal.
    """

    def _weigh(self, path):
        """(total, javascript, total gzipped) bytes of ``path`` and its asset bundles."""
        response = self.url_open(path)
        self.assertEqual(response.status_code, 200, path)
        html = response.content
        total, javascript, zipped = len(html), 0, len(gzip.compress(html))
        for url in sorted(set(ASSET_URL.findall(response.text))):
            if any(bundle in url for bundle in TEST_BUNDLES):
                continue
            asset = self.url_open(url)
            self.assertEqual(asset.status_code, 200, url)
            total += len(asset.content)
            zipped += len(gzip.compress(asset.content))
            if url.endswith(".js"):
                javascript += len(asset.content)
        return total, javascript, zipped

    def _pages(self):
        registration = self.registration_a
        return {
            "/my": "/my",
            "/my/products": "/my/products",
            "product page": f"/my/products/{registration.id}",
            "problem report": f"/my/products/{registration.id}/report",
            "/my/tickets": "/my/tickets",
            # a unit nobody registered yet: the confirm page
            "label page /r/": f"/r/{self.serial_free.registration_token}",
            "/my/orders (Odoo)": "/my/orders",
        }

    def test_page_budgets(self):
        self.authenticate("klant_a", "klant_a")
        failures = []
        for name, path in self._pages().items():
            total, javascript, zipped = self._weigh(path)
            _logger.info(
                "budget %s: %d bytes (%d gzipped), %d bytes of JavaScript",
                name,
                total,
                zipped,
                javascript,
            )
            if total > BUDGET_TOTAL or javascript > BUDGET_JS:
                failures.append(
                    f"{name}: {total:,} bytes (budget {BUDGET_TOTAL:,}; {zipped:,} gzipped),"
                    f" {javascript:,} of JavaScript (budget {BUDGET_JS:,})"
                )
        self.assertFalse(failures, "\n".join(failures))
