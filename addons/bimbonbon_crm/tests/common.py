# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from contextlib import contextmanager
from unittest.mock import patch

from odoo.tests import TransactionCase, new_test_user

DEPARTMENT_GROUPS = {
    "sales": "bimbonbon_crm.group_sales",
    "customer_service": "bimbonbon_crm.group_customer_service",
    "maintenance": "bimbonbon_crm.group_maintenance",
    "purchasing": "bimbonbon_crm.group_purchasing",
    "management": "bimbonbon_crm.group_management",
}


class CronCommitMixin:
    """Run batched crons in a test as if committing (see `fake_cron_commits`)."""

    @contextmanager
    def fake_cron_commits(self, crash_after=None):
        """Run `_commit_progress` as in a cron without committing the test transaction.

        With `crash_after=n`, the n+1-th call rolls back to the last "commit" and raises, as a
        worker killed in the middle of a batch would."""
        calls = []
        savepoints = [self.env.cr.savepoint()]

        def commit_progress(ir_cron, processed=0, *, remaining=None, deactivate=False):
            calls.append((processed, remaining))
            if crash_after is not None and len(calls) > crash_after:
                savepoints[-1].rollback()
                raise RuntimeError("worker killed")
            self.env.flush_all()
            savepoints.append(self.env.cr.savepoint())
            return 3600.0

        with patch.object(type(self.env["ir.cron"]), "_commit_progress", commit_progress):
            yield calls


class BimbonbonCrmCase(CronCommitMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.users = {
            department: new_test_user(
                cls.env,
                login=f"crm_{department}",
                groups=group,
                email=f"{department}@bimbonbon.example.com",
            )
            for department, group in DEPARTMENT_GROUPS.items()
        }
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Bakkerij De Zoete Inval",
                "is_company": True,
                "email": "info@zoete-inval.example.com",
                "lang": "en_US",
                "customer_rank": 1,
            }
        )
        cls.contact = cls.env["res.partner"].create(
            {
                "name": "Anna de Vries",
                "parent_id": cls.customer.id,
                "email": "anna@zoete-inval.example.com",
            }
        )
