# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from .helpdesk_ticket import TICKET_KINDS


class HelpdeskSla(models.Model):
    """OCA helpdesk_mgmt_sla's service level, told what it measures and for which tickets.

    OCA's level is met when a ticket reaches a stage within N working hours and applies per
    team, category, tag or a free domain. Two things are made explicit, so that management can
    set them and read the figures per kind: whether the level is the first response or the
    resolution (a response level is also met by the first reply to the customer, see
    ``helpdesk.ticket.sla``), and the ticket kind and priority it is for (empty: all).
    """

    _inherit = "helpdesk.sla"

    sla_type = fields.Selection(
        selection=[("response", "First response"), ("resolution", "Resolution")],
        string="Measures",
        required=True,
        default="resolution",
        help="First response: met when the ticket leaves its first stage or the customer gets "
        "a reply. Resolution: met when the ticket reaches the target stage.",
    )
    ticket_kind = fields.Selection(
        selection=TICKET_KINDS, string="Kind", help="Leave empty for every kind."
    )
    priority = fields.Selection(
        selection=[("0", "Low"), ("1", "Medium"), ("2", "High"), ("3", "Very High")],
        help="Leave empty for every priority.",
    )
