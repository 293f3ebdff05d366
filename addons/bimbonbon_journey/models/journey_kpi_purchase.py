# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The customer journey's figures of the purchase phase: orders, reorders and the share of
the units delivered that the customers registered.
"""

from odoo import models
from odoo.fields import Domain
from odoo.tools import SQL
from odoo.tools.misc import formatLang


# pylint: disable=consider-merging-classes-inherited
# One file per phase of the journey (its figures); the shared part is in journey_kpi.py.
class JourneyKpiPurchase(models.Model):
    _inherit = "bimbonbon.journey.kpi"

    def _order_domain(self, filters):
        return Domain("state", "=", "sale") & self._domain(
            filters,
            "date_order",
            product="order_line.product_id",
            partner="partner_id.commercial_partner_id",
        )

    def _kpi_orders(self, filters):
        """Confirmed orders and their amount (untaxed, in the company's currency)."""
        domain = self._order_domain(filters)
        [(count, amount)] = self.env["sale.order"]._read_group(
            domain, [], ["__count", "amount_untaxed:sum"]
        )
        currency = self.env.company.currency_id
        return {
            "value": count,
            "display": self._fmt_number(count),
            "detail": self.env._(
                "%(amount)s excl. VAT",
                amount=formatLang(self.env, amount or 0.0, currency_obj=currency),
            ),
            "records": ("sale.order", domain),
        }

    def _kpi_reorders(self, filters):
        """Share of the period's orders from customers who ordered before, and the median
        days between two orders of a customer.

        Bounded by the period: only the orders of the period's customers, up to its end, are
        ranked (an order's previous one may be older than the period), not every order."""
        orders = self.env["sale.order"]._search(self._order_domain(filters))
        self.env.cr.execute(
            SQL(
                """
                WITH period AS (
                    SELECT so.id, p.commercial_partner_id
                      FROM sale_order so
                      JOIN res_partner p ON p.id = so.partner_id
                     WHERE so.id IN %(orders)s
                ), ranked AS (
                    SELECT so.id, so.date_order,
                           LAG(so.date_order) OVER (
                               PARTITION BY p.commercial_partner_id
                               ORDER BY so.date_order, so.id
                           ) AS previous_date
                      FROM sale_order so
                      JOIN res_partner p ON p.id = so.partner_id
                     WHERE so.state = 'sale' AND so.company_id IN %(companies)s
                       AND so.date_order < %(end)s
                       AND so.partner_id IN (
                           SELECT id FROM res_partner
                            WHERE commercial_partner_id IN (
                                SELECT commercial_partner_id FROM period
                            )
                       )
                )
                SELECT COUNT(*), COUNT(previous_date),
                       PERCENTILE_CONT(0.5) WITHIN GROUP (
                           ORDER BY EXTRACT(EPOCH FROM date_order - previous_date) / 86400
                       )
                  FROM ranked
                 WHERE id IN (SELECT id FROM period)
                """,
                companies=tuple(self.env.companies.ids),
                orders=orders.subselect(),
                end=filters.end,
            )
        )
        total, repeat, median_days = self.env.cr.fetchone()
        share = self._share(repeat, total)
        detail = (
            self.env._(
                "%(repeat)s of %(total)s orders",
                repeat=self._fmt_number(repeat),
                total=self._fmt_number(total),
            )
            if total
            else self.env._("No orders in this period")
        )
        if median_days is not None:
            detail += " · " + self.env._(
                "%(days)s days between orders (median)", days=self._fmt_number(median_days)
            )
        return {
            "value": share,
            "display": self._fmt_percent(share) if share is not None else None,
            "detail": detail,
            "records": ("sale.order", self._order_domain(filters), ["partner_id"]),
        }

    def _kpi_registration_rate(self, filters):
        """Units the customers registered themselves / tracked units delivered, per product
        (a registration made by the delivery itself is not the customer's doing)."""
        domain = self._registration_domain(filters) & Domain("channel", "!=", "delivery")
        registered = dict(
            self.env["bimbonbon.product.registration"]._read_group(
                domain, ["product_id"], ["__count"]
            )
        )
        delivered = dict(self._delivered_units(filters, ["product_id"]))
        total_delivered = sum(delivered.values())
        total_registered = sum(registered.get(product, 0) for product in delivered)
        share = self._share(total_registered, total_delivered)
        per_product = [
            (product.name, registered.get(product, 0) / quantity)
            for product, quantity in delivered.items()
            if quantity
        ]
        detail = (
            self._fmt_top(per_product, self._fmt_percent)
            if per_product
            else self.env._("No tracked units delivered in this period")
        )
        return {
            "value": share,
            "display": self._fmt_percent(share) if share is not None else None,
            "detail": detail,
            "records": ("bimbonbon.product.registration", domain, ["product_id"]),
        }
