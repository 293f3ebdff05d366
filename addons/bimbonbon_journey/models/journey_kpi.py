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
query), whatever the number of tickets or orders. They are in one file per phase
(``journey_kpi_<phase>.py``); this one holds what they share.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import escape_psql
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
    #: what several figures read, read once per overview (``JourneyKpi._memoised``); shared
    #: with the previous period's filters
    cache: dict = field(default_factory=dict, repr=False, compare=False)

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
            self.cache,
        )

    @property
    def key(self):
        return (
            self.date_from,
            self.date_to,
            tuple(self.product_ids),
            tuple(self.lot_ids),
            tuple(self.segment_ids),
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
    # Shared by the figures of several phases
    # ------------------------------------------------------------------

    def _memoised(self, filters, key, compute):
        """``compute()`` once per overview (the filters' lifetime) and ``key``: the figures
        that share a reading (the contacts per channel, the units delivered) read it once."""
        key = (key, filters.key)
        if key not in filters.cache:
            filters.cache[key] = compute()
        return filters.cache[key]

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
        return self._memoised(
            filters,
            ("delivered_units", *groupby),
            lambda: self.env["stock.move.line"]
            .sudo()
            ._read_group(domain, groupby, ["quantity:sum"]),
        )

    def _ticket_domain(self, filters, date_field="create_date"):
        return self._domain(
            filters,
            date_field,
            product="product_id",
            lot="lot_id",
            partner="commercial_partner_id",
        )
