# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models

ALARM_COUNT_PARAM = "bimbonbon_service.batch_alarm_count"
ALARM_DAYS_PARAM = "bimbonbon_service.batch_alarm_days"


class BatchAlarm(models.Model):
    """Early recall warning: N complaints about one batch (lot) within M days."""

    _name = "bimbonbon.batch.alarm"
    _description = "Batch complaint alarm"
    _inherit = ("mail.thread", "mail.activity.mixin")
    _order = "alarm_date desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    lot_id = fields.Many2one(
        comodel_name="stock.lot", string="Batch", required=True, index=True, ondelete="cascade"
    )
    product_id = fields.Many2one(related="lot_id.product_id", store=True)
    alarm_date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    window_start = fields.Datetime(required=True)
    window_days = fields.Integer(required=True)
    complaint_count = fields.Integer(string="Complaints")
    ticket_ids = fields.Many2many(comodel_name="helpdesk.ticket", string="Complaints in window")
    company_id = fields.Many2one(comodel_name="res.company", default=lambda self: self.env.company)

    @api.depends("lot_id.name", "product_id.display_name")
    def _compute_name(self):
        for alarm in self:
            alarm.name = self.env._(
                "Batch alarm %(lot)s (%(product)s)",
                lot=alarm.lot_id.name,
                product=alarm.product_id.display_name,
            )

    @api.model
    def _get_thresholds(self):
        params = self.env["ir.config_parameter"].sudo()
        try:
            count = max(int(params.get_param(ALARM_COUNT_PARAM, "3")), 1)
            days = max(int(params.get_param(ALARM_DAYS_PARAM, "30")), 1)
        except ValueError:
            count, days = 3, 30
        return count, days

    @api.model
    def _check_lots(self, lots):
        """Raise an alarm for each lot with N complaints within M days, once per window.

        No new alarm for a lot that had one in the last M days.
        """
        count, days = self._get_thresholds()
        since = fields.Datetime.now() - timedelta(days=days)
        Ticket = self.env["helpdesk.ticket"].sudo()
        groups = Ticket._read_group(
            [
                ("lot_id", "in", lots.ids),
                ("ticket_kind", "=", "complaint"),
                ("create_date", ">=", since),
            ],
            ["lot_id"],
            ["id:array_agg"],
        )
        candidates = {lot: ids for lot, ids in groups if len(ids) >= count}
        if not candidates:
            return self.browse()
        recent = self.sudo().search(
            [("lot_id", "in", [lot.id for lot in candidates]), ("alarm_date", ">=", since)]
        )
        alarms = self.sudo().create(
            [
                {
                    "lot_id": lot.id,
                    "window_start": since,
                    "window_days": days,
                    "complaint_count": len(ids),
                    "ticket_ids": [fields.Command.set(ids)],
                    "company_id": (lot.company_id or self.env.company).id,
                }
                for lot, ids in candidates.items()
                if lot not in recent.lot_id
            ]
        )
        alarms._notify_alarm()
        return alarms

    @api.model
    def _get_alarm_users(self):
        groups = self.env.ref("bimbonbon_crm.group_management") | self.env.ref(
            "bimbonbon_service.group_product_development"
        )
        return groups._get_department_users()

    def _notify_alarm(self):
        users = self._get_alarm_users()
        template = self.env.ref("bimbonbon_service.mail_template_batch_alarm")
        rendered = template._generate_template(self.ids, ["subject", "body_html"])
        for alarm in self:
            alarm.message_subscribe(partner_ids=users.partner_id.ids)
            alarm.message_post(
                subject=rendered[alarm.id]["subject"],
                body=rendered[alarm.id]["body_html"],
                subtype_xmlid="mail.mt_comment",
            )
            for user in users:
                alarm.activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=self.env._("Batch alarm: check for a recall"),
                    user_id=user.id,
                )
