# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from collections import defaultdict
from datetime import timedelta

from markupsafe import Markup
from psycopg2 import IntegrityError, errorcodes

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

#: Levels from least to most severe; an alert escalates and de-escalates along them.
LEVELS = [
    ("short", "Will run short"),
    ("nearly_out", "Nearly out"),
    ("out_of_stock", "Out of stock"),
]
LEVEL_RANK = {level: rank for rank, (level, _label) in enumerate(LEVELS, start=1)}


class BimbonbonStockAlert(models.Model):
    """One alert per product and warehouse while it is short, with a level. Detection
    (bimbonbon.stock.alert.check) feeds `_apply_levels` from a cron; ordering goes through
    the product's reordering rule and Odoo's own replenishment."""

    _name = "bimbonbon.stock.alert"
    _description = "Stock alert"
    _inherit = ("mail.thread", "mail.activity.mixin")
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    product_id = fields.Many2one(
        "product.product",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
        check_company=True,
    )
    product_tmpl_id = fields.Many2one(related="product_id.product_tmpl_id")
    warehouse_id = fields.Many2one(
        "stock.warehouse",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        related="warehouse_id.company_id", store=True, index=True, precompute=True
    )
    level = fields.Selection(LEVELS, required=True, readonly=True, tracking=True)
    state = fields.Selection(
        [("open", "Open"), ("ordered", "Ordered"), ("resolved", "Resolved")],
        default="open",
        required=True,
        index=True,
        tracking=True,
    )
    qty_on_hand = fields.Float("On hand", digits="Product Unit", readonly=True)
    qty_forecast = fields.Float("Forecast", digits="Product Unit", readonly=True)
    threshold = fields.Float(digits="Product Unit", readonly=True)
    uom_id = fields.Many2one(related="product_id.uom_id")
    orderpoint_id = fields.Many2one(
        "stock.warehouse.orderpoint",
        string="Reordering rule",
        readonly=True,
        ondelete="set null",
        index="btree_not_null",
    )
    vendor_id = fields.Many2one(
        "res.partner",
        readonly=True,
        help="The vendor Odoo's replenishment orders from (the reordering rule's vendor).",
    )
    lead_days = fields.Float(
        "Lead time (days)",
        readonly=True,
        help="The lead time of the replenishment: vendor delay plus the days to purchase.",
    )
    purchase_order_id = fields.Many2one(
        "purchase.order",
        string="Purchase order",
        readonly=True,
        copy=False,
        tracking=True,
        index="btree_not_null",
    )
    order_mode = fields.Selection(related="product_tmpl_id.stock_alert_order_mode")
    sale_line_ids = fields.Many2many(
        "sale.order.line", string="Affected order lines", readonly=True, copy=False
    )
    sale_order_ids = fields.Many2many(
        "sale.order", string="Affected orders", compute="_compute_sale_order_ids"
    )
    sale_order_count = fields.Integer(compute="_compute_sale_order_ids")
    resolved_date = fields.Datetime(readonly=True, copy=False)
    purchasing_partner_ids = fields.Many2many(
        "res.partner",
        string="Purchasing recipients",
        compute="_compute_purchasing_partner_ids",
        compute_sudo=True,
    )
    expected_date = fields.Datetime(
        "Expected replenishment",
        compute="_compute_expected_date",
        help="The planned receipt of the purchase order, or today plus the lead time.",
    )

    _open_alert_uniq = models.UniqueIndex(
        "(product_id, warehouse_id) WHERE state != 'resolved'",
        "There is already an open alert for this product and warehouse.",
    )

    @api.depends("product_id", "warehouse_id")
    def _compute_name(self):
        for alert in self:
            alert.name = f"{alert.product_id.display_name} · {alert.warehouse_id.code}"

    @api.depends("sale_line_ids")
    def _compute_sale_order_ids(self):
        for alert in self:
            alert.sale_order_ids = alert.sale_line_ids.order_id
            alert.sale_order_count = len(alert.sale_order_ids)

    @api.depends("company_id")
    def _compute_purchasing_partner_ids(self):
        """The purchasing department, to whom the template mails a level change."""
        for alert in self:
            users = alert._get_purchasing_users() | alert.company_id.stock_alert_user_id
            alert.purchasing_partner_ids = users.partner_id

    @api.depends("purchase_order_id.date_planned", "lead_days")
    def _compute_expected_date(self):
        now = fields.Datetime.now()
        for alert in self:
            alert.expected_date = alert.purchase_order_id.date_planned or now + timedelta(
                days=alert.lead_days
            )

    # --- Actions ---

    def _check_may_order(self):
        """Purchasing and management order; nobody else, whatever their other rights."""
        user = self.env.user
        if not self.env.su and not (
            user.has_group("bimbonbon_crm.group_purchasing")
            or user.has_group("bimbonbon_crm.group_management")
        ):
            raise AccessError(self.env._("Only purchasing and management may order or resolve."))
        self.check_access("write")

    def action_order(self):
        """The "Bestel" button: Odoo's replenishment of the reordering rule, once per alert."""
        self._check_may_order()
        alerts = self._claim_for_order()
        if not alerts:
            raise UserError(self.env._("This alert has been ordered already."))
        alerts._place_order(interactive=True)
        if len(self) == 1 and self.purchase_order_id:
            return self.action_view_purchase_order()
        return True

    def action_view_purchase_order(self):
        self._check_staff_access("read")
        self.ensure_one()
        self.env["purchase.order"].check_access("read")
        self.check_access("read")
        self.purchase_order_id.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": "purchase.order",
            "res_id": self.purchase_order_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def action_view_sale_orders(self):
        self._check_staff_access("read")
        self.ensure_one()
        self.env["sale.order"].check_access("read")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Affected orders"),
            "res_model": "sale.order",
            "domain": [("id", "in", self.sale_order_ids.ids)],
            "view_mode": "list,form",
            "views": [(False, "list"), (False, "form")],
        }

    def action_resolve(self):
        self._check_may_order()
        self.sudo()._resolve()

    # --- Levels (called by the detection cron) ---

    @api.model
    def _get_level(self, qty_on_hand, qty_forecast, threshold, uom):
        """The level a stock calls for, or False (hook)."""
        if uom.compare(qty_on_hand, 0.0) <= 0:
            return "out_of_stock"
        if uom.compare(threshold, 0.0) > 0 and uom.compare(qty_on_hand, threshold) <= 0:
            return "nearly_out"
        if uom.compare(qty_forecast, 0.0) < 0:
            return "short"
        return False

    @api.model
    def _apply_levels(self, warehouse, levels):
        """Open, escalate, de-escalate or resolve the alerts of `warehouse` for
        `levels` = {product: (level or False, values)}, then notify. Returns the new alerts."""
        self = self.sudo()
        open_alerts = self.search(
            [
                ("product_id", "in", [product.id for product in levels]),
                ("warehouse_id", "=", warehouse.id),
                ("state", "!=", "resolved"),
            ]
        )
        by_product = {alert.product_id: alert for alert in open_alerts}
        to_create, raised, lowered = [], self.browse(), self.browse()
        for product, (level, values) in levels.items():
            alert = by_product.get(product)
            if level and not alert:
                to_create.append(
                    {"product_id": product.id, "warehouse_id": warehouse.id, "level": level}
                    | values
                )
            elif alert and level and level != alert.level:
                if LEVEL_RANK[level] > LEVEL_RANK[alert.level]:
                    raised |= alert
                else:
                    lowered |= alert
                alert.write({"level": level} | values)
            elif alert and any(alert[name] != value for name, value in values.items()):
                alert.write(values)
        resolved = open_alerts.filtered(
            lambda a: not levels[a.product_id][0] and not a._awaits_receipt()
        )
        resolved._resolve()
        new = self._create_alerts(to_create)
        (new | raised)._on_level_raised()
        lowered.filtered(lambda a: a.state == "open")._schedule_purchasing_activity()
        # Orders confirmed while a shortage lasts join it.
        self.env["sale.order"]._inform_about_shortages(open_alerts - resolved - raised)
        return new

    @api.model
    def _create_alerts(self, vals_list):
        """Create alerts; one that another transaction opened meanwhile is skipped."""
        self = self.with_context(mail_create_nolog=True)
        alerts = self.browse()
        for vals in vals_list:
            try:
                with self.env.cr.savepoint():
                    alerts |= self.create(vals)
            except IntegrityError as error:
                if error.pgcode != errorcodes.UNIQUE_VIOLATION:
                    raise
                _logger.info("Stock alert for %s is already open", vals)
        return alerts

    def _on_level_raised(self):
        """Tell purchasing (one activity per alert, one mail per escalation) and sales, and
        order for products that order automatically."""
        alerts = self.filtered(lambda a: a.state == "open")
        alerts._refresh_replenishment()
        alerts._schedule_purchasing_activity()
        template = self.env.ref("bimbonbon_stock_alerts.mail_template_stock_alert_purchasing")
        template.send_mail_batch(alerts.ids, force_send=False)
        self.env["sale.order"]._inform_about_shortages(self)
        for alert in alerts.filtered(lambda a: a.order_mode in ("draft", "confirm")):
            try:
                with self.env.cr.savepoint():
                    alert._claim_for_order()._place_order()
            except UserError as error:  # e.g. confirming the RFQ: the alert stays to order
                alert.message_post(body=str(error))

    def _awaits_receipt(self):
        """An ordered alert stays until its purchase order is received: the orders it made
        late are late until then."""
        self.ensure_one()
        order = self.purchase_order_id
        return order.state == "purchase" and order.receipt_status != "full"

    def _resolve(self):
        self.activity_ids.action_feedback(feedback=self.env._("The stock is back."))
        self.write({"state": "resolved", "resolved_date": fields.Datetime.now()})

    # --- Purchasing ---

    @api.model
    def _ref(self, xmlid):
        """`env.ref` without its existence query: these records are our own data, and the
        helpers using them run once per alert in the cron."""
        model, res_id = self.env["ir.model.data"]._xmlid_to_res_model_res_id(xmlid)
        return self.env[model].browse(res_id)

    def _get_purchasing_users(self):
        """The purchasing department of the alerts' companies: the members of the
        department group itself, not everyone who inherits it (management) (hook)."""
        group = self._ref("bimbonbon_crm.group_purchasing")
        return group._get_department_users(self.company_id, members_only=True)

    def _get_purchasing_responsible(self, purchasing_users):
        """The product's responsible when in purchasing, else the company's configured
        responsible, else the first purchasing user."""
        self.ensure_one()
        responsible = self.product_id.with_company(self.company_id).responsible_id
        if responsible in purchasing_users:
            return responsible
        return (
            self.company_id.stock_alert_user_id
            or purchasing_users.filtered(lambda u: self.company_id in u.company_ids)[:1]
            or self._ref("base.user_admin")
        )

    def _get_purchasing_activity(self):
        activity_type = self._ref("bimbonbon_stock_alerts.mail_activity_type_stock_alert")
        return self.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)

    def _schedule_purchasing_activity(self):
        """One purchasing activity per alert: created once, then updated with the level;
        in the company's language, as the mails."""
        activity_type = self.env.ref("bimbonbon_stock_alerts.mail_activity_type_stock_alert")
        purchasing_users = self._get_purchasing_users()
        today = fields.Date.context_today(self)
        to_schedule = defaultdict(self.browse)
        for alert in self:
            env = self.with_context(lang=alert.company_id.partner_id.lang).env
            levels = dict(self._fields["level"]._description_selection(env))
            summary = env._("%(level)s: order in time", level=levels[alert.level])
            activity = alert._get_purchasing_activity()
            if activity:
                activity.write({"summary": summary, "date_deadline": today})
            else:
                user = alert._get_purchasing_responsible(purchasing_users)
                to_schedule[user, summary] |= alert
        # No "activity assigned to you" mail on top of the alert mail the buyer gets anyway.
        quiet = self.with_context(mail_activity_quick_update=True)
        for (user, summary), alerts in to_schedule.items():
            alerts.with_env(quiet.env).activity_schedule(
                activity_type_id=activity_type.id, summary=summary, user_id=user.id
            )

    def _get_orderpoint(self):
        self.ensure_one()
        return self._refresh_replenishment()[self]

    def _refresh_replenishment(self):
        """Link the reordering rules (one search and one create for all alerts); show their
        vendor and lead time, those they order with. Returns {alert: rule}."""
        Orderpoint = self.env["stock.warehouse.orderpoint"].sudo()
        orderpoints = Orderpoint._get_stock_alert_orderpoints(self)
        for alert, orderpoint in orderpoints.items():
            orderpoint = orderpoints[alert] = orderpoint.with_company(alert.company_id)
            alert.sudo().write(
                {
                    "orderpoint_id": orderpoint.id,
                    "vendor_id": orderpoint.effective_vendor_id.id,
                    "lead_days": orderpoint.lead_days,
                }
            )
        return orderpoints

    def _claim_for_order(self):
        """Move open alerts to "ordered" in one atomic UPDATE; returns those this transaction
        got, so that pressing "Order" twice (or with the cron) orders once."""
        if not self:
            return self
        self.flush_recordset(["state"])
        self.env.cr.execute(
            SQL(
                "UPDATE bimbonbon_stock_alert SET state = 'ordered', write_date = now() at time "
                "zone 'UTC', write_uid = %s WHERE id IN %s AND state = 'open' RETURNING id",
                self.env.uid,
                tuple(self.ids),
            )
        )
        ids = [row[0] for row in self.env.cr.fetchall()]
        self.invalidate_recordset(["state", "write_date", "write_uid"])
        return self.browse(ids)

    def _find_purchase_order(self, since):
        """The purchase order the replenishment wrote to since `since`, else one already on
        its way for the product into the warehouse."""
        self.ensure_one()
        domain = [
            ("product_id", "=", self.product_id.id),
            ("order_id.state", "in", ("draft", "sent", "to approve", "purchase")),
            ("order_id.picking_type_id.warehouse_id", "=", self.warehouse_id.id),
        ]
        Line = self.env["purchase.order.line"].sudo()
        line = Line.search(
            [*domain, ("write_date", ">=", since)], order="id desc", limit=1
        ) or Line.search([*domain, ("qty_received", "=", 0)], order="id desc", limit=1)
        return line.order_id

    def _place_order(self, interactive=False):
        """Order claimed alerts through their reordering rule."""
        for alert in self.sudo():
            since = self.env.cr.now()
            orderpoint = alert._get_orderpoint()
            orderpoint._replenish_stock_alert(interactive)
            order = alert._find_purchase_order(since)
            if not order:
                alert.write({"state": "open"})
                alert.message_post(
                    body=self.env._(
                        "Nothing could be ordered: check the product's vendors and its "
                        "reordering rule."
                    )
                )
                continue
            if alert.order_mode == "confirm" and order.state in ("draft", "sent"):
                order.button_confirm()
            alert.write(
                {
                    "purchase_order_id": order.id,
                    "vendor_id": order.partner_id.id,
                    "orderpoint_id": orderpoint.exists().id,
                }
            )
            link = order._get_html_link()
            alert._get_purchasing_activity().action_feedback(
                feedback=Markup(self.env._("Ordered on %(order)s.")) % {"order": link}
            )
            alert.message_post(body=Markup(self.env._("Ordered on %(order)s.")) % {"order": link})
