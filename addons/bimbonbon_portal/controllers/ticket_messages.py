# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.http import request

from odoo.addons.helpdesk_mgmt.controllers.myaccount import CustomerPortalHelpdesk

from .portal_conversation import PortalConversation


class BimbonbonTicketMessages(PortalConversation, CustomerPortalHelpdesk):
    """The ticket page's conversation, rendered by the server (portal_conversation.py)."""

    def _ticket_get_page_view_values(self, ticket, access_token, **kwargs):
        values = super()._ticket_get_page_view_values(ticket, access_token, **kwargs)
        values.update(
            self._conversation_values(ticket, access_token, f"/my/ticket/{ticket.id}/message")
        )
        return values

    def _ticket_render_page(self, ticket_sudo, token, values):
        values = {**self._ticket_get_page_view_values(ticket_sudo, token), **values}
        return request.render("helpdesk_mgmt.portal_helpdesk_ticket_page", values, status=400)

    def _ticket_page_url(self, ticket_sudo, token):
        url = f"/my/ticket/{ticket_sudo.id}" + (f"/{token}" if token else "")
        return f"{url}#task_chat"

    @http.route(
        "/my/ticket/<int:ticket_id>/message",
        type="http",
        auth="public",
        website=True,
        methods=["POST"],
        sitemap=False,
    )
    def portal_ticket_message(self, ticket_id, access_token=None, body=None, **kw):
        ticket_sudo = self._conversation_check_access("helpdesk.ticket", ticket_id, access_token)
        return self._conversation_reply(
            ticket_sudo, access_token, body, self._ticket_render_page, self._ticket_page_url
        )
