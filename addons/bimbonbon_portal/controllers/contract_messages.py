# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request

from odoo.addons.bimbonbon_crm.controllers.contract_portal import ContractPortal

from .portal_conversation import PortalConversation


class BimbonbonContractMessages(PortalConversation, ContractPortal):
    """The contract page's conversation, rendered by the server (portal_conversation.py), so
    the page fits the customer app's lean layout (views/contract_templates.xml)."""

    def _contract_get_page_view_values(self, contract_sudo, access_token, message=None):
        values = super()._contract_get_page_view_values(
            contract_sudo, access_token, message=message
        )
        values.update(
            self._conversation_values(
                contract_sudo, access_token, f"/my/contracts/{contract_sudo.id}/message"
            )
        )
        return values

    def _contract_render_page(self, contract_sudo, token, values):
        values = {**self._contract_get_page_view_values(contract_sudo, token), **values}
        return request.render("bimbonbon_crm.portal_contract_page", values, status=400)

    def _contract_page_url(self, contract_sudo, token):
        query = f"?access_token={token}" if token else ""
        return f"/my/contracts/{contract_sudo.id}{query}#discussion"

    @http.route(
        "/my/contracts/<int:contract_id>/message",
        type="http",
        auth="public",
        website=True,
        methods=["POST"],
        sitemap=False,
    )
    def portal_contract_message(self, contract_id, access_token=None, body=None, **kw):
        contract_sudo = self._conversation_check_access(
            "bimbonbon.contract", contract_id, access_token
        )
        if contract_sudo.state == "draft":  # not shown to the customer yet
            raise NotFound()
        return self._conversation_reply(
            contract_sudo, access_token, body, self._contract_render_page, self._contract_page_url
        )
