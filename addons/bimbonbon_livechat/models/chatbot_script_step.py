# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

import pytz
from markupsafe import Markup

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.http import request
from odoo.tools import email_normalize, html2plaintext, is_html_empty, plaintext2html
from odoo.tools.mimetypes import guess_mimetype

from odoo.addons.bimbonbon_portal.models.bimbonbon_registration_attempt import (
    client_ip_key,
    mailbox_key,
)
from odoo.addons.bimbonbon_service.models.helpdesk_ticket import TICKET_KINDS
from odoo.addons.mail.tools.discuss import Store

#: characters of an article shown in the chat, cut at a word
EXCERPT_LENGTH = 160
TICKET_STEP_TYPES = ("bimbonbon_create_ticket", "bimbonbon_create_ticket_forward")
#: files of a conversation that go with its ticket: at most this many, this big, these kinds
#: (by their content, not their name)
MAX_TICKET_ATTACHMENTS = 5
MAX_TICKET_ATTACHMENT_SIZE = 10 * 1024 * 1024
TICKET_ATTACHMENT_MIMETYPES = {
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/webp",
    "application/pdf",
}


class ChatbotScriptStep(models.Model):
    """Two kinds of steps for a scripted chatbot, in the way ``crm_livechat`` adds its
    "create lead" step: *answer from knowledge* (our published articles, ranked by the same
    Dutch full-text search as the problem form, ``bimbonbon.knowledge.article._suggest``) and
    *create ticket* / *create ticket and forward* (a ``helpdesk_mgmt`` ticket with the
    transcript, at most once per conversation; forwarded to an operator during opening hours).

    Everything runs through im_livechat's own public chatbot routes: they find the
    ``discuss.channel`` as the visitor (guest or partner membership), so a visitor can only
    drive their own conversation.
    """

    _inherit = "chatbot.script.step"

    step_type = fields.Selection(
        selection_add=[
            ("bimbonbon_answer_knowledge", "Answer from knowledge"),
            ("bimbonbon_create_ticket", "Create ticket"),
            ("bimbonbon_create_ticket_forward", "Create ticket & forward"),
        ],
        ondelete={
            "bimbonbon_answer_knowledge": "cascade",
            "bimbonbon_create_ticket": "cascade",
            "bimbonbon_create_ticket_forward": "cascade",
        },
    )
    bimbonbon_visitor_only = fields.Boolean(
        string="Only for visitors",
        help="Skipped for customers who are logged in: the questions for the name and the "
        "e-mail address of a visitor. The answer to such a free-input step is the visitor's "
        "name on the ticket.",
    )
    bimbonbon_greet_by_name = fields.Boolean(
        string="Greet by name",
        help="Starts the message with 'Hello <first name>!' for a customer who is logged in.",
    )
    bimbonbon_article_limit = fields.Integer(
        string="Articles shown",
        default=3,
        help="How many articles an 'Answer from knowledge' step shows at most.",
    )
    bimbonbon_ticket_kind = fields.Selection(
        selection=TICKET_KINDS, string="Ticket kind", default="question"
    )
    bimbonbon_team_id = fields.Many2one(
        comodel_name="helpdesk.ticket.team", string="Helpdesk team", ondelete="set null"
    )
    bimbonbon_calendar_id = fields.Many2one(
        comodel_name="resource.calendar",
        string="Opening hours",
        ondelete="set null",
        help="When a person can take over the chat; the company's working hours when empty. "
        "Outside them the assistant says so and only creates the ticket.",
    )

    def _compute_is_forward_operator(self):
        res = super()._compute_is_forward_operator()
        self.filtered(
            lambda s: s.step_type == "bimbonbon_create_ticket_forward"
        ).is_forward_operator = True
        return res

    # ------------------------------------------------------------------
    # Flow
    # ------------------------------------------------------------------

    def _fetch_next_step(self, selected_answer_ids):
        """Skip the visitor-only steps (name, e-mail) for a customer who is logged in."""
        step = super()._fetch_next_step(selected_answer_ids)
        while step and step.bimbonbon_visitor_only and not self.env.user._is_public():
            step = super(ChatbotScriptStep, step)._fetch_next_step(selected_answer_ids)
        return step

    def _process_answer(self, discuss_channel, message_body):
        next_step = super()._process_answer(discuss_channel, message_body)
        if self.step_type == "bimbonbon_answer_knowledge":
            return self._bimbonbon_skip_helped_question(discuss_channel, next_step)
        if self.step_type == "question_selection":
            # sudo: chatbot.message - the visitor's own answer to this step
            answer = (
                discuss_channel.sudo()
                .chatbot_message_ids.filtered(lambda m: m.script_step_id == self)
                .user_script_answer_id[:1]
            )
            if answer.bimbonbon_helped:
                discuss_channel._bimbonbon_set_helped()
        return next_step

    def _bimbonbon_skip_helped_question(self, discuss_channel, next_step):
        """After an answer without any article, "Did this help?" has nothing to ask about: it
        is answered "No" for the customer, and the script goes on to the hand-over."""
        helped = next_step.answer_ids.filtered("bimbonbon_helped")
        not_helped = next_step.answer_ids - helped
        channel_sudo = discuss_channel.sudo()
        suggestion = channel_sudo.bimbonbon_suggestion_id
        # no log: the visitor hit the rate limit, the script goes on as it is
        if not helped or not not_helped or not suggestion or suggestion.article_ids:
            return next_step
        # sudo: chatbot.message - the answer the customer would give, kept as theirs
        self.env["chatbot.message"].sudo().create(
            {
                "discuss_channel_id": channel_sudo.id,
                "script_step_id": next_step.id,
                "user_script_answer_id": not_helped[:1].id,
                "user_raw_script_answer_id": not_helped[:1].id,
            }
        )
        return next_step._fetch_next_step(channel_sudo.chatbot_message_ids.user_script_answer_id)

    def _process_step(self, discuss_channel):
        self.ensure_one()
        if self.step_type == "bimbonbon_answer_knowledge":
            return self._process_step_answer_knowledge(discuss_channel)
        if self.step_type in TICKET_STEP_TYPES:
            return self._process_step_create_ticket(discuss_channel)
        if self.bimbonbon_greet_by_name and self.step_type != "forward_operator":
            return discuss_channel._chatbot_post_message(
                self.chatbot_script_id, self._bimbonbon_get_message(discuss_channel)
            )
        return super()._process_step(discuss_channel)

    def _to_store_defaults(self, target):
        # the welcome steps are shown from the store before the conversation is saved
        res = super()._to_store_defaults(target)
        if any(self.mapped("bimbonbon_greet_by_name")):
            res = [field for field in res if field != "message"]
            res.append(Store.Attr("message", lambda s: s._bimbonbon_get_message()))
        return res

    def _bimbonbon_get_message(self, discuss_channel=None):
        """The step's message, with 'Hello <first name>!' for a customer who is logged in,
        once per conversation (not again when the customer restarts the script)."""
        self.ensure_one()
        message = self.message or Markup("")
        if not self.bimbonbon_greet_by_name or self.env.user._is_public():
            return message
        if discuss_channel and self._bimbonbon_bot_has_spoken(discuss_channel):
            return message
        first_name = (self.env.user.partner_id.name or "").split(" ")[0]
        greeting = self.env._("Hello %(name)s!", name=first_name)
        return Markup("<p>%s</p>%s") % (greeting, message)

    def _bimbonbon_bot_has_spoken(self, discuss_channel):
        # sudo: mail.message - whether the bot of this conversation posted in it before
        return bool(
            self.env["mail.message"]
            .sudo()
            .search_count(
                [
                    ("model", "=", "discuss.channel"),
                    ("res_id", "=", discuss_channel.id),
                    ("author_id", "=", self.chatbot_script_id.operator_partner_id.id),
                ],
                limit=1,
            )
        )

    # ------------------------------------------------------------------
    # Answer from knowledge
    # ------------------------------------------------------------------

    def _process_step_answer_knowledge(self, discuss_channel):
        """Answer the visitor's last free input with our best published articles."""
        channel_sudo = discuss_channel.sudo()
        text = self._bimbonbon_get_problem_text(channel_sudo)
        user = self.env.user
        if user._is_public():
            ip = self._bimbonbon_get_client_ip()
            Attempt = self.env["bimbonbon.registration.attempt"]
            if Attempt._is_blocked(user, ip, kind="chat"):
                return self._bimbonbon_post(discuss_channel, self._bimbonbon_blocked_message())
            # one count per anonymous question: limits conversations per IP address
            Attempt._log_failure(user, ip, "chat", kind="chat")
        product = self._bimbonbon_get_product(text)
        articles = self._bimbonbon_find_articles(text, product)
        suggestion = channel_sudo._bimbonbon_record_suggestion(text, articles, product)
        message = self._bimbonbon_post(discuss_channel, self._bimbonbon_answer_body(articles))
        # the log belongs to this run of the script: "Did this help?" and the ticket use it
        channel_sudo.chatbot_message_ids.filtered(
            lambda m: m.mail_message_id == message
        ).bimbonbon_suggestion_id = suggestion
        return message

    def _bimbonbon_get_problem_text(self, channel_sudo):
        """The customer's problem: their first free input of the script (plain text)."""
        return html2plaintext(self._find_first_user_free_input(channel_sudo).body or "").strip()

    def _bimbonbon_get_product(self, text):
        """The registered product the customer talks about: the one named in ``text``, else
        the only one they registered; none for a visitor (no data of anyone is used)."""
        if self.env.user._is_public():
            return self.env["product.product"]
        products = self._bimbonbon_get_registrations().product_id
        # "mixer" names the "Keukenmixer KM-500": words of 4 letters or more, within the name
        words = {word for word in text.lower().split() if len(word) >= 4}
        scores = {
            product: sum(word in product.name.lower() for word in words) for product in products
        }
        best = max(scores.values(), default=0)
        if best:
            return next(product for product, score in scores.items() if score == best)
        return products if len(products) == 1 else self.env["product.product"]

    def _bimbonbon_get_registrations(self, product=None):
        partner = self.env.user.partner_id.commercial_partner_id
        domain = Domain("commercial_partner_id", "=", partner.id) & Domain(
            "state", "=", "registered"
        )
        if product:
            domain &= Domain("product_id", "=", product.id)
        # sudo: the customer's own registrations (by their commercial partner)
        return (
            self.env["bimbonbon.product.registration"]
            .sudo()
            .search(domain, order="purchase_date desc, id desc")
        )

    def _bimbonbon_find_articles(self, text, product):
        # the one Dutch ranking of the problem form, as the customer or visitor (the steps run
        # as superuser): the record rules show them only published articles of their company
        Article = self.env["bimbonbon.knowledge.article"].sudo(False)
        articles = Article._suggest(text, product=product, limit=self.bimbonbon_article_limit)
        return articles.filtered("is_published")

    def _bimbonbon_answer_body(self, articles):
        if not articles:
            return Markup("<p>%s</p>") % self.env._(
                "I found no article about that. Let us see who can help you."
            )
        items = Markup("").join(
            Markup('<li><a href="%s" target="_blank">%s</a><br/>%s</li>')
            % (article._bimbonbon_get_url(), article.name, self._bimbonbon_excerpt(article))
            for article in articles
        )
        intro = Markup("") if is_html_empty(self.message) else self.message
        return Markup("%s<ul>%s</ul>") % (intro, items)

    def _bimbonbon_excerpt(self, article):
        text = " ".join((article.body_text or "").split())
        if len(text) <= EXCERPT_LENGTH:
            return text
        return text[:EXCERPT_LENGTH].rsplit(" ", 1)[0] + " …"

    # ------------------------------------------------------------------
    # Create ticket (and forward)
    # ------------------------------------------------------------------

    def _process_step_create_ticket(self, discuss_channel):
        channel_sudo = discuss_channel.sudo()
        channel_sudo._bimbonbon_lock()
        ticket = channel_sudo.bimbonbon_ticket_id
        if ticket and self._bimbonbon_is_confirmed_for_visitor(ticket):
            # a visitor in a conversation whose ticket is linked to a customer (the address
            # was confirmed): whoever presses Restart here gets nothing of that ticket
            return self._bimbonbon_post(discuss_channel, self._bimbonbon_ticket_body(ticket))
        if ticket:
            self._bimbonbon_add_to_ticket(channel_sudo, ticket)
        else:
            values, error = self._bimbonbon_get_customer_values(channel_sudo)
            if error:
                return self._bimbonbon_post(discuss_channel, Markup("<p>%s</p>") % error)
            ticket = self._bimbonbon_create_ticket(channel_sudo, values)
        if self.step_type == "bimbonbon_create_ticket_forward":
            if self._bimbonbon_is_open():
                previous_operator = channel_sudo.livechat_operator_id
                message = discuss_channel._forward_human_operator(chatbot_script_step=self)
                if channel_sudo.livechat_operator_id != previous_operator:
                    channel_sudo._bimbonbon_set_forwarded()
                    return message
                closed = self.env._("No one of customer service is free right now.")
            else:
                closed = self.env._(
                    "Customer service is closed right now: we read your ticket on the "
                    "next working day."
                )
            return self._bimbonbon_post(
                discuss_channel,
                Markup("<p>%s</p>%s") % (closed, self._bimbonbon_ticket_body(ticket)),
            )
        return self._bimbonbon_post(discuss_channel, self._bimbonbon_ticket_body(ticket))

    def _bimbonbon_get_customer_values(self, channel_sudo):
        """(values, error): the customer of the ticket. A logged-in customer is themselves;
        a visitor gives a name and an e-mail address, never linked to an existing customer
        here (anyone can type anyone's address): the ticket is linked once the visitor
        confirms the address from the mail sent to it (see helpdesk.ticket)."""
        user = self.env.user
        customer = self._chatbot_prepare_customer_values(
            channel_sudo, create_partner=False, update_partner=False
        )
        if not user._is_public():
            partner = customer["partner"]
            return {
                "partner_id": partner.id,
                "partner_name": partner.name,
                "partner_email": partner.email,
            }, None
        email = email_normalize(customer["email"] or "")
        if not email:
            return None, self.env._(
                "I need your e-mail address to make a ticket. Please start again."
            )
        ip = self._bimbonbon_get_client_ip()
        mailbox = mailbox_key(email)
        Attempt = self.env["bimbonbon.registration.attempt"]
        if Attempt._is_blocked(user, ip, mailbox, kind="chat"):
            return None, self._bimbonbon_blocked_message()
        Attempt._log_failure(user, ip, "chat", email=mailbox, kind="chat")
        name = self._bimbonbon_get_visitor_name(channel_sudo) or email
        return {"partner_id": False, "partner_name": name, "partner_email": email}, None

    def _bimbonbon_get_visitor_name(self, channel_sudo):
        answers = channel_sudo.chatbot_message_ids.filtered(
            lambda m: m.script_step_id.bimbonbon_visitor_only
            and m.script_step_id.step_type in ("free_input_single", "free_input_multi")
            and m.user_raw_answer
        ).sorted("id")
        name = html2plaintext(answers[:1].user_raw_answer or "")
        return " ".join(name.replace("\x00", "").split())[:128]

    def _bimbonbon_prepare_ticket_values(self, channel_sudo, customer_values):
        suggestion = channel_sudo.bimbonbon_suggestion_id
        text = suggestion.text or self._bimbonbon_get_problem_text(channel_sudo)
        first_line = (text.splitlines() or [""])[0][:80] or self.env._("Question from the chat")
        product = suggestion.product_id
        registration = self.env["bimbonbon.product.registration"]
        if customer_values.get("partner_id") and product:
            registration = self._bimbonbon_get_registrations(product)[:1]
        team = self.bimbonbon_team_id
        channel = self.env.ref("bimbonbon_livechat.helpdesk_ticket_channel_chat", False)
        return {
            "name": f"{product.name}: {first_line}" if product else first_line,
            # Odoo's transcript: every message as escaped plain text
            "description": Markup("<p>%s</p>%s")
            % (self.env._("Conversation in the chat:"), channel_sudo._get_channel_history()),
            "channel_id": channel.id if channel else False,
            "team_id": team.id,
            "company_id": (team.company_id or self.env.company).id,
            "user_id": False,
            "ticket_kind": self.bimbonbon_ticket_kind or "question",
            "registration_id": registration.id,
            "product_id": product.id,
            **customer_values,
        }

    def _bimbonbon_create_ticket(self, channel_sudo, customer_values):
        values = self._bimbonbon_prepare_ticket_values(channel_sudo, customer_values)
        ticket = self.env["helpdesk.ticket"].sudo().create(values)
        if values.get("partner_id"):
            ticket.message_subscribe(partner_ids=[values["partner_id"]])
        for attachment, mimetype in self._bimbonbon_get_ticket_attachments(channel_sudo):
            attachment.copy(
                {"res_model": "helpdesk.ticket", "res_id": ticket.id, "mimetype": mimetype}
            )
        channel_sudo.bimbonbon_ticket_id = ticket
        channel_sudo.bimbonbon_suggestion_id._set_ticket(ticket)
        if not ticket.partner_id and ticket.partner_email:
            # a visitor: linked to a customer once the address is confirmed by mail
            ticket._bimbonbon_send_confirm_mail()
        return ticket

    def _bimbonbon_get_ticket_attachments(self, channel_sudo):
        """[(attachment, mimetype)]: the images and PDFs sent in this conversation (their
        content says so, whatever their name), at most ``MAX_TICKET_ATTACHMENTS``."""
        attachments = channel_sudo.message_ids.attachment_ids.filtered(
            lambda a: a.res_model == "discuss.channel"
            and a.res_id == channel_sudo.id
            and a.type == "binary"
            and a.file_size <= MAX_TICKET_ATTACHMENT_SIZE
        ).sorted("id")
        files = []
        for attachment in attachments:
            mimetype = guess_mimetype(attachment.raw or b"")
            if mimetype in TICKET_ATTACHMENT_MIMETYPES:
                files.append((attachment, mimetype))
            if len(files) == MAX_TICKET_ATTACHMENTS:
                break
        return files

    def _bimbonbon_add_to_ticket(self, channel_sudo, ticket):
        """A conversation restarted after its ticket was made: the new question goes on that
        ticket (a conversation makes one ticket), once."""
        suggestion = channel_sudo.bimbonbon_suggestion_id
        if not suggestion or suggestion.ticket_id:
            return
        ticket.message_post(
            body=Markup("<p>%s</p>%s")
            % (
                self.env._("Another question in the same chat conversation:"),
                plaintext2html(suggestion.text),
            ),
            author_id=self.chatbot_script_id.operator_partner_id.id,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        suggestion._set_ticket(ticket)

    def _bimbonbon_is_confirmed_for_visitor(self, ticket):
        """Whether a visitor (not logged in) meets a ticket linked to a customer: it shows them
        its number only, never its link, and takes nothing more from them."""
        return self.env.user._is_public() and bool(ticket.sudo().partner_id)

    def _bimbonbon_ticket_body(self, ticket):
        if self._bimbonbon_is_confirmed_for_visitor(ticket):
            return Markup("<p>%s</p>") % self.env._(
                "Your ticket %(number)s is in our hands: we answer you by e-mail.",
                number=ticket.number,
            )
        url = ticket.access_url
        if self.env.user._is_public():
            url = ticket._get_share_url(redirect=False)
        body = Markup('<p>%s <a href="%s" target="_blank">%s</a></p>') % (
            self.env._("Your ticket %(number)s is made. Follow it here:", number=ticket.number),
            url,
            ticket.number,
        )
        if self.env.user._is_public():
            body += Markup("<p>%s</p>") % self.env._(
                "We sent you an e-mail: open its link and press the button there to confirm "
                "your address, so that we can link the ticket to you."
            )
        return body

    def _bimbonbon_is_open(self):
        """Whether customer service works now, by the step's opening hours (or the
        company's working hours, public holidays included as leaves)."""
        calendar = self.bimbonbon_calendar_id or self.env.company.resource_calendar_id
        if not calendar:
            return True
        now = pytz.utc.localize(fields.Datetime.now())
        intervals = calendar._work_intervals_batch(now, now + timedelta(minutes=1))[False]
        return bool(list(intervals))

    # ------------------------------------------------------------------
    # Tools
    # ------------------------------------------------------------------

    def _bimbonbon_post(self, discuss_channel, body):
        return discuss_channel._chatbot_post_message(self.chatbot_script_id, body)

    def _bimbonbon_blocked_message(self):
        return self.env._(
            "You asked a lot in a short time. Please wait ten minutes and try again, or mail "
            "our customer service."
        )

    @api.model
    def _bimbonbon_get_client_ip(self):
        if not request:
            return ""
        return client_ip_key(request.httprequest.remote_addr or "")
