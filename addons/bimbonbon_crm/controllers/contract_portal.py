# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from .paged_list import search_paged


class ContractPortal(CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "contract_count" in counters:
            Contract = request.env["bimbonbon.contract"]
            values["contract_count"] = (
                Contract.search_count(self._prepare_contracts_domain(request.env.user.partner_id))
                if Contract.has_access("read")
                else 0
            )
        return values

    def _prepare_contracts_domain(self, partner):
        return [
            ("commercial_partner_id", "=", partner.commercial_partner_id.id),
            ("state", "!=", "draft"),
        ]

    @http.route(
        ["/my/contracts", "/my/contracts/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def portal_my_contracts(self, page=1, **kwargs):
        domain = self._prepare_contracts_domain(request.env.user.partner_id)
        values = self._prepare_portal_layout_values()
        contracts, pager = search_paged(
            request.env["bimbonbon.contract"],
            domain,
            url="/my/contracts",
            page=page,
            step=self._items_per_page,
            order="date_end desc, id desc",
        )
        request.session["my_contracts_history"] = contracts.ids[:100]
        values.update(
            {
                "contracts": contracts.sudo(),
                "page_name": "contract",
                "pager": pager,
                "default_url": "/my/contracts",
            }
        )
        return request.render("bimbonbon_crm.portal_my_contracts", values)

    @http.route(["/my/contracts/<int:contract_id>"], type="http", auth="public", website=True)
    def portal_contract_page(
        self, contract_id, access_token=None, report_type=None, download=False, message=None, **kw
    ):
        try:
            contract_sudo = self._document_check_access(
                "bimbonbon.contract", contract_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        if contract_sudo.state == "draft":
            return request.redirect("/my")
        if report_type in ("html", "pdf", "text"):
            return self._show_report(
                model=contract_sudo,
                report_type=report_type,
                report_ref="bimbonbon_crm.action_report_bimbonbon_contract",
                download=download,
            )
        values = self._contract_get_page_view_values(contract_sudo, access_token, message=message)
        return request.render("bimbonbon_crm.portal_contract_page", values)

    def _contract_get_page_view_values(self, contract_sudo, access_token, message=None):
        return self._get_page_view_values(
            contract_sudo,
            access_token,
            {"contract": contract_sudo, "page_name": "contract_page", "message": message},
            "my_contracts_history",
            False,
        )

    @http.route(
        ["/my/contracts/<int:contract_id>/sign"], type="jsonrpc", auth="public", website=True
    )
    def portal_contract_sign(self, contract_id, access_token=None, name=None, signature=None):
        access_token = access_token or request.httprequest.args.get("access_token")
        try:
            contract_sudo = self._document_check_access(
                "bimbonbon.contract", contract_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return {"error": request.env._("Invalid contract.")}
        if not contract_sudo._can_be_signed() or contract_sudo.state == "draft":
            return {"error": request.env._("This contract is not waiting for a signature.")}
        if not name or not isinstance(name, str) or not name.strip():
            return {"error": request.env._("Please enter your name.")}
        if not signature:
            return {"error": request.env._("Signature is missing.")}
        try:
            # all or nothing: a refused signature or a failure after the first write leaves
            # the contract exactly as it was
            with request.env.cr.savepoint():
                contract_sudo._action_signed(signed_by=name.strip()[:128], signature=signature)
        except UserError as error:
            return {"error": error.args[0]}
        return {
            "force_refresh": True,
            "redirect_url": contract_sudo.get_portal_url(query_string="&message=sign_ok"),
        }

    @http.route(
        ["/my/contracts/<int:contract_id>/renew"],
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_contract_request_renewal(self, contract_id, access_token=None, **kw):
        """The customer asks to renew a contract that does not renew by itself."""
        try:
            contract_sudo = self._document_check_access(
                "bimbonbon.contract", contract_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        requested_by = (
            request.env.user.partner_id
            if not request.env.user._is_public()
            else contract_sudo.partner_id
        )
        done = contract_sudo._action_request_renewal(requested_by)
        return request.redirect(
            contract_sudo.get_portal_url(
                query_string="&message=renew_ok" if done else "&message=renew_refused"
            )
        )
