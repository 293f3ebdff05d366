# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json

from odoo.http import request, route

from odoo.addons.bimbonbon_crm.controllers.paged_list import search_paged
from odoo.addons.bimbonbon_service.models.helpdesk_ticket import RATING_MAX, RATING_MIN
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

FEEDBACK_TEXT_MAX = 5000
# Longest text accepted in an address field: real addresses are far shorter, and a longer
# value only fills the database (and breaks the indexed columns).
ADDRESS_VALUE_MAX = 256
# The marketing preferences of bimbonbon_crm that /my/account lets the customer change
PREFERENCE_FIELDS = ("marketing_opt_in", "data_reminder_opt_out", "service_message_opt_in")


class HomeCounters(dict):
    """The counts of the /my tiles, each computed when the page asks for it
    (portal.portal_docs_entry, views/app_layout_templates.xml): the lean page shows them
    without portal's script, which asked /my/counters after loading."""

    def __init__(self, portal):
        super().__init__()
        self._portal = portal

    def __missing__(self, counter):
        self[counter] = self._portal._prepare_home_portal_values([counter]).get(counter, 0)
        return self[counter]


class BimbonbonCustomerPortal(CustomerPortal):
    # ------------------------------------------------------------------
    # Home
    # ------------------------------------------------------------------
    @route()
    def home(self, **kw):
        response = super().home(**kw)
        if getattr(response, "qcontext", None) is not None:
            response.qcontext["bimbonbon_counters"] = HomeCounters(self)
        return response

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "offer_count" in counters:
            values["offer_count"] = self._get_offer_count(request.env.user.partner_id)
        if "feedback_count" in counters:
            Ticket = request.env["helpdesk.ticket"]
            values["feedback_count"] = (
                Ticket.search_count(self._get_feedback_domain(request.env.user.partner_id))
                if Ticket.has_access("read")
                else 0
            )
        return values

    # ------------------------------------------------------------------
    # Offers
    # ------------------------------------------------------------------
    def _get_offer_count(self, partner):
        # Portal users have no access to loyalty records (as in Odoo's own loyalty portal):
        # the domains are scoped to the customer's commercial partner and read with sudo.
        Card = request.env["loyalty.card"].sudo()
        Program = request.env["loyalty.program"].sudo()
        return Card.search_count(partner._get_portal_offer_card_domain()) + Program.search_count(
            partner._get_portal_offer_program_domain()
        )

    @route(
        ["/my/offers", "/my/offers/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def portal_my_offers(self, page=1, **kw):
        partner = request.env.user.partner_id
        Card = request.env["loyalty.card"].sudo()
        Program = request.env["loyalty.program"].sudo()
        card_domain = partner._get_portal_offer_card_domain()
        program_domain = partner._get_portal_offer_program_domain()
        card_count = Card.search_count(card_domain)
        program_count = Program.search_count(program_domain)
        pager = portal_pager(
            url="/my/offers",
            total=card_count + program_count,
            page=page,
            step=self._items_per_page,
        )
        # One list, paged: first the customer's own coupons, then the promotions.
        offset = pager["offset"]
        cards = Card.search(
            card_domain,
            order="expiration_date asc, id desc",
            limit=self._items_per_page,
            offset=offset,
        )
        programs = Program
        if len(cards) < self._items_per_page:
            programs = Program.search(
                program_domain,
                order="date_to asc, sequence, id",
                limit=self._items_per_page - len(cards),
                offset=max(0, offset - card_count),
            )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "offers",
                "pager": pager,
                "cards": cards,
                "programs": programs,
                "marketing_allowed": partner._get_portal_marketing_allowed(),
            }
        )
        return request.render("bimbonbon_portal.portal_my_offers", values)

    # ------------------------------------------------------------------
    # Feedback
    # ------------------------------------------------------------------
    def _get_feedback_domain(self, partner):
        return [
            # the stored commercial partner: one condition, where child_of first looks up the
            # company's contacts level by level (two queries, on every count and list)
            ("commercial_partner_id", "=", partner.commercial_partner_id.id),
            ("ticket_kind", "=", "feedback"),
        ]

    def _prepare_feedback_values(self, page=1, products=None, **kw):
        partner = request.env.user.partner_id
        tickets, pager = search_paged(
            request.env["helpdesk.ticket"],
            self._get_feedback_domain(partner),
            url="/my/feedback",
            page=page,
            step=self._items_per_page,
            order="create_date desc, id desc",
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "feedback",
                "pager": pager,
                "tickets": tickets,
                "products": (
                    partner._get_portal_owned_products() if products is None else products
                ),
                "ratings": list(range(RATING_MIN, RATING_MAX + 1)),
                "feedback_sent": bool(kw.get("sent")),
                "error": False,
                "form": {},
            }
        )
        return values

    @route(
        ["/my/feedback", "/my/feedback/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
        readonly=True,
    )
    def portal_my_feedback(self, page=1, **kw):
        values = self._prepare_feedback_values(page=page, **kw)
        values["form"] = {"product_id": kw.get("product_id", "")}
        return request.render("bimbonbon_portal.portal_my_feedback", values)

    def _check_feedback_form(self, products, product_id=None, rating=None, text=None):
        """Validate the feedback form; return (product, rating, text, error message)."""
        env = request.env
        rating = env["helpdesk.ticket"]._parse_rating(rating)
        if rating is None:
            return None, None, None, env["helpdesk.ticket"]._get_rating_error()
        product = products.browse()
        if product_id:
            try:
                product = products.filtered(lambda p: p.id == int(product_id))
            except (TypeError, ValueError):
                product = products.browse()
            if not product:
                return None, None, None, env._("Please choose one of your products.")
        text = (text or "").strip()
        if not text:
            return None, None, None, env._("Please tell us what you think.")
        if len(text) > FEEDBACK_TEXT_MAX:
            return (
                None,
                None,
                None,
                env._("Please keep your feedback under %(max)s characters.", max=FEEDBACK_TEXT_MAX),
            )
        return product, rating, text, False

    @route("/my/feedback/submit", type="http", auth="user", website=True, methods=["POST"])
    def portal_my_feedback_submit(self, product_id=None, rating=None, text=None, **kw):
        partner = request.env.user.partner_id
        products = partner._get_portal_owned_products()
        product, rating_value, text_value, error = self._check_feedback_form(
            products, product_id=product_id, rating=rating, text=text
        )
        if error:
            values = self._prepare_feedback_values(products=products)
            values.update(
                error=error,
                form={"product_id": product_id or "", "rating": rating or "", "text": text or ""},
            )
            response = request.render("bimbonbon_portal.portal_my_feedback", values)
            response.status_code = 400
            return response
        request.env["helpdesk.ticket"]._create_feedback(partner, product, rating_value, text_value)
        return request.redirect("/my/feedback?sent=1")

    # ------------------------------------------------------------------
    # Account: marketing preferences
    # ------------------------------------------------------------------
    def _prepare_my_account_rendering_values(self, *args, **kwargs):
        values = super()._prepare_my_account_rendering_values(*args, **kwargs)
        commercial = request.env.user.partner_id.commercial_partner_id
        values["bimbonbon_preferences"] = {fname: commercial[fname] for fname in PREFERENCE_FIELDS}
        values["bimbonbon_push"] = self._prepare_push_values(request.env.user)
        return values

    def _prepare_push_values(self, user):
        """The push notification block of Mijn gegevens, for portal customers only."""
        if not user._is_portal():
            return False
        partner_sudo = user.partner_id.sudo()
        return {
            "consent": partner_sudo.bimbonbon_push_consent,
            "consent_date": partner_sudo.bimbonbon_push_consent_date,
            "device_count": partner_sudo.bimbonbon_push_device_count,
            # Odoo's VAPID key (made the first time it is asked for): the phone subscribes
            # with it, Odoo's cron signs the pushes with its private half
            "vapid_public_key": request.env["mail.push.device"]
            .sudo()
            .get_web_push_vapid_public_key(),
        }

    def _create_or_update_address(self, partner_sudo, *args, **kwargs):
        partner_sudo, feedback = super()._create_or_update_address(partner_sudo, *args, **kwargs)
        if (
            "redirectUrl" in feedback
            and kwargs.get("bimbonbon_preferences")
            and partner_sudo == request.env.user.partner_id
        ):
            # The preferences live on the commercial partner (bimbonbon_crm's commercial
            # fields); an unchecked checkbox is not sent, hence the form's marker field.
            commercial_sudo = partner_sudo.commercial_partner_id.sudo()
            values = {
                # The form asks the positive question ("remind me"), the field the negative.
                "marketing_opt_in": bool(kwargs.get("marketing_opt_in")),
                "data_reminder_opt_out": not kwargs.get("data_reminder"),
                # updates and recipes about what they own (bimbonbon_service's notices)
                "service_message_opt_in": bool(kwargs.get("service_message_opt_in")),
            }
            commercial_sudo.write(values)
        return partner_sudo, feedback

    @route()
    def portal_address_submit(self, partner_id=None, **form_data):
        # portal's route turns ``partner_id`` into an int without a check (a server error)
        if partner_id and not str(partner_id).isdigit():
            return request.make_response(
                json.dumps({"messages": [request.env._("Unknown address.")]}),
                headers=[("Content-Type", "application/json")],
                status=400,
            )
        return super().portal_address_submit(partner_id=partner_id, **form_data)

    def _validate_address_values(self, address_values, *args, **kwargs):
        invalid_fields, missing_fields, error_messages = super()._validate_address_values(
            address_values, *args, **kwargs
        )
        too_long = {
            fname
            for fname, value in address_values.items()
            if isinstance(value, str) and len(value) > ADDRESS_VALUE_MAX
        }
        if too_long:
            invalid_fields |= too_long
            error_messages.append(
                request.env._(
                    "Please keep each field under %(max)s characters.", max=ADDRESS_VALUE_MAX
                )
            )
        return invalid_fields, missing_fields, error_messages
