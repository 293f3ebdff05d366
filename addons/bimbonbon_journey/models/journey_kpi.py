# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The customer journey on one screen: one record per figure (data XML), its value computed
for the period, product, batch and customer segment of the context.

The overview is a kanban of these records grouped by phase. Its search view sets the filters
in the context (``journey_period``, ``journey_date_from``, ``journey_date_to``,
``journey_product``, ``journey_lot``, ``journey_segment``), so the figures follow the search
bar; a click on a figure opens its records with the same filters (``action_open_records``).

Each figure is one small method ``_kpi_<code>(filters)`` returning its value, the text shown
and the records behind it; each runs a fixed number of queries (``_read_group`` or one SQL
query), whatever the number of tickets or orders.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import SQL, escape_psql
from odoo.tools.misc import formatLang

PHASES = [
    ("awareness", "Awareness and consideration"),
    ("purchase", "Purchase"),
    ("service", "Service"),
    ("loyalty", "Loyalty"),
]
#: the periods of the search bar, the shortest first
PERIODS = ("month", "last_month", "quarter", "year", "12_months", "last_year")
DEFAULT_PERIOD = "12_months"
#: helpdesk_mgmt's channels, as the journey names them (the web form is the portal)
CHANNEL_XMLIDS = {
    "portal": "helpdesk_mgmt.helpdesk_ticket_channel_web",
    "mail": "helpdesk_mgmt.helpdesk_ticket_channel_email",
    "phone": "helpdesk_mgmt.helpdesk_ticket_channel_phone",
    "other": "helpdesk_mgmt.helpdesk_ticket_channel_other",
}
#: a chat assistant (issue 16, not built yet) is a channel of this name; its figure appears
#: once tickets come through it
CHAT_CHANNEL_NAME = "chat"
TOP = 3


@dataclass
class JourneyFilters:
    """What the overview is filtered on: a period (both days included) and optionally
    products, batches or serials, and customer segments (partner tags)."""

    date_from: date
    date_to: date
    product_ids: list = field(default_factory=list)
    lot_ids: list = field(default_factory=list)
    segment_ids: list = field(default_factory=list)

    @property
    def start(self):
        return datetime.combine(self.date_from, time.min)

    @property
    def end(self):
        """The first moment after the period."""
        return datetime.combine(self.date_to + timedelta(days=1), time.min)

    def previous(self):
        """The period of the same length just before this one, with the same filters."""
        days = (self.date_to - self.date_from).days + 1
        return JourneyFilters(
            self.date_from - timedelta(days=days),
            self.date_from - timedelta(days=1),
            self.product_ids,
            self.lot_ids,
            self.segment_ids,
        )


class JourneyKpi(models.Model):
    _name = "bimbonbon.journey.kpi"
    _description = "Customer journey figure"
    _order = "phase_sequence, sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, readonly=True, help="Its method: _kpi_<code>.")
    phase = fields.Selection(selection=PHASES, required=True, group_expand="_group_expand_phase")
    phase_sequence = fields.Integer(compute="_compute_phase_sequence", store=True)
    sequence = fields.Integer(default=10)
    description = fields.Char(translate=True, help="What the figure counts, in one line.")
    dimensions = fields.Char(
        default="product,lot,segment",
        help="The filters that apply to this figure, comma separated: product, lot, segment.",
    )
    active = fields.Boolean(default=True)
    # the figure for the filters of the context
    value = fields.Float(string="Number", compute="_compute_value", digits=(16, 4))
    value_display = fields.Char(string="Value", compute="_compute_value")
    detail = fields.Char(compute="_compute_value")
    filter_note = fields.Char(compute="_compute_value")
    has_value = fields.Boolean(compute="_compute_value")
    is_available = fields.Boolean(
        compute="_compute_is_available",
        search="_search_is_available",
        help="Its data exists (a figure of a channel that is not used yet is left out).",
    )
    # the search view's filters: set in the context by the search bar, never stored
    filter_product_id = fields.Many2one(
        comodel_name="product.product", string="Product", store=False
    )
    filter_lot_id = fields.Many2one(comodel_name="stock.lot", string="Batch", store=False)
    filter_segment_id = fields.Many2one(
        comodel_name="res.partner.category", string="Customer segment", store=False
    )
    filter_date_from = fields.Date(string="From", store=False)
    filter_date_to = fields.Date(string="Until", store=False)

    _code_uniq = models.Constraint("UNIQUE(code)", "A figure's code is unique.")

    @api.depends("phase")
    def _compute_phase_sequence(self):
        order = [key for key, _label in PHASES]
        for kpi in self:
            kpi.phase_sequence = order.index(kpi.phase) if kpi.phase in order else len(order)

    @api.depends_context(
        "journey_period",
        *(f"journey_period_{key}" for key in PERIODS),
        "journey_date_from",
        "journey_date_to",
        "journey_product",
        "journey_lot",
        "journey_segment",
        "lang",
    )
    def _compute_value(self):
        filters = self._get_filters()
        for kpi in self:
            result = kpi._get_result(filters)
            kpi.value = result.get("value") or 0.0
            kpi.has_value = result.get("value") is not None
            kpi.value_display = result.get("display") or "–"
            kpi.detail = result.get("detail") or False
            kpi.filter_note = kpi._get_filter_note(filters)

    def _group_expand_phase(self, values, domain):
        """The overview's columns in the journey's order (not the keys' alphabetical one)."""
        return [key for key, _label in PHASES]

    def _compute_is_available(self):
        for kpi in self:
            kpi.is_available = kpi._is_available()

    def _search_is_available(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        available = self.search([]).filtered(lambda kpi: kpi._is_available())
        return Domain("id", operator, available.ids)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_open_records(self):
        """The records behind the figure, with the overview's filters."""
        self._check_staff_access("read")
        self.ensure_one()
        result = self._get_result(self._get_filters())
        model, domain = result["records"][:2]
        group_by = result["records"][2] if len(result["records"]) > 2 else []
        views = result.get("views") or ["list", "form"]
        context = {"create": False}
        if group_by:
            context["group_by"] = group_by
        context.update(result.get("context") or {})
        return {
            "type": "ir.actions.act_window",
            "name": self.name,
            "res_model": model,
            "views": [(False, view) for view in views],
            "domain": list(domain),
            "context": context,
            "target": "current",
        }

    # ------------------------------------------------------------------
    # Filters
    # ------------------------------------------------------------------

    @api.model
    def _get_filters(self):
        """The overview's filters, from the context the search bar sets."""
        ctx = self.env.context
        today = fields.Date.context_today(self)
        # the search bar's period filters each set their own key (the shortest period wins
        # when several are on); code may pass journey_period
        period = ctx.get("journey_period") or next(
            (key for key in PERIODS if ctx.get(f"journey_period_{key}")), DEFAULT_PERIOD
        )
        date_from, date_to = self._get_period_dates(period, today)
        custom_from = self._first_date(ctx.get("journey_date_from"))
        custom_to = self._first_date(ctx.get("journey_date_to"))
        if custom_from:
            date_from = custom_from
            date_to = custom_to or max(today, custom_from)
        elif custom_to:
            date_to = custom_to
        if date_to < date_from:
            raise UserError(self.env._("The period ends before it starts."))
        return JourneyFilters(
            date_from,
            date_to,
            self._search_ids("product.product", ctx.get("journey_product")),
            self._search_ids("stock.lot", ctx.get("journey_lot")),
            self._search_ids("res.partner.category", ctx.get("journey_segment")),
        )

    @api.model
    def _get_period_dates(self, period, today):
        """First and last day of ``period`` (a key of PERIODS) around ``today``."""
        month = today.replace(day=1)
        quarter = month.replace(month=(month.month - 1) // 3 * 3 + 1)
        year = today.replace(month=1, day=1)
        if period == "month":
            return month, today
        if period == "last_month":
            return month - relativedelta(months=1), month - timedelta(days=1)
        if period == "quarter":
            return quarter, today
        if period == "last_year":
            return year - relativedelta(years=1), year - timedelta(days=1)
        if period == "12_months":
            return today - relativedelta(years=1) + timedelta(days=1), today
        return year, today

    @api.model
    def _first_date(self, value):
        """A date from the search bar's value (a list of date strings), or None."""
        values = value if isinstance(value, (list, tuple)) else [value]
        for item in values:
            if item:
                try:
                    return fields.Date.to_date(item)
                except (TypeError, ValueError):
                    continue
        return None

    @api.model
    def _search_ids(self, model, values):
        """Ids of ``model`` from the search bar: ids chosen, or names typed."""
        if not values:
            return []
        values = values if isinstance(values, (list, tuple)) else [values]
        ids = {value for value in values if isinstance(value, int)}
        names = [value for value in values if isinstance(value, str) and value.strip()]
        if names:
            Model = self.env[model]
            # typed text matched as text: its % and _ are no wildcards
            domain = Domain.OR(
                Domain(Model._rec_name, "ilike", escape_psql(name.strip())) for name in names
            )
            ids |= set(Model.search(domain).ids)
        return sorted(ids) or [0]  # a name that matches nothing matches no record

    def _get_filter_note(self, filters):
        """Which filters do not apply to this figure, said on its tile."""
        self.ensure_one()
        dims = set((self.dimensions or "").split(","))
        ignored = [
            label
            for key, label, active in (
                ("product", self.env._("product"), filters.product_ids),
                ("lot", self.env._("batch"), filters.lot_ids),
                ("segment", self.env._("segment"), filters.segment_ids),
            )
            if active and key not in dims
        ]
        if not ignored:
            return False
        return self.env._("Not per %(filters)s", filters=", ".join(ignored))

    def _domain(self, filters, date_field, product=None, lot=None, partner=None):
        """The domain of the period and the filters that apply on a model: ``date_field``
        in the period, ``product``, ``lot`` and ``partner`` the paths to filter on."""
        domain = Domain(date_field, ">=", fields.Datetime.to_string(filters.start)) & Domain(
            date_field, "<", fields.Datetime.to_string(filters.end)
        )
        if product and filters.product_ids:
            domain &= Domain(product, "in", filters.product_ids)
        if lot and filters.lot_ids:
            domain &= Domain(lot, "in", filters.lot_ids)
        if partner and filters.segment_ids:
            domain &= Domain(f"{partner}.category_id", "in", filters.segment_ids)
        return domain

    def _date_domain(self, filters, date_field):
        """A Date field in the period (both days included)."""
        return Domain(date_field, ">=", fields.Date.to_string(filters.date_from)) & Domain(
            date_field, "<=", fields.Date.to_string(filters.date_to)
        )

    # ------------------------------------------------------------------
    # Computing a figure
    # ------------------------------------------------------------------

    def _get_result(self, filters):
        """{value, display, detail, records: (model, domain[, group_by]), views, context}"""
        self.ensure_one()
        method = getattr(self, f"_kpi_{self.code}", None)
        if method is None:
            return {"value": None, "records": ("bimbonbon.journey.kpi", [("id", "=", 0)])}
        return method(filters)

    def _is_available(self):
        """Hook: a figure whose data may not exist yet says so here."""
        self.ensure_one()
        method = getattr(self, f"_kpi_{self.code}_available", None)
        return method() if method else True

    # formatting, in the user's language (Dutch: 1.234,5)

    def _fmt_number(self, value, digits=0):
        return formatLang(self.env, value, digits=digits)

    def _fmt_percent(self, share):
        return f"{formatLang(self.env, share * 100, digits=0)} %"

    def _fmt_hours(self, hours):
        return self.env._("%(hours)s h", hours=formatLang(self.env, hours, digits=1))

    def _fmt_top(self, items, fmt=None):
        """``items`` [(label, number)] as "a 3 · b 2 · c 1", the largest first."""
        fmt = fmt or self._fmt_number
        items = sorted(items, key=lambda item: -item[1])[:TOP]
        return " · ".join(f"{label} {fmt(number)}" for label, number in items)

    def _share(self, part, total):
        return part / total if total else None

    # ------------------------------------------------------------------
    # Awareness and consideration
    # ------------------------------------------------------------------

    def _kpi_leads(self, filters):
        """New leads and opportunities by source."""
        domain = self._domain(filters, "create_date", partner="partner_id.commercial_partner_id")
        groups = self.env["crm.lead"]._read_group(domain, ["source_id"], ["__count"])
        total = sum(count for _source, count in groups)
        unknown = self.env._("no source")
        return {
            "value": total,
            "display": self._fmt_number(total),
            "detail": self._fmt_top(
                [(source.name if source else unknown, count) for source, count in groups]
            ),
            "records": ("crm.lead", domain, ["source_id"]),
        }

    def _kpi_qr_scans(self, filters):
        """QR labels scanned (``/r/<token>`` opened), per product."""
        domain = self._domain(filters, "scan_date", product="product_id", lot="lot_id")
        groups = self.env["bimbonbon.qr.scan"]._read_group(domain, ["product_id"], ["__count"])
        total = sum(count for _product, count in groups)
        return {
            "value": total,
            "display": self._fmt_number(total),
            "detail": self._fmt_top([(product.name, count) for product, count in groups]),
            "records": ("bimbonbon.qr.scan", domain, ["product_id"]),
        }

    def _kpi_registrations(self, filters):
        """Products registered, per channel."""
        domain = self._registration_domain(filters)
        Registration = self.env["bimbonbon.product.registration"]
        groups = Registration._read_group(domain, ["channel"], ["__count"])
        labels = dict(Registration._fields["channel"]._description_selection(self.env))
        total = sum(count for _channel, count in groups)
        return {
            "value": total,
            "display": self._fmt_number(total),
            "detail": self._fmt_top([(labels.get(ch, ch), count) for ch, count in groups]),
            "records": ("bimbonbon.product.registration", domain, ["channel"]),
        }

    def _registration_domain(self, filters):
        domain = self._date_domain(filters, "registration_date") & Domain(
            "state", "=", "registered"
        )
        if filters.product_ids:
            domain &= Domain("product_id", "in", filters.product_ids)
        if filters.lot_ids:
            domain &= Domain("lot_id", "in", filters.lot_ids)
        if filters.segment_ids:
            domain &= Domain("commercial_partner_id.category_id", "in", filters.segment_ids)
        return domain

    # ------------------------------------------------------------------
    # Purchase
    # ------------------------------------------------------------------

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
        days between two orders of a customer."""
        orders = self.env["sale.order"]._search(self._order_domain(filters))
        self.env.cr.execute(
            SQL(
                """
                WITH ranked AS (
                    SELECT so.id, so.date_order,
                           LAG(so.date_order) OVER (
                               PARTITION BY p.commercial_partner_id
                               ORDER BY so.date_order, so.id
                           ) AS previous_date
                      FROM sale_order so
                      JOIN res_partner p ON p.id = so.partner_id
                     WHERE so.state = 'sale' AND so.company_id IN %(companies)s
                )
                SELECT COUNT(*), COUNT(previous_date),
                       PERCENTILE_CONT(0.5) WITHIN GROUP (
                           ORDER BY EXTRACT(EPOCH FROM date_order - previous_date) / 86400
                       )
                  FROM ranked
                 WHERE id IN %(orders)s
                """,
                companies=tuple(self.env.companies.ids),
                orders=orders.subselect(),
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

    def _delivered_units(self, filters, groupby):
        """Tracked units delivered to customers in the period, grouped by ``groupby``.

        Read as superuser: the denominator of a figure management reads, not a list they
        open (the warehouse's rights are not management's in every install).
        """
        domain = (
            Domain("state", "=", "done")
            & Domain("location_dest_id.usage", "=", "customer")
            & Domain("lot_id", "!=", False)
            & Domain("company_id", "in", self.env.companies.ids)
            & self._domain(
                filters,
                "date",
                product="product_id",
                lot="lot_id",
                partner="move_id.partner_id.commercial_partner_id",
            )
        )
        return self.env["stock.move.line"].sudo()._read_group(domain, groupby, ["quantity:sum"])

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

    # ------------------------------------------------------------------
    # Service
    # ------------------------------------------------------------------

    def _ticket_domain(self, filters, date_field="create_date"):
        return self._domain(
            filters,
            date_field,
            product="product_id",
            lot="lot_id",
            partner="commercial_partner_id",
        )

    def _channel_counts(self, filters):
        """{channel: tickets} of the period."""
        return dict(
            self.env["helpdesk.ticket"]._read_group(
                self._ticket_domain(filters), ["channel_id"], ["__count"]
            )
        )

    @api.model
    def _get_channel(self, code):
        """The helpdesk channel of ``code`` (portal, mail, phone, other, chat)."""
        if code == "chat":
            return self.env["helpdesk.ticket.channel"].search(
                [("name", "=ilike", CHAT_CHANNEL_NAME)], limit=1
            )
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

    def _duration_result(self, filters, domain, start_field, end_field, empty):
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
            filters,
            domain,
            "create_date",
            "first_response_date",
            self.env._("No answered tickets in this period"),
        )

    def _kpi_resolution_time(self, filters):
        """Hours from a ticket to its closing: median and p90, per kind."""
        domain = self._ticket_domain(filters, "closed_date")
        return self._duration_result(
            filters,
            domain,
            "create_date",
            "closed_date",
            self.env._("No tickets closed in this period"),
        )

    def _kpi_sla_met(self, filters):
        """Share of the service levels of the period's tickets that were met (of those met
        or missed; the running ones are not counted yet)."""
        Sla = self.env["helpdesk.ticket.sla"]
        tickets = self._ticket_domain(filters)
        domain = Domain("ticket_id", "any", tickets)
        met = Sla.search_count(domain & Domain("state", "=", "accomplished"))
        missed = Sla.search_count(domain & Domain("expired", "=", True))
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

    # ------------------------------------------------------------------
    # Loyalty
    # ------------------------------------------------------------------

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
