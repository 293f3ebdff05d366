# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import SQL

#: kinds that reach every owner (legitimate interest); the others need service-message consent
SAFETY_KINDS = ("safety", "recall")
NOTICE_MAIL_BATCH = 200
#: fields that decide who gets a notice and what it asks: fixed once the notice is sent
SENT_FIXED_FIELDS = frozenset(
    {
        "kind",
        "acknowledge_required",
        "product_tmpl_id",
        "lot_ids",
        "production_date_from",
        "production_date_to",
        "company_id",
    }
)


class ProductNotice(models.Model):
    _name = "bimbonbon.product.notice"
    _description = "Product notice"
    _inherit = ("mail.thread", "mail.activity.mixin")
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(string="Title", required=True, tracking=True)
    kind = fields.Selection(
        selection=[
            ("update", "Update"),
            ("manual", "New manual or recipe"),
            ("safety", "Safety notice"),
            ("recall", "Recall"),
        ],
        required=True,
        default="update",
        tracking=True,
    )
    body = fields.Html(string="Text", required=True, sanitize=True)
    attachment_id = fields.Many2one(comodel_name="ir.attachment")
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        tracking=True,
        help="The notice reaches the owners of the units this company delivered or registered.",
    )
    product_tmpl_id = fields.Many2one(
        comodel_name="product.template",
        string="Product",
        required=True,
        index=True,
        check_company=True,
    )
    lot_ids = fields.Many2many(
        comodel_name="stock.lot",
        string="Serials or batches",
        check_company=True,
        domain="[('product_id.product_tmpl_id', '=', product_tmpl_id)]",
        help="Leave empty for every unit of the product (within the production period).",
    )
    production_date_from = fields.Date(
        string="Made from", help="Only units whose serial or batch was created on or after."
    )
    production_date_to = fields.Date(
        string="Made until", help="Only units whose serial or batch was created on or before."
    )
    recall_action = fields.Selection(
        selection=[
            ("stop", "Stop using"),
            ("return", "Return"),
            ("swap", "Swap"),
        ],
        string="Action asked",
    )
    acknowledge_required = fields.Boolean(
        string="Acknowledgement required",
        help="The owner confirms in the portal that they read the notice and stopped using "
        "the product.",
    )
    state = fields.Selection(
        selection=[("draft", "Draft"), ("sent", "Sent"), ("closed", "Closed")],
        required=True,
        default="draft",
        tracking=True,
        index=True,
    )
    sent_date = fields.Datetime(readonly=True, copy=False)
    recipient_ids = fields.One2many(
        comodel_name="bimbonbon.product.notice.recipient",
        inverse_name="notice_id",
        string="Recipients",
        readonly=True,
    )
    audience_reachable_count = fields.Integer(
        string="Reachable owners", compute="_compute_audience_counts"
    )
    audience_unreachable_count = fields.Integer(
        string="Owners without e-mail", compute="_compute_audience_counts"
    )
    recipient_count = fields.Integer(compute="_compute_reach")
    mailed_count = fields.Integer(compute="_compute_reach")
    read_count = fields.Integer(compute="_compute_reach")
    acknowledged_count = fields.Integer(compute="_compute_reach")
    open_count = fields.Integer(string="Not reached", compute="_compute_reach")
    mailed_share = fields.Float(string="Mailed", compute="_compute_reach")
    read_share = fields.Float(string="Read", compute="_compute_reach")
    acknowledged_share = fields.Float(string="Acknowledged", compute="_compute_reach")

    @api.depends(
        "kind",
        "company_id",
        "product_tmpl_id",
        "lot_ids",
        "production_date_from",
        "production_date_to",
        "state",
    )
    def _compute_audience_counts(self):
        for notice in self:
            if not notice.product_tmpl_id:
                notice.audience_reachable_count = notice.audience_unreachable_count = 0
                continue
            query = SQL(
                "SELECT count(a.contact_id), count(*) - count(a.contact_id) FROM (%s) a",
                notice._get_audience_contact_query(),
            )
            self.env.cr.execute(query)
            reachable, unreachable = self.env.cr.fetchone()
            notice.audience_reachable_count = reachable
            notice.audience_unreachable_count = unreachable

    @api.depends(
        "recipient_ids.mailed_date",
        "recipient_ids.read_date",
        "recipient_ids.acknowledged_date",
        "recipient_ids.handled_date",
    )
    def _compute_reach(self):
        Recipient = self.env["bimbonbon.product.notice.recipient"]
        domain = Domain("notice_id", "in", self.ids)
        open_counts = dict(
            Recipient._read_group(domain & Domain("is_open", "=", True), ["notice_id"], ["__count"])
        )
        groups = {
            notice.id: (total, mailed, read, acknowledged, open_counts.get(notice, 0))
            for notice, total, mailed, read, acknowledged in Recipient._read_group(
                domain,
                ["notice_id"],
                ["__count", "mailed_date:count", "read_date:count", "acknowledged_date:count"],
            )
        }
        for notice in self:
            total, mailed, read, acknowledged, open_ = groups.get(notice.id, (0, 0, 0, 0, 0))
            notice.recipient_count = total
            notice.mailed_count = mailed
            notice.read_count = read
            notice.acknowledged_count = acknowledged
            notice.open_count = open_
            notice.mailed_share = total and 100.0 * mailed / total
            notice.read_share = total and 100.0 * read / total
            notice.acknowledged_share = total and 100.0 * acknowledged / total

    @api.onchange("kind")
    def _onchange_kind(self):
        if self.kind == "recall":
            self.acknowledge_required = True
            self.recall_action = self.recall_action or "stop"

    def write(self, vals):
        if SENT_FIXED_FIELDS.intersection(vals) and any(n.state != "draft" for n in self):
            raise UserError(
                self.env._(
                    "A sent notice keeps its kind, acknowledgement, company and audience "
                    "(product, serials or batches, production period): the owners were told "
                    "what it says. Write a new notice instead."
                )
            )
        return super().write(vals)

    def action_send(self):
        """Create a recipient line per owner and let the cron mail them (never in the click)."""
        self._check_staff_access("write")
        for notice in self:
            if notice.state != "draft":
                raise UserError(self.env._("Only a draft notice can be sent."))
            notice._create_recipients()
            notice.write({"state": "sent", "sent_date": fields.Datetime.now()})
        self.env.ref("bimbonbon_service.ir_cron_send_product_notices")._trigger()
        return True

    def action_close(self):
        self._check_staff_access("write")
        for notice in self:
            if notice.kind == "recall" and notice.open_count:
                raise UserError(
                    self.env._(
                        "%(count)s owners have neither acknowledged this recall nor been "
                        "handled by customer service.",
                        count=notice.open_count,
                    )
                )
        self.write({"state": "closed"})
        return True

    def action_schedule_calls(self):
        """A phone call for customer service for every owner not reached yet."""
        self._check_staff_access("write")
        self.ensure_one()
        self.recipient_ids.filtered("is_open")._schedule_call()
        return True

    def action_view_open_recipients(self):
        self._check_staff_access("read")
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Not reached"),
            "res_model": "bimbonbon.product.notice.recipient",
            "view_mode": "list,form",
            "domain": [("notice_id", "=", self.id), ("is_open", "=", True)],
            "context": {"create": False},
        }

    # ------------------------------------------------------------------
    # Audience
    # ------------------------------------------------------------------
    def _get_lot_query(self):
        """The ids of the serials and batches this notice is about."""
        self.ensure_one()
        conditions = [
            SQL(
                "l.product_id IN (SELECT id FROM product_product WHERE product_tmpl_id = %s)",
                self.product_tmpl_id.id,
            )
        ]
        if self.lot_ids:
            conditions.append(SQL("l.id IN %s", tuple(self.lot_ids.ids)))
        if self.production_date_from:
            conditions.append(SQL("l.create_date::date >= %s", self.production_date_from))
        if self.production_date_to:
            conditions.append(SQL("l.create_date::date <= %s", self.production_date_to))
        return SQL("SELECT l.id FROM stock_lot l WHERE %s", SQL(" AND ").join(conditions))

    def _get_audience_query(self):
        """One row (partner_id) per commercial partner that owns a matching unit: its
        registered owners and the customers we delivered it to (less what they returned),
        filtered by consent. Set-based: one query whatever the number of owners."""
        self.ensure_one()
        lots = self._get_lot_query()
        query = SQL(
            """
            SELECT DISTINCT owner.partner_id FROM (
                SELECT r.commercial_partner_id AS partner_id
                  FROM bimbonbon_product_registration r
                 WHERE r.state = 'registered' AND r.lot_id IN (%(lots)s)
                   AND r.company_id = %(company)s
                UNION
                SELECT moved.partner_id FROM (
                    SELECT cp.commercial_partner_id AS partner_id, ml.lot_id,
                           sum(CASE WHEN dest.usage = 'customer' THEN ml.quantity
                                    ELSE -ml.quantity END) AS quantity
                      FROM stock_move_line ml
                      JOIN stock_location src ON src.id = ml.location_id
                      JOIN stock_location dest ON dest.id = ml.location_dest_id
                      JOIN stock_move m ON m.id = ml.move_id
                      LEFT JOIN stock_picking pk ON pk.id = ml.picking_id
                      JOIN res_partner cp ON cp.id = COALESCE(pk.partner_id, m.partner_id)
                     WHERE ml.state = 'done'
                       AND ml.lot_id IN (%(lots)s)
                       AND ml.company_id = %(company)s
                       AND (dest.usage = 'customer') != (src.usage = 'customer')
                  GROUP BY cp.commercial_partner_id, ml.lot_id
                ) moved
                 WHERE moved.quantity > 0
            ) owner
            """,
            lots=lots,
            company=self.company_id.id,
        )
        if self.kind not in SAFETY_KINDS:
            query = SQL(
                """SELECT consenting.partner_id FROM (%s) consenting
                     JOIN res_partner cp ON cp.id = consenting.partner_id
                    WHERE cp.service_message_opt_in""",
                query,
            )
        return query

    def _get_audience_contact_query(self):
        """The audience with the person each customer is mailed at (``contact_id``, NULL when
        nobody there has an e-mail address): whoever registered a unit of the notice, else the
        customer itself, else a contact of the customer. Still one row per customer."""
        self.ensure_one()
        return SQL(
            """
            SELECT a.partner_id, COALESCE(
                (SELECT r.partner_id
                   FROM bimbonbon_product_registration r
                   JOIN res_partner rp ON rp.id = r.partner_id
                  WHERE r.commercial_partner_id = a.partner_id
                    AND r.state = 'registered' AND r.lot_id IN (%(lots)s)
                    AND r.company_id = %(company)s
                    AND rp.active AND rp.email != ''
               ORDER BY r.id DESC LIMIT 1),
                CASE WHEN cp.email != '' THEN cp.id END,
                (SELECT c.id FROM res_partner c
                  WHERE c.commercial_partner_id = a.partner_id AND c.active AND c.email != ''
               ORDER BY c.type = 'contact' DESC, c.id LIMIT 1)
            ) AS contact_id
              FROM (%(audience)s) a
              JOIN res_partner cp ON cp.id = a.partner_id
            """,
            lots=self._get_lot_query(),
            company=self.company_id.id,
            audience=self._get_audience_query(),
        )

    def _get_audience_partners(self):
        self.ensure_one()
        self.env.flush_all()
        self.env.cr.execute(self._get_audience_query())
        return self.env["res.partner"].browse(row[0] for row in self.env.cr.fetchall())

    def _create_recipients(self):
        """Insert the recipient lines in one statement (100,000 owners take seconds)."""
        self.ensure_one()
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO bimbonbon_product_notice_recipient
                       (notice_id, company_id, partner_id, contact_id, access_token, is_open,
                        create_uid, create_date, write_uid, write_date)
                SELECT %(notice)s, %(company)s, a.partner_id, a.contact_id,
                       md5(random()::text || clock_timestamp()::text || a.partner_id::text),
                       TRUE, %(uid)s, now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
                  FROM (%(audience)s) a
                ON CONFLICT (notice_id, partner_id) DO NOTHING
                """,
                notice=self.id,
                company=self.company_id.id,
                uid=self.env.uid,
                audience=self._get_audience_contact_query(),
            )
        )
        self.env["bimbonbon.product.notice.recipient"].invalidate_model()
        self.invalidate_recordset(["recipient_ids"])

    # ------------------------------------------------------------------
    # Mailing
    # ------------------------------------------------------------------
    @api.model
    def _cron_send_product_notices(self, batch_size=NOTICE_MAIL_BATCH):
        """Mail every recipient not mailed yet, in committed batches. The mailed date is
        written in the same transaction as the mail is queued: a crash rolls back both, so
        a re-run mails every owner exactly once."""
        Recipient = self.env["bimbonbon.product.notice.recipient"]
        template = self.env.ref(
            "bimbonbon_service.mail_template_product_notice", raise_if_not_found=False
        )
        if not template:
            return
        domain = Recipient._get_mail_domain()
        cron = self.env["ir.cron"]
        cron._commit_progress(remaining=Recipient.search_count(domain))
        while recipients := Recipient.search(domain, limit=batch_size, order="id"):
            recipients._send_mail(template)
            if cron._commit_progress(len(recipients)) <= 0:
                break
