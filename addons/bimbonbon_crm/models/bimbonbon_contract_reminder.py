# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class BimbonbonContractReminder(models.Model):
    """One expiry reminder offset applied to one end date of one contract.

    The unique index is the exactly-once guarantee: the cron writes these rows in the same
    transaction as the mails and activities it queues, so a second run, or a run after a crash,
    finds the offset applied and sends nothing again. Rows are keyed on the end date, so moving
    the end date re-arms the offsets that have not yet applied to the new date.
    """

    _name = "bimbonbon.contract.reminder"
    _description = "Contract expiry reminder"
    _order = "date_end desc, offset_days"

    contract_id = fields.Many2one(
        "bimbonbon.contract", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="contract_id.company_id", store=True, index=True)
    offset_days = fields.Integer(string="Days before end", required=True)
    date_end = fields.Date(string="End date", required=True)
    date_sent = fields.Datetime(string="Applied on", default=fields.Datetime.now, required=True)
    sent = fields.Boolean(
        help="Unchecked when a nearer offset was due in the same run: that reminder was sent "
        "instead of this one, so the customer gets one mail, not several at once.",
    )

    _contract_offset_end_uniq = models.UniqueIndex(
        "(contract_id, offset_days, date_end)",
        "Each reminder offset is applied only once per contract and end date.",
    )
