# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.tools import SQL


class BimbonbonStockAlertCheck(models.Model):
    """A product whose stock changed in a warehouse, waiting for the stock-alert cron.

    The stock.move hooks only insert rows here (one query per batch of moves, no lock on
    shared rows) and trigger the cron; the cron takes them in batches, sets the alerts'
    levels, notifies and orders, and commits per batch. Rows are plain, not deduplicated:
    the cron's work is idempotent.
    """

    _name = "bimbonbon.stock.alert.check"
    _description = "Stock alert: product to check"
    _log_access = False
    _order = "id"

    product_id = fields.Many2one("product.product", required=True, ondelete="cascade")
    warehouse_id = fields.Many2one("stock.warehouse", required=True, ondelete="cascade")

    # ------------------------------------------------------------------
    # Recording (in the user's transaction)
    # ------------------------------------------------------------------

    @api.model
    def _record_moves(self, moves):
        """Queue the storable products of `moves` in the warehouses the moves touch."""
        if not moves or self.env.context.get("bimbonbon_stock_alert_skip"):
            return
        moves.flush_recordset(["product_id", "location_id", "location_dest_id"])
        self.env.cr.execute(
            SQL(
                """INSERT INTO bimbonbon_stock_alert_check (product_id, warehouse_id)
                   SELECT DISTINCT move.product_id, location.warehouse_id
                     FROM stock_move move
                     JOIN stock_location location
                       ON location.id IN (move.location_id, move.location_dest_id)
                     JOIN product_product product ON product.id = move.product_id
                     JOIN product_template template ON template.id = product.product_tmpl_id
                    WHERE move.id = ANY(%s)
                      AND location.warehouse_id IS NOT NULL
                      AND template.is_storable""",
                moves.ids,
            )
        )
        if self.env.cr.rowcount:
            cron = self.env["bimbonbon.stock.alert"]._ref(
                "bimbonbon_stock_alerts.ir_cron_process_stock_alerts"
            )
            cron._trigger()

    @api.model
    def _record_all(self):
        """Queue every storable product where it has stock, a reordering rule, an open
        alert or a pending outgoing move. One query."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """INSERT INTO bimbonbon_stock_alert_check (product_id, warehouse_id)
                   SELECT pairs.product_id, pairs.warehouse_id FROM (
                       SELECT quant.product_id, location.warehouse_id
                         FROM stock_quant quant
                         JOIN stock_location location ON location.id = quant.location_id
                        WHERE location.usage = 'internal'
                        UNION
                       SELECT product_id, warehouse_id FROM stock_warehouse_orderpoint
                        WHERE active
                        UNION
                       SELECT product_id, warehouse_id FROM bimbonbon_stock_alert
                        WHERE state != 'resolved'
                        UNION
                       SELECT move.product_id, location.warehouse_id
                         FROM stock_move move
                         JOIN stock_location location ON location.id = move.location_id
                        WHERE move.state NOT IN ('draft', 'done', 'cancel')
                   ) pairs
                   JOIN product_product product ON product.id = pairs.product_id
                   JOIN product_template template ON template.id = product.product_tmpl_id
                  WHERE pairs.warehouse_id IS NOT NULL AND template.is_storable
                  ORDER BY pairs.product_id"""
            )
        )

    # ------------------------------------------------------------------
    # Processing (in the cron)
    # ------------------------------------------------------------------

    @api.model
    def _pop(self, limit):
        """Take (and delete) up to `limit` queued rows no other worker holds; a rollback
        puts them back. Returns {warehouse: products}."""
        self.env.cr.execute(
            SQL(
                """DELETE FROM bimbonbon_stock_alert_check WHERE id IN (
                       SELECT id FROM bimbonbon_stock_alert_check ORDER BY id
                        LIMIT %s FOR UPDATE SKIP LOCKED)
                   RETURNING product_id, warehouse_id""",
                limit,
            )
        )
        product_ids = defaultdict(set)
        for product_id, warehouse_id in self.env.cr.fetchall():
            product_ids[warehouse_id].add(product_id)
        return {
            self.env["stock.warehouse"].browse(warehouse_id): self.env["product.product"].browse(
                sorted(ids)
            )
            for warehouse_id, ids in product_ids.items()
        }

    @api.model
    def _get_thresholds(self, products, warehouse):
        """{product: threshold}: the product's own threshold, otherwise the minimum of its
        reordering rule in the warehouse. One query."""
        thresholds = {}
        for orderpoint in (
            self.env["stock.warehouse.orderpoint"]
            .sudo()
            .search_fetch(
                [("product_id", "in", products.ids), ("warehouse_id", "=", warehouse.id)],
                ["product_id", "product_min_qty"],
                order="id",
            )
        ):
            thresholds.setdefault(orderpoint.product_id, orderpoint.product_min_qty)
        for product in products:
            if product.stock_alert_threshold > 0:
                thresholds[product] = product.stock_alert_threshold
        return thresholds

    @api.model
    def _get_levels(self, products, warehouse):
        """{product: (level or False, values)} for `products` in `warehouse`: a constant
        number of queries whatever the number of products."""
        Alert = self.env["bimbonbon.stock.alert"]
        products = products.with_context(active_test=False).filtered(
            lambda p: p.is_storable and p.company_id in (warehouse.company_id, p.env["res.company"])
        )
        quantities = products.with_context(warehouse_id=warehouse.id)._compute_quantities_dict(
            None, None, None
        )
        thresholds = self._get_thresholds(products, warehouse)
        levels = {}
        for product in products:
            values = {
                "qty_on_hand": quantities[product.id]["qty_available"],
                "qty_forecast": quantities[product.id]["virtual_available"],
                "threshold": thresholds.get(product, 0.0),
            }
            # Nobody reorders an archived product: no alert, and its open one is resolved.
            level = product.active and Alert._get_level(
                values["qty_on_hand"], values["qty_forecast"], values["threshold"], product.uom_id
            )
            levels[product] = (level, values)
        return levels

    @api.model
    def _process(self, limit):
        """Process one batch of the queue; returns the number of rows taken."""
        batch = self._pop(limit)
        Alert = self.env["bimbonbon.stock.alert"].sudo()
        for warehouse, products in batch.items():
            Alert._apply_levels(warehouse, self._get_levels(products.sudo(), warehouse.sudo()))
        return sum(len(products) for products in batch.values())

    @api.model
    def _cron_process_stock_alerts(self):
        """Triggered by the stock.move hooks and the full check: work off the queue,
        committed per batch. Only this cron works the queue, and Odoo never runs one cron
        twice at once (on one server or several): two workers would take different queue
        rows of the same product and race on its alert."""
        limit = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("bimbonbon_stock_alerts.cron_batch_size", 1000)
        )
        while done := self._process(limit):
            self.env.invalidate_all()
            remaining = self.sudo().search_count([])
            if self.env["ir.cron"]._commit_progress(done, remaining=remaining) <= 0:
                break

    @api.model
    def _cron_check_stock_alerts(self):
        """The scheduled check of every product: catches what no move recorded (a new
        threshold, a cancelled delivery) and resolves what came back. It queues them and
        wakes the processing cron, which does the work."""
        self._record_all()
        self.env["bimbonbon.stock.alert"]._ref(
            "bimbonbon_stock_alerts.ir_cron_process_stock_alerts"
        )._trigger()
