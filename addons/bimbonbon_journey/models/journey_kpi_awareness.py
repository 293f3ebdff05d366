# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The customer journey's figures of the awareness and consideration phase: leads, QR scans
and product registrations.
"""

from odoo import models


# pylint: disable=consider-merging-classes-inherited
# One file per phase of the journey (its figures); the shared part is in journey_kpi.py.
class JourneyKpiAwareness(models.Model):
    _inherit = "bimbonbon.journey.kpi"

    def _kpi_leads(self, filters):
        """New leads and opportunities by source."""
        domain = self._domain(filters, "create_date", partner="partner_id.commercial_partner_id")
        groups = self.env["crm.lead"]._read_group(domain, ["source_id"], ["__count"])
        total = sum(count for _source, count in groups)
        unknown = self.env._("no source")
        return {
            "value": total,
            "display": self._fmt_number(total),
            "detail": self._fmt_top(
                [(source.name if source else unknown, count) for source, count in groups]
            ),
            "records": ("crm.lead", domain, ["source_id"]),
        }

    def _kpi_qr_scans(self, filters):
        """QR labels scanned (``/r/<token>`` opened), per product."""
        domain = self._domain(filters, "scan_date", product="product_id", lot="lot_id")
        groups = self.env["bimbonbon.qr.scan"]._read_group(domain, ["product_id"], ["__count"])
        total = sum(count for _product, count in groups)
        return {
            "value": total,
            "display": self._fmt_number(total),
            "detail": self._fmt_top([(product.name, count) for product, count in groups]),
            "records": ("bimbonbon.qr.scan", domain, ["product_id"]),
        }

    def _kpi_registrations(self, filters):
        """Products registered, per channel."""
        domain = self._registration_domain(filters)
        Registration = self.env["bimbonbon.product.registration"]
        groups = Registration._read_group(domain, ["channel"], ["__count"])
        labels = dict(Registration._fields["channel"]._description_selection(self.env))
        total = sum(count for _channel, count in groups)
        return {
            "value": total,
            "display": self._fmt_number(total),
            "detail": self._fmt_top([(labels.get(ch, ch), count) for ch, count in groups]),
            "records": ("bimbonbon.product.registration", domain, ["channel"]),
        }
