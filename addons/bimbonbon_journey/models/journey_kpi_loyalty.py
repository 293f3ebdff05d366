# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The customer journey's figures of the loyalty phase: grades, product feedback, contract
renewals and customers who confirmed their data.
"""

from odoo import fields, models
from odoo.fields import Domain


# pylint: disable=consider-merging-classes-inherited
# One file per phase of the journey (its figures); the shared part is in journey_kpi.py.
class JourneyKpiLoyalty(models.Model):
    _inherit = "bimbonbon.journey.kpi"

    def _graded_domain(self, filters):
        return self._ticket_domain(filters) & Domain("customer_grade", ">", 0)

    def _kpi_grade_top_share(self, filters):
        """Share of 9 and 10 among the grades of the period's tickets."""
        domain = self._graded_domain(filters)
        [(count, top)] = self.env["helpdesk.ticket"]._read_group(
            domain, [], ["__count", "customer_grade_top:avg"]
        )
        share = (top or 0.0) / 100 if count else None
        detail = (
            self.env._("%(count)s grades", count=self._fmt_number(count))
            if count
            else self.env._("No grades in this period")
        )
        return {
            "value": share,
            "display": self._fmt_percent(share) if share is not None else None,
            "detail": detail,
            "records": ("helpdesk.ticket", domain, ["customer_grade"]),
        }

    def _kpi_grade_avg(self, filters):
        """The average grade (1-10), per kind."""
        domain = self._graded_domain(filters)
        groups = self.env["helpdesk.ticket"]._read_group(
            domain, ["ticket_kind"], ["__count", "customer_grade:sum"]
        )
        count = sum(c for _kind, c, _sum in groups)
        average = sum(s for _kind, _c, s in groups) / count if count else None
        kinds = dict(
            self.env["helpdesk.ticket"]._fields["ticket_kind"]._description_selection(self.env)
        )
        detail = (
            self._fmt_top(
                [(kinds.get(kind, kind), s / c) for kind, c, s in groups if c],
                lambda v: self._fmt_number(v, 1),
            )
            if count
            else self.env._("No grades in this period")
        )
        return {
            "value": average,
            "display": self._fmt_number(average, 1) if average is not None else None,
            "detail": detail,
            "records": ("helpdesk.ticket", domain, ["ticket_kind"]),
        }

    def _kpi_feedback_score(self, filters):
        """The customers' product feedback (1-10), per product."""
        domain = (
            self._ticket_domain(filters)
            & Domain("ticket_kind", "=", "feedback")
            & Domain("rating", ">", 0)
        )
        groups = self.env["helpdesk.ticket"]._read_group(
            domain, ["product_id"], ["__count", "rating:sum"]
        )
        count = sum(c for _product, c, _sum in groups)
        average = sum(s for _product, _c, s in groups) / count if count else None
        unknown = self.env._("no product")
        detail = (
            self._fmt_top(
                [(p.name if p else unknown, s / c) for p, c, s in groups if c],
                lambda v: self._fmt_number(v, 1),
            )
            if count
            else self.env._("No feedback in this period")
        )
        return {
            "value": average,
            "display": self._fmt_number(average, 1) if average is not None else None,
            "detail": detail,
            "records": ("helpdesk.ticket", domain, ["product_id"]),
        }

    def _kpi_contract_renewals(self, filters):
        """Contracts whose end falls in the period: renewed, and the others (expired,
        terminated, still to decide)."""
        domain = self._date_domain(filters, "date_end") & Domain(
            "state", "in", ["running", "expiring", "expired", "renewed", "terminated"]
        )
        if filters.segment_ids:
            domain &= Domain("commercial_partner_id.category_id", "in", filters.segment_ids)
        groups = dict(self.env["bimbonbon.contract"]._read_group(domain, ["state"], ["__count"]))
        total = sum(groups.values())
        renewed = groups.get("renewed", 0)
        share = self._share(renewed, total)
        detail = (
            self.env._(
                "%(renewed)s renewed, %(expired)s expired or terminated, %(open)s open",
                renewed=renewed,
                expired=groups.get("expired", 0) + groups.get("terminated", 0),
                open=groups.get("running", 0) + groups.get("expiring", 0),
            )
            if total
            else self.env._("No contracts end in this period")
        )
        return {
            "value": share,
            "display": self._fmt_percent(share) if share is not None else None,
            "detail": detail,
            "records": ("bimbonbon.contract", domain, ["state"]),
        }

    def _kpi_data_confirmed(self, filters):
        """Customers who confirmed their data in the year the period ends in."""
        customers = (
            Domain("customer_rank", ">", 0)
            & Domain("parent_id", "=", False)
            & Domain("company_id", "in", [*self.env.companies.ids, False])
        )
        if filters.segment_ids:
            customers &= Domain("category_id", "in", filters.segment_ids)
        year_start = filters.date_to.replace(month=1, day=1)
        confirmed = (
            customers
            & Domain("data_confirmed_date", ">=", fields.Date.to_string(year_start))
            & Domain("data_confirmed_date", "<=", fields.Date.to_string(filters.date_to))
        )
        Partner = self.env["res.partner"]
        total = Partner.search_count(customers)
        count = Partner.search_count(confirmed)
        share = self._share(count, total)
        return {
            "value": share,
            "display": self._fmt_percent(share) if share is not None else None,
            "detail": self.env._(
                "%(count)s of %(total)s customers in %(year)s",
                count=count,
                total=total,
                year=year_start.year,
            ),
            "records": ("res.partner", confirmed),
        }
