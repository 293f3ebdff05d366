# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .common import BimbonbonPortalCase


@tagged("post_install", "-at_install")
class TestPortalReorder(BimbonbonPortalCase):
    # a 1x1 PNG: the portal's signature field
    SIGNATURE = (
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII"
        "="
    )

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A contact of a business customer (as the bakeries in the demo)
        cls.customer.parent_id = cls.env["res.partner"].create(
            {"name": "Bakkerij Een", "is_company": True}
        )
        cls.order = cls._create_order(cls.customer, cls.product | cls.product_other, qty=3)
        cls.order_of_other = cls._create_order(cls.other_customer, cls.product)

    def _quotations(self, partner):
        return self.env["sale.order"].search(
            [("partner_id", "=", partner.id), ("state", "=", "draft")]
        )

    def test_order_page_shows_reorder_button(self):
        self.authenticate("klant", "klant")
        response = self.url_open(f"/my/orders/{self.order.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn(f'action="/my/orders/{self.order.id}/reorder"', response.text)
        self.assertIn('name="csrf_token"', response.text)

    def test_order_page_does_not_advertise_odoo(self):
        """sale_edi_ubl (installed with the Dutch e-invoicing) adds "Connect with your software!"
        to the order page: a modal telling our customer to start on Odoo. Not our shop's."""
        self.authenticate("klant", "klant")
        html = self.url_open(f"/my/orders/{self.order.id}").text
        self.assertNotIn("portal_connect_software_modal", html)
        self.assertNotIn("odoo.com", html)

    def test_order_pdf_does_not_advertise_odoo(self):
        report = self.env["ir.actions.report"]
        html = report._render_qweb_html("sale.action_report_saleorder", self.order.ids)[0].decode()
        self.assertIn(self.order.name, html)
        self.assertNotIn("portal_connect_software_modal", html)

    def test_reorder_creates_quotation_at_current_prices(self):
        self.product.list_price = 12.5  # the price went up since the order
        self.authenticate("klant", "klant")
        response = self.url_open(
            f"/my/orders/{self.order.id}/reorder",
            data={"csrf_token": self._csrf()},
        )
        self.assertEqual(response.status_code, 200)
        quotation = self._quotations(self.customer)
        self.assertEqual(len(quotation), 1)
        self.assertIn(f"/my/orders/{quotation.id}", response.url)
        self.assertEqual(quotation.origin, self.order.name)
        self.assertEqual(
            quotation.order_line.mapped(lambda line: (line.product_id, line.product_uom_qty)),
            [(self.product, 3.0), (self.product_other, 3.0)],
        )
        line = quotation.order_line.filtered(lambda line: line.product_id == self.product)
        self.assertEqual(line.price_unit, 12.5)
        # The old order is untouched
        self.assertEqual(self.order.state, "sale")
        self.assertEqual(
            self.order.order_line.filtered(lambda ln: ln.product_id == self.product).price_unit,
            10.0,
        )

    def test_reorder_skips_products_no_longer_sold(self):
        self.product_other.sale_ok = False
        self.authenticate("klant", "klant")
        self.url_open(f"/my/orders/{self.order.id}/reorder", data={"csrf_token": self._csrf()})
        self.assertEqual(self._quotations(self.customer).order_line.product_id, self.product)

    def test_reorder_another_customers_order_is_refused(self):
        self.authenticate("klant", "klant")
        # Neither by id ...
        response = self.url_open(
            f"/my/orders/{self.order_of_other.id}/reorder",
            data={"csrf_token": self._csrf()},
        )
        self.assertTrue(response.url.endswith("/my"))
        # ... nor with the order's valid access token (it lets one see, not order)
        response = self.url_open(
            f"/my/orders/{self.order_of_other.id}/reorder",
            data={
                "csrf_token": self._csrf(),
                "access_token": self.order_of_other._portal_ensure_token(),
            },
        )
        self.assertTrue(response.url.endswith("/my"))
        # ... nor with an unknown id
        response = self.url_open("/my/orders/999999999/reorder", data={"csrf_token": self._csrf()})
        self.assertTrue(response.url.endswith("/my"))
        self.assertFalse(self._quotations(self.other_customer))
        self.assertFalse(self._quotations(self.customer))

    def test_reorder_without_csrf_token_is_refused(self):
        self.authenticate("klant", "klant")
        response = self.url_open(f"/my/orders/{self.order.id}/reorder", data={"x": "1"})
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self._quotations(self.customer))

    def test_reorder_of_a_quotation_is_refused(self):
        quotation = self._create_order(self.customer, self.product, confirm=False)
        self.authenticate("klant", "klant")
        self.url_open(f"/my/orders/{quotation.id}/reorder", data={"csrf_token": self._csrf()})
        self.assertEqual(self._quotations(self.customer), quotation)

    def _reorder(self):
        self.url_open(f"/my/orders/{self.order.id}/reorder", data={"csrf_token": self._csrf()})
        return self._quotations(self.customer)

    def test_reorder_of_a_business_customer_is_confirmed_by_signing(self):
        # Before the fix the company's "online payment" setting held for repeat orders too:
        # signed, then "no payment method available", and the order stayed a quotation.
        self.env.company.write({"portal_confirmation_sign": True, "portal_confirmation_pay": True})
        self.authenticate("klant", "klant")
        quotation = self._reorder()
        self.assertTrue(quotation.require_signature)
        self.assertFalse(quotation.require_payment)
        response = self.make_jsonrpc_request(
            f"/my/orders/{quotation.id}/accept",
            {"name": "Klant Een", "signature": self.SIGNATURE},
        )
        self.assertNotIn("error", response)
        self.assertEqual(quotation.state, "sale")

    def test_reorder_of_a_private_customer_asks_payment_only_when_it_can_be_paid(self):
        self.customer.parent_id = False
        self.env.company.write({"portal_confirmation_sign": True, "portal_confirmation_pay": True})
        self.env["payment.provider"].sudo().search([]).state = "disabled"
        self.authenticate("klant", "klant")
        quotation = self._reorder()
        self.assertTrue(quotation.require_signature)
        self.assertFalse(quotation.require_payment)  # no provider: signing confirms

    def test_reorder_tour(self):
        self.env.company.write({"portal_confirmation_sign": True, "portal_confirmation_pay": True})
        self.start_tour(f"/my/orders/{self.order.id}", "bimbonbon_portal_reorder", login="klant")
        new_order = self.env["sale.order"].search(
            [("partner_id", "=", self.customer.id), ("origin", "=", self.order.name)]
        )
        self.assertEqual(len(new_order), 1)
        self.assertEqual(new_order.order_line.product_id, self.product | self.product_other)
        self.assertEqual(new_order.state, "sale")
