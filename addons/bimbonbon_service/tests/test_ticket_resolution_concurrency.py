# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import psycopg2

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestTicketResolutionConcurrency(TransactionCase):
    """Two staff members (or two presses) in two real transactions: one action, one document.

    The data is committed (other transactions must see it) and removed again afterwards.
    """

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            template = env["product.template"].create(
                {"name": "Race mixer", "is_storable": True, "tracking": "serial"}
            )
            lot = env["stock.lot"].create(
                {"name": "RACE-R001", "product_id": template.product_variant_id.id}
            )
            partner = env["res.partner"].create({"name": "Racer"})
            registration = env["bimbonbon.product.registration"]._register_lot(
                partner, lot, channel="staff"
            )
            ticket = env["helpdesk.ticket"].create(
                {
                    "name": "Race",
                    "description": "<p>Race</p>",
                    "ticket_kind": "fault",
                    "partner_id": partner.id,
                    "registration_id": registration.id,
                }
            )
            self.ids = {
                "template": template.id,
                "lot": lot.id,
                "partner": partner.id,
                "registration": registration.id,
                "ticket": ticket.id,
            }
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            ticket = env["helpdesk.ticket"].browse(self.ids["ticket"])
            env["maintenance.request"].search([("ticket_id", "=", ticket.id)]).unlink()
            env["bimbonbon.ticket.resolution"].search([("ticket_id", "=", ticket.id)]).unlink()
            ticket.unlink()
            env["bimbonbon.product.registration"].browse(self.ids["registration"]).unlink()
            env["stock.lot"].browse(self.ids["lot"]).unlink()
            env["product.template"].browse(self.ids["template"]).unlink()
            env["res.partner"].browse(self.ids["partner"]).unlink()

    def _env(self, cr):
        return api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})

    def _ticket(self, cr):
        return self._env(cr)["helpdesk.ticket"].browse(self.ids["ticket"])

    def _counts(self):
        with self.registry.cursor() as cr:
            env = self._env(cr)
            domain = [("ticket_id", "=", self.ids["ticket"])]
            return (
                env["bimbonbon.ticket.resolution"].search_count(domain),
                env["maintenance.request"].search_count(domain),
            )

    def _resolution_id(self):
        with self.registry.cursor() as cr:
            action = self._ticket(cr).action_resolve_repair()
            return action["res_id"]

    def test_ticket_button_while_a_colleague_is_at_it(self):
        """B presses while A's transaction runs: B is told, A's action is the only one."""
        cr_a, cr_b = self.registry.cursor(), self.registry.cursor()
        try:
            self._ticket(cr_a).action_resolve_repair()
            with self.assertRaisesRegex(UserError, "colleague"):
                self._ticket(cr_b).action_resolve_repair()
            cr_a.commit()
            cr_b.rollback()
            # pressed again afterwards: the same action
            action = self._ticket(cr_b).action_resolve_repair()
            cr_b.commit()
        finally:
            cr_a.close()
            cr_b.close()
        self.assertEqual(self._counts(), (1, 0))
        self.assertTrue(action["res_id"])

    def test_ticket_button_same_snapshot(self):
        """B's snapshot predates A's commit: the unique index refuses B's second action."""
        cr_a, cr_b = self.registry.cursor(), self.registry.cursor()
        try:
            cr_b.execute("SELECT id FROM bimbonbon_ticket_resolution LIMIT 1")
            self._ticket(cr_a).action_resolve_repair()
            cr_a.commit()
            with self.assertRaisesRegex(UserError, "just started"):
                self._ticket(cr_b).action_resolve_repair()
            cr_b.rollback()
        finally:
            cr_a.close()
            cr_b.close()
        self.assertEqual(self._counts(), (1, 0))

    def test_confirm_while_a_colleague_is_at_it(self):
        """Two confirmations of one action: one document."""
        resolution_id = self._resolution_id()
        cr_a, cr_b = self.registry.cursor(), self.registry.cursor()
        try:
            Resolution = self._env(cr_a)["bimbonbon.ticket.resolution"]
            Resolution.browse(resolution_id).action_confirm()
            with self.assertRaisesRegex(UserError, "colleague"):
                self._env(cr_b)["bimbonbon.ticket.resolution"].browse(
                    resolution_id
                ).action_confirm()
            cr_a.commit()
            cr_b.rollback()
        finally:
            cr_a.close()
            cr_b.close()
        self.assertEqual(self._counts(), (1, 1))

    def test_confirm_same_snapshot(self):
        """B's snapshot predates A's commit: B cannot lock the changed row (a serialization
        failure, which Odoo retries); the retry opens A's document and creates none."""
        resolution_id = self._resolution_id()
        cr_a, cr_b = self.registry.cursor(), self.registry.cursor()
        try:
            cr_b.execute("SELECT id FROM bimbonbon_ticket_resolution LIMIT 1")
            self._env(cr_a)["bimbonbon.ticket.resolution"].browse(resolution_id).action_confirm()
            cr_a.commit()
            with self.assertRaises(psycopg2.errors.SerializationFailure):
                self._env(cr_b)["bimbonbon.ticket.resolution"].browse(
                    resolution_id
                ).action_confirm()
            cr_b.rollback()
            # Odoo's retry of the request, in a new snapshot
            action = (
                self._env(cr_b)["bimbonbon.ticket.resolution"]
                .browse(resolution_id)
                .action_confirm()
            )
            cr_b.commit()
        finally:
            cr_a.close()
            cr_b.close()
        self.assertEqual(action["res_model"], "maintenance.request")
        self.assertEqual(self._counts(), (1, 1))
