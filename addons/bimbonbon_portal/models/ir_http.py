# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from werkzeug.exceptions import NotFound

from odoo import models
from odoo.http import request

#: Tells the customer's app service worker whose page a response is (see
#: static/src/js/service_worker.js): the portal user's id, 0 for anybody else.
USER_HEADER = "X-Bimbonbon-User"


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _serve_fallback(cls):
        # An unknown path with a NUL byte ("/%00") names no attachment or page; Odoo's and the
        # website's lookups pass it to PostgreSQL, which refuses NUL in a string: a 500 (with
        # a traceback in the log) instead of a 404. Runs before the website's fallback.
        if "\x00" in request.httprequest.path:
            raise NotFound()
        return super()._serve_fallback()

    @classmethod
    def _post_dispatch(cls, response):
        result = super()._post_dispatch(response)
        # the website's pages only (the worker's pages): not on every backend response
        if response.mimetype == "text/html" and getattr(request, "is_frontend", False):
            uid = request.session.uid
            # sudo: the session's own user, only to read whether it is a portal user
            portal = bool(uid) and request.env["res.users"].sudo().browse(uid)._is_portal()
            response.headers[USER_HEADER] = str(uid if portal else 0)
        return result
