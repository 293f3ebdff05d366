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
#: The planner is a role next to the departments (a technician who plans the visits of others).
PLANNER_GROUP = "bimbonbon_crm.group_planner"


class BimbonbonFixtures:
    """The people every addon's tests need, made one way: department staff, customers and
    portal users, and Dutch. Mixed into each addon's test case (bimbonbon_crm is a dependency of
    every addon, so its tests module is always importable)."""

    @classmethod
    def _create_department_user(cls, department, login, **values):
        """A staff member of ``department`` (a key of DEPARTMENT_GROUPS, or "planner")."""
        group = PLANNER_GROUP if department == "planner" else DEPARTMENT_GROUPS[department]
        values.setdefault("email", f"{login}@bimbonbon.example.com")
        return new_test_user(cls.env, login=login, groups=group, **values)

    @classmethod
    def _create_customer(cls, name, **values):
        """A business customer (a company with a customer rank, so it gets a number)."""
        return cls.env["res.partner"].create(
            {"name": name, "is_company": True, "customer_rank": 1, **values}
        )

    @classmethod
    def _create_portal_user(cls, login, partner=None, **values):
        """A portal user, for ``partner`` if given (keeping its name and e-mail)."""
        if partner:
            values = {
                "partner_id": partner.id,
                "name": partner.name,
                "email": partner.email,
                **values,
            }
        return new_test_user(
            cls.env(context=dict(cls.env.context, no_reset_password=True)),
            login=login,
            groups="base.group_portal",
            **values,
        )

    @classmethod
    def _install_dutch(cls, modules, *partners):
        """Dutch installed with the translations of ``modules``, and spoken by ``partners``."""
        lang = cls.env["res.lang"]._activate_lang("nl_NL")
        cls.env["ir.module.module"]._load_module_terms(modules, ["nl_NL"])
        for partner in partners:
            partner.lang = "nl_NL"
        return lang


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


class BimbonbonCrmCase(BimbonbonFixtures, CronCommitMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.users = {
            department: cls._create_department_user(
                department, f"crm_{department}", email=f"{department}@bimbonbon.example.com"
            )
            for department in DEPARTMENT_GROUPS
        }
        cls.customer = cls._create_customer(
            "Bakkerij De Zoete Inval", email="info@zoete-inval.example.com", lang="en_US"
        )
        cls.contact = cls.env["res.partner"].create(
            {
                "name": "Anna de Vries",
                "parent_id": cls.customer.id,
                "email": "anna@zoete-inval.example.com",
            }
        )
