# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _get_reorder_lines(self):
        """The lines worth ordering again: products still sold, with their sections and
        notes; no down payments, rewards, or archived products."""
        self.ensure_one()
        return self._get_copiable_order_lines().filtered(
            lambda line: line.display_type
            or (line.product_id.active and line.product_id.sale_ok and not line.is_reward_line)
        )

    def _can_be_reordered_by(self, partner):
        """Whether ``partner`` may order this again from the portal: the one place for the
        button and the route. Only a confirmed order, with something still sold, by its
        customer or a contact of that company (an access token lets one look at an order,
        not order for its customer). website_sale's ``_is_reorder_allowed`` is the same idea
        for the shop, which we do not depend on."""
        self.ensure_one()
        return (
            self.state == "sale"
            and self.partner_id.commercial_partner_id == partner.commercial_partner_id
            and any(not line.display_type for line in self._get_reorder_lines())
        )
