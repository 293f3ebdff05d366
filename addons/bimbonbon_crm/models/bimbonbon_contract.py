# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import binascii
import io
import logging
import uuid

from dateutil.relativedelta import relativedelta
from PIL import Image

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import SQL, get_lang
from odoo.tools.mimetypes import guess_mimetype

from .mail_thread import CUSTOMER_MAIL_LAYOUT

try:
    from num2words import num2words
except ImportError:  # pragma: no cover - num2words is a dependency of Odoo itself
    num2words = None

_logger = logging.getLogger(__name__)

DEFAULT_REMINDER_DAYS = (90, 30, 7)
REMINDER_DAYS_PARAM = "bimbonbon_crm.contract_reminder_days"
# A drawn signature: a raster image (never SVG, which can carry scripts), checked by content.
SIGNATURE_MIMETYPES = ("image/png", "image/jpeg")
SIGNATURE_MAX_BYTES = 2 * 1024 * 1024
# States in which a contract is in force and its end date matters.
ACTIVE_STATES = ("signed", "running", "expiring")


class BimbonbonContract(models.Model):
    _name = "bimbonbon.contract"
    _description = "Customer contract"
    _inherit = ["portal.mixin", "mail.thread", "mail.activity.mixin"]  # noqa: RUF012
    _order = "date_end desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/", index="trigram"
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
    )
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id",
        store=True,
        index=True,
        string="Customer company",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        tracking=True,
        index=True,
        domain="[('share', '=', False)]",
    )
    lead_id = fields.Many2one(
        "crm.lead", string="Intake lead", index="btree_not_null", check_company=True
    )
    sale_order_id = fields.Many2one(
        "sale.order", string="Sales order", index="btree_not_null", check_company=True
    )
    line_ids = fields.One2many("bimbonbon.contract.line", "contract_id", string="Lines", copy=True)
    amount_total = fields.Monetary(
        string="Total", compute="_compute_amount_total", store=True, tracking=True
    )
    amount_in_words = fields.Char(compute="_compute_amount_in_words")
    date_start = fields.Date(string="Start date", tracking=True)
    date_end = fields.Date(string="End date", tracking=True, index=True)
    notice_period_days = fields.Integer(string="Notice period (days)", default=30)
    auto_renew = fields.Boolean(string="Automatic renewal", tracking=True)
    renewal_term_months = fields.Integer(string="Renewal term (months)", default=12)
    note = fields.Html(string="Terms")
    scan_file = fields.Binary(string="Paper contract (scan)", attachment=True, copy=False)
    scan_filename = fields.Char(copy=False)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("sent", "To sign"),
            ("signed", "Signed"),
            ("running", "Running"),
            ("expiring", "Expiring"),
            ("expired", "Expired"),
            ("renewed", "Renewed"),
            ("terminated", "Terminated"),
        ],
        default="draft",
        required=True,
        copy=False,
        tracking=True,
        index=True,
    )
    termination_reason = fields.Text(copy=False, tracking=True)
    predecessor_id = fields.Many2one(
        "bimbonbon.contract",
        string="Renewal of",
        copy=False,
        readonly=True,
        index="btree_not_null",
    )
    # The link is stored once, on the successor; at most one (see `_one_successor`).
    successor_ids = fields.One2many("bimbonbon.contract", "predecessor_id", string="Renewals")
    successor_id = fields.Many2one(
        "bimbonbon.contract", string="Renewed by", compute="_compute_successor_id"
    )
    signature = fields.Image(copy=False, attachment=True, max_width=1024, max_height=1024)
    signed_by = fields.Char(copy=False, tracking=True)
    signed_on = fields.Datetime(copy=False, tracking=True)
    signed_document_id = fields.Many2one("ir.attachment", string="Signed PDF", copy=False)
    reminder_ids = fields.One2many(
        "bimbonbon.contract.reminder", "contract_id", string="Expiry reminders", copy=False
    )
    days_to_end = fields.Integer(string="Days to end", compute="_compute_days_to_end")
    renewal_requested_on = fields.Datetime(
        copy=False,
        readonly=True,
        tracking=True,
        help="When the customer asked in the portal to renew this contract.",
    )
    portal_can_request_renewal = fields.Boolean(compute="_compute_portal_can_request_renewal")

    _date_check = models.Constraint(
        "CHECK(date_end IS NULL OR date_start IS NULL OR date_end >= date_start)",
        "The end date of a contract cannot be before its start date.",
    )
    _renewal_term_positive = models.Constraint(
        "CHECK(renewal_term_months > 0)", "The renewal term must be at least one month."
    )
    _one_successor = models.UniqueIndex(
        "(predecessor_id) WHERE predecessor_id IS NOT NULL",
        "This contract has already been renewed.",
    )

    @api.depends("line_ids.price_subtotal", "sale_order_id.amount_untaxed")
    def _compute_amount_total(self):
        for contract in self:
            if contract.line_ids:
                contract.amount_total = sum(contract.line_ids.mapped("price_subtotal"))
            else:
                contract.amount_total = contract.sale_order_id.amount_untaxed

    @api.depends("amount_total", "currency_id")
    @api.depends_context("lang")
    def _compute_amount_in_words(self):
        for contract in self:
            contract.amount_in_words = contract._amount_to_words(contract.amount_total)

    @api.depends("successor_ids")
    def _compute_successor_id(self):
        for contract in self:
            contract.successor_id = contract.successor_ids[:1]

    @api.depends("date_end")
    @api.depends_context("tz")
    def _compute_days_to_end(self):
        today = fields.Date.context_today(self)
        for contract in self:
            contract.days_to_end = (contract.date_end - today).days if contract.date_end else 0

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for contract in self:
            contract.access_url = f"/my/contracts/{contract.id}"
        return res

    @api.constrains("auto_renew", "date_start", "date_end")
    def _check_dates_for_renewal(self):
        for contract in self:
            if contract.auto_renew and not contract.date_end:
                raise ValidationError(
                    self.env._("A contract that renews automatically needs an end date.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                company = self.env["res.company"].browse(vals.get("company_id"))
                vals["name"] = (
                    self.env["ir.sequence"]
                    .with_company(company or self.env.company)
                    .next_by_code("bimbonbon.contract")
                    or "/"
                )
            # A token from the start: reminder mails link to the portal without a write each.
            vals.setdefault("access_token", str(uuid.uuid4()))
        return super().create(vals_list)

    def write(self, vals):
        res = super().write(vals)
        if "date_end" in vals:
            # A moved end date re-arms the reminders (they are keyed on the end date); a
            # contract pushed out of the reminder window is no longer "expiring".
            horizon = fields.Date.context_today(self) + relativedelta(
                days=max(self._get_reminder_offsets(), default=0)
            )
            self.filtered(
                lambda c: c.state == "expiring" and c.date_end and c.date_end > horizon
            ).write({"state": "running"})
        return res

    def _get_report_base_filename(self):
        self.ensure_one()
        return self.env._("Contract %(name)s", name=self.name)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_send(self):
        """Open the mail composer with the contract and its portal link, like a quotation."""
        self._check_staff_access("write")
        self.ensure_one()
        if self.state not in ("draft", "sent"):
            raise UserError(self.env._("Only a draft contract can be sent for signature."))
        template = self.env.ref("bimbonbon_crm.mail_template_contract_send")
        return {
            "name": self.env._("Send contract"),
            "type": "ir.actions.act_window",
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_model": self._name,
                "default_res_ids": self.ids,
                "default_template_id": template.id,
                "default_composition_mode": "comment",
                "default_email_layout_xmlid": "mail.mail_notification_light",
                "force_email": True,
                "mark_contract_as_sent": True,
            },
        }

    def _message_post_after_hook(self, message, msg_vals):
        if self.env.context.get("mark_contract_as_sent"):
            self.filtered(lambda c: c.state == "draft").write({"state": "sent"})
        return super()._message_post_after_hook(message, msg_vals)

    def action_mark_signed(self):
        """Staff: the customer signed on paper; the scan must be attached first."""
        self._check_staff_access("write")
        self.ensure_one()
        if not self.scan_file:
            raise UserError(
                self.env._("Attach the scan of the signed paper contract before marking it signed.")
            )
        self._action_signed(signed_by=self.partner_id.name)
        return True

    def action_terminate(self):
        self._check_staff_access("write")
        self.ensure_one()
        if not self.termination_reason:
            raise UserError(self.env._("Give the reason of the termination first."))
        if self.state not in ACTIVE_STATES:
            raise UserError(self.env._("Only a contract in force can be terminated."))
        self.state = "terminated"
        return True

    def action_renew(self):
        """Staff answer a renewal request (or renew on their own): a draft successor with the
        same lines for the next term, to send for signature like any contract."""
        self._check_staff_access("write")
        self.ensure_one()
        if self.successor_id:
            raise UserError(self.env._("This contract has already been renewed."))
        if self.state not in (*ACTIVE_STATES, "expired"):
            raise UserError(
                self.env._("Only a signed, running or expired contract can be renewed.")
            )
        if not self.date_end:
            raise UserError(
                self.env._(
                    "This contract has no end date, so it has no next term. Set its end date "
                    "first: the renewal starts the day after it."
                )
            )
        successor = self.create(self._prepare_manual_renewal_vals())
        self.activity_feedback(["bimbonbon_crm.mail_activity_type_contract_renewal_request"])
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": successor.id,
            "view_mode": "form",
        }

    def action_reset_draft(self):
        self._check_staff_access("write")
        self.filtered(lambda c: c.state == "sent").write({"state": "draft"})
        return True

    def action_view_successor(self):
        self._check_staff_access("read")
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.successor_id.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------------
    # Signature
    # ------------------------------------------------------------------

    def _can_be_signed(self):
        self.ensure_one()
        return self.state in ("draft", "sent")

    @api.model
    def _check_signature_image(self, signature):
        """Return ``signature`` (base64) if it is a PNG or JPEG image with something drawn on it.

        Checked by content, before anything is written: the mimetype as the bytes say, the image
        decodes, and not every pixel is the same (a blank or fully transparent canvas).

        :raise UserError: with a message for the customer
        """
        invalid = UserError(self.env._("The signature is not a valid image: please sign again."))
        if not signature or not isinstance(signature, str | bytes):
            raise invalid
        try:
            raw = base64.b64decode(signature, validate=True)
        except (binascii.Error, ValueError):
            raise invalid from None
        if not raw or len(raw) > SIGNATURE_MAX_BYTES:
            raise invalid
        if guess_mimetype(raw, default="") not in SIGNATURE_MIMETYPES:
            raise invalid
        try:
            with Image.open(io.BytesIO(raw)) as image:
                image.load()
                # seen on white paper: the portal's pad draws on a transparent canvas
                pixels = image.convert("RGBA")
                paper = Image.new("RGBA", pixels.size, (255, 255, 255, 255))
                extrema = Image.alpha_composite(paper, pixels).convert("L").getextrema()
        except (OSError, ValueError, Image.DecompressionBombError):
            raise invalid from None
        if extrema[0] == extrema[1]:
            raise UserError(self.env._("The signature is empty: please sign in the box."))
        return signature

    def _action_signed(self, signed_by, signature=None):
        """Everything that follows a signature, online or on paper.

        Stores the signed PDF on the contract, gives the responsible an activity and a mail
        ("contract ondertekend"), sends the customer a confirmation and marks the intake lead won.
        The signature is checked before anything is written and the state changes last; callers
        that catch an error run this in a savepoint (as the portal does), so nothing is half done.
        """
        self.ensure_one()
        if not self._can_be_signed():
            raise UserError(self.env._("This contract is not waiting for a signature."))
        signed_by = (signed_by or "").strip()
        if not signed_by:
            raise UserError(self.env._("Please enter your name."))
        if signature is not None:
            signature = self._check_signature_image(signature)
        today = fields.Date.context_today(self)
        vals = {"signed_by": signed_by, "signed_on": fields.Datetime.now()}
        if signature:
            vals["signature"] = signature
        self.write(vals)
        # a signed contract makes a customer (numbered, see res.partner._assign_customer_number)
        customer = self.partner_id | self.partner_id.commercial_partner_id
        customer.filtered(lambda p: not p.customer_rank)._increase_rank("customer_rank")
        self.env.flush_all()  # the PDF shows the signature
        attachment = self._store_signed_pdf()
        self.write(
            {"state": "running" if self.date_start and self.date_start <= today else "signed"}
        )
        self.message_post(
            body=self.env._("Contract signed by %(name)s.", name=signed_by),
            attachment_ids=attachment.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        if self.user_id:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=self.user_id.id,
                summary=self.env._("Contract signed: %(name)s", name=self.name),
            )
            self.env.ref("bimbonbon_crm.mail_template_contract_signed_staff").send_mail(
                self.id, force_send=False
            )
        self.env.ref("bimbonbon_crm.mail_template_contract_signed_customer").send_mail(
            self.id,
            force_send=False,
            email_values={"attachment_ids": attachment.ids},
            email_layout_xmlid=CUSTOMER_MAIL_LAYOUT,
        )
        if self.lead_id and self.lead_id.active and not self.lead_id.stage_id.is_won:
            self.lead_id.sudo().action_set_won()

    def _store_signed_pdf(self):
        self.ensure_one()
        report = self.env.ref("bimbonbon_crm.action_report_bimbonbon_contract")
        try:
            content, _type = report.sudo()._render_qweb_pdf(report.report_name, self.ids)
        except UserError as error:  # e.g. no wkhtmltopdf on this server
            _logger.warning("Signed contract %s: PDF not rendered: %s", self.name, error)
            return self.env["ir.attachment"]
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": self.env._("Contract %(name)s (signed).pdf", name=self.name),
                    "raw": content,
                    "mimetype": "application/pdf",
                    "res_model": self._name,
                    "res_id": self.id,
                }
            )
        )
        self.sudo().signed_document_id = attachment
        return attachment

    # ------------------------------------------------------------------
    # Amount in words
    # ------------------------------------------------------------------

    def _amount_to_words(self, amount):
        """The amount in words, in the language of the context (the contract report renders in
        the customer's language).

        Other languages use `res.currency.amount_to_text`. Dutch does not: it gives
        "Duizendtweehonderdvierendertig Euro's en Vijftig Cent" for 1234.50 (Title Case, and
        "euro's" where Dutch writes "euro" after an amount), which is not how a Dutch contract
        reads; so Dutch is written here with num2words (which amount_to_text uses too), in lower
        case: "duizendtweehonderdvierendertig euro en vijftig cent".
        """
        self.ensure_one()
        currency = self.currency_id or self.env.company.currency_id
        if num2words is None or not get_lang(self.env).code.startswith("nl"):
            return currency.amount_to_text(amount)
        integral, _sep, fractional = f"{amount:.{currency.decimal_places}f}".partition(".")
        words = num2words(int(integral), lang="nl")
        if currency.name == "EUR":
            unit, subunit = "euro", "cent"
        else:
            unit = (currency.currency_unit_label or currency.name).lower()
            subunit = (currency.currency_subunit_label or "").lower()
        if int(fractional or 0):
            cents = num2words(int(fractional), lang="nl")
            return f"{words} {unit} en {cents} {subunit}".strip()
        return f"{words} {unit}"

    # ------------------------------------------------------------------
    # Expiry automation
    # ------------------------------------------------------------------

    @api.model
    def _get_reminder_offsets(self):
        """Days before the end date at which reminders go out, largest first."""
        days = self.env["ir.config_parameter"]._get_day_list(
            REMINDER_DAYS_PARAM, DEFAULT_REMINDER_DAYS
        )
        return sorted(days, reverse=True)

    @api.model
    def _get_start_domain(self, today):
        return Domain("state", "=", "signed") & Domain("date_start", "<=", today)

    @api.model
    def _get_end_domain(self, today):
        """Contracts past their end date: the end date is the last valid day (a term is
        start + term - 1 day), so they end (expire or renew) the day after it."""
        return Domain("state", "in", ACTIVE_STATES) & Domain("date_end", "<", today)

    @api.model
    def _get_due_reminders(self, today, offsets, limit=None):
        """Contracts with at least one reminder offset due and not yet applied to their end date.

        :return: list of (contract id, due offsets not yet applied) ordered by contract id;
            the smallest offset of each is the one to send (see `_send_expiry_reminders`).
        """
        if not offsets:
            return []
        self.env["bimbonbon.contract"].flush_model()
        self.env["bimbonbon.contract.reminder"].flush_model()
        query = SQL(
            """
            SELECT c.id, array_agg(o.days ORDER BY o.days)
              FROM bimbonbon_contract c
              JOIN unnest(%(offsets)s::int[]) AS o(days) ON c.date_end - o.days <= %(today)s
             WHERE c.state IN %(states)s
               AND c.date_end >= %(today)s
               -- renewed ahead (staff answered a renewal request): no "ends soon" mails
               AND NOT EXISTS (
                    SELECT 1 FROM bimbonbon_contract s WHERE s.predecessor_id = c.id
               )
               AND NOT EXISTS (
                    SELECT 1 FROM bimbonbon_contract_reminder r
                     WHERE r.contract_id = c.id
                       AND r.date_end = c.date_end
                       AND r.offset_days <= o.days
               )
          GROUP BY c.id
          ORDER BY c.id
             %(limit)s
            """,
            offsets=list(offsets),
            today=today,
            states=ACTIVE_STATES,
            limit=SQL("LIMIT %s", limit) if limit else SQL(),
        )
        self.env.cr.execute(query)
        return self.env.cr.fetchall()

    def _send_expiry_reminders(self, due_offsets):
        """Apply the due reminders to the contracts in `self` (one batch).

        `due_offsets` maps contract id → the due offsets not yet applied. Only the nearest
        (smallest) one is sent; the larger ones are recorded as applied without a mail, so a
        contract that enters the window late (or a server that was down) gets one reminder,
        never several at once, and never one twice. The log rows, the activities and the
        queued mails are written in the same transaction.
        """
        if not self:
            return
        self.env["bimbonbon.contract.reminder"].sudo().create(
            [
                {
                    "contract_id": contract.id,
                    "offset_days": offset,
                    "date_end": contract.date_end,
                    "sent": offset == min(due_offsets[contract.id]),
                }
                for contract in self
                for offset in due_offsets[contract.id]
            ]
        )
        # Not tracked: a chatter message per contract would cost queries per contract; the
        # reminder log on the contract shows what was sent and when.
        self.filtered(lambda c: c.state in ("signed", "running")).with_context(
            mail_notrack=True
        ).write({"state": "expiring"})
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id(self._name)
        with_user = self.filtered("user_id")
        self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": contract.id,
                    "activity_type_id": activity_type.id,
                    "user_id": contract.user_id.id,
                    "date_deadline": contract.date_end
                    - relativedelta(days=contract.notice_period_days or 0),
                    "summary": self.env._("Contract ends soon: %(name)s", name=contract.name),
                }
                for contract in with_user
            ]
        )
        if with_user:
            self.env.ref("bimbonbon_crm.mail_template_contract_reminder_staff").send_mail_batch(
                with_user.ids, force_send=False
            )
        self.env.ref("bimbonbon_crm.mail_template_contract_reminder_customer").send_mail_batch(
            self.ids, force_send=False, email_layout_xmlid=CUSTOMER_MAIL_LAYOUT
        )

    # ------------------------------------------------------------------
    # Renewal requested by the customer
    # ------------------------------------------------------------------

    @api.depends("state", "auto_renew", "date_end", "successor_id", "renewal_requested_on")
    def _compute_portal_can_request_renewal(self):
        for contract in self:
            # An open-ended contract has no next term to ask for.
            contract.portal_can_request_renewal = (
                contract.state in (*ACTIVE_STATES, "expired")
                and contract.date_end
                and not contract.auto_renew
                and not contract.successor_id
                and not contract.renewal_requested_on
            )

    def _get_renewal_request_summary(self):
        return self.env._("Renewal requested: %(name)s", name=self.name)

    def _action_request_renewal(self, requested_by):
        """The customer asks to renew (from the link in the expiry reminder): the responsible
        gets a to-do and the chatter says who asked. Asking twice changes nothing."""
        self.ensure_one()
        if not self.portal_can_request_renewal:
            return False
        self.renewal_requested_on = fields.Datetime.now()
        self.message_post(
            body=self.env._(
                "%(name)s asked to renew this contract in the portal.", name=requested_by.name
            ),
            author_id=requested_by.id,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        if self.user_id:
            self.activity_schedule(
                "bimbonbon_crm.mail_activity_type_contract_renewal_request",
                user_id=self.user_id.id,
                summary=self._get_renewal_request_summary(),
                note=self.env._("Offer the customer a new contract (button Renew)."),
            )
        return True

    def _prepare_manual_renewal_vals(self):
        """A renewal by staff: a draft to send for signature like any contract."""
        self.ensure_one()
        return dict(self._prepare_renewal_vals()[0], state="draft")

    def _prepare_renewal_vals(self):
        """Values of the successors of `self` (one per contract, in order): a copy of the
        contract (lines included, see the fields' `copy`) for the next term, starting the day
        after its end date, already signed (running if that day has come)."""
        today = fields.Date.context_today(self)
        vals_list = self.copy_data()
        for contract, vals in zip(self, vals_list, strict=True):
            date_start = contract.date_end + relativedelta(days=1)
            vals.update(
                date_start=date_start,
                date_end=date_start + relativedelta(months=contract.renewal_term_months, days=-1),
                predecessor_id=contract.id,
                state="running" if date_start <= today else "signed",
            )
        return vals_list

    def _end_contracts(self):
        """After the end date: renew the contracts that renew automatically, expire the others."""
        to_renew = self.filtered(lambda c: c.auto_renew and not c.successor_id)
        (self - to_renew).with_context(mail_notrack=True).write({"state": "expired"})
        if not to_renew:
            return
        self.create(to_renew._prepare_renewal_vals())
        to_renew.write({"state": "renewed"})
        self.env.ref("bimbonbon_crm.mail_template_contract_renewed_customer").send_mail_batch(
            to_renew.ids, force_send=False, email_layout_xmlid=CUSTOMER_MAIL_LAYOUT
        )
        staff = to_renew.filtered("user_id")
        if staff:
            self.env.ref("bimbonbon_crm.mail_template_contract_renewed_staff").send_mail_batch(
                staff.ids, force_send=False
            )

    @api.model
    def _cron_contract_expiry(self, batch_size=500):
        """Daily: start signed contracts, send the expiry reminders, end or renew contracts.

        Each batch is committed through `ir.cron._commit_progress` together with what records it
        (the state, the reminder log rows), so a second run or a run after a crash mid-batch
        sends nothing twice and loses nothing.
        """
        today = fields.Date.context_today(self)
        offsets = self._get_reminder_offsets()
        cron = self.env["ir.cron"]
        start_domain = self._get_start_domain(today)
        end_domain = self._get_end_domain(today)
        remaining = (
            self.search_count(start_domain)
            + len(self._get_due_reminders(today, offsets))
            + self.search_count(end_domain)
        )
        if not cron._commit_progress(remaining=remaining):
            return
        # 1. signed contracts whose start date has come are running.
        while contracts := self.search(start_domain, limit=batch_size, order="id"):
            contracts.with_context(mail_notrack=True).write({"state": "running"})
            if not cron._commit_progress(len(contracts)):
                return
        # 2. expiry reminders, one offset per contract and run at most.
        while due := self._get_due_reminders(today, offsets, limit=batch_size):
            due_offsets = dict(due)
            self.browse(list(due_offsets))._send_expiry_reminders(due_offsets)
            if not cron._commit_progress(len(due)):
                return
        # 3. contracts at their end date renew or expire.
        while contracts := self.search(end_domain, limit=batch_size, order="id"):
            contracts._end_contracts()
            if not cron._commit_progress(len(contracts)):
                return
