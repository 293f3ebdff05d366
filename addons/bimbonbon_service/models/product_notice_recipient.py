# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import secrets

from odoo import api, fields, models
from odoo.fields import Domain

from odoo.addons.bimbonbon_crm.models.mail_thread import CUSTOMER_MAIL_LAYOUT


class ProductNoticeRecipient(models.Model):
    _name = "bimbonbon.product.notice.recipient"
    _description = "Product notice recipient"
    _order = "id"
    _rec_name = "partner_id"

    notice_id = fields.Many2one(
        comodel_name="bimbonbon.product.notice", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="notice_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(
        comodel_name="res.partner", string="Owner", required=True, index=True, readonly=True
    )
    contact_id = fields.Many2one(
        comodel_name="res.partner",
        string="Mailed to",
        readonly=True,
        help="The person the notice is mailed to: who registered the unit, else the customer's "
        "own address, else a contact of the customer with an e-mail address. Empty when nobody "
        "there has one.",
    )
    email = fields.Char(related="contact_id.email")
    phone = fields.Char(related="partner_id.phone")
    access_token = fields.Char(
        required=True,
        copy=False,
        default=lambda self: secrets.token_hex(16),
        groups="base.group_system",
    )
    mailed_date = fields.Datetime(string="Mailed on", readonly=True, copy=False)
    read_date = fields.Datetime(string="Read on", readonly=True, copy=False)
    acknowledged_date = fields.Datetime(string="Acknowledged on", readonly=True, copy=False)
    handled_date = fields.Datetime(
        string="Handled by staff on",
        copy=False,
        help="Customer service reached the owner another way (phone, visit).",
    )
    is_open = fields.Boolean(
        string="Not reached",
        compute="_compute_is_open",
        store=True,
        index=True,
        help="A recall asking for acknowledgement: not acknowledged and not handled by staff. "
        "Other notices: neither mailed nor read nor handled.",
    )

    _notice_partner_uniq = models.UniqueIndex(
        "(notice_id, partner_id)", "An owner receives a notice once."
    )

    @api.depends(
        "mailed_date",
        "read_date",
        "acknowledged_date",
        "handled_date",
        "notice_id.acknowledge_required",
    )
    def _compute_is_open(self):
        for recipient in self:
            if recipient.handled_date:
                recipient.is_open = False
            elif recipient.notice_id.acknowledge_required:
                recipient.is_open = not recipient.acknowledged_date
            else:
                recipient.is_open = not (recipient.mailed_date or recipient.read_date)

    def action_mark_handled(self):
        """Customer service reached the owner another way."""
        self._check_staff_access("write")
        self.filtered(lambda r: not r.handled_date).write({"handled_date": fields.Datetime.now()})
        return True

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    @api.model
    def _get_mail_domain(self):
        return (
            Domain("mailed_date", "=", False)
            & Domain("notice_id.state", "=", "sent")
            & Domain("contact_id.email", "!=", False)
        )

    def _send_mail(self, template):
        self.write({"mailed_date": fields.Datetime.now()})
        template.send_mail_batch(
            self.ids, force_send=False, email_layout_xmlid=CUSTOMER_MAIL_LAYOUT
        )

    def _get_portal_url(self):
        self.ensure_one()
        return f"/my/notices/{self.id}?access_token={self.sudo().access_token}"

    def _mark_read(self):
        """The owner opened the notice in the portal: the first time is stored."""
        self.filtered(lambda r: not r.read_date).write({"read_date": fields.Datetime.now()})

    def _acknowledge(self):
        """The owner confirmed a recall: stored once, the first time."""
        now = fields.Datetime.now()
        for recipient in self.filtered(lambda r: not r.acknowledged_date):
            recipient.write({"acknowledged_date": now, "read_date": recipient.read_date or now})

    def _schedule_call(self):
        """A phone call activity on the notice for customer service, one per owner."""
        activity_type = self.env.ref("mail.mail_activity_data_call")
        group = self.env.ref("bimbonbon_crm.group_customer_service")
        user = group.sudo().user_ids[:1] or self.env.user
        Activity = self.env["mail.activity"]
        model = self.env["ir.model"]._get_id("bimbonbon.product.notice")
        Activity.create(
            [
                {
                    "res_model_id": model,
                    "res_id": recipient.notice_id.id,
                    "activity_type_id": activity_type.id,
                    "summary": self.env._(
                        "Call %(owner)s about %(notice)s",
                        owner=recipient.partner_id.display_name,
                        notice=recipient.notice_id.name,
                    ),
                    "user_id": user.id,
                }
                for recipient in self
            ]
        )
