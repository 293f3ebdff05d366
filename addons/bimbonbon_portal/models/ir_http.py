# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.http import request

#: Tells the customer's app service worker whose page a response is (see
#: static/src/js/service_worker.js): the portal user's id, 0 for anybody else.
USER_HEADER = "X-Bimbonbon-User"


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

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
