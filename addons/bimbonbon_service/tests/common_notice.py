# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.fields import Command


class NoticeFixtures:
    """Deliveries and returns of serials and batches, and notices about them."""

    @classmethod
    def _move_lot(cls, lot, partner, quantity=1, to_customer=True):
        """A done move of ``quantity`` of ``lot`` to (or back from) ``partner``."""
        env = cls.env
        stock = env.ref("stock.stock_location_stock")
        customers = env.ref("stock.stock_location_customers")
        source, dest = (stock, customers) if to_customer else (customers, stock)
        warehouse = env["stock.warehouse"].search([("company_id", "=", env.company.id)], limit=1)
        picking_type = warehouse.out_type_id if to_customer else warehouse.in_type_id
        picking = env["stock.picking"].create(
            {
                "picking_type_id": picking_type.id,
                "partner_id": partner.id,
                "location_id": source.id,
                "location_dest_id": dest.id,
                "move_ids": [
                    Command.create(
                        {
                            "product_id": lot.product_id.id,
                            "product_uom_qty": quantity,
                            "location_id": source.id,
                            "location_dest_id": dest.id,
                        }
                    )
                ],
            }
        )
        picking.action_confirm()
        move = picking.move_ids
        move.move_line_ids.unlink()
        env["stock.move.line"].create(
            {
                "move_id": move.id,
                "picking_id": picking.id,
                "product_id": lot.product_id.id,
                "lot_id": lot.id,
                "quantity": quantity,
                "location_id": source.id,
                "location_dest_id": dest.id,
            }
        )
        move.picked = True
        move._action_done()
        return picking

    @classmethod
    def _create_notice(cls, product_tmpl, kind="recall", **values):
        defaults = {
            "name": "Stop met het gebruik van deze mix",
            "kind": kind,
            "product_tmpl_id": product_tmpl.id,
            "body": "<p>Er kan een stukje metaal in zitten.</p>",
        }
        if kind == "recall":
            defaults.update(recall_action="stop", acknowledge_required=True)
        return cls.env["bimbonbon.product.notice"].create({**defaults, **values})
