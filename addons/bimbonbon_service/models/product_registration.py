# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

import psycopg2
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import escape_psql

_logger = logging.getLogger(__name__)


class ProductRegistration(models.Model):
    _name = "bimbonbon.product.registration"
    _description = "Product registration"
    _inherit = ("mail.thread", "mail.activity.mixin", "portal.mixin")
    _order = "registration_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
    )
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id", store=True, index=True
    )
    partner_state_id = fields.Many2one(related="partner_id.state_id", string="Region", store=True)
    partner_city = fields.Char(related="partner_id.city", string="City", store=True)
    product_id = fields.Many2one(
        comodel_name="product.product",
        required=True,
        index=True,
        check_company=True,
        domain="[('is_registrable', '=', True)]",
    )
    product_tmpl_id = fields.Many2one(related="product_id.product_tmpl_id", store=True, index=True)
    lot_id = fields.Many2one(
        comodel_name="stock.lot",
        string="Serial or batch",
        required=True,
        index=True,
        check_company=True,
        domain="[('product_id', '=', product_id)]",
    )
    is_serial = fields.Boolean(
        compute="_compute_is_serial",
        store=True,
        help="A serial number has one active owner; a batch code may be registered by many.",
    )
    registration_date = fields.Date(default=fields.Date.context_today, required=True, index=True)
    purchase_date = fields.Date()
    purchase_place = fields.Char(string="Place of purchase")
    proof_of_purchase = fields.Binary(attachment=True, copy=False)
    proof_of_purchase_filename = fields.Char()
    channel = fields.Selection(
        selection=[
            ("qr", "QR code"),
            ("portal", "Portal"),
            ("staff", "Staff"),
            ("phone", "Phone"),
            ("delivery", "Delivery"),
        ],
        required=True,
        default="staff",
    )
    warranty_end_date = fields.Date(
        compute="_compute_warranty_end_date",
        store=True,
        readonly=False,
        tracking=True,
        help="Purchase date (or registration date) plus the product's warranty term.",
    )
    warranty_state = fields.Selection(
        selection=[
            ("in_warranty", "In warranty"),
            ("expired", "Warranty expired"),
            ("none", "No warranty"),
        ],
        compute="_compute_warranty_state",
        search="_search_warranty_state",
    )
    marketing_consent = fields.Boolean(
        help="The customer agrees to receive offers about this product."
    )
    state = fields.Selection(
        selection=[
            ("registered", "Registered"),
            ("cancelled", "Cancelled"),
            ("fraud", "Rejected as fraud"),
        ],
        required=True,
        default="registered",
        tracking=True,
        index=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company", required=True, default=lambda self: self.env.company
    )
    ticket_ids = fields.One2many(
        comodel_name="helpdesk.ticket", inverse_name="registration_id", string="Tickets"
    )
    ticket_count = fields.Integer(compute="_compute_ticket_count")

    _lot_serial_owner_uniq = models.UniqueIndex(
        "(lot_id) WHERE state = 'registered' AND is_serial",
        "This serial number is already registered.",
    )

    @api.depends("product_id.display_name", "lot_id.name")
    def _compute_name(self):
        for registration in self:
            registration.name = " - ".join(
                filter(None, [registration.product_id.display_name, registration.lot_id.name])
            )

    @api.depends("product_id.tracking")
    def _compute_is_serial(self):
        for registration in self:
            registration.is_serial = registration.product_id.tracking == "serial"

    @api.depends("purchase_date", "registration_date", "product_tmpl_id.warranty_months")
    def _compute_warranty_end_date(self):
        for registration in self:
            months = registration.product_tmpl_id.warranty_months
            start = registration.purchase_date or registration.registration_date
            registration.warranty_end_date = (
                start + relativedelta(months=months) if months and start else False
            )

    @api.depends("warranty_end_date")
    def _compute_warranty_state(self):
        today = fields.Date.context_today(self)
        for registration in self:
            if not registration.warranty_end_date:
                registration.warranty_state = "none"
            elif registration.warranty_end_date >= today:
                registration.warranty_state = "in_warranty"
            else:
                registration.warranty_state = "expired"

    def _search_warranty_state(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        today = fields.Date.context_today(self)
        domains = {
            "none": Domain("warranty_end_date", "=", False),
            "in_warranty": Domain("warranty_end_date", ">=", today),
            "expired": Domain("warranty_end_date", "<", today),
        }
        domain = Domain.OR(domains[v] for v in value if v in domains)
        return domain if operator == "in" else ~domain

    def _compute_ticket_count(self):
        counts = dict(
            self.env["helpdesk.ticket"]._read_group(
                [("registration_id", "in", self.ids)], ["registration_id"], ["__count"]
            )
        )
        for registration in self:
            registration.ticket_count = counts.get(registration, 0)

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for registration in self:
            registration.access_url = f"/my/products/{registration.id}"
        return res

    @api.constrains("lot_id", "product_id")
    def _check_lot_product(self):
        for registration in self:
            if registration.lot_id.product_id != registration.product_id:
                raise ValidationError(
                    self.env._(
                        "Code %(code)s does not belong to %(product)s.",
                        code=registration.lot_id.name,
                        product=registration.product_id.display_name,
                    )
                )

    def action_cancel(self):
        self._check_staff_access("write")
        self.write({"state": "cancelled"})

    def action_mark_fraud(self):
        self._check_staff_access("write")
        self.write({"state": "fraud"})

    def action_reset_registered(self):
        self._check_staff_access("write")
        self.write({"state": "registered"})

    def action_view_tickets(self):
        self._check_staff_access("read")
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_mgmt.helpdesk_ticket_action"
        )
        action["domain"] = [("registration_id", "=", self.id)]
        action["context"] = {
            "default_registration_id": self.id,
            "default_partner_id": self.partner_id.id,
        }
        return action

    # ------------------------------------------------------------------
    # Registration API (used by the portal controllers and the staff)
    # ------------------------------------------------------------------

    @api.model
    def _normalize_code(self, code):
        """The code as typed, without surrounding or doubled white space."""
        return " ".join((code or "").split())

    @api.model
    def _find_lot(self, code, product=None):
        """Return the registrable lot named ``code`` (of ``product`` if given).

        The code must match a serial number or batch code exactly, case aside: it is never
        used as a pattern, so ``%`` or ``_`` find nothing. The messages name only what the
        customer typed, never another unit or its owner.

        :raise UserError: unknown code or wrong product.
        """
        code = self._normalize_code(code)
        if not code:
            raise UserError(self.env._("Please enter the serial number or batch code."))
        Lot = self.env["stock.lot"].sudo()
        domain = Domain("product_id.is_registrable", "=", True) & Domain(
            "company_id", "in", [False, *self.env.companies.ids]
        )
        lots = Lot.search(domain & Domain("name", "=", code), limit=10)
        if not lots:
            # case-insensitive, but exact: the code is escaped, so it is no wildcard
            lots = Lot.search(domain & Domain("name", "=ilike", escape_psql(code)), limit=10)
        if not lots:
            raise UserError(
                self.env._(
                    "Unknown code %(code)s: please check the serial number or batch code "
                    "on the product or its packaging.",
                    code=code,
                )
            )
        if product:
            lots = lots.filtered(lambda lot: lot.product_id == product)
            if not lots:
                raise UserError(
                    self.env._(
                        "Code %(code)s does not belong to %(product)s: please check the "
                        "product you chose.",
                        code=code,
                        product=product.display_name,
                    )
                )
        return lots[:1]

    @api.model
    def _register_code(self, partner, code, product=None, channel="portal", values=None):
        """Register the unit with serial number or batch code ``code`` for ``partner``.

        :return: the new registration (sudo)
        :raise UserError: unknown code, wrong product or already registered.
        """
        lot = self._find_lot(code, product=product)
        return self._register_lot(partner, lot, channel=channel, values=values)

    @api.model
    def _register_lot(self, partner, lot, channel="portal", values=None):
        """Register ``lot`` for ``partner``; one active owner per serial number.

        The partial unique index decides between two concurrent registrations of one serial:
        the loser's insert fails inside a savepoint, which is turned into a clear message and a
        review activity for customer service. The activity survives when the caller catches the
        error (as the portal does) and commits.

        :param values: optional purchase_date, purchase_place, proof_of_purchase,
            proof_of_purchase_filename, marketing_consent
        :return: the new registration (sudo)
        """
        lot = lot.sudo()
        if not lot or not lot.product_id.is_registrable:
            raise UserError(self.env._("This product cannot be registered."))
        allowed = {
            "purchase_date",
            "purchase_place",
            "proof_of_purchase",
            "proof_of_purchase_filename",
            "marketing_consent",
        }
        vals = {key: value for key, value in (values or {}).items() if key in allowed}
        vals.update(
            partner_id=partner.id,
            product_id=lot.product_id.id,
            lot_id=lot.id,
            channel=channel,
            company_id=(lot.company_id or partner.company_id or self.env.company).id,
        )
        Registration = self.sudo()
        if lot.product_id.tracking == "serial":
            existing = Registration.search(
                [("lot_id", "=", lot.id), ("state", "=", "registered")], limit=1
            )
            if existing:
                return self._refuse_serial(partner, lot, existing)
        try:
            with self.env.cr.savepoint():
                registration = Registration.create(vals)
                registration.flush_recordset()
        except psycopg2.IntegrityError as error:
            if error.pgcode != psycopg2.errorcodes.UNIQUE_VIOLATION:
                raise
            _logger.info("Concurrent registration of serial %s refused", lot.id)
            return self._refuse_serial(partner, lot, Registration.browse())
        registration.message_subscribe(partner_ids=partner.ids)
        # a registration makes a customer (numbered, see bimbonbon_crm's res.partner)
        owners = partner | partner.commercial_partner_id
        owners.filtered(lambda p: not p.customer_rank)._increase_rank("customer_rank")
        return registration

    @api.model
    def _refuse_serial(self, partner, lot, existing, claimant=None):
        """Create the customer service review task, then refuse with a clear message.

        :param claimant: who tried, when there is no partner yet (a visitor's name and e-mail)
        """
        if partner and existing.commercial_partner_id == partner.commercial_partner_id:
            raise UserError(
                self.env._("You have already registered serial number %(code)s.", code=lot.name)
            )
        lot.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=self.env._("Review registration: ownership transfer or fraud?"),
            note=self.env._(
                "%(partner)s tried to register serial number %(code)s of %(product)s, which "
                "is already registered to another customer.",
                partner=claimant or partner.display_name,
                code=lot.name,
                product=lot.product_id.display_name,
            ),
            user_id=self._get_review_user().id,
        )
        raise UserError(
            self.env._(
                "Serial number %(code)s is already registered. Our customer service will "
                "contact you about it.",
                code=lot.name,
            )
        )

    @api.model
    def _get_review_user(self):
        """The customer service user who reviews refused serial registrations."""
        user = self.env.ref("bimbonbon_crm.group_customer_service")._get_department_users()[:1]
        return user or self.env.ref("base.user_admin")

    # ------------------------------------------------------------------
    # Registered without asking: our own deliveries and their returns
    # ------------------------------------------------------------------

    @api.model
    def _get_delivery_customer(self, move_line):
        """The customer a move line delivers to (or comes back from): the customer of the sale
        when there is one, else the company (or person) of the transfer's partner."""
        move = move_line.move_id
        return (
            move.sale_line_id.order_id.partner_id
            or (move_line.picking_id.partner_id or move.partner_id).commercial_partner_id
        )

    @api.model
    def _get_delivery_purchase_date(self, move_line):
        """The purchase date of a delivered unit: the date of its sale, else of the delivery."""
        order = move_line.move_id.sale_line_id.order_id
        return fields.Date.context_today(self, timestamp=order.date_order or move_line.date)

    @api.model
    def _register_delivered(self, move_lines):
        """Register the units and batches of done ``move_lines`` delivered to a customer.

        Set-based: one search for the registrations that exist, one create; the same unit
        delivered again to the same customer (a backorder, a second validation) is not
        registered twice, and a serial number registered to someone else is left alone.

        :return: the new registrations (sudo)
        """
        # sudo: whoever validates (the warehouse) need not read sales or registrations
        lines = move_lines.sudo().filtered(
            lambda ml: ml.state == "done"
            and ml.lot_id
            and ml.location_dest_id.usage == "customer"
            and ml.location_id.usage != "customer"
            and ml.product_id.is_registrable
            and ml.product_id.register_on_delivery
        )
        wanted = {}
        for line in lines:
            partner = self._get_delivery_customer(line)
            if partner:
                wanted.setdefault((line.lot_id, partner), line)
        Registration = self.sudo().with_context(
            mail_create_nolog=True, mail_create_nosubscribe=True, tracking_disable=True
        )
        if not wanted:
            return Registration.browse()
        existing = Registration.search(
            [("lot_id", "in", lines.lot_id.ids), ("state", "=", "registered")]
        )
        owned = {(reg.lot_id, reg.commercial_partner_id) for reg in existing}
        owned_serials = {reg.lot_id for reg in existing if reg.is_serial}
        vals_list = []
        for (lot, partner), line in wanted.items():
            if (lot, partner.commercial_partner_id) in owned or lot in owned_serials:
                continue
            owned.add((lot, partner.commercial_partner_id))
            if lot.product_id.tracking == "serial":
                owned_serials.add(lot)
            vals_list.append(
                {
                    "partner_id": partner.id,
                    "product_id": lot.product_id.id,
                    "lot_id": lot.id,
                    "channel": "delivery",
                    "purchase_date": self._get_delivery_purchase_date(line),
                    "purchase_place": line.company_id.name,
                    "company_id": (lot.company_id or line.company_id).id,
                }
            )
        registrations = Registration.create(vals_list)
        for partner, partner_registrations in registrations.grouped("partner_id").items():
            partner_registrations.message_subscribe(partner_ids=partner.ids)
        partners = registrations.partner_id | registrations.commercial_partner_id
        partners.filtered(lambda p: not p.customer_rank)._increase_rank("customer_rank")
        return registrations

    @api.model
    def _end_returned(self, move_lines):
        """End the registrations of units and batches that came back from a customer.

        A serial number that is back with us has no owner any more. A batch registration of
        the returning customer ends once everything we delivered of that batch to them came
        back. Set-based, in a constant number of queries.

        :return: the ended registrations (sudo)
        """
        lines = move_lines.sudo().filtered(
            lambda ml: ml.state == "done"
            and ml.lot_id
            and ml.location_id.usage == "customer"
            and ml.location_dest_id.usage != "customer"
        )
        Registration = self.sudo()
        if not lines:
            return Registration.browse()
        active = Registration.search(
            [("lot_id", "in", lines.lot_id.ids), ("state", "=", "registered")]
        )
        ended = active.filtered("is_serial")
        batch_regs = active - ended
        if batch_regs:
            returned = {
                (line.lot_id, self._get_delivery_customer(line).commercial_partner_id)
                for line in lines
            }
            batch_regs = batch_regs.filtered(
                lambda reg: (reg.lot_id, reg.commercial_partner_id) in returned
            )
        if batch_regs:
            balance = dict.fromkeys(
                ((reg.lot_id, reg.commercial_partner_id) for reg in batch_regs), 0.0
            )
            history = (
                self.env["stock.move.line"]
                .sudo()
                .search(
                    [
                        ("lot_id", "in", batch_regs.lot_id.ids),
                        ("state", "=", "done"),
                        "|",
                        ("location_id.usage", "=", "customer"),
                        ("location_dest_id.usage", "=", "customer"),
                    ]
                )
            )
            for line in history:
                key = (line.lot_id, self._get_delivery_customer(line).commercial_partner_id)
                if key in balance:
                    sign = 1 if line.location_dest_id.usage == "customer" else -1
                    balance[key] += sign * line.quantity_product_uom
            ended |= batch_regs.filtered(
                lambda reg: balance[(reg.lot_id, reg.commercial_partner_id)] <= 0
            )
        if ended:
            ended.with_context(tracking_disable=True).write({"state": "cancelled"})
            ended._message_log_batch(
                dict.fromkeys(
                    ended.ids,
                    self.env._("Registration ended: the product came back to us (return)."),
                )
            )
        return ended
