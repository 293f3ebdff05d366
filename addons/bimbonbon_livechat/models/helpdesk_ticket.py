# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import binascii
import json

from markupsafe import Markup

from odoo import api, models
from odoo.fields import Domain
from odoo.tools import email_normalize
from odoo.tools.misc import hash_sign, verify_hash_signed

from odoo.addons.bimbonbon_crm.models.mail_thread import CUSTOMER_MAIL_LAYOUT

#: the scope of the signature of the link that confirms a visitor's address
CONFIRM_SCOPE = "bimbonbon_livechat.confirm_email"
#: how long that link works
CONFIRM_VALIDITY_HOURS = 7 * 24


class HelpdeskTicket(models.Model):
    """A ticket a visitor made in the chat carries the e-mail address they typed, not a
    customer: anyone can type anyone's address. A mail to that address holds a signed link
    (ticket and address, a week); opening it links the ticket to the customer with exactly
    that address, or to a new contact."""

    _inherit = "helpdesk.ticket"

    def _track_template(self, changes):
        """The address a chat visitor typed gets the confirmation mail only: the stage's mail
        ("received") would go to anybody's address on anybody's typing, and Odoo would make a
        contact of it. Once the address is confirmed, the ticket has its customer and the
        stage mails go to them again."""
        res = super()._track_template(changes)
        if "stage_id" in res and self._bimbonbon_is_unconfirmed_visitor():
            del res["stage_id"]
        return res

    def _bimbonbon_is_unconfirmed_visitor(self):
        """A ticket made in the chat by a visitor, not linked to a customer yet."""
        self.ensure_one()
        chat = self.env.ref("bimbonbon_livechat.helpdesk_ticket_channel_chat", False)
        ticket = self.sudo()
        return bool(chat) and ticket.channel_id == chat and not ticket.partner_id

    def _bimbonbon_get_confirm_email(self):
        self.ensure_one()
        return email_normalize(self.sudo().partner_email or "") or ""

    def _bimbonbon_get_confirm_url(self):
        """The signed link of the confirmation mail: this ticket and its address."""
        self.ensure_one()
        token = hash_sign(
            self.sudo().env,
            CONFIRM_SCOPE,
            {"ticket": self.id, "email": self._bimbonbon_get_confirm_email()},
            expiration_hours=CONFIRM_VALIDITY_HOURS,
        )
        return f"{self.get_base_url()}/bimbonbon/chat/confirm/{self.id}/{token}"

    @api.model
    def _bimbonbon_get_by_confirm_token(self, ticket_id, token):
        """The ticket (sudo) a confirmation link is valid for, or an empty recordset: wrong,
        expired, of another ticket or of an address the ticket no longer has."""
        Ticket = self.sudo()
        if not isinstance(token, str) or len(token) > 1024:
            return Ticket.browse()
        try:
            values = verify_hash_signed(Ticket.env, CONFIRM_SCOPE, token)
        except (ValueError, TypeError, UnicodeDecodeError, binascii.Error, json.JSONDecodeError):
            return Ticket.browse()
        if not isinstance(values, dict) or values.get("ticket") != ticket_id:
            return Ticket.browse()
        ticket = Ticket.browse(ticket_id).exists()
        email = ticket._bimbonbon_get_confirm_email() if ticket else ""
        if not email or values.get("email") != email:
            return Ticket.browse()
        if ticket.partner_id and ticket.partner_id.email_normalized != email:
            return Ticket.browse()  # customer service linked it to someone else meanwhile
        return ticket

    def _bimbonbon_send_confirm_mail(self):
        """Queue the mail with the confirmation link to the address the visitor typed, in
        the language of the chat (Dutch on our Dutch website)."""
        self.ensure_one()
        template = self.env.ref("bimbonbon_livechat.mail_template_chat_confirm_email")
        template.sudo().with_context(
            confirm_url=self._bimbonbon_get_confirm_url(),
            confirm_lang=self.env["chatbot.script"]._get_chatbot_language(),
        ).send_mail(
            self.id,
            email_values={"email_to": self._bimbonbon_get_confirm_email(), "recipient_ids": []},
            email_layout_xmlid=CUSTOMER_MAIL_LAYOUT,
        )

    def _bimbonbon_confirm_email(self):
        """The visitor confirmed the address: link the ticket to the customer with exactly that
        address (normalized), or to a new contact. Once: a linked ticket stays as it is."""
        self.ensure_one()
        ticket = self.sudo()
        if ticket.partner_id:
            return ticket.partner_id
        email = ticket._bimbonbon_get_confirm_email()
        Partner = self.env["res.partner"].sudo()
        partners = Partner.search(
            Domain("email_normalized", "=", email)
            & Domain("company_id", "in", [ticket.company_id.id, False]),
            order="id",
        )
        # a customer with an account first (they see the ticket in their portal)
        partner = partners.filtered("user_ids")[:1] or partners[:1]
        if not partner:
            partner = Partner.create({"name": ticket.partner_name or email, "email": email})
        elif (
            ticket.partner_name
            and partner.create_date == ticket.create_date
            and partner.name == partner.email
            and not partner.user_ids
        ):
            # a contact Odoo made from the bare address together with this ticket (in its
            # transaction, for a mail of another addon) gets the name the visitor typed; a
            # contact that existed before is never renamed by whoever typed its address
            partner.name = ticket.partner_name
        # the link of the chat was shown before the address was confirmed: it ends here
        ticket.write({"partner_id": partner.id, "access_token": False})
        ticket._portal_ensure_token()
        ticket.message_subscribe(partner_ids=partner.ids)
        ticket.message_post(
            body=Markup("<p>%s</p>")
            % self.env._(
                "The visitor confirmed the e-mail address %(email)s: the ticket is linked to "
                "%(customer)s.",
                email=email,
                customer=partner.display_name,
            ),
            author_id=partner.id,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        return partner
