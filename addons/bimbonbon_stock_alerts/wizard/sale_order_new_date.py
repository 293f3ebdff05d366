# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SaleOrderNewDate(models.TransientModel):
    _name = "sale.order.new.date"
    _description = "New delivery date for a sales order"

    order_id = fields.Many2one("sale.order", required=True, ondelete="cascade")
    partner_id = fields.Many2one(related="order_id.partner_id")
    current_date = fields.Datetime("Promised date", compute="_compute_current_date")
    commitment_date = fields.Datetime(
        "New delivery date",
        required=True,
        compute="_compute_commitment_date",
        store=True,
        readonly=False,
        precompute=True,
    )
    notify_customer = fields.Boolean("Mail the customer", default=True)

    @api.depends("order_id")
    def _compute_current_date(self):
        for wizard in self:
            wizard.current_date = wizard.order_id.commitment_date or wizard.order_id.expected_date

    @api.depends("order_id")
    def _compute_commitment_date(self):
        """Propose when Odoo's forecast expects the order's short products."""
        for wizard in self:
            dates = [d for d in self.env["sale.order"]._get_shortage_dates(wizard.order_id) if d]
            wizard.commitment_date = max(dates) if dates else wizard.order_id.commitment_date

    @api.constrains("commitment_date")
    def _check_commitment_date(self):
        now = fields.Datetime.now()
        for wizard in self:
            if wizard.commitment_date and wizard.commitment_date < now:
                raise ValidationError(self.env._("The new delivery date cannot lie in the past."))

    def action_apply(self):
        self._check_staff_access("write")
        self.ensure_one()
        order = self.order_id
        order.check_access("write")
        order.commitment_date = self.commitment_date
        if self.notify_customer:
            template = self.env.ref("bimbonbon_stock_alerts.mail_template_sale_order_new_date")
            order.with_context(mail_notify_force_send=False).message_post_with_source(
                template, subtype_xmlid="mail.mt_comment"
            )
        else:
            order.message_post(
                body=self.env._(
                    "New delivery date %(date)s set without informing the customer.",
                    date=fields.Date.to_string(self.commitment_date),
                )
            )
        return {"type": "ir.actions.act_window_close"}
