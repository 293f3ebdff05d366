# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime

from odoo import Command
from odoo.tests import TransactionCase
from odoo.tools import SQL

from odoo.addons.bimbonbon_crm.tests.sql_rows import copy_rows, series
from odoo.addons.bimbonbon_service.tests.common import ServiceFixtures

__all__ = ["NOW", "JourneyCommon", "JourneyFixtures", "copy_rows", "series"]

#: "today" of the journey's tests
NOW = datetime(2026, 6, 15, 12, 0)


class JourneyFixtures(ServiceFixtures):
    """A company's journey made in the test: two customer segments, a mixer (serials) and a
    mix (batches), and management, who reads the overview."""

    @classmethod
    def _setup_journey(cls):
        env = cls.env
        cls._create_registrable_products()
        cls.management = cls._create_department_user("management", "jrn_management")
        cls.bakeries, cls.shops = env["res.partner.category"].create(
            [{"name": "Bakkerijen"}, {"name": "Winkels"}]
        )
        cls.bakery = cls._create_customer(
            "Bakkerij Journey", category_id=[Command.set(cls.bakeries.ids)]
        )
        cls.shop = cls._create_customer("Winkel Journey", category_id=[Command.set(cls.shops.ids)])
        cls.batch_a, cls.batch_b = env["stock.lot"].create(
            [
                {"name": "JRN-A", "product_id": cls.mix.id},
                {"name": "JRN-B", "product_id": cls.mix.id},
            ]
        )
        cls.serial = env["stock.lot"].create({"name": "JRN-S1", "product_id": cls.mixer.id})
        cls.channels = {
            code: env.ref(f"helpdesk_mgmt.helpdesk_ticket_channel_{xmlid}")
            for code, xmlid in (
                ("phone", "phone"),
                ("portal", "web"),
                ("mail", "email"),
                ("other", "other"),
            )
        }
        cls.Kpi = env["bimbonbon.journey.kpi"]

    @classmethod
    def _ticket(cls, channel, when, kind="question", customer=None, lot=None, **values):
        customer = customer or cls.bakery
        ticket = cls.env["helpdesk.ticket"].create(
            {
                "name": f"{kind} {channel}",
                "description": "<p>Melding</p>",
                "ticket_kind": kind,
                "partner_id": customer.id,
                "channel_id": cls.channels[channel].id,
                "product_id": lot.product_id.id if lot else False,
                "lot_id": lot.id if lot else False,
                **values,
            }
        )
        cls._set_create_date(ticket, when)
        return ticket

    @classmethod
    def _set_create_date(cls, records, when):
        """``create_date`` is the database's clock, which freezegun does not stop."""
        records.flush_recordset()
        cls.env.cr.execute(
            SQL(
                "UPDATE %s SET create_date = %s WHERE id IN %s",
                SQL.identifier(records._table),
                when,
                tuple(records.ids),
            )
        )
        records.invalidate_recordset(["create_date"])

    @classmethod
    def _deliver(cls, lot, quantity, customer=None):
        """``quantity`` units of ``lot`` delivered to ``customer`` (a done move line)."""
        env = cls.env
        customer = customer or cls.bakery
        warehouse = env["stock.warehouse"].search([("company_id", "=", env.company.id)], limit=1)
        stock = warehouse.lot_stock_id
        env["stock.quant"]._update_available_quantity(lot.product_id, stock, quantity, lot_id=lot)
        move = env["stock.move"].create(
            {
                "product_id": lot.product_id.id,
                "product_uom_qty": quantity,
                "location_id": stock.id,
                "location_dest_id": env.ref("stock.stock_location_customers").id,
                "partner_id": customer.id,
                "picking_type_id": warehouse.out_type_id.id,
            }
        )
        move._action_confirm()
        move._action_assign()
        move.move_line_ids.write({"lot_id": lot.id, "quantity": quantity})
        move.picked = True
        move._action_done()
        return move

    def _kpi(self, code, user=None, **context):
        """The figure ``code`` as management sees it, for the filters in ``context``
        (``period="month"`` becomes ``journey_period``)."""
        ctx = {f"journey_{key}": value for key, value in context.items()}
        kpi = self.env.ref(f"bimbonbon_journey.journey_kpi_{code}")
        return kpi.with_user(user or self.management).with_context(**ctx)

    def _records(self, code, **context):
        """The records a click on the figure opens."""
        action = self._kpi(code, **context).action_open_records()
        return self.env[action["res_model"]].with_user(self.management).search(action["domain"])


class JourneyCommon(JourneyFixtures, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls._setup_journey()
