# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json

from odoo import api, fields, models
from odoo.fields import Domain

# Loyalty programs that are offers (not gift cards, eWallets or loyalty cards, which Odoo's own
# loyalty portal shows with their points).
OFFER_PROGRAM_TYPES = ("promotion", "promo_code", "buy_x_get_y")
COUPON_PROGRAM_TYPES = ("coupons", "next_order_coupons")


#: The icon of the customer's app, shown with its push notifications
PUSH_ICON = "/bimbonbon_portal/static/src/img/icon-192.png"
#: Longest push title: a phone shows one or two lines of it, and the body (which Odoo cuts)
#: needs the rest of the 4 KB a push may carry.
PUSH_TITLE_MAX = 120


def shorten(text, length):
    """``text`` cut to ``length`` characters, an ellipsis saying it was cut."""
    text = text or ""
    return text if len(text) <= length else text[: length - 1].rstrip() + "\u2026"


class ResPartner(models.Model):
    _inherit = "res.partner"

    # Per person (not a commercial field): each person of a customer decides for their phone.
    bimbonbon_push_consent = fields.Boolean(
        string="Push notifications",
        readonly=True,
        copy=False,
        tracking=True,
        help="The person agreed, in My details, to push notifications from the customer's "
        "app: their tickets, planned visits, contracts to sign and notices about their products.",
    )
    bimbonbon_push_consent_date = fields.Datetime(
        string="Push notifications since", readonly=True, copy=False
    )
    bimbonbon_push_device_count = fields.Integer(
        string="Phones with push notifications",
        compute="_compute_bimbonbon_push_device_count",
        help="The phones and browsers the person subscribed in the customer's app.",
    )

    def _compute_bimbonbon_push_device_count(self):
        # sudo: only administrators read mail.push.device; a count says nothing secret
        counts = dict(
            self.env["mail.push.device"]
            .sudo()
            ._read_group(
                [("partner_id", "in", self.ids), ("bimbonbon_app", "=", True)],
                ["partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.bimbonbon_push_device_count = counts.get(partner, 0)

    def _get_portal_owned_products(self):
        """The products the customer owns or buys: the products of their registered units
        (bimbonbon_service) and of their confirmed sales orders. Runs a constant number of
        queries, however many orders or registrations there are."""
        self.ensure_one()
        commercial = self.commercial_partner_id
        product_ids = set()
        groups = (
            self.env["bimbonbon.product.registration"]
            .sudo()
            ._read_group(
                [
                    ("commercial_partner_id", "=", commercial.id),
                    ("state", "=", "registered"),
                ],
                ["product_id"],
            )
        )
        product_ids.update(product.id for (product,) in groups)
        groups = (
            self.env["sale.order.line"]
            .sudo()
            ._read_group(
                [
                    # not child_of, which looks up the company's contacts first (two queries)
                    ("order_partner_id.commercial_partner_id", "=", commercial.id),
                    ("state", "=", "sale"),
                    ("display_type", "=", False),
                    ("is_downpayment", "=", False),
                    ("product_id", "!=", False),
                ],
                ["product_id"],
            )
        )
        product_ids.update(product.id for (product,) in groups)
        return self.env["product.product"].sudo().browse(sorted(product_ids))

    def _get_portal_marketing_allowed(self):
        """Whether targeted offers may be shown (the marketing consent of bimbonbon_crm)."""
        self.ensure_one()
        return self.commercial_partner_id.marketing_opt_in

    def _get_portal_offer_card_domain(self):
        """Coupons issued to the customer (or their company) that can still be used."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        return (
            Domain(
                [
                    ("partner_id.commercial_partner_id", "=", self.commercial_partner_id.id),
                    ("program_id.active", "=", True),
                    ("program_id.program_type", "in", COUPON_PROGRAM_TYPES),
                    ("points", ">", 0),
                ]
            )
            & (Domain("expiration_date", "=", False) | Domain("expiration_date", ">=", today))
            & (Domain("program_id.date_to", "=", False) | Domain("program_id.date_to", ">=", today))
        )

    def _get_portal_offer_program_domain(self, products=None):
        """Promotions aimed at what the customer owns or buys: running promotion programs of
        the customer's company whose conditions (rule products or categories) or rewards
        (discounted or free products) concern one of ``products``. Empty when the customer
        did not give marketing consent."""
        self.ensure_one()
        if not self._get_portal_marketing_allowed():
            return Domain.FALSE
        if products is None:
            products = self._get_portal_owned_products()
        if not products:
            return Domain.FALSE
        categ_ids = {
            int(categ_id)
            for path in products.categ_id.mapped("parent_path")
            for categ_id in (path or "").split("/")
            if categ_id
        }
        today = fields.Date.context_today(self)
        company_ids = [False, *self.env.companies.ids]
        aimed = (
            Domain("rule_ids.product_ids", "in", products.ids)
            | Domain("rule_ids.product_category_id", "in", list(categ_ids))
            | Domain("reward_ids.discount_product_ids", "in", products.ids)
            | Domain("reward_ids.discount_product_category_id", "in", list(categ_ids))
            | Domain("reward_ids.reward_product_id", "in", products.ids)
        )
        return (
            Domain(
                [
                    ("active", "=", True),
                    ("program_type", "in", OFFER_PROGRAM_TYPES),
                    ("company_id", "in", company_ids),
                ]
            )
            & (Domain("date_from", "=", False) | Domain("date_from", "<=", today))
            & (Domain("date_to", "=", False) | Domain("date_to", ">=", today))
            & aimed
        )

    # ------------------------------------------------------------------
    # Push notifications of the customer's app (mail.push.device, bimbonbon_app)
    # ------------------------------------------------------------------
    def _bimbonbon_set_push_consent(self, consent):
        """Give or withdraw the consent; withdrawing forgets every subscribed phone at once,
        so nothing is pushed any more (not even what is already queued)."""
        self.ensure_one()
        partner_sudo = self.sudo()
        if consent and not partner_sudo.bimbonbon_push_consent:
            partner_sudo.write(
                {
                    "bimbonbon_push_consent": True,
                    "bimbonbon_push_consent_date": fields.Datetime.now(),
                }
            )
        elif not consent:
            partner_sudo.write(
                {"bimbonbon_push_consent": False, "bimbonbon_push_consent_date": False}
            )
            # mail.push rows go with their device (ondelete cascade)
            self._bimbonbon_push_get_own_devices().unlink()

    def _bimbonbon_push_get_own_devices(self):
        return (
            self.env["mail.push.device"]
            .sudo()
            .search([("partner_id", "in", self.ids), ("bimbonbon_app", "=", True)])
        )

    def _bimbonbon_push_get_devices(self):
        """The app devices to tell about a document of these customers: those of every person
        of the customers' companies who consented and may still log in to the portal (each
        of them sees the document there, whose pages are shared by the company). A customer
        acting in the portal (closing their own ticket) is not told about it."""
        if not self:
            return self.env["mail.push.device"].sudo()
        domain = Domain(
            [
                ("bimbonbon_app", "=", True),
                ("partner_id.bimbonbon_push_consent", "=", True),
                # not child_of: one flat condition, however many companies a batch holds
                ("partner_id.commercial_partner_id", "in", self.commercial_partner_id.ids),
                # access revoked (user archived or out of the portal): nothing any more
                ("partner_id.user_ids", "any", [("share", "=", True), ("active", "=", True)]),
            ]
        )
        if self.env.user.share and not self.env.user._is_public():
            domain &= Domain("partner_id", "!=", self.env.user.partner_id.id)
        return self.env["mail.push.device"].sudo().search(domain)

    def _bimbonbon_push_payload(self, title, body, url):
        """Odoo's web push payload (the Notifications API's title and options), with the page
        to open in ``data.url`` for our service worker; cut to what a push may carry."""
        return self.env["mail.thread"]._web_push_truncate_payload(
            {
                # a long ticket name must not take the 4 KB a push may carry
                "title": shorten(title, PUSH_TITLE_MAX),
                "options": {
                    "body": body,
                    "icon": PUSH_ICON,
                    "badge": PUSH_ICON,
                    # one notification per page: a newer one about it replaces the older
                    "tag": url,
                    "data": {"url": url},
                },
            }
        )

    def _bimbonbon_push(self, render):
        """Queue a push notification to the consenting persons of these customers, one per
        device, for Odoo's cron (mail.ir_cron_web_push_notification) to send: never during the
        click that caused it, and a push service that is slow or down changes nothing here.

        :param render: ``render(partner)`` returns ``(title, body, url)`` for ``partner``, a
            recipient in their own language (``partner.env``, sudo); ``url`` is a portal path.
        :return: the queued ``mail.push`` records (sudo)
        """
        return self._bimbonbon_push_many([(self, render)])

    @api.model
    def _bimbonbon_push_many(self, messages):
        """:meth:`_bimbonbon_push` for many documents at once (a cron's batch): one search of
        the devices for all of them. ``messages`` is a list of ``(customers, render)``."""
        Push = self.env["mail.push"].sudo()
        customers = self.browse().union(*(partners for partners, _render in messages))
        devices = customers._bimbonbon_push_get_devices()
        if not devices:
            return Push
        by_company = devices.grouped(lambda device: device.partner_id.commercial_partner_id)
        vals_list = []
        for partners, render in messages:
            for company in partners.commercial_partner_id:
                company_devices = by_company.get(company, devices.browse())
                for partner, partner_devices in company_devices.grouped("partner_id").items():
                    partner = partner.with_context(lang=partner.lang or self.env.lang)
                    title, body, url = render(partner)
                    payload = json.dumps(self._bimbonbon_push_payload(title, body, url))
                    vals_list += [
                        {"mail_push_device_id": device.id, "payload": payload}
                        for device in partner_devices
                    ]
        if not vals_list:
            return Push
        pushes = Push.create(vals_list)
        self.env.ref("mail.ir_cron_web_push_notification").sudo()._trigger()
        return pushes
