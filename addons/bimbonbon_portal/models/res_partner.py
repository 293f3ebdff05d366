# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.fields import Domain

# Loyalty programs that are offers (not gift cards, eWallets or loyalty cards, which Odoo's own
# loyalty portal shows with their points).
OFFER_PROGRAM_TYPES = ("promotion", "promo_code", "buy_x_get_y")
COUPON_PROGRAM_TYPES = ("coupons", "next_order_coupons")


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _get_portal_owned_products(self):
        """The products the customer owns or buys: the products of their registered units
        (bimbonbon_service) and of their confirmed sales orders. Runs a constant number of
        queries, however many orders or registrations there are."""
        self.ensure_one()
        commercial = self.commercial_partner_id
        product_ids = set()
        groups = (
            self.env["bimbonbon.product.registration"]
            .sudo()
            ._read_group(
                [
                    ("commercial_partner_id", "=", commercial.id),
                    ("state", "=", "registered"),
                ],
                ["product_id"],
            )
        )
        product_ids.update(product.id for (product,) in groups)
        groups = (
            self.env["sale.order.line"]
            .sudo()
            ._read_group(
                [
                    ("order_id.partner_id", "child_of", commercial.id),
                    ("state", "=", "sale"),
                    ("display_type", "=", False),
                    ("is_downpayment", "=", False),
                    ("product_id", "!=", False),
                ],
                ["product_id"],
            )
        )
        product_ids.update(product.id for (product,) in groups)
        return self.env["product.product"].sudo().browse(sorted(product_ids))

    def _get_portal_marketing_allowed(self):
        """Whether targeted offers may be shown (the marketing consent of bimbonbon_crm)."""
        self.ensure_one()
        return self.commercial_partner_id.marketing_opt_in

    def _get_portal_offer_card_domain(self):
        """Coupons issued to the customer (or their company) that can still be used."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        return (
            Domain(
                [
                    ("partner_id", "child_of", self.commercial_partner_id.id),
                    ("program_id.active", "=", True),
                    ("program_id.program_type", "in", COUPON_PROGRAM_TYPES),
                    ("points", ">", 0),
                ]
            )
            & (Domain("expiration_date", "=", False) | Domain("expiration_date", ">=", today))
            & (Domain("program_id.date_to", "=", False) | Domain("program_id.date_to", ">=", today))
        )

    def _get_portal_offer_program_domain(self, products=None):
        """Promotions aimed at what the customer owns or buys: running promotion programs of
        the customer's company whose conditions (rule products or categories) or rewards
        (discounted or free products) concern one of ``products``. Empty when the customer
        did not give marketing consent."""
        self.ensure_one()
        if not self._get_portal_marketing_allowed():
            return Domain.FALSE
        if products is None:
            products = self._get_portal_owned_products()
        if not products:
            return Domain.FALSE
        categ_ids = {
            int(categ_id)
            for path in products.categ_id.mapped("parent_path")
            for categ_id in (path or "").split("/")
            if categ_id
        }
        today = fields.Date.context_today(self)
        company_ids = [False, *self.env.companies.ids]
        aimed = (
            Domain("rule_ids.product_ids", "in", products.ids)
            | Domain("rule_ids.product_category_id", "in", list(categ_ids))
            | Domain("reward_ids.discount_product_ids", "in", products.ids)
            | Domain("reward_ids.discount_product_category_id", "in", list(categ_ids))
            | Domain("reward_ids.reward_product_id", "in", products.ids)
        )
        return (
            Domain(
                [
                    ("active", "=", True),
                    ("program_type", "in", OFFER_PROGRAM_TYPES),
                    ("company_id", "in", company_ids),
                ]
            )
            & (Domain("date_from", "=", False) | Domain("date_from", "<=", today))
            & (Domain("date_to", "=", False) | Domain("date_to", ">=", today))
            & aimed
        )
