# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.http import request


class ChatConfirmController(http.Controller):
    @http.route(
        "/bimbonbon/chat/confirm/<int:ticket_id>/<string:token>",
        type="http",
        auth="public",
        website=True,
        sitemap=False,
        methods=["GET", "POST"],
    )
    def chat_confirm_email(self, ticket_id, token, **kw):
        """The link of the confirmation mail of a visitor's chat ticket. Opening it (GET, as
        mail scanners do by themselves) shows a page with a button; only the button (a POST
        with the form's CSRF token, checked by Odoo) links the ticket to the customer with
        that address. The pages show the ticket number, nothing else."""
        ticket = request.env["helpdesk.ticket"]._bimbonbon_get_by_confirm_token(ticket_id, token)
        if not ticket:
            return request.render(
                "bimbonbon_livechat.chat_confirm_invalid",
                {"additional_title": request.env._("This link is not valid")},
                status=404,
            )
        if request.httprequest.method != "POST":
            return request.render(
                "bimbonbon_livechat.chat_confirm_ask",
                {
                    "additional_title": request.env._("Confirm your e-mail address"),
                    "ticket_number": ticket.number,
                    "action_url": request.httprequest.path,
                },
            )
        partner = ticket._bimbonbon_confirm_email()
        user = partner.user_ids[:1]
        url = ticket.access_url if user and user == request.env.user else None
        return request.render(
            "bimbonbon_livechat.chat_confirm_done",
            {
                "additional_title": request.env._("Your e-mail address is confirmed"),
                "ticket_number": ticket.number,
                "ticket_url": url or ticket._get_share_url(redirect=False),
            },
        )
