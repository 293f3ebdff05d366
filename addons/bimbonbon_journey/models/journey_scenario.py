# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What-if for customer service: from the measured contacts per channel and deflection, and
the user's assumptions, the expected contacts and staff hours per week, next to today.

The model, per week:

* today: the tickets per channel measured over the ``weeks`` before the scenario's date;
  staff hours = sum(contacts x handling minutes) / 60;
* the portal's demand is its tickets before deflection: portal / (1 - measured deflection);
* the scenario moves a share of the phone and mail contacts to the portal, where the assumed
  deflection answers part of them (problem-form suggestions) before a ticket exists.

The measurements are stored with the scenario when it is made, so it can be compared later
with what happened in the weeks after its date (``actual_*``).
"""

from datetime import datetime, time, timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain
from odoo.tools import SQL

CHANNELS = ("phone", "portal", "mail", "other")
DEFAULT_WEEKS = 12
DEFAULT_MINUTES = {"phone": 9.0, "portal": 6.0, "mail": 7.0, "other": 7.0}


class JourneyScenario(models.Model):
    _name = "bimbonbon.journey.scenario"
    _description = "Customer service what-if scenario"
    _order = "date desc, id desc"

    name = fields.Char(required=True)
    date = fields.Date(
        required=True,
        default=fields.Date.context_today,
        help="The measurements are those of the weeks before this day.",
    )
    weeks = fields.Integer(
        string="Weeks measured",
        default=DEFAULT_WEEKS,
        required=True,
        help="How many weeks are averaged.",
    )
    company_id = fields.Many2one(
        comodel_name="res.company", required=True, default=lambda self: self.env.company
    )
    note = fields.Text()
    # assumptions (percentages 0-100)
    phone_to_portal = fields.Float(
        string="Phone contacts moved to the portal (%)",
        help="The share of today's phone contacts that the customers would do in the portal.",
    )
    mail_to_portal = fields.Float(string="Mail contacts moved to the portal (%)")
    deflection = fields.Float(
        string="Deflection in the portal (%)",
        default=lambda self: self._default_deflection(),
        help="The share of the portal's problems answered by a suggestion before a ticket "
        "exists. Starts at the measured rate.",
    )
    # handling minutes per contact
    minutes_phone = fields.Float(
        string="Minutes per phone contact", default=DEFAULT_MINUTES["phone"]
    )
    minutes_portal = fields.Float(
        string="Minutes per portal contact", default=DEFAULT_MINUTES["portal"]
    )
    minutes_mail = fields.Float(string="Minutes per mail contact", default=DEFAULT_MINUTES["mail"])
    minutes_other = fields.Float(
        string="Minutes per other contact", default=DEFAULT_MINUTES["other"]
    )
    # measured: stored when the scenario is made (action_measure)
    measured_on = fields.Datetime(readonly=True)
    measured_phone = fields.Float(string="Phone contacts per week", readonly=True)
    measured_portal = fields.Float(string="Portal contacts per week", readonly=True)
    measured_mail = fields.Float(string="Mail contacts per week", readonly=True)
    measured_other = fields.Float(string="Other contacts per week", readonly=True)
    measured_deflection = fields.Float(string="Measured deflection (%)", readonly=True)
    # today and expected, per week
    today_contacts = fields.Float(
        string="Contacts per week today", compute="_compute_expected", store=True
    )
    today_hours = fields.Float(
        string="Staff hours per week today", compute="_compute_expected", store=True
    )
    expected_phone = fields.Float(compute="_compute_expected", store=True)
    expected_portal = fields.Float(compute="_compute_expected", store=True)
    expected_mail = fields.Float(compute="_compute_expected", store=True)
    expected_other = fields.Float(compute="_compute_expected", store=True)
    expected_contacts = fields.Float(
        string="Contacts per week expected", compute="_compute_expected", store=True
    )
    expected_hours = fields.Float(
        string="Staff hours per week expected", compute="_compute_expected", store=True
    )
    hours_saved = fields.Float(
        string="Staff hours saved per week", compute="_compute_expected", store=True
    )
    # what happened in the weeks after the scenario's date
    actual_contacts = fields.Float(
        string="Contacts per week since",
        compute="_compute_actual",
        help="The tickets per week in the weeks after the scenario's date (as many weeks as "
        "were measured, or fewer while they run).",
    )
    actual_hours = fields.Float(string="Staff hours per week since", compute="_compute_actual")

    @api.model
    def _default_deflection(self):
        """Today's measured deflection, as the assumption to start from (measured as a new
        scenario measures it: the default weeks before today, in the user's company)."""
        end = fields.Date.context_today(self) + timedelta(days=1)
        start = end - timedelta(weeks=DEFAULT_WEEKS)
        return round(self._measure_deflection(self.env.company, start, end) * 100, 1)

    @api.depends(
        *(f"measured_{c}" for c in CHANNELS),
        *(f"minutes_{c}" for c in CHANNELS),
        "measured_deflection",
        "phone_to_portal",
        "mail_to_portal",
        "deflection",
    )
    def _compute_expected(self):
        for scenario in self:
            today = {c: scenario[f"measured_{c}"] for c in CHANNELS}
            expected = scenario._expected_contacts(today)
            scenario.today_contacts = sum(today.values())
            scenario.today_hours = scenario._staff_hours(today)
            for channel in CHANNELS:
                scenario[f"expected_{channel}"] = expected[channel]
            scenario.expected_contacts = sum(expected.values())
            scenario.expected_hours = scenario._staff_hours(expected)
            scenario.hours_saved = scenario.today_hours - scenario.expected_hours

    def _compute_actual(self):
        today = fields.Date.context_today(self)
        since = self.filtered(lambda s: s.date and s.date < today)
        (self - since).actual_contacts = (self - since).actual_hours = 0.0
        windows = [(s, s.date, min(s.date + timedelta(weeks=s.weeks or 1), today)) for s in since]
        counts = self._count_tickets(windows)
        channels = self._get_channel_ids()
        for (scenario, start, end), tickets in zip(windows, counts, strict=True):
            per_week = scenario._per_week(tickets, start, end, channels)
            scenario.actual_contacts = sum(per_week.values())
            scenario.actual_hours = scenario._staff_hours(per_week)

    @api.constrains(
        "phone_to_portal",
        "mail_to_portal",
        "deflection",
        *(f"minutes_{c}" for c in CHANNELS),
        "weeks",
    )
    def _check_assumptions(self):
        for scenario in self:
            for fname in ("phone_to_portal", "mail_to_portal", "deflection"):
                if not 0 <= scenario[fname] <= 100:
                    raise ValidationError(
                        self.env._(
                            "%(field)s is a share: from 0 to 100 %%, not %(value)s.",
                            field=scenario._fields[fname].get_description(self.env)["string"],
                            value=scenario[fname],
                        )
                    )
            for channel in CHANNELS:
                fname = f"minutes_{channel}"
                if scenario[fname] < 0:
                    raise ValidationError(
                        self.env._(
                            "%(field)s cannot be negative.",
                            field=scenario._fields[fname].get_description(self.env)["string"],
                        )
                    )
            if scenario.weeks < 1 or scenario.weeks > 104:
                raise ValidationError(self.env._("Measure over 1 to 104 weeks."))

    @api.model_create_multi
    def create(self, vals_list):
        scenarios = super().create(vals_list)
        # the measurements of the day it is made, stored: later it is compared with them
        scenarios.filtered(lambda s: not s.measured_on)._store_measurements()
        return scenarios

    def action_measure(self):
        """Measure again (the weeks before the scenario's date)."""
        self._check_staff_access("write")
        self._store_measurements()
        return True

    # ------------------------------------------------------------------
    # The model
    # ------------------------------------------------------------------

    def _store_measurements(self):
        for scenario in self:
            end = scenario.date + timedelta(days=1)
            start = end - timedelta(weeks=scenario.weeks)
            counts = scenario._measure(start, end)
            vals = {f"measured_{c}": counts[c] for c in CHANNELS}
            vals["measured_deflection"] = counts["deflection"] * 100
            vals["measured_on"] = fields.Datetime.now()
            scenario.write(vals)

    def _measure(self, start, end):
        """{channel: tickets per week, 'deflection': rate 0-1} between two dates."""
        self.ensure_one()
        [tickets] = self._count_tickets([(self, start, end)])
        result = self._per_week(tickets, start, end, self._get_channel_ids())
        result["deflection"] = self._measure_deflection(self.company_id, start, end)
        return result

    @api.model
    def _measure_deflection(self, company, start, end):
        """The deflection rate (0-1) of ``company``'s suggestions between two dates."""
        return (
            self.env["bimbonbon.knowledge.suggestion"]
            .sudo()
            ._get_deflection_rate(
                [
                    ("create_date", ">=", datetime.combine(start, time.min)),
                    ("create_date", "<", datetime.combine(end, time.min)),
                    ("company_id", "in", company.ids),
                ]
            )
        )

    @api.model
    def _count_tickets(self, windows):
        """[{channel id: tickets}], one per window (scenario, first day, day after the last)
        of ``windows``, over the scenario's company: one query, however many scenarios.

        Read as superuser: the figure counts every ticket, not those the user may open.
        """
        if not windows:
            return []
        Ticket = self.env["helpdesk.ticket"].sudo()
        bounds = [
            (
                index,
                scenario.company_id.id,
                datetime.combine(start, time.min),
                datetime.combine(end, time.min),
            )
            for index, (scenario, start, end) in enumerate(windows)
        ]
        tickets = Ticket._search(
            Domain("company_id", "in", list({company for _i, company, _s, _e in bounds}))
            & Domain("create_date", ">=", min(start for _i, _c, start, _e in bounds))
            & Domain("create_date", "<", max(end for _i, _c, _s, end in bounds))
        )
        self.env.cr.execute(
            SQL(
                """
                SELECT w.index, t.channel_id, COUNT(*)
                  FROM helpdesk_ticket t
                  JOIN (VALUES %(windows)s) AS w(index, company_id, date_from, date_to)
                    ON t.company_id = w.company_id
                   AND t.create_date >= w.date_from AND t.create_date < w.date_to
                 WHERE t.id IN %(tickets)s
                 GROUP BY w.index, t.channel_id
                """,
                windows=SQL(", ").join(
                    SQL("(%s, %s, %s::timestamp, %s::timestamp)", *bound) for bound in bounds
                ),
                tickets=tickets.subselect(),
            )
        )
        counts = [{} for _window in windows]
        for index, channel_id, count in self.env.cr.fetchall():
            counts[index][channel_id] = count
        return counts

    @api.model
    def _get_channel_ids(self):
        """{code: helpdesk channel id} of the channels a scenario moves contacts between."""
        Kpi = self.env["bimbonbon.journey.kpi"]
        return {code: Kpi._get_channel(code).id for code in ("phone", "portal", "mail")}

    @api.model
    def _per_week(self, tickets, start, end, channels):
        """{channel: tickets per week} from {channel id: tickets} between two dates; the
        channels not in ``channels`` ({code: id}), and tickets without one, are "other"."""
        weeks = max((end - start).days / 7, 1 / 7)
        result = {
            code: tickets.get(channel_id, 0) / weeks if channel_id else 0.0
            for code, channel_id in channels.items()
        }
        known = set(channels.values())
        result["other"] = sum(n for ch, n in tickets.items() if ch not in known) / weeks
        return result

    def _expected_contacts(self, today):
        """{channel: tickets per week} under the scenario's assumptions."""
        self.ensure_one()
        measured = min(self.measured_deflection / 100, 1.0)
        assumed = min(self.deflection / 100, 1.0)
        moved_phone = today["phone"] * self.phone_to_portal / 100
        moved_mail = today["mail"] * self.mail_to_portal / 100
        # the portal's problems before deflection (all of them when nothing is measured)
        portal_demand = today["portal"] / (1 - measured) if measured < 1 else today["portal"]
        return {
            "phone": today["phone"] - moved_phone,
            "mail": today["mail"] - moved_mail,
            "portal": (portal_demand + moved_phone + moved_mail) * (1 - assumed),
            "other": today["other"],
        }

    def _staff_hours(self, contacts):
        self.ensure_one()
        return sum(contacts[c] * self[f"minutes_{c}"] for c in CHANNELS) / 60
