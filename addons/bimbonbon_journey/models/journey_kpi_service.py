# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The customer journey's figures of the service phase: contacts and their channels,
deflection, response and resolution times, service levels, complaints and faults per 1,000
units.
"""

from odoo import api, models
from odoo.fields import Domain
from odoo.tools import SQL

#: the helpdesk channels, as the journey names them (the web form is the portal); the chat
#: assistant's channel exists when bimbonbon_livechat is installed, and its figure appears once
#: tickets come through it
CHANNEL_XMLIDS = {
    "portal": "helpdesk_mgmt.helpdesk_ticket_channel_web",
    "mail": "helpdesk_mgmt.helpdesk_ticket_channel_email",
    "phone": "helpdesk_mgmt.helpdesk_ticket_channel_phone",
    "other": "helpdesk_mgmt.helpdesk_ticket_channel_other",
    "chat": "bimbonbon_livechat.helpdesk_ticket_channel_chat",
}


# pylint: disable=consider-merging-classes-inherited
# One file per phase of the journey (its figures); the shared part is in journey_kpi.py.
class JourneyKpiService(models.Model):
    _inherit = "bimbonbon.journey.kpi"

    def _channel_counts(self, filters):
        """{channel: tickets} of the period (read once for the contacts and the shares)."""
        return self._memoised(
            filters,
            "channel_counts",
            lambda: dict(
                self.env["helpdesk.ticket"]._read_group(
                    self._ticket_domain(filters), ["channel_id"], ["__count"]
                )
            ),
        )

    @api.model
    def _get_channel(self, code):
        """The helpdesk channel of ``code`` (portal, mail, phone, other, chat), by its XML id:
        its name is the users' to change."""
        return (
            self.env.ref(CHANNEL_XMLIDS[code], raise_if_not_found=False)
            or self.env["helpdesk.ticket.channel"]
        )

    def _channel_label(self, channel):
        codes = {self.env.ref(x, raise_if_not_found=False): c for c, x in CHANNEL_XMLIDS.items()}
        labels = {
            "portal": self.env._("portal"),
            "mail": self.env._("mail"),
            "phone": self.env._("phone"),
            "other": self.env._("other"),
            "chat": self.env._("chat"),
        }
        if not channel:
            return self.env._("unknown")
        return labels.get(codes.get(channel), channel.name)

    def _kpi_contacts(self, filters):
        """Customer contacts (tickets of every kind), per channel; over time in the graph."""
        counts = self._channel_counts(filters)
        total = sum(counts.values())
        detail = (
            self._fmt_top(
                [(self._channel_label(ch), count / total) for ch, count in counts.items()],
                self._fmt_percent,
            )
            if total
            else self.env._("No contacts in this period")
        )
        return {
            "value": total,
            "display": self._fmt_number(total),
            "detail": detail,
            "records": ("helpdesk.ticket", self._ticket_domain(filters), ["channel_id"]),
            "views": ["graph", "list", "form"],
            "context": {
                "graph_groupbys": ["create_date:week", "channel_id"],
                "graph_mode": "bar",
                "graph_stacked": True,
            },
        }

    def _channel_share(self, filters, code):
        """Share of the period's contacts through the channel ``code``, and the previous
        period's share for the trend."""
        channel = self._get_channel(code)
        counts = self._channel_counts(filters)
        previous = self._channel_counts(filters.previous())
        total = sum(counts.values())
        share = self._share(counts.get(channel, 0), total) if channel else None
        previous_share = self._share(previous.get(channel, 0), sum(previous.values()))
        detail = (
            self.env._(
                "%(count)s of %(total)s contacts",
                count=self._fmt_number(counts.get(channel, 0)),
                total=self._fmt_number(total),
            )
            if total
            else self.env._("No contacts in this period")
        )
        if previous_share is not None:
            detail += " · " + self.env._(
                "previous period %(share)s", share=self._fmt_percent(previous_share)
            )
        return {
            "value": share,
            "display": self._fmt_percent(share) if share is not None else None,
            "detail": detail,
            "records": (
                "helpdesk.ticket",
                self._ticket_domain(filters) & Domain("channel_id", "=", channel.id or 0),
            ),
        }

    def _kpi_phone_share(self, filters):
        return self._channel_share(filters, "phone")

    def _kpi_portal_share(self, filters):
        return self._channel_share(filters, "portal")

    def _kpi_mail_share(self, filters):
        return self._channel_share(filters, "mail")

    def _kpi_chat_share(self, filters):
        return self._channel_share(filters, "chat")

    def _kpi_chat_share_available(self):
        channel = self._get_channel("chat")
        return bool(channel) and bool(
            self.env["helpdesk.ticket"].search_count([("channel_id", "=", channel.id)], limit=1)
        )

    def _kpi_deflection(self, filters):
        """Share of the knowledge suggestions shown after which no ticket followed."""
        domain = self._domain(
            filters,
            "create_date",
            product="product_id",
            partner="partner_id.commercial_partner_id",
        )
        [(count, rate)] = self.env["bimbonbon.knowledge.suggestion"]._read_group(
            domain, [], ["__count", "deflection:avg"]
        )
        rate = rate if count else None
        detail = (
            self.env._(
                "%(deflected)s of %(count)s suggestions without a ticket",
                deflected=self._fmt_number(round((rate or 0) * count)),
                count=self._fmt_number(count),
            )
            if count
            else self.env._("No suggestions shown in this period")
        )
        return {
            "value": rate,
            "display": self._fmt_percent(rate) if rate is not None else None,
            "detail": detail,
            "records": ("bimbonbon.knowledge.suggestion", domain),
        }

    def _duration_percentiles(self, domain, start_field, end_field):
        """{kind or None (all): (median hours, p90 hours, count)} of ``end - start`` over the
        tickets of ``domain``: one query."""
        Ticket = self.env["helpdesk.ticket"]
        query = Ticket._search(domain & Domain(end_field, "!=", False))
        hours = SQL(
            "EXTRACT(EPOCH FROM %s - %s) / 3600",
            Ticket._field_to_sql(query.table, end_field, query),
            Ticket._field_to_sql(query.table, start_field, query),
        )
        kind = Ticket._field_to_sql(query.table, "ticket_kind", query)
        query.groupby = SQL("GROUPING SETS ((%s), ())", kind)
        self.env.cr.execute(
            query.select(
                SQL(
                    "%(kind)s, PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY %(hours)s), "
                    "PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY %(hours)s), COUNT(*), "
                    "GROUPING(%(kind)s)",
                    kind=kind,
                    hours=hours,
                )
            )
        )
        return {
            (None if is_total else kind): (median, p90, count)
            for kind, median, p90, count, is_total in self.env.cr.fetchall()
        }

    def _duration_result(self, domain, start_field, end_field, empty):
        stats = self._duration_percentiles(domain, start_field, end_field)
        total = stats.get(None)
        if not total or not total[2]:
            return {
                "value": None,
                "detail": empty,
                "records": ("helpdesk.ticket", domain, ["ticket_kind"]),
            }
        kinds = dict(
            self.env["helpdesk.ticket"]._fields["ticket_kind"]._description_selection(self.env)
        )
        median, p90, _count = total
        return {
            "value": median,
            "display": self.env._(
                "%(median)s · p90 %(p90)s",
                median=self._fmt_hours(median),
                p90=self._fmt_hours(p90),
            ),
            "detail": " · ".join(
                f"{kinds.get(kind, kind)} {self._fmt_hours(m)}"
                for kind, (m, _p, _c) in sorted(stats.items(), key=lambda i: -i[1][2])
                if kind
            ),
            "records": ("helpdesk.ticket", domain, ["ticket_kind"]),
        }

    def _kpi_first_response(self, filters):
        """Hours from a ticket to our first answer: median and p90, per kind."""
        domain = self._ticket_domain(filters) & Domain("first_response_date", "!=", False)
        return self._duration_result(
            domain,
            "create_date",
            "first_response_date",
            self.env._("No answered tickets in this period"),
        )

    def _kpi_resolution_time(self, filters):
        """Hours from a ticket to its closing: median and p90, per kind."""
        domain = self._ticket_domain(filters, "closed_date")
        return self._duration_result(
            domain,
            "create_date",
            "closed_date",
            self.env._("No tickets closed in this period"),
        )

    def _kpi_sla_met(self, filters):
        """Share of the service levels of the period's tickets that were met (of those met
        or missed; the running ones are not counted yet), as helpdesk_mgmt_sla's report
        counts them (*Service levels met*)."""
        tickets = self._ticket_domain(filters)
        states = dict(
            self.env["helpdesk.sla.report"]._read_group(
                Domain("ticket_id", "any", tickets)
                & Domain("state", "in", ["accomplished", "expired"]),
                ["state"],
                ["__count"],
            )
        )
        met, missed = states.get("accomplished", 0), states.get("expired", 0)
        share = self._share(met, met + missed)
        detail = (
            self.env._("%(met)s met, %(missed)s missed", met=met, missed=missed)
            if met + missed
            else self.env._("No service levels ended in this period")
        )
        return {
            "value": share,
            "display": self._fmt_percent(share) if share is not None else None,
            "detail": detail,
            "records": (
                "helpdesk.ticket",
                tickets & Domain("ticket_sla_ids", "!=", False),
                ["ticket_kind"],
            ),
        }

    def _problem_domain(self, filters):
        return self._ticket_domain(filters) & Domain("ticket_kind", "in", ["complaint", "fault"])

    def _problems_per_1000(self, filters):
        """(complaints and faults per 1,000 units delivered, {(product, lot): rate})"""
        tickets = dict(
            ((product, lot), count)
            for product, lot, count in self.env["helpdesk.ticket"]._read_group(
                self._problem_domain(filters) & Domain("lot_id", "!=", False),
                ["product_id", "lot_id"],
                ["__count"],
            )
        )
        units = {
            (product, lot): quantity
            for product, lot, quantity in self._delivered_units(filters, ["product_id", "lot_id"])
        }
        total_units = sum(units.values())
        total_tickets = sum(tickets.get(key, 0) for key in units)
        rate = total_tickets / total_units * 1000 if total_units else None
        per_batch = {
            key: tickets.get(key, 0) / quantity * 1000
            for key, quantity in units.items()
            if quantity
        }
        return rate, per_batch

    def _kpi_tickets_per_1000(self, filters):
        """Complaints and faults per 1,000 units delivered, per product and batch (the batch
        alarm's basis), with the previous period for the trend."""
        rate, per_batch = self._problems_per_1000(filters)
        previous, _per_batch = self._problems_per_1000(filters.previous())
        parts = []
        if per_batch:
            parts.append(
                self._fmt_top(
                    [(f"{lot.name}", value) for (_product, lot), value in per_batch.items()],
                    lambda v: self._fmt_number(v, 1),
                )
            )
        else:
            parts.append(self.env._("No tracked units delivered in this period"))
        if previous is not None:
            parts.append(self.env._("previous period %(rate)s", rate=self._fmt_number(previous, 1)))
        return {
            "value": rate,
            "display": self._fmt_number(rate, 1) if rate is not None else None,
            "detail": " · ".join(parts),
            "records": ("helpdesk.ticket", self._problem_domain(filters), ["product_id", "lot_id"]),
            "views": ["list", "graph", "form"],
            "context": {"graph_groupbys": ["create_date:month", "lot_id"]},
        }
