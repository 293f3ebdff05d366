# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta
from urllib.parse import urlencode

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.fields import Domain
from odoo.tools import hash_sign, verify_hash_signed

from .mail_thread import CUSTOMER_MAIL_LAYOUT

#: Departments that only read customers (unless they are also in a writing department).
READ_ONLY_DEPARTMENTS = ("bimbonbon_crm.group_maintenance", "bimbonbon_crm.group_purchasing")
#: Departments that may change customer master data (customer service and management imply it).
WRITING_DEPARTMENT = "bimbonbon_crm.group_sales"
DATA_REMINDER_BATCH = 500
#: Scope of the signed links of the data reminder, and how long they are valid.
DATA_CONFIRM_SCOPE = "bimbonbon_crm.data_confirm"
DATA_CONFIRM_LINK_DAYS = 30


class ResPartner(models.Model):
    _inherit = "res.partner"

    customer_number = fields.Char(
        copy=False,
        index="btree_not_null",
        readonly=True,
        help="Number of the customer, given from a sequence when a top-level partner becomes a "
        "customer (its customer rank, set by sales, invoices and registrations, becomes > 0).",
    )
    data_confirmed_date = fields.Date(
        string="Data confirmed on",
        copy=False,
        help="The date the customer last confirmed or corrected their data.",
    )
    data_reminder_sent_date = fields.Date(
        string="Data reminder sent on",
        copy=False,
        readonly=True,
        help="The date the last 'keep your data current' reminder was sent.",
    )
    data_reminder_opt_out = fields.Boolean(
        string="No data reminders",
        help="Never send this customer a reminder to confirm their data.",
    )
    marketing_opt_in = fields.Boolean(
        string="Marketing consent",
        help="The customer agreed to receive offers and newsletters.",
    )
    customer_invoice_ids = fields.One2many(
        "account.move",
        "commercial_partner_id",
        string="Invoices of the commercial entity",
        readonly=True,
    )
    # Computed on read, not stored: a stored status rewrote the partner row on every payment,
    # so two people paying invoices of one customer at once always conflicted (a serialization
    # failure and a retry, see tests/benchmarks/bench_payment_concurrency.py), and invoices
    # becoming overdue overnight needed a nightly recompute. Two grouped queries per page.
    payment_status = fields.Selection(
        [("paid", "Paid"), ("open", "Open"), ("overdue", "Overdue")],
        string="Paid",
        compute="_compute_payment_status",
        search="_search_payment_status",
        help="Paid: no posted customer invoice is open. Open: some are open but none is past "
        "its due date. Overdue: at least one open invoice is past its due date. Contacts show "
        "their company's status.",
    )
    open_amount = fields.Monetary(
        compute="_compute_payment_status",
        help="Amount due on posted customer invoices, in the company currency.",
    )
    overdue_amount = fields.Monetary(
        compute="_compute_payment_status",
        help="Amount due on posted customer invoices past their due date.",
    )
    oldest_overdue_date = fields.Date(
        string="Oldest due date",
        compute="_compute_payment_status",
        help="Due date of the oldest open invoice past its due date.",
    )

    _customer_number_uniq = models.UniqueIndex(
        "(customer_number) WHERE customer_number IS NOT NULL",
        "Another contact already has this customer number.",
    )

    @api.model
    def _get_open_invoice_domain(self):
        """Posted customer invoices with something left to pay."""
        return Domain(
            [
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("payment_state", "in", ("not_paid", "partial")),
            ]
        )

    @api.model
    def _get_overdue_invoice_domain(self):
        """Open customer invoices past their due date, as of today."""
        today = fields.Date.context_today(self)
        return self._get_open_invoice_domain() & Domain("invoice_date_due", "<", today)

    @api.depends(
        "commercial_partner_id.customer_invoice_ids.state",
        "commercial_partner_id.customer_invoice_ids.payment_state",
        "commercial_partner_id.customer_invoice_ids.amount_residual_signed",
        "commercial_partner_id.customer_invoice_ids.invoice_date_due",
    )
    def _compute_payment_status(self):
        entity_ids = self.commercial_partner_id.filtered("id").ids
        moves = self.env["account.move"].sudo()
        in_entities = Domain("commercial_partner_id", "in", entity_ids)
        open_data = {
            partner.id: amount
            for partner, amount in moves._read_group(
                self._get_open_invoice_domain() & in_entities,
                ["commercial_partner_id"],
                ["amount_residual_signed:sum"],
            )
        }
        overdue_data = {
            partner.id: (amount, oldest)
            for partner, amount, oldest in moves._read_group(
                self._get_overdue_invoice_domain() & in_entities,
                ["commercial_partner_id"],
                ["amount_residual_signed:sum", "invoice_date_due:min"],
            )
        }
        for partner in self:
            entity_id = partner.commercial_partner_id.id
            overdue, oldest = overdue_data.get(entity_id, (0.0, False))
            partner.open_amount = open_data.get(entity_id, 0.0)
            partner.overdue_amount = overdue
            partner.oldest_overdue_date = oldest
            if oldest:
                partner.payment_status = "overdue"
            elif entity_id in open_data:
                partner.payment_status = "open"
            else:
                partner.payment_status = "paid"

    def _search_payment_status(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        moves = self.env["account.move"].sudo()
        open_ids = moves._search(self._get_open_invoice_domain()).subselect("commercial_partner_id")
        overdue_ids = moves._search(self._get_overdue_invoice_domain()).subselect(
            "commercial_partner_id"
        )
        by_status = {
            "paid": Domain("commercial_partner_id", "not in", open_ids),
            "open": Domain("commercial_partner_id", "in", open_ids)
            & Domain("commercial_partner_id", "not in", overdue_ids),
            "overdue": Domain("commercial_partner_id", "in", overdue_ids),
        }
        domain = Domain.OR(by_status[status] for status in value if status in by_status)
        return domain if operator == "in" else ~domain

    @api.model
    def _get_master_data_fields(self):
        """Fields only the writing departments may change (hook for other addons)."""
        return {
            "name",
            "is_company",
            "parent_id",
            "company_name",
            "ref",
            "customer_number",
            "vat",
            "company_registry",
            "email",
            "phone",
            "website",
            "street",
            "street2",
            "zip",
            "city",
            "state_id",
            "country_id",
            "bank_ids",
            "child_ids",
            "user_id",
            "property_payment_term_id",
            "property_product_pricelist",
            "data_confirmed_date",
            "data_reminder_opt_out",
            "marketing_opt_in",
            "active",
        }

    def _is_bimbonbon_customer(self):
        """A customer is a partner whose company (or itself) has a customer rank: it bought or
        was invoiced or registered a product (core's signal, `customer_rank`)."""
        self.ensure_one()
        return self.customer_rank > 0 or self.commercial_partner_id.customer_rank > 0

    @api.model
    def _is_vendor_creation(self, vals):
        """Values (and context) of a new partner that make it a vendor and not a customer."""
        mode = self.env.context.get("res_partner_search_mode")
        parent = self.browse(vals.get("parent_id"))
        is_customer = (
            vals.get("customer_rank", 0) > 0
            or mode == "customer"
            or (parent and parent._is_bimbonbon_customer())
        )
        is_vendor = (
            vals.get("supplier_rank", 0) > 0
            or mode == "supplier"
            or self.env.context.get("default_supplier_rank", 0) > 0
            or (parent and parent.commercial_partner_id.supplier_rank > 0)
        )
        return is_vendor and not is_customer

    def _check_master_data_write(self, fnames, vals_list=None):
        """Refuse a user-initiated change of customer master data by a read-only department.

        Odoo's per-app groups give write access on res.partner in many ways (e.g. "Contact
        creation", Purchase manager, Stock manager), and record rules cannot deny: rules of
        different groups are OR-ed, so an extra group of a technician would silently give the
        right back. So the department rule is checked here, in code, with a clear AccessError:
        - only for the master-data fields (`_get_master_data_fields`), so that implicit writes
          of other fields (followers, ranks, statistics) in any flow keep working;
        - only for customers (`_is_bimbonbon_customer`): purchasing creates and corrects its
          vendors; a new partner may be created only as a vendor (`_is_vendor_creation`);
        - never in sudo (system writes of e.g. a sale confirmation or a maintenance request);
        - only for users of a read-only department that are in no writing department; users
          outside every department (plain internal users, portal users) keep Odoo's rules.
        """
        if self.env.su or not (set(fnames) & self._get_master_data_fields()):
            return
        user = self.env.user
        if user.has_group(WRITING_DEPARTMENT):
            return
        if not any(user.has_group(xmlid) for xmlid in READ_ONLY_DEPARTMENTS):
            return
        if vals_list is not None:
            if all(self._is_vendor_creation(vals) for vals in vals_list):
                return
            customers = self
        else:
            customers = self.filtered(lambda p: p._is_bimbonbon_customer())
            if not customers:
                return
        raise AccessError(
            self.env._(
                "Your department may read customers but not change their data. "
                "Ask sales, customer service or management to change %(names)s.",
                names=", ".join(customers[:3].mapped("display_name")) or self.env._("a customer"),
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_master_data_write(
            set().union(*vals_list) if vals_list else set(), vals_list=vals_list
        )
        partners = super().create(vals_list)
        partners._assign_customer_number()
        return partners

    def write(self, vals):
        self._check_master_data_write(vals)
        res = super().write(vals)
        if vals.get("customer_rank") or "parent_id" in vals:
            self._assign_customer_number()
        return res

    def _assign_customer_number(self):
        """Number the customers among `self` that have none: top-level partners whose
        customer rank is > 0 (contacts share their company's number)."""
        to_number = self.filtered(
            lambda p: p.customer_rank > 0 and not p.parent_id and not p.customer_number
        )
        sequence = self.env["ir.sequence"].sudo()
        for partner in to_number.sudo():
            partner.customer_number = sequence.next_by_code("res.partner.customer_number")

    # Data-current reminder

    @api.model
    def _get_data_reminder_months(self):
        param = (
            self.env["ir.config_parameter"].sudo().get_param("bimbonbon_crm.data_reminder_months")
        )
        try:
            return max(int(param or 12), 1)
        except ValueError:
            return 12

    @api.model
    def _get_data_reminder_domain(self):
        """Customers due for a "keep your data current" reminder (hook)."""
        limit = fields.Date.context_today(self) - relativedelta(
            months=self._get_data_reminder_months()
        )
        return (
            Domain(
                [
                    ("parent_id", "=", False),
                    ("customer_rank", ">", 0),
                    ("partner_share", "=", True),
                    ("email", "!=", False),
                    ("data_reminder_opt_out", "=", False),
                ]
            )
            & (
                Domain("data_confirmed_date", "<", limit)
                | (Domain("data_confirmed_date", "=", False) & Domain("create_date", "<", limit))
            )
            & (
                Domain("data_reminder_sent_date", "=", False)
                | Domain("data_reminder_sent_date", "<", limit)
            )
        )

    @api.model
    def _cron_send_data_reminder(self, batch_size=DATA_REMINDER_BATCH):
        """Mail the customers whose data was confirmed too long ago, in committed batches.

        The sent date is written in the same transaction as the mail is queued, so a crash
        rolls back both and a rerun sends each mail exactly once."""
        template = self.env.ref(
            "bimbonbon_crm.mail_template_data_reminder", raise_if_not_found=False
        )
        if not template:
            return
        domain = self._get_data_reminder_domain()
        cron = self.env["ir.cron"]
        # the count once; _commit_progress counts down what each batch processed
        cron._commit_progress(remaining=self.search_count(domain))
        # customers someone edits right now or changed since the search: left for the next
        # run, the others are reminded (see `_try_lock_for_cron_batch`)
        busy = []
        while partners := self.search(
            domain & Domain("id", "not in", busy), limit=batch_size, order="id"
        ):
            free = partners._try_lock_for_cron_batch()
            busy += (partners - free).ids
            if free:
                free._send_data_reminder(template)
            if cron._commit_progress(len(free)) <= 0:
                break

    def _get_data_confirm_url(self):
        """A link to confirm this customer's data without logging in (the data reminder's):
        signed for this customer only and valid `DATA_CONFIRM_LINK_DAYS` days."""
        self.ensure_one()
        token = hash_sign(
            self.env(su=True),
            DATA_CONFIRM_SCOPE,
            self.id,
            expiration=timedelta(days=DATA_CONFIRM_LINK_DAYS),
        )
        return f"{self.get_base_url()}/my/data/confirm?{urlencode({'token': token})}"

    @api.model
    def _get_partner_from_data_confirm_token(self, token):
        """The customer a data-confirm link was signed for, or an empty recordset when the
        token is malformed, forged or expired."""
        try:
            partner_id = verify_hash_signed(self.env(su=True), DATA_CONFIRM_SCOPE, token or "")
        except (ValueError, TypeError, UnicodeDecodeError):  # malformed (binascii.Error too)
            partner_id = None
        if not isinstance(partner_id, int):
            return self.browse()
        return self.browse(partner_id).exists()

    def _confirm_data(self):
        """The customer confirmed (or corrected) their data: stored on the commercial partner,
        whose data it is (logged in or through the reminder's signed link)."""
        self.commercial_partner_id.data_confirmed_date = fields.Date.context_today(self)

    def _send_data_reminder(self, template):
        self.write({"data_reminder_sent_date": fields.Date.context_today(self)})
        template.send_mail_batch(
            self.ids, force_send=False, email_layout_xmlid=CUSTOMER_MAIL_LAYOUT
        )
