# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import hmac

from prometheus_client import CONTENT_TYPE_LATEST

from odoo import http
from odoo.http import request


class MetricsController(http.Controller):
    @http.route("/bimbonbon/metrics", type="http", auth="none", methods=["GET"], save_session=False)
    def metrics(self):
        """The monitoring figures in Prometheus's text format, for a scraper that sends
        ``Authorization: Bearer <token>`` (system parameter bimbonbon_crm.metrics_token)."""
        Metrics = request.env["bimbonbon.metrics"].sudo()
        token = Metrics._get_token()
        if not token:
            return request.not_found()
        header = request.httprequest.headers.get("Authorization", "")
        given = header.removeprefix("Bearer ").strip() if header.startswith("Bearer ") else ""
        if not hmac.compare_digest(given.encode(), token.encode()):
            return request.make_response(
                "Unauthorized\n",
                headers=[("Content-Type", "text/plain"), ("WWW-Authenticate", "Bearer")],
                status=401,
            )
        return request.make_response(
            Metrics._render(), headers=[("Content-Type", CONTENT_TYPE_LATEST)]
        )
