# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.fields import Domain
from odoo.http import request
from odoo.tools import consteq, plaintext2html

from odoo.addons.helpdesk_mgmt.controllers.myaccount import CustomerPortalHelpdesk
from odoo.addons.portal.controllers.portal_thread import PortalChatter

#: Longest message a customer can send from the ticket page, in characters.
MAX_MESSAGE = 5000
#: Messages shown on the ticket page, newest first; the rest stay in the mails.
MESSAGES_SHOWN = 50


class BimbonbonTicketMessages(CustomerPortalHelpdesk):
    """The ticket page's conversation, rendered by the server (issue 19): Odoo's portal chatter
    is a JavaScript app that needs Odoo's whole frontend (4 MB) on the customer's phone. The
    customer reads the same messages as the chatter shows them and answers with a plain form
    (CSRF, no script); Odoo's JSON routes of the chatter stay as they are."""

    def _ticket_get_page_view_values(self, ticket, access_token, **kwargs):
        values = super()._ticket_get_page_view_values(ticket, access_token, **kwargs)
        values["ticket_messages"] = self._ticket_get_messages(ticket)
        values["ticket_access_token"] = self._ticket_valid_token(ticket, access_token)
        return values

    def _ticket_get_messages_domain(self, ticket):
        """What /mail/chatter_fetch shows a customer: the discussion (comments and mails),
        never internal notes nor tracking, and nothing empty."""
        Message = request.env["mail.message"]
        website_domain = ticket._fields["website_message_ids"].get_comodel_domain(ticket)
        return (
            Domain(website_domain)
            & Domain("res_id", "=", ticket.id)
            & Domain("subtype_id", "=", request.env.ref("mail.mt_comment").id)
            & Message._get_search_domain_share()
            # Odoo's rule of what is empty (an edited-away body counts as empty)
            & PortalChatter._get_non_empty_message_domain(self)
        )

    def _ticket_get_messages(self, ticket):
        # the page's access (owner or token) is checked by the caller: read as superuser,
        # like the chatter does once the token is checked
        return (
            request.env["mail.message"]
            .sudo()
            .search(self._ticket_get_messages_domain(ticket), order="id desc", limit=MESSAGES_SHOWN)
        )

    def _ticket_valid_token(self, ticket, access_token):
        """The page's token when it is the ticket's own (the reply form sends it back), else
        None: a token from the URL is never echoed unchecked."""
        ticket_token = ticket.sudo().access_token
        if access_token and ticket_token and consteq(ticket_token, str(access_token)):
            return access_token
        return None

    def _ticket_get_message_author(self, ticket_sudo):
        """Who writes: the logged-in person, or the ticket's customer for someone who opened
        the page with its token (as Odoo's portal chatter does)."""
        user = request.env.user
        return ticket_sudo.partner_id if user._is_public() else user.partner_id

    def _check_ticket_message(self, body):
        """The message's text, or raises ValueError with a message for the customer."""
        env = request.env
        # (a NUL byte never gets here: Odoo refuses the request with a 400)
        text = (body if isinstance(body, str) else "").strip()
        if not text:
            raise ValueError(env._("Write a message first."))
        if len(text) > MAX_MESSAGE:
            raise ValueError(
                env._("Your message is too long: at most %(max)s characters.", max=MAX_MESSAGE)
            )
        return text

    @http.route(
        "/my/ticket/<int:ticket_id>/message",
        type="http",
        auth="public",
        website=True,
        methods=["POST"],
        sitemap=False,
    )
    def portal_ticket_message(self, ticket_id, access_token=None, body=None, **kw):
        try:
            ticket_sudo = self._document_check_access(
                "helpdesk.ticket", ticket_id, access_token=access_token
            )
        except (AccessError, MissingError):
            raise NotFound() from None
        token = self._ticket_valid_token(ticket_sudo, access_token)
        try:
            text = self._check_ticket_message(body)
        except ValueError as error:
            # the page again, with the message and what the customer typed kept
            values = self._ticket_get_page_view_values(ticket_sudo, token)
            values.update(message_error=error.args[0], message_body=(body or "")[:MAX_MESSAGE])
            return request.render("helpdesk_mgmt.portal_helpdesk_ticket_page", values, status=400)
        author = self._ticket_get_message_author(ticket_sudo)
        ticket_sudo.with_context(mail_create_nosubscribe=True).message_post(
            body=plaintext2html(text),
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            author_id=author.id,
        )
        url = f"/my/ticket/{ticket_sudo.id}" + (f"/{token}" if token else "")
        return request.redirect(f"{url}#task_chat", code=303)
