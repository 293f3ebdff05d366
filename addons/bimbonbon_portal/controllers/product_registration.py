# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import re
from urllib.parse import urlencode

from odoo import fields, http
from odoo.exceptions import AccessDenied, AccessError, MissingError, UserError, ValidationError
from odoo.http import request
from odoo.tools import email_normalize
from odoo.tools.mimetypes import guess_mimetype

from odoo.addons.bimbonbon_crm.controllers.paged_list import search_paged
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.web.controllers.utils import _get_login_redirect_url

from ..models.bimbonbon_registration_attempt import client_ip_key, mailbox_key
from ..models.product_registration import RegistrationMailError
from ..models.res_users import SIGNIN_CREDENTIAL

MAX_UPLOAD_SIZE = 5 * 1024 * 1024  # 5 MB per file
IMAGE_MIMETYPES = ("image/png", "image/jpeg", "image/gif", "image/webp")
PROOF_MIMETYPES = (*IMAGE_MIMETYPES, "application/pdf")
REGISTRATION_TICKET_LIMIT = 10

# Only these video hosts are embedded (privacy friendly players); the id is rebuilt from the
# matched group so nothing of the stored URL itself ends up in the iframe.
VIDEO_PATTERNS = (
    (
        re.compile(
            r"^https?://(?:www\.|m\.)?(?:youtube\.com/(?:watch\?(?:.*&)?v=|embed/|shorts/)"
            r"|youtube-nocookie\.com/embed/|youtu\.be/)([A-Za-z0-9_-]{6,20})(?:[?&#].*)?$"
        ),
        "https://www.youtube-nocookie.com/embed/%s",
    ),
    (
        re.compile(
            r"^https?://(?:www\.|player\.)?vimeo\.com/(?:video/)?([0-9]{4,12})(?:[/?#].*)?$"
        ),
        "https://player.vimeo.com/video/%s?dnt=1",
    ),
)


def get_video_embed_url(url):
    """Return a safe embed URL for a YouTube or Vimeo link, or False for any other host."""
    for pattern, embed in VIDEO_PATTERNS:
        match = pattern.match((url or "").strip())
        if match:
            return embed % match.group(1)
    return False


def read_uploads(env, files, allowed_mimetypes, max_count, max_size=MAX_UPLOAD_SIZE):
    """Read and check uploaded files before anything is saved.

    The type is decided by the content (``guess_mimetype``), not by the file name.

    :return: list of (filename, data, mimetype)
    :raise UserError: too many files, a file too large or of a type not allowed
    """
    files = [upload for upload in files if upload and upload.filename]
    if len(files) > max_count:
        raise UserError(env._("You can add at most %(count)s files.", count=max_count))
    result = []
    for upload in files:
        data = upload.read(max_size + 1)
        if len(data) > max_size:
            raise UserError(
                env._(
                    "%(name)s is larger than %(size)s MB.",
                    name=upload.filename,
                    size=max_size // (1024 * 1024),
                )
            )
        mimetype = guess_mimetype(data, default="")
        if mimetype not in allowed_mimetypes:
            raise UserError(env._("%(name)s is not an allowed file type.", name=upload.filename))
        result.append((upload.filename, data, mimetype))
    return result


class ProductRegistrationPortal(CustomerPortal):
    """Registered products of the customer: QR landing, typed codes, product pages."""

    # ------------------------------------------------------------------
    # Home tile
    # ------------------------------------------------------------------

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "registration_count" in counters:
            Registration = request.env["bimbonbon.product.registration"]
            values["registration_count"] = (
                Registration.search_count(self._get_registration_domain())
                if Registration.has_access("read")
                else 0
            )
        return values

    def _get_registration_domain(self):
        partner = request.env.user.partner_id.commercial_partner_id
        return [("commercial_partner_id", "=", partner.id), ("state", "=", "registered")]

    # ------------------------------------------------------------------
    # List
    # ------------------------------------------------------------------

    @http.route(
        ["/my/products", "/my/products/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def portal_my_products(self, page=1, **kw):
        # searched with the customer's rights; sudo only to read the products shown
        registrations, pager = search_paged(
            request.env["bimbonbon.product.registration"],
            self._get_registration_domain(),
            url="/my/products",
            page=page,
            step=self._items_per_page,
        )
        registrations = registrations.sudo()
        request.session["my_registrations_history"] = registrations.ids[:100]
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "registrations": registrations,
                "page_name": "registration",
                "default_url": "/my/products",
                "pager": pager,
            }
        )
        return request.render("bimbonbon_portal.portal_my_products", values)

    # ------------------------------------------------------------------
    # Type a code
    # ------------------------------------------------------------------

    def _get_registrable_products(self):
        # sudo: portal users cannot read products; limited to the website's company
        return (
            request.env["product.product"]
            .sudo()
            .search(
                [
                    ("is_registrable", "=", True),
                    ("sale_ok", "=", True),
                    ("company_id", "in", [False, request.env.company.id]),
                ],
                order="name",
                limit=200,
            )
        )

    def _get_client_ip(self):
        return client_ip_key(request.httprequest.remote_addr or "")

    def _render_register_form(self, status=200, **values):
        # the layout values hold page_name "home": ours must win for the breadcrumb
        values = {**self._prepare_portal_layout_values(), "page_name": "registration_new", **values}
        values.setdefault("products", self._get_registrable_products())
        return request.render("bimbonbon_portal.portal_product_register", values, status=status)

    @http.route(
        "/my/products/register",
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def portal_product_register(self, code=None, product_id=None, **kw):
        if request.httprequest.method != "POST":
            return self._render_register_form()
        env = request.env
        Attempt = env["bimbonbon.registration.attempt"]
        ip = self._get_client_ip()
        product = env["product.product"]
        if product_id and str(product_id).isdigit():
            product = self._get_registrable_products().filtered(lambda p: p.id == int(product_id))
        form = {"code": code or "", "product_id": product.id}
        if Attempt._is_blocked(env.user, ip):
            return self._render_register_form(
                status=429,
                form=form,
                error=env._(
                    "Too many wrong codes. Please wait ten minutes and try again, "
                    "or contact our customer service."
                ),
            )
        try:
            registration = env["bimbonbon.product.registration"]._register_code(
                env.user.partner_id, code, product=product or None, channel="portal"
            )
        except (UserError, ValidationError) as error:
            Attempt._log_failure(env.user, ip, code)
            return self._render_register_form(status=400, form=form, error=error.args[0])
        return request.redirect(f"/my/products/{registration.id}?registered=1")

    # ------------------------------------------------------------------
    # QR landing
    # ------------------------------------------------------------------

    def _get_lot_from_token(self, token):
        return request.env["stock.lot"]._get_by_registration_token(token)

    def _render_token_not_found(self):
        values = self._prepare_portal_layout_values()
        return request.render("bimbonbon_portal.portal_registration_not_found", values, status=404)

    def _render_qr_confirm(self, lot, token, status=200, **values):
        values.update(self._prepare_portal_layout_values())
        values.update(
            {
                "lot": lot,
                "product": lot.product_id,
                "token": token,
                "page_name": "registration_new",
                "today": fields.Date.context_today(request.env.user),
            }
        )
        values.setdefault("form", {})
        return request.render("bimbonbon_portal.portal_registration_confirm", values, status=status)

    def _on_label_opened(self, lot):
        """Hook: the page of ``lot``'s label (``/r/<token>``) was opened, by anyone (public
        included), before it is shown. Nothing here; bimbonbon_journey counts the scan."""

    @http.route("/r/<string:token>", type="http", auth="public", website=True, sitemap=False)
    def portal_registration_landing(self, token, **kw):
        lot = self._get_lot_from_token(token)
        if not lot:
            return self._render_token_not_found()
        self._on_label_opened(lot)
        if request.env.user._is_public():
            return self._render_qr_quick(lot, token)
        existing = (
            request.env["bimbonbon.product.registration"]
            .sudo()
            .search(
                [
                    ("lot_id", "=", lot.id),
                    ("commercial_partner_id", "=", request.env.user.commercial_partner_id.id),
                    ("state", "=", "registered"),
                ],
                limit=1,
            )
        )
        if existing:
            return request.redirect(f"/my/products/{existing.id}")
        return self._render_qr_confirm(lot, token)

    # ------------------------------------------------------------------
    # QR landing without an account: register in ten seconds
    # ------------------------------------------------------------------

    def _render_qr_quick(self, lot, token, status=200, **values):
        values.update(self._prepare_portal_layout_values())
        values.update(
            {
                "product": lot.product_id,
                "token": token,
                "login_url": f"/web/login?{urlencode({'redirect': f'/r/{token}'})}",
                "today": fields.Date.context_today(request.env.user),
                "page_name": "registration_new",
            }
        )
        values.setdefault("form", {})
        return request.render("bimbonbon_portal.portal_registration_login", values, status=status)

    def _parse_purchase_date(self, value):
        """The purchase date typed (optional), or None; refuses a date in the future."""
        if not value:
            return None
        try:
            purchase_date = fields.Date.to_date(value)
        except ValueError:
            purchase_date = None
        if not purchase_date or purchase_date > fields.Date.context_today(request.env.user):
            raise UserError(request.env._("Please enter a valid purchase date, not in the future."))
        return purchase_date

    @http.route(
        "/r/<string:token>/quick",
        type="http",
        auth="public",
        website=True,
        methods=["POST"],
        sitemap=False,
    )
    def portal_registration_quick(self, token, name=None, email=None, **kw):
        """Register without an account: name, e-mail, optional purchase date and consent.

        Stored at once with a new portal user (no password), or for the account the e-mail
        belongs to; either way the sign-in link goes to that address and the page shows
        nothing but what the visitor typed.
        """
        env = request.env
        lot = self._get_lot_from_token(token)
        if not lot:
            return self._render_token_not_found()
        if not env.user._is_public():
            return request.redirect(f"/r/{token}")
        Attempt = env["bimbonbon.registration.attempt"]
        ip = self._get_client_ip()
        form = {
            "name": " ".join(str(name or "").replace("\x00", "").split())[:128],
            "email": str(email or "").replace("\x00", "").strip()[:254],
            "purchase_date": str(kw.get("purchase_date") or "")[:10],
            "marketing_consent": bool(kw.get("marketing_consent")),
        }
        normalized = email_normalize(form["email"]) or ""
        if normalized.startswith('"') or normalized.endswith("."):
            normalized = ""  # valid for the RFC, but no customer's address: refused below
        mailbox = mailbox_key(normalized) if normalized else None
        if Attempt._is_blocked(env.user, ip, mailbox):
            return self._render_qr_quick(
                lot,
                token,
                status=429,
                form=form,
                error=env._(
                    "Too many attempts. Please wait ten minutes and try again, "
                    "or contact our customer service."
                ),
            )
        # every try counts (each one can send a mail), made or not
        Attempt._log_failure(env.user, ip, lot.name, email=mailbox)
        try:
            if not form["name"]:
                raise UserError(env._("Please enter your name."))
            if not normalized:
                raise UserError(env._("Please enter a valid e-mail address."))
            values = {"marketing_consent": form["marketing_consent"]}
            purchase_date = self._parse_purchase_date(form["purchase_date"])
            if purchase_date:
                values["purchase_date"] = purchase_date
            Registration = env["bimbonbon.product.registration"]
            # a unit of someone else: refused, the review task for customer service is kept
            Registration._check_visitor_registration(lot, form["name"], normalized)
        except (UserError, ValidationError) as error:
            return self._render_qr_quick(lot, token, status=400, form=form, error=error.args[0])
        try:
            # all or nothing: the customer, their account, the registration and the mail
            with env.cr.savepoint():
                Registration._register_visitor(
                    lot, form["name"], normalized, values=values, lang=env.lang
                )
        except RegistrationMailError as error:
            return self._render_qr_quick(lot, token, status=503, form=form, error=error.args[0])
        except (UserError, ValidationError) as error:
            return self._render_qr_quick(lot, token, status=400, form=form, error=error.args[0])
        values = self._prepare_portal_layout_values()
        values.update(
            {"email": normalized, "product": lot.product_id, "page_name": "registration_new"}
        )
        return request.render("bimbonbon_portal.portal_registration_mail_sent", values)

    # ------------------------------------------------------------------
    # The one-time sign-in link of the registration mail
    # ------------------------------------------------------------------

    def _get_signin_redirect(self, redirect):
        redirect = str(redirect or "")
        return redirect if redirect.startswith("/my/") and "//" not in redirect else "/my"

    def _render_signin_invalid(self, values):
        return request.render(
            "bimbonbon_portal.portal_registration_signin", dict(values, invalid=True), status=400
        )

    @http.route(
        "/r/signin",
        type="http",
        auth="public",
        website=True,
        methods=["GET", "POST"],
        sitemap=False,
    )
    def portal_registration_signin(self, token=None, redirect=None, **kw):
        """GET shows one button, POST signs in: a mail scanner that opens the link does not
        use up the one-time token."""
        env = request.env
        redirect = self._get_signin_redirect(redirect)
        token = str(token or "")[:512]
        values = self._prepare_portal_layout_values()
        values.update({"token": token, "redirect": redirect, "no_breadcrumbs": True})
        user = env["res.users"]._get_signin_user(token)
        if not user:
            return self._render_signin_invalid(values)
        if not env.user._is_public():
            if env.user == user:
                return request.redirect(redirect)
            # a link of another account must not swap whoever is signed in into it
            return request.render(
                "bimbonbon_portal.portal_registration_signin",
                dict(values, other_user=True),
                status=409,
            )
        if request.httprequest.method != "POST":
            return request.render("bimbonbon_portal.portal_registration_signin", values)
        credential = {"type": SIGNIN_CREDENTIAL, "login": user.login, "token": token}
        try:
            auth_info = request.session.authenticate(env, credential)
        except AccessDenied:
            return self._render_signin_invalid(values)
        # a customer with two-step verification goes on to it, with the product as target
        return request.redirect(_get_login_redirect_url(auth_info["uid"], redirect))

    @http.route(
        "/r/<string:token>/confirm",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        sitemap=False,
    )
    def portal_registration_confirm(self, token, **kw):
        env = request.env
        lot = self._get_lot_from_token(token)
        if not lot:
            return self._render_token_not_found()
        form = {
            "purchase_date": kw.get("purchase_date") or "",
            "purchase_place": (kw.get("purchase_place") or "").strip()[:128],
            "marketing_consent": bool(kw.get("marketing_consent")),
        }
        try:
            values = {
                "purchase_place": form["purchase_place"],
                "marketing_consent": form["marketing_consent"],
            }
            if form["purchase_date"]:
                try:
                    purchase_date = fields.Date.to_date(form["purchase_date"])
                except ValueError:
                    purchase_date = None
                if not purchase_date or purchase_date > fields.Date.context_today(env.user):
                    raise UserError(env._("Please enter a valid purchase date, not in the future."))
                values["purchase_date"] = purchase_date
            uploads = read_uploads(
                env,
                request.httprequest.files.getlist("proof_of_purchase"),
                PROOF_MIMETYPES,
                max_count=1,
            )
            if uploads:
                filename, data, _mimetype = uploads[0]
                values["proof_of_purchase"] = base64.b64encode(data)
                values["proof_of_purchase_filename"] = filename
            registration = env["bimbonbon.product.registration"]._register_lot(
                env.user.partner_id, lot, channel="qr", values=values
            )
        except (UserError, ValidationError) as error:
            return self._render_qr_confirm(lot, token, status=400, form=form, error=error.args[0])
        return request.redirect(f"/my/products/{registration.id}?registered=1")

    # ------------------------------------------------------------------
    # Product page
    # ------------------------------------------------------------------

    def _get_registration_article_domain(self, registration_sudo):
        return [
            ("product_tmpl_ids", "in", registration_sudo.product_tmpl_id.ids),
            ("is_published", "=", True),
        ]

    def _get_registration_articles(self, registration_sudo):
        """Published articles of the registered product, grouped by kind."""
        articles = (
            request.env["bimbonbon.knowledge.article"]
            .sudo()
            .search(self._get_registration_article_domain(registration_sudo), limit=50)
        )
        return {
            kind: articles.filtered(lambda a, kind=kind: a.kind == kind)
            for kind in ("faq", "manual", "recipe", "video")
        }

    def _registration_get_page_view_values(self, registration_sudo, access_token, **kwargs):
        # the customer's own rights (helpdesk_mgmt's portal rule): a visitor with the page's
        # access token only sees no tickets, never another customer's
        Ticket = request.env["helpdesk.ticket"]
        can_read = Ticket.has_access("read")
        ticket_domain = [("registration_id", "=", registration_sudo.id)]
        articles = self._get_registration_articles(registration_sudo)
        # only videos of an allowed host are shown, embedded
        video_embeds = {
            article.id: get_video_embed_url(article.video_url) for article in articles["video"]
        }
        articles["video"] = articles["video"].filtered(lambda a: video_embeds[a.id])
        values = {
            "page_name": "registration",
            "registration": registration_sudo,
            "articles": articles,
            "video_embeds": video_embeds,
            "tickets": (
                Ticket.search(ticket_domain, limit=REGISTRATION_TICKET_LIMIT)
                if can_read
                else Ticket
            ),
            "ticket_count": Ticket.search_count(ticket_domain) if can_read else 0,
            "just_registered": bool(kwargs.get("registered")),
        }
        return self._get_page_view_values(
            registration_sudo,
            access_token,
            values,
            "my_registrations_history",
            False,
            **kwargs,
        )

    @http.route(
        ["/my/products/<int:registration_id>"],
        type="http",
        auth="public",
        website=True,
        readonly=True,
    )
    def portal_my_product(self, registration_id, access_token=None, **kw):
        try:
            registration_sudo = self._document_check_access(
                "bimbonbon.product.registration", registration_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        values = self._registration_get_page_view_values(registration_sudo, access_token, **kw)
        return request.render("bimbonbon_portal.portal_my_product", values)

    @http.route(
        ["/my/products/<int:registration_id>/manual/<int:article_id>"],
        type="http",
        auth="public",
        website=True,
        readonly=True,
    )
    def portal_my_product_manual(self, registration_id, article_id, access_token=None, **kw):
        try:
            registration_sudo = self._document_check_access(
                "bimbonbon.product.registration", registration_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        article = (
            request.env["bimbonbon.knowledge.article"]
            .sudo()
            .search(
                [
                    *self._get_registration_article_domain(registration_sudo),
                    ("id", "=", article_id),
                    ("kind", "=", "manual"),
                ],
                limit=1,
            )
        )
        if not article.manual:
            return request.not_found()
        stream = request.env["ir.binary"]._get_stream_from(
            article, "manual", filename_field="manual_filename"
        )
        return stream.get_response(as_attachment=True)
