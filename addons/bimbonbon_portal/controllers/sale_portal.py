# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, MissingError
from odoo.fields import Command
from odoo.http import request, route

from odoo.addons.sale.controllers.portal import CustomerPortal


class BimbonbonSalePortal(CustomerPortal):
    def _reorder_requires_payment(self, order_sudo):
        """Whether the customer pays a repeat order online before it is confirmed.

        A business customer (a company, with a confirmed order behind it) pays by invoice: its
        signature confirms the order. Others pay online only when the company asks for it and
        a payment provider can take the payment; otherwise "no payment method available" would
        leave the order a quotation for ever.
        """
        if order_sudo.partner_id.commercial_partner_id.is_company:
            return False
        return order_sudo.company_id.portal_confirmation_pay and bool(
            request.env["payment.provider"]
            .sudo()
            ._get_compatible_providers(
                order_sudo.company_id.id,
                order_sudo.partner_id.id,
                order_sudo.amount_total,
                currency_id=order_sudo.currency_id.id,
            )
        )

    def _prepare_reorder_values(self, order_sudo):
        lines = [
            Command.create(
                {
                    "display_type": line.display_type,
                    "name": line.name,
                    "sequence": line.sequence,
                }
                if line.display_type
                else {
                    "product_id": line.product_id.id,
                    "product_uom_qty": line.product_uom_qty,
                    "product_uom_id": line.product_uom_id.id,
                    "sequence": line.sequence,
                }
            )
            for line in order_sudo._get_reorder_lines()
        ]
        return {
            "partner_id": order_sudo.partner_id.id,
            "partner_invoice_id": order_sudo.partner_invoice_id.id,
            "partner_shipping_id": order_sudo.partner_shipping_id.id,
            "company_id": order_sudo.company_id.id,
            "origin": order_sudo.name,
            "order_line": lines,
            # The customer confirms by signing (sale's portal then confirms the order, or asks
            # for the payment first when it is required).
            "require_signature": True,
            "require_payment": self._reorder_requires_payment(order_sudo),
        }

    @route(
        "/my/orders/<int:order_id>/reorder",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_order_reorder(self, order_id, access_token=None, **kw):
        """Order again: a new quotation for the same customer with the lines of a past order,
        at today's prices (the price is computed anew, not copied), which the customer
        confirms by signing it (and paying, see _reorder_requires_payment)."""
        try:
            order_sudo = self._document_check_access(
                "sale.order", order_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        if request.env.user._is_public() or not order_sudo._can_be_reordered_by(
            request.env.user.partner_id
        ):
            return request.redirect("/my")
        new_order_sudo = (
            request.env["sale.order"]
            .sudo()
            .with_company(order_sudo.company_id)
            .create(self._prepare_reorder_values(order_sudo))
        )
        new_order_sudo.message_post(
            body=request.env._(
                "Re-ordered from the portal by %(name)s, from order %(order)s.",
                name=request.env.user.partner_id.name,
                order=order_sudo.name,
            )
        )
        return request.redirect(new_order_sudo.get_portal_url())
