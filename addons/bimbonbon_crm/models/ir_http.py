# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from werkzeug.exceptions import BadRequest, abort

from odoo import models
from odoo.http import Response, request

NUL = "\x00"


def _has_nul(value):
    """Whether ``value`` (a request parameter, possibly nested JSON) holds a NUL character."""
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(_has_nul(key) or _has_nul(item) for key, item in value.items())
    if isinstance(value, list | tuple):
        return any(_has_nul(item) for item in value)
    return False


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _dispatch(cls, endpoint):
        # PostgreSQL refuses NUL in text: a parameter or an upload's file name holding one
        # ends in a server error wherever it reaches a query. No form has a use for it, so the
        # request is refused with a 400 before any route code runs (and nothing is written).
        files = request.httprequest.files
        if _has_nul(request.params) or any(
            NUL in (upload.filename or "") for upload in files.values()
        ):
            message = request.env._("The request holds an invalid character (NUL).")
            if request.dispatcher.routing_type == "http":
                raise BadRequest(message)  # the website shows its 400 page
            # JSON: a plain 400, as Odoo answers invalid JSON (no error object, no traceback)
            abort(Response(message, status=400))
        return super()._dispatch(endpoint)

    @classmethod
    def _post_dispatch(cls, response):
        result = super()._post_dispatch(response)
        # The session cookie is SameSite=Lax (Odoo sets none, leaving it to the browser):
        # it is sent on top-level navigations (links in mails, QR codes, payment returns
        # by GET) but not on cross-site POSTs or embedded requests, a second line behind CSRF.
        cookies = response.headers.getlist("Set-Cookie")
        if any(c.startswith("session_id=") and "samesite" not in c.lower() for c in cookies):
            response.headers.remove("Set-Cookie")
            for cookie in cookies:
                if cookie.startswith("session_id=") and "samesite" not in cookie.lower():
                    cookie += "; SameSite=Lax"
                response.headers.add("Set-Cookie", cookie)
        return result
