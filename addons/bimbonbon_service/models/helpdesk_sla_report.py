# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from .helpdesk_ticket import TICKET_KINDS


class HelpdeskSlaReport(models.Model):
    """OCA's service level report, per ticket kind and level type, with the share met: the
    average of ``met`` (100 for a level met, 0 for one missed, empty while it runs)."""

    _inherit = "helpdesk.sla.report"

    ticket_kind = fields.Selection(selection=TICKET_KINDS, string="Kind", readonly=True)
    priority = fields.Selection(
        selection=[("0", "Low"), ("1", "Medium"), ("2", "High"), ("3", "Very High")],
        readonly=True,
    )
    sla_type = fields.Selection(
        selection=[("response", "First response"), ("resolution", "Resolution")],
        string="Measures",
        readonly=True,
    )
    deadline = fields.Datetime(readonly=True)
    met = fields.Float(string="Met (%)", aggregator="avg", readonly=True)

    def _select_sla(self):
        return (
            super()._select_sla()
            + """,
            ht.ticket_kind as ticket_kind,
            ht.priority as priority,
            hts.sla_type as sla_type,
            hts.deadline as deadline,
            CASE
                WHEN hts.state = 'accomplished' THEN 100.0
                WHEN hts.state = 'expired' OR
                    (hts.state = 'in_progress' and hts.deadline < NOW()) THEN 0.0
            END as met
            """
        )
