# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from collections import defaultdict
from datetime import timedelta

from markupsafe import Markup
from psycopg2 import IntegrityError, errorcodes

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

from odoo.addons.stock.models.stock_rule import ProcurementException

_logger = logging.getLogger(__name__)

SHORTAGE_KINDS = ("out_of_stock", "short_for_orders")


class BimbonbonStockAlert(models.Model):
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
    kind = fields.Selection(
        [
            ("nearly_out", "Nearly out"),
            ("out_of_stock", "Out of stock"),
            ("short_for_orders", "Short for orders"),
        ],
        required=True,
        readonly=True,
    )
    state = fields.Selection(
        [("open", "Open"), ("ordered", "Ordered"), ("resolved", "Resolved")],
        default="open",
        required=True,
        index=True,
        tracking=True,
    )
    qty_on_hand = fields.Float("On hand at alert", digits="Product Unit", readonly=True)
    qty_forecast = fields.Float("Forecast at alert", digits="Product Unit", readonly=True)
    threshold = fields.Float(digits="Product Unit", readonly=True)
    uom_id = fields.Many2one(related="product_id.uom_id")
    purchase_order_id = fields.Many2one(
        "purchase.order",
        string="Purchase order",
        readonly=True,
        copy=False,
        tracking=True,
        index="btree_not_null",
    )
    vendor_id = fields.Many2one("res.partner", compute="_compute_vendor")
    lead_time = fields.Integer("Lead time (days)", compute="_compute_vendor")
    order_mode = fields.Selection(related="product_tmpl_id.stock_alert_order_mode")
    sale_line_ids = fields.Many2many(
        "sale.order.line",
        string="Affected order lines",
        readonly=True,
        copy=False,
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
        help="The planned receipt of the purchase order, or today plus the vendor's lead time.",
    )

    _open_alert_uniq = models.UniqueIndex(
        "(product_id, warehouse_id, kind) WHERE state != 'resolved'",
        "There is already an open alert of this kind for this product and warehouse.",
    )

    @api.depends("product_id", "warehouse_id", "kind")
    def _compute_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for alert in self:
            alert.name = (
                f"{alert.product_id.display_name} · {alert.warehouse_id.code}: "
                f"{kinds.get(alert.kind, '')}"
            )

    @api.depends("product_id", "company_id")
    def _compute_vendor(self):
        for alert in self:
            seller = alert.product_id.with_company(alert.company_id)._select_seller(
                quantity=None, ordered_by="sequence"
            )
            alert.vendor_id = seller.partner_id
            alert.lead_time = seller.delay

    @api.depends("company_id")
    def _compute_purchasing_partner_ids(self):
        """The purchasing department, to whom the template mails a new alert."""
        for alert in self:
            users = alert._get_purchasing_users() | alert.company_id.stock_alert_user_id
            alert.purchasing_partner_ids = users.partner_id

    @api.depends("sale_line_ids")
    def _compute_sale_order_ids(self):
        for alert in self:
            alert.sale_order_ids = alert.sale_line_ids.order_id
            alert.sale_order_count = len(alert.sale_order_ids)

    @api.depends("purchase_order_id.date_planned", "lead_time")
    def _compute_expected_date(self):
        now = fields.Datetime.now()
        for alert in self:
            if alert.purchase_order_id.date_planned:
                alert.expected_date = alert.purchase_order_id.date_planned
            else:
                alert.expected_date = now + timedelta(days=alert.lead_time)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_order(self):
        """The "Bestel" button: create or add to a draft RFQ for the preferred vendor."""
        self._check_staff_access("write")
        alerts = self.filtered(lambda a: a.state == "open")
        if not alerts:
            raise UserError(self.env._("Only open alerts can be ordered."))
        alerts._procure(confirm=False)
        orders = alerts.purchase_order_id
        if len(self) == 1 and orders:
            return {
                "type": "ir.actions.act_window",
                "res_model": "purchase.order",
                "res_id": orders.id,
                "view_mode": "form",
                "views": [(False, "form")],
            }
        return True

    def action_view_purchase_order(self):
        self._check_staff_access("read")
        self.ensure_one()
        self.env["purchase.order"].check_access("read")
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
        self._check_staff_access("write")
        self.write({"state": "resolved", "resolved_date": fields.Datetime.now()})

    # ------------------------------------------------------------------
    # Detection
    # ------------------------------------------------------------------

    @api.model
    def _check_moves(self, moves):
        """Check the products of a batch of stock moves in the warehouses they touch."""
        if self.env.context.get("bimbonbon_stock_alert_skip"):
            return self.browse()
        moves = moves.filtered(lambda m: m.product_id.is_storable)
        if not moves:
            return self.browse()
        # Each product only in the warehouses its own moves touch: a batch with a delivery of
        # X from WH1 and of Y from WH2 must not check X in WH2 (where it may be absent).
        products_by_warehouse = defaultdict(lambda: self.env["product.product"])
        for move in moves:
            for warehouse in move.location_id.warehouse_id | move.location_dest_id.warehouse_id:
                products_by_warehouse[warehouse] |= move.product_id
        alerts = self.browse()
        for warehouse, products in products_by_warehouse.items():
            alerts |= self._check_stock(products, warehouse)
        return alerts

    @api.model
    def _get_alert_kinds(self, qty_on_hand, qty_forecast, threshold, uom):
        """Which alerts a stock level calls for (hook)."""
        kinds = set()
        if uom.compare(qty_on_hand, 0.0) <= 0:
            kinds.add("out_of_stock")
        if uom.compare(threshold, 0.0) > 0 and uom.compare(qty_on_hand, threshold) <= 0:
            kinds.add("nearly_out")
        if uom.compare(qty_forecast, 0.0) < 0:
            kinds.add("short_for_orders")
        return kinds

    @api.model
    def _get_thresholds(self, products, warehouses):
        """{(product id, warehouse id): threshold}: the product's own threshold, otherwise
        the minimum of its reordering rule in the warehouse. One query."""
        thresholds = {}
        orderpoints = (
            self.env["stock.warehouse.orderpoint"]
            .sudo()
            .search_fetch(
                [
                    ("product_id", "in", products.ids),
                    ("warehouse_id", "in", warehouses.ids),
                ],
                ["product_id", "warehouse_id", "product_min_qty"],
                order="id",
            )
        )
        for orderpoint in orderpoints:
            key = (orderpoint.product_id.id, orderpoint.warehouse_id.id)
            thresholds.setdefault(key, orderpoint.product_min_qty)
        for product in products:
            own = product.stock_alert_threshold
            if own > 0:
                for warehouse in warehouses:
                    thresholds[product.id, warehouse.id] = own
        return thresholds

    @api.model
    def _check_stock(self, products, warehouses):
        """Open and resolve alerts for `products` in `warehouses`.

        A constant number of queries per warehouse, whatever the number of products, plus the
        work for the alerts that are new. Returns the new alerts.
        """
        self = self.sudo()
        products = products.with_context(active_test=False).filtered("is_storable")
        if not products or not warehouses:
            return self.browse()
        open_alerts = self.search_fetch(
            [
                ("product_id", "in", products.ids),
                ("warehouse_id", "in", warehouses.ids),
                ("state", "!=", "resolved"),
            ],
            ["product_id", "warehouse_id", "kind", "state"],
        )
        open_by_key = {(a.product_id.id, a.warehouse_id.id, a.kind): a for a in open_alerts}
        thresholds = self._get_thresholds(products, warehouses)
        to_create = []
        to_resolve = self.browse()
        for warehouse in warehouses:
            levels = products.with_context(warehouse_id=warehouse.id)._compute_quantities_dict(
                None, None, None
            )
            for product in products:
                if product.company_id and product.company_id != warehouse.company_id:
                    continue
                level = levels[product.id]
                threshold = thresholds.get((product.id, warehouse.id), 0.0)
                wanted = self._get_alert_kinds(
                    level["qty_available"], level["virtual_available"], threshold, product.uom_id
                )
                for kind, _label in self._fields["kind"].selection:
                    alert = open_by_key.get((product.id, warehouse.id, kind))
                    if kind in wanted and not alert:
                        to_create.append(
                            {
                                "product_id": product.id,
                                "warehouse_id": warehouse.id,
                                "kind": kind,
                                "qty_on_hand": level["qty_available"],
                                "qty_forecast": level["virtual_available"],
                                "threshold": threshold,
                            }
                        )
                    elif kind not in wanted and alert:
                        to_resolve |= alert
        if to_resolve:
            to_resolve.action_resolve()
        # Orders confirmed or quoted while a shortage is open: tell their salespeople too.
        kept = (open_alerts - to_resolve).filtered(lambda a: a.kind in SHORTAGE_KINDS)
        if kept:
            self._notify_salespeople(kept._link_sale_lines())
        alerts = self._create_alerts(to_create)
        if alerts:
            alerts._on_new_alerts()
        return alerts

    @api.model
    def _create_alerts(self, vals_list):
        """Create alerts; one that another transaction opened meanwhile is skipped."""
        if not vals_list:
            return self.browse()
        self = self.with_context(mail_create_nolog=True, tracking_disable=True)
        try:
            with self.env.cr.savepoint():
                return self.create(vals_list)
        except IntegrityError as error:
            if error.pgcode != errorcodes.UNIQUE_VIOLATION:
                raise
        alerts = self.browse()
        for vals in vals_list:
            try:
                with self.env.cr.savepoint():
                    alerts |= self.create(vals)
            except IntegrityError as error:
                if error.pgcode != errorcodes.UNIQUE_VIOLATION:
                    raise
                _logger.info(
                    "Stock alert %s for product %s in warehouse %s is already open",
                    vals["kind"],
                    vals["product_id"],
                    vals["warehouse_id"],
                )
        return alerts

    def _on_new_alerts(self):
        """Tell purchasing and sales, and order for products that order automatically."""
        self._notify_purchasing()
        self._notify_salespeople(self._link_sale_lines())
        for mode in ("draft", "confirm"):
            auto = self.filtered(lambda a, m=mode: a.product_tmpl_id.stock_alert_order_mode == m)
            if auto:
                auto._procure(confirm=mode == "confirm")

    # ------------------------------------------------------------------
    # Purchasing
    # ------------------------------------------------------------------

    def _get_purchasing_users(self):
        """The purchasing department of the alerts' companies: the members of the
        department group itself, not everyone who inherits it (management) (hook)."""
        group = self.env.ref("bimbonbon_crm.group_purchasing")
        companies = set(self.company_id.ids)
        return group.sudo().user_ids.filtered(
            lambda u: u.active and not u.share and companies & set(u.company_ids.ids)
        )

    def _get_purchasing_responsible(self, purchasing_users):
        """Who gets the activity: the product's responsible when in purchasing, else the
        company's configured responsible, else the first purchasing user."""
        self.ensure_one()
        responsible = self.product_id.with_company(self.company_id).responsible_id
        if responsible in purchasing_users:
            return responsible
        return (
            self.company_id.stock_alert_user_id
            or purchasing_users.filtered(lambda u: self.company_id in u.company_ids)[:1]
            or self.env.ref("base.user_admin")
        )

    def _notify_purchasing(self):
        purchasing_users = self._get_purchasing_users()
        by_user = defaultdict(lambda: self.browse())
        for alert in self:
            by_user[alert._get_purchasing_responsible(purchasing_users)] |= alert
        for user, alerts in by_user.items():
            alerts.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Stock alert: order in time"),
                user_id=user.id,
            )
        template = self.env.ref("bimbonbon_stock_alerts.mail_template_stock_alert_purchasing")
        template.send_mail_batch(self.ids, force_send=False)

    def _get_orderpoint(self):
        """The reordering rule of the product in the warehouse; a manual one (as Odoo's
        replenishment report creates them) when there is none."""
        self.ensure_one()
        Orderpoint = self.env["stock.warehouse.orderpoint"].sudo()
        orderpoint = Orderpoint.search(
            [("product_id", "=", self.product_id.id), ("warehouse_id", "=", self.warehouse_id.id)],
            limit=1,
        )
        if not orderpoint:
            orderpoint = Orderpoint.create(
                {
                    "product_id": self.product_id.id,
                    "warehouse_id": self.warehouse_id.id,
                    "location_id": self.warehouse_id.lot_stock_id.id,
                    "company_id": self.company_id.id,
                    "trigger": "manual",
                    "product_min_qty": self.threshold,
                    "product_max_qty": self.threshold,
                }
            )
        return orderpoint

    def _find_open_purchase_order(self):
        """A purchase order already on its way for the product into the warehouse."""
        self.ensure_one()
        line = (
            self.env["purchase.order.line"]
            .sudo()
            .search(
                [
                    ("product_id", "=", self.product_id.id),
                    ("order_id.state", "in", ("draft", "sent", "to approve", "purchase")),
                    ("order_id.picking_type_id.warehouse_id", "=", self.warehouse_id.id),
                    ("qty_received", "<", 1e-9),
                ],
                order="id desc",
                limit=1,
            )
        )
        return line.order_id

    def _procure(self, confirm=False):
        """Order through Odoo's replenishment machinery: the quantity is the reordering rule's
        maximum minus its forecast (which counts RFQs already in progress), and the rule's
        procurement (as `_procure_orderpoint_confirm` builds it) runs the buy rule, which
        creates or adds to a draft RFQ for the preferred vendor."""
        Rule = self.env["stock.rule"].sudo().with_context(from_orderpoint=True)
        for alert in self.sudo().with_context(bimbonbon_stock_alert_skip=True):
            if alert.state != "open":
                continue
            orderpoint = alert._get_orderpoint().with_company(alert.company_id)
            now = self.env.cr.now()
            order = self.env["purchase.order"]
            target = max(orderpoint.product_max_qty, orderpoint.product_min_qty, alert.threshold)
            missing = orderpoint._get_multiple_rounded_qty(target - orderpoint.qty_forecast)
            if orderpoint.product_uom.compare(missing, 0.0) > 0:
                date = orderpoint._get_orderpoint_procurement_date()
                procurement = Rule.Procurement(
                    orderpoint.product_id,
                    missing,
                    orderpoint.product_uom,
                    orderpoint.location_id,
                    orderpoint.name,
                    alert.name,
                    orderpoint.company_id,
                    orderpoint._prepare_procurement_values(date=date),
                )
                try:
                    with self.env.cr.savepoint():
                        Rule.run([procurement])
                except (UserError, ProcurementException) as error:
                    messages = getattr(error, "procurement_exceptions", None)
                    alert.message_post(
                        body="\n".join(m for _p, m in messages) if messages else str(error)
                    )
                    continue
                order = (
                    self.env["purchase.order.line"]
                    .sudo()
                    .search(
                        [("orderpoint_id", "=", orderpoint.id), ("write_date", ">=", now)],
                        order="id desc",
                        limit=1,
                    )
                    .order_id
                )
            if not order:
                order = alert._find_open_purchase_order()
            if not order:
                alert.message_post(
                    body=self.env._(
                        "Nothing could be ordered: check the product's vendors and its "
                        "reordering rule."
                    )
                )
                continue
            if confirm and order.state in ("draft", "sent"):
                order.button_confirm()
            alert.write({"purchase_order_id": order.id, "state": "ordered"})
            alert.message_post(
                body=Markup(self.env._("Ordered on %(order)s.")) % {"order": order._get_html_link()}
            )

    # ------------------------------------------------------------------
    # Sales
    # ------------------------------------------------------------------

    def _get_affected_sale_line_domain(self):
        return Domain(
            [
                ("product_id", "in", self.product_id.ids),
                ("display_type", "=", False),
                ("order_id.warehouse_id", "in", self.warehouse_id.ids),
                ("order_id.state", "in", ("draft", "sent", "sale")),
                # delivered orders stay in state sale: leave them out in SQL, not in Python
                ("order_id.delivery_status", "!=", "full"),
            ]
        )

    def _link_sale_lines(self):
        """Link the open quotation lines and undelivered order lines of the shortages'
        products; returns {alert: lines linked now}. One search for all alerts."""
        alerts = self.filtered(lambda a: a.kind in SHORTAGE_KINDS)
        if not alerts:
            return {}
        lines = alerts.env["sale.order.line"].sudo().search(alerts._get_affected_sale_line_domain())
        lines = lines.filtered(
            lambda line: line.order_id.state != "sale"
            or line.product_uom_id.compare(line.qty_delivered, line.product_uom_qty) < 0
        )
        added_by_alert = {}
        for alert in alerts:
            added = (
                lines.filtered(
                    lambda line, a=alert: line.product_id == a.product_id
                    and line.order_id.warehouse_id == a.warehouse_id
                )
                - alert.sale_line_ids
            )
            if added:
                alert.sale_line_ids = [Command.link(line.id) for line in added]
                added_by_alert[alert] = added
        return added_by_alert

    @api.model
    def _notify_salespeople(self, lines_by_alert):
        """One activity per salesperson and alert, listing their customers and orders hit."""
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        states = dict(self.env["sale.order"]._fields["state"]._description_selection(self.env))
        for alert, lines in lines_by_alert.items():
            orders_by_user = defaultdict(lambda: self.env["sale.order"])
            for order in lines.order_id:
                orders_by_user[order.user_id] |= order
            for user, orders in orders_by_user.items():
                if not user:
                    continue
                items = Markup("").join(
                    Markup("<li>%s: %s (%s)</li>")
                    % (
                        order.partner_id.display_name,
                        order.name,
                        fields.Date.to_string(order.commitment_date)
                        if order.commitment_date
                        else states[order.state],
                    )
                    for order in orders
                )
                note = Markup("<p>%s</p><ul>%s</ul><p>%s</p>") % (
                    self.env._(
                        "%(product)s is short in %(warehouse)s. These customers and orders "
                        "are affected:",
                        product=alert.product_id.display_name,
                        warehouse=alert.warehouse_id.name,
                    ),
                    items,
                    self.env._(
                        'Open an order and use "New appointment" to give the customer a new date.'
                    ),
                )
                summary = self.env._("Customers to inform about a shortage")
                existing = alert.activity_ids.filtered(
                    lambda act, u=user, s=summary: act.user_id == u
                    and act.activity_type_id == activity_type
                    and act.summary == s
                )[:1]
                if existing:
                    # Still one activity per salesperson: the later orders join its list.
                    existing.note = (existing.note or Markup("")) + Markup("<ul>%s</ul>") % items
                    continue
                alert.activity_schedule(
                    activity_type_id=activity_type.id,
                    summary=summary,
                    note=note,
                    user_id=user.id,
                )

    # ------------------------------------------------------------------
    # Scheduled check
    # ------------------------------------------------------------------

    @api.model
    def _get_cron_batch_size(self):
        return int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("bimbonbon_stock_alerts.cron_batch_size", 1000)
        )

    @api.model
    def _get_relevant_warehouses(self, products, warehouses):
        """{warehouse: products} to check: those with a reordering rule, stock, an open alert
        or a pending delivery there. Four queries per batch."""
        product_ids = products.ids
        pairs = defaultdict(set)
        for warehouse, product in (
            self.env["stock.warehouse.orderpoint"]
            .sudo()
            ._read_group(
                [("product_id", "in", product_ids), ("warehouse_id", "in", warehouses.ids)],
                ["warehouse_id", "product_id"],
            )
        ):
            pairs[warehouse].add(product.id)
        for warehouse, product in self.sudo()._read_group(
            [
                ("product_id", "in", product_ids),
                ("warehouse_id", "in", warehouses.ids),
                ("state", "!=", "resolved"),
            ],
            ["warehouse_id", "product_id"],
        ):
            pairs[warehouse].add(product.id)
        locations = (
            self.env["stock.location"]
            .sudo()
            .search_fetch(
                [("warehouse_id", "in", warehouses.ids), ("usage", "=", "internal")],
                ["warehouse_id"],
            )
        )
        warehouse_of = {loc.id: loc.warehouse_id for loc in locations}
        for location, product in (
            self.env["stock.quant"]
            .sudo()
            ._read_group(
                [("product_id", "in", product_ids), ("location_id", "in", locations.ids)],
                ["location_id", "product_id"],
            )
        ):
            pairs[warehouse_of[location.id]].add(product.id)
        for location, product in (
            self.env["stock.move"]
            .sudo()
            ._read_group(
                [
                    ("product_id", "in", product_ids),
                    ("location_id", "in", locations.ids),
                    ("state", "not in", ("draft", "done", "cancel")),
                ],
                ["location_id", "product_id"],
            )
        ):
            pairs[warehouse_of[location.id]].add(product.id)
        return pairs

    @api.model
    def _cron_check_stock_alerts(self):
        """Check every storable product: opens what detection missed and resolves what
        came back. Idempotent (one open alert per product, warehouse and kind; mails go out
        only with a new alert, in its transaction), committed per batch."""
        warehouses = self.env["stock.warehouse"].sudo().search([])
        products = (
            self.env["product.product"].sudo().search([("is_storable", "=", True)], order="id")
        )
        batch_size = self._get_cron_batch_size()
        remaining = len(products)
        for start in range(0, len(products), batch_size):
            batch = products[start : start + batch_size]
            pairs = self._get_relevant_warehouses(batch, warehouses)
            for warehouse, product_ids in pairs.items():
                self._check_stock(self.env["product.product"].browse(product_ids), warehouse)
            remaining -= len(batch)
            self.env.invalidate_all()
            if self.env["ir.cron"]._commit_progress(len(batch), remaining=remaining) <= 0:
                break
