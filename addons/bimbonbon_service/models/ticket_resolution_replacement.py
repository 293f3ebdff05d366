# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command, Domain


# pylint: disable=consider-merging-classes-inherited
# One file per kind of resolution (its document, its status, its cancellation): the shared
# part is in ticket_resolution.py.
class TicketResolutionReplacement(models.Model):
    """Vervangen: a new unit for the customer, on a sale order delivered from stock. The new
    serial is registered to the customer on delivery, and the old registration ends."""

    _inherit = "bimbonbon.ticket.resolution"

    sale_order_id = fields.Many2one(
        comodel_name="sale.order", string="Replacement order", readonly=True, copy=False
    )
    new_registration_id = fields.Many2one(
        comodel_name="bimbonbon.product.registration",
        string="Registration of the new unit",
        readonly=True,
        copy=False,
    )

    _sale_order_uniq = models.UniqueIndex("(sale_order_id) WHERE sale_order_id IS NOT NULL")

    def _create_replacement(self):
        """A sale order of the same product for the customer, at zero price under warranty
        (else at the price of their price list), confirmed: delivered from stock."""
        if not self.registration_id:
            raise UserError(self.env._("Choose the registered product on the ticket first."))
        product = self.registration_id.product_id
        line_vals = {"product_id": product.id, "product_uom_qty": 1.0}
        if self.in_warranty:
            line_vals["price_unit"] = 0.0
        order = (
            self.env["sale.order"]
            .sudo()
            .create(
                {
                    "partner_id": self.partner_id.id,
                    "company_id": self.company_id.id,
                    "user_id": self.env.user.id,
                    "origin": self.ticket_id.number,
                    "client_order_ref": self.ticket_id.number,
                    "order_line": [Command.create(line_vals)],
                }
            )
        )
        order.action_confirm()
        self._reserve_unregistered_units(order)
        order.message_post_with_source(
            "mail.message_origin_link",
            render_values={"self": order, "origin": self.ticket_id},
            subtype_xmlid="mail.mt_note",
        )
        return {"sale_order_id": order.id}

    @api.model
    def _reserve_unregistered_units(self, order):
        """A replacement is a new unit: when the delivery reserved a serial number registered
        to a customer (the faulty unit itself, or another owner's unit back in stock), reserve
        a free, unregistered serial number from the same location instead."""
        lines = order.picking_ids.move_line_ids.filtered(
            lambda ml: ml.lot_id and ml.product_id.tracking == "serial"
        )
        if not lines:
            return
        Registration = self.env["bimbonbon.product.registration"].sudo()
        registered = Domain("state", "=", "registered") & Domain("is_serial", "=", True)
        owned = Registration.search(registered & Domain("lot_id", "in", lines.lot_id.ids)).lot_id
        taken = lines.lot_id
        for line in lines.filtered(lambda ml: ml.lot_id in owned):
            quants = (
                self.env["stock.quant"]
                .sudo()
                .search(
                    [
                        ("product_id", "=", line.product_id.id),
                        ("location_id", "child_of", line.location_id.id),
                        ("lot_id", "not in", taken.ids),
                        (
                            "lot_id",
                            "not in",
                            Registration._search(
                                registered & Domain("product_id", "=", line.product_id.id)
                            ).subselect("lot_id"),
                        ),
                        ("quantity", ">", 0),
                    ],
                    order="in_date, id",
                    limit=20,
                )
            )
            free = quants.filtered(lambda q: q.quantity > q.reserved_quantity)[:1]
            if free:
                line.write({"lot_id": free.lot_id.id, "location_id": free.location_id.id})
                taken |= free.lot_id

    def _get_replacement_document(self):
        return self.sale_order_id

    def _get_replacement_status(self):
        """Done when the deliveries to the customer are done (a unit that left is delivered,
        whatever happens to the order after); cancelled with its order when nothing left."""
        order = self.sale_order_id.sudo()
        pickings = order.picking_ids.filtered(lambda p: p.picking_type_code == "outgoing")
        delivered = pickings.filtered(lambda p: p.state == "done")
        if delivered and all(p.state in ("done", "cancel") for p in pickings):
            return "done"
        return "cancelled" if order.state == "cancel" and not delivered else False

    def _cancel_replacement(self):
        """Cancel the order and its delivery, unless a unit already left."""
        order = self.sale_order_id.sudo()
        if any(p.state == "done" for p in order.picking_ids):
            raise UserError(
                self.env._(
                    "The replacement of %(ticket)s has been delivered: start a return instead.",
                    ticket=self.ticket_id.number,
                )
            )
        if order.state != "cancel":
            order._action_cancel()

    def _finish_replacement(self):
        """The new unit is registered to the customer (by the delivery); the old one ends."""
        self.ensure_one()
        lots = self.sale_order_id.picking_ids.move_line_ids.filtered(
            lambda ml: ml.state == "done" and ml.location_dest_id.usage == "customer"
        ).lot_id
        Registration = self.env["bimbonbon.product.registration"].sudo()
        new = Registration.search(
            [
                ("lot_id", "in", lots.ids),
                ("state", "=", "registered"),
                ("commercial_partner_id", "=", self.commercial_partner_id.id),
            ],
            limit=1,
        )
        old = self.registration_id.sudo()
        if old and old != new and old.state == "registered":
            old.state = "cancelled"
            old.message_post(
                body=self.env._(
                    "Registration ended: replaced by %(new)s (ticket %(ticket)s).",
                    new=new.display_name or self.sale_order_id.name,
                    ticket=self.ticket_id.number,
                )
            )
        self.new_registration_id = new
