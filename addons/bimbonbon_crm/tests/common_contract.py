# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import io
from datetime import date
from unittest.mock import patch

from PIL import Image, ImageDraw

from odoo.addons.base.models.ir_cron import IrCron

from .common import BimbonbonFixtures


def signature_b64(fmt="PNG", drawn=True, mode="RGBA"):
    """A signature as the portal's pad sends it: base64, transparent with a dark stroke."""
    image = Image.new(mode, (120, 40), (0, 0, 0, 0) if mode == "RGBA" else (255, 255, 255))
    if drawn:
        ImageDraw.Draw(image).line((5, 30, 115, 10), fill=(0, 0, 0, 255)[: len(mode)], width=3)
    buffer = io.BytesIO()
    image.save(buffer, format=fmt)
    return base64.b64encode(buffer.getvalue()).decode()


# A valid drawn signature.
SIGNATURE_PNG = signature_b64()


class SimulatedCrash(Exception):
    pass


class ContractCommon(BimbonbonFixtures):
    """Shared data of the contract tests: a customer with a portal user, a responsible."""

    @classmethod
    def setup_contract_data(cls):
        env = cls.env
        cls.env["ir.config_parameter"].sudo().set_param(
            "bimbonbon_crm.contract_reminder_days", "90,30,7"
        )
        cls.responsible = cls._create_department_user(
            "sales", "contract_sales", email="sales@bimbonbon.example.com", name="Sanne Sales"
        )
        cls.customer = cls._create_customer(
            "Bakkerij Test", customer_rank=0, email="info@bakkerij.example.com"
        )
        cls.customer_contact = env["res.partner"].create(
            {
                "name": "Joke Jansen",
                "parent_id": cls.customer.id,
                "email": "joke@bakkerij.example.com",
            }
        )
        cls.portal_user = cls._create_portal_user("contract_portal", cls.customer_contact)
        cls.other_customer = env["res.partner"].create(
            {"name": "Other Customer", "is_company": True, "email": "other@example.com"}
        )
        cls.product = env["product.product"].create(
            {"name": "Weekly pastry delivery", "lst_price": 85.0}
        )

    @classmethod
    def create_contract(cls, partner=None, **vals):
        values = {
            "partner_id": (partner or cls.customer).id,
            "user_id": cls.responsible.id,
            "date_start": date(2026, 1, 1),
            "date_end": date(2026, 12, 31),
            "line_ids": [(0, 0, {"product_id": cls.product.id, "quantity": 52})],
        }
        values.update(vals)
        return cls.env["bimbonbon.contract"].create(values)

    def mails_for(self, contracts, partner, subject=None):
        """The queued mails about `contracts` addressed to `partner`."""
        domain = [
            ("model", "=", "bimbonbon.contract"),
            ("res_id", "in", contracts.ids),
            ("recipient_ids", "in", partner.ids),
        ]
        if subject:
            domain.append(("subject", "ilike", subject))
        return self.env["mail.mail"].sudo().search(domain)

    def run_cron(self, crash_at_commit=None, batch_size=500):
        """Run the cron; `_commit_progress` sets a savepoint (our "commit"), and can raise.

        A crash rolls back to the last "commit", as a real crash loses the uncommitted batch.
        """
        calls = []

        def fake_commit(cron_self, processed=0, *, remaining=None, deactivate=False):
            calls.append(processed)
            if crash_at_commit and len(calls) == crash_at_commit:
                raise SimulatedCrash()
            self.env.flush_all()
            self.env.cr.flush()  # the precommit hooks (tracking) run at a real commit too
            self.env.cr.execute("SAVEPOINT contract_cron_commit")
            return float("inf")

        with patch.object(IrCron, "_commit_progress", fake_commit):
            try:
                self.env["bimbonbon.contract"]._cron_contract_expiry(batch_size=batch_size)
            except SimulatedCrash:
                self.env.cr.execute("ROLLBACK TO SAVEPOINT contract_cron_commit")
                self.env.invalidate_all()
                return False
        return calls
