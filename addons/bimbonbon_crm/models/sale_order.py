# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _action_confirm(self):
        """A confirmed sale makes a customer (core sets the rank only on invoices): the
        customer number and everything that reads "customer" follow from it."""
        res = super()._action_confirm()
        partners = self.partner_id | self.partner_id.commercial_partner_id
        partners.filtered(lambda p: not p.customer_rank)._increase_rank("customer_rank")
        return res
