# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from odoo.tests import tagged

from .common_portal_registration import PortalRegistrationCase

_logger = logging.getLogger(__name__)

# Queries per page, the same with 1 and with 200 registered products / tickets; each includes
# one for the company's address and phone in the website footer and header.
QUERY_BUDGETS = {
    "products": 17,
    # 25 + the record rules of the tickets, read with the customer's rights + the notices
    "product": 32,
    "report": 14,
    # 26 + the stage dates of the timeline + the planned visit + the resolutions + the service
    # level's expected date and the grade prompt (one each at most) + the conversation, rendered
    # by the server since the lean layout (its messages, their authors, their attachments)
    "ticket": 33,
}


@tagged("post_install", "-at_install")
class TestPortalRegistrationQueries(PortalRegistrationCase):
    def _pages(self, ticket):
        reg = self.registration_a
        return {
            "products": "/my/products",
            "product": f"/my/products/{reg.id}",
            "report": f"/my/products/{reg.id}/report",
            "ticket": f"/my/ticket/{ticket.id}",
        }

    def _measure(self, ticket):
        counts = {}
        for name, url in self._pages(ticket).items():
            # warm up caches (templates, assets, registry) first
            self.assertEqual(self.url_open(url).status_code, 200, url)
            self.url_open(url)
            self.env.invalidate_all()
            count0 = self.cr.sql_log_count
            self.assertEqual(self.url_open(url).status_code, 200, url)
            counts[name] = self.cr.sql_log_count - count0
            with self.assertQueryCount(QUERY_BUDGETS[name] + self._livechat_queries()):
                self.url_open(url)
        _logger.info("Portal registration pages, queries per page: %s", counts)
        return counts

    def _livechat_queries(self):
        """The live chat button (website_livechat, with bimbonbon_livechat) reads its channel
        and its chatbots on every page: a constant two queries."""
        installed = self.env["ir.module.module"].search_count(
            [("name", "=", "website_livechat"), ("state", "=", "installed")]
        )
        return 2 if installed else 0

    def _make_ticket(self, number):
        return self.env["helpdesk.ticket"].create(
            [
                {
                    "name": f"Storing {i}",
                    "description": f"<p>Storing {i}</p>",
                    "partner_id": self.partner_a.id,
                    "registration_id": self.registration_a.id,
                    "ticket_kind": "fault",
                }
                for i in range(number)
            ]
        )

    def test_constant_queries(self):
        ticket = self._make_ticket(1)
        self.authenticate("klant_a", "klant_a")
        with_one = self._measure(ticket)
        # 199 more registered units (batch codes may be registered by many) and tickets
        Registration = self.env["bimbonbon.product.registration"]
        for _i in range(199):
            Registration._register_lot(self.partner_a, self.batch, channel="staff")
        self._make_ticket(199)
        self.assertEqual(Registration.search_count([("partner_id", "=", self.partner_a.id)]), 200)
        with_many = self._measure(ticket)
        self.assertEqual(with_one, with_many)
