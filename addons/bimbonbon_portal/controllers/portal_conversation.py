# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from werkzeug.exceptions import NotFound

from odoo.exceptions import AccessError, MissingError
from odoo.fields import Domain
from odoo.http import request
from odoo.tools import consteq, plaintext2html

from odoo.addons.portal.controllers.portal_thread import PortalChatter

#: Longest message a customer can send from a page's conversation, in characters.
MAX_MESSAGE = 5000
#: Messages shown on a page, newest first; the rest stay in the mails.
MESSAGES_SHOWN = 50


class PortalConversation:
    """A document's conversation rendered by the server, for the customer app's lean pages
    (issue 19): Odoo's portal chatter is a JavaScript app that needs Odoo's whole frontend
    (4 MB) on the customer's phone. The customer reads the same messages as the chatter shows
    them and answers with a plain form (CSRF, no script); Odoo's JSON routes of the chatter
    stay as they are. Mixed into the portal controllers of tickets and contracts; Odoo merges
    those controllers into one class, so nothing here depends on the document's model."""

    def _conversation_values(self, record, access_token, action):
        """What the template ``bimbonbon_portal.portal_conversation`` reads; ``action`` is
        the URL its reply form posts to."""
        messages = self._conversation_messages(record)
        return {
            "conversation_action": action,
            "conversation_messages": messages,
            # the messages' files, with the signed token Odoo's chatter gives them (no write,
            # valid two weeks or more): {attachment id: token}
            "conversation_attachment_tokens": {
                attachment.id: attachment._get_raw_access_token()
                for attachment in messages.attachment_ids
            },
            "conversation_token": self._conversation_valid_token(record, access_token),
            # the reader's own messages are shown on the right: the signed-in person (a
            # contact of a company reads its contracts), or the customer for the mail's link
            "conversation_partner": self._conversation_author(record.sudo()),
        }

    def _conversation_messages_domain(self, record):
        """What /mail/chatter_fetch shows a customer: the discussion (comments and mails),
        never internal notes nor tracking, and nothing empty."""
        Message = request.env["mail.message"]
        website_domain = record._fields["website_message_ids"].get_comodel_domain(record)
        return (
            Domain(website_domain)
            & Domain("res_id", "=", record.id)
            & Domain("subtype_id", "=", request.env.ref("mail.mt_comment").id)
            & Message._get_search_domain_share()
            # Odoo's rule of what is empty (an edited-away body counts as empty)
            & PortalChatter._get_non_empty_message_domain(self)
        )

    def _conversation_messages(self, record):
        # the page's access (owner or token) is checked by the caller: read as superuser,
        # like the chatter does once the token is checked
        return (
            request.env["mail.message"]
            .sudo()
            .search(
                self._conversation_messages_domain(record), order="id desc", limit=MESSAGES_SHOWN
            )
        )

    def _conversation_valid_token(self, record, access_token):
        """The page's token when it is the document's own (the reply form sends it back),
        else None: a token from the URL is never echoed unchecked."""
        record_token = record.sudo().access_token
        if not (access_token and record_token):
            return None
        # as bytes: compare_digest refuses str with non-ASCII characters (a 500 otherwise)
        if consteq(record_token.encode(), str(access_token).encode()):
            return access_token
        return None

    def _conversation_author(self, record_sudo):
        """Who writes: the logged-in person, or the document's customer for someone who
        opened the page with its token (as Odoo's portal chatter does)."""
        user = request.env.user
        return record_sudo.partner_id if user._is_public() else user.partner_id

    def _check_conversation_message(self, body):
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

    def _conversation_check_access(self, model, record_id, access_token):
        """The document as superuser once its owner or token is checked; 404 otherwise."""
        try:
            record_sudo = self._document_check_access(model, record_id, access_token=access_token)
        except (AccessError, MissingError):
            raise NotFound() from None
        return record_sudo

    def _conversation_check_post_access(self, record_sudo):
        """Staff post as in the backend: with the right the document asks for
        (``_mail_post_access``, "write" unless the model says otherwise). Customers have
        passed ``_conversation_check_access`` (owner or token), as in Odoo's portal chatter."""
        user = request.env.user
        if user._is_public() or user.share:
            return
        try:
            record_sudo.with_user(user).check_access(record_sudo._mail_post_access)
        except AccessError:
            raise NotFound() from None

    def _conversation_reply(self, record_sudo, access_token, body, render_page, page_url):
        """Posts the customer's message on ``record_sudo`` (access already checked) and sends
        the browser back to the page (``page_url(record, token)``); a bad message renders the
        page again with status 400 and what the customer typed (``render_page(record, token,
        values)``)."""
        self._conversation_check_post_access(record_sudo)
        token = self._conversation_valid_token(record_sudo, access_token)
        try:
            text = self._check_conversation_message(body)
        except ValueError as error:
            values = {"message_error": error.args[0], "message_body": (body or "")[:MAX_MESSAGE]}
            return render_page(record_sudo, token, values)
        author = self._conversation_author(record_sudo)
        record_sudo.with_context(mail_create_nosubscribe=True).message_post(
            body=plaintext2html(text),
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            author_id=author.id,
        )
        return request.redirect(page_url(record_sudo, token), code=303)
