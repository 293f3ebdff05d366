# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.http import request, route
from odoo.tools import consteq

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

NOTICE_PRODUCT_PAGE_LIMIT = 5


class ProductNoticePortal(CustomerPortal):
    """The customer's product notices ("Mededelingen"): list, read, acknowledge a recall.

    Portal users have no access right on notices: their own recipient lines are read with
    sudo, always scoped to their commercial partner or to the line's secret token."""

    def _get_notice_domain(self):
        partner = request.env.user.partner_id.commercial_partner_id
        return [("partner_id", "=", partner.id), ("notice_id.state", "!=", "draft")]

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "notice_count" in counters:
            values["notice_count"] = (
                request.env["bimbonbon.product.notice.recipient"]
                .sudo()
                .search_count([*self._get_notice_domain(), ("read_date", "=", False)])
                if not request.env.user._is_public()
                else 0
            )
        return values

    def _get_notice_recipient(self, recipient_id, access_token=None):
        """The recipient line if the visitor owns it (logged in) or holds its token."""
        recipient = request.env["bimbonbon.product.notice.recipient"].sudo().browse(recipient_id)
        if not recipient.exists() or recipient.notice_id.state == "draft":
            return recipient.browse()
        if access_token and consteq(str(access_token), recipient.access_token or ""):
            return recipient
        user = request.env.user
        if not user._is_public() and recipient.partner_id == user.partner_id.commercial_partner_id:
            return recipient
        return recipient.browse()

    def _registration_get_page_view_values(self, registration_sudo, access_token, **kwargs):
        """The product page shows the notices about this product to its owner, newest first
        (a recall on top of the page)."""
        values = super()._registration_get_page_view_values(
            registration_sudo, access_token, **kwargs
        )
        values["notice_recipients"] = (
            request.env["bimbonbon.product.notice.recipient"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", registration_sudo.commercial_partner_id.id),
                    ("notice_id.state", "!=", "draft"),
                    ("notice_id.product_tmpl_id", "=", registration_sudo.product_tmpl_id.id),
                ],
                order="id desc",
                limit=NOTICE_PRODUCT_PAGE_LIMIT,
            )
        )
        return values

    @route(
        ["/my/notices", "/my/notices/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def portal_my_notices(self, page=1, **kw):
        Recipient = request.env["bimbonbon.product.notice.recipient"].sudo()
        domain = self._get_notice_domain()
        pager = portal_pager(
            url="/my/notices",
            total=Recipient.search_count(domain),
            page=page,
            step=self._items_per_page,
        )
        recipients = Recipient.search(
            domain, order="id desc", limit=self._items_per_page, offset=pager["offset"]
        )
        values = self._prepare_portal_layout_values()
        values.update({"recipients": recipients, "pager": pager, "page_name": "notices"})
        return request.render("bimbonbon_portal.portal_my_notices", values)

    @route("/my/notices/<int:recipient_id>", type="http", auth="public", website=True)
    def portal_my_notice(self, recipient_id, access_token=None, **kw):
        recipient = self._get_notice_recipient(recipient_id, access_token)
        if not recipient:
            return request.not_found()
        recipient._mark_read()
        attachment = recipient.notice_id.attachment_id
        if attachment:
            attachment.generate_access_token()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "recipient": recipient,
                "notice": recipient.notice_id,
                "attachment": attachment,
                "access_token": access_token,
                "page_name": "notice",
            }
        )
        return request.render("bimbonbon_portal.portal_my_notice", values)

    @route(
        "/my/notices/<int:recipient_id>/acknowledge",
        type="http",
        auth="public",
        website=True,
        methods=["POST"],
    )
    def portal_my_notice_acknowledge(self, recipient_id, access_token=None, **kw):
        recipient = self._get_notice_recipient(recipient_id, access_token)
        if not recipient or not recipient.notice_id.acknowledge_required:
            return request.not_found()
        recipient._acknowledge()
        url = f"/my/notices/{recipient.id}"
        if access_token:
            url += f"?access_token={recipient.access_token}"
        return request.redirect(url)
