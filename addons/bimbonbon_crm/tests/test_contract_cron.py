# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from freezegun import freeze_time

from odoo.tests import TransactionCase, tagged

from .common_contract import ContractCommon


@tagged("post_install", "-at_install")
class TestContractCron(ContractCommon, TransactionCase):
    """The expiry cron applies every reminder offset exactly once per contract and end date."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_contract_data()
        cls.Contract = cls.env["bimbonbon.contract"]

    def _customer_reminders(self, contracts):
        return self.mails_for(contracts, self.customer, "ends on")

    def test_double_run_sends_once(self):
        contracts = self.create_contract(state="running") | self.create_contract(state="running")
        with freeze_time("2026-10-02"):
            self.run_cron()
            self.run_cron()
        self.assertEqual(len(self._customer_reminders(contracts)), 2)
        self.assertEqual(len(self.mails_for(contracts, self.responsible.partner_id, "ends on")), 2)
        self.assertEqual(set(contracts.mapped("state")), {"expiring"})

    def test_crash_mid_batch_then_rerun(self):
        contracts = self.Contract
        for _i in range(5):
            contracts |= self.create_contract(state="running")
        with freeze_time("2026-10-02"):
            # commit 1: the initial progress; commit 2: first batch (2 contracts); crash at
            # commit 3, so the second batch is lost, like in a real crash.
            self.assertFalse(self.run_cron(crash_at_commit=3, batch_size=2))
            self.assertEqual(len(self._customer_reminders(contracts)), 2)
            self.assertEqual(len(contracts.reminder_ids), 2)
            self.run_cron(batch_size=2)
            self.run_cron(batch_size=2)
        mails = self._customer_reminders(contracts)
        self.assertEqual(len(mails), 5)
        self.assertEqual(sorted(mails.mapped("res_id")), sorted(contracts.ids))
        self.assertEqual(len(contracts.reminder_ids), 5)

    def test_missed_offsets_send_the_nearest_once(self):
        """Server down (or a contract entering the window late): one reminder, the nearest."""
        contract = self.create_contract(state="running")
        with freeze_time("2026-12-10"):  # 90 and 30 days both passed, 7 not yet
            self.run_cron()
            self.run_cron()
        self.assertEqual(len(self._customer_reminders(contract)), 1)
        self.assertEqual(
            {(r.offset_days, r.sent) for r in contract.reminder_ids}, {(90, False), (30, True)}
        )
        with freeze_time("2026-12-26"):  # 7 days passed two days ago: sent late, once
            self.run_cron()
            self.run_cron()
        self.assertEqual(len(self._customer_reminders(contract)), 2)
        self.assertEqual(
            sorted(contract.reminder_ids.filtered("sent").mapped("offset_days")), [7, 30]
        )

    def test_moving_the_end_date_rearms(self):
        contract = self.create_contract(state="running")
        with freeze_time("2026-12-01"):
            self.run_cron()
            self.assertEqual(contract.state, "expiring")
            self.assertEqual(len(self._customer_reminders(contract)), 1)
            contract.date_end = date(2027, 6, 30)
            self.assertEqual(contract.state, "running")
            self.run_cron()
            self.assertEqual(len(self._customer_reminders(contract)), 1)
        with freeze_time("2027-04-01"):  # 90 days before the new end date
            self.run_cron()
            self.run_cron()
        self.assertEqual(len(self._customer_reminders(contract)), 2)
        self.assertEqual(
            contract.reminder_ids.filtered(lambda r: r.date_end == date(2027, 6, 30)).offset_days,
            90,
        )

    def test_day_lists_read_one_way(self):
        """Contract reminder days and overdue reminder levels were parsed in two ways (bad parts
        skipped, or the whole setting replaced by the default)."""
        ICP = self.env["ir.config_parameter"].sudo()
        for raw, contract_days, overdue_days in (
            ("60, 14, junk", [60, 14], (14, 60)),
            ("0, -3, x", [90, 30, 7], (7, 21, 35)),
            ("", [90, 30, 7], (7, 21, 35)),
            ("7,7,21", [21, 7], (7, 21)),
        ):
            ICP.set_param("bimbonbon_crm.contract_reminder_days", raw)
            ICP.set_param("bimbonbon_crm.overdue_reminder_days", raw)
            self.assertEqual(self.Contract._get_reminder_offsets(), contract_days, raw)
            self.assertEqual(
                self.env["account.move"]._get_overdue_reminder_days(), overdue_days, raw
            )

    def test_configurable_offsets(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "bimbonbon_crm.contract_reminder_days", "60, 14, junk"
        )
        self.assertEqual(self.Contract._get_reminder_offsets(), [60, 14])
        contract = self.create_contract(state="running")
        with freeze_time("2026-10-02"):  # 90 days before: nothing with these offsets
            self.run_cron()
        self.assertFalse(contract.reminder_ids)
        with freeze_time("2026-11-01"):
            self.run_cron()
        self.assertEqual(contract.reminder_ids.offset_days, 60)

    def test_query_count_constant_per_batch(self):
        """A batch costs the same number of queries for 1 and for 4 due contracts."""
        warmup = self.create_contract(state="running", date_end=date(2026, 12, 30))
        one = self.create_contract(state="running", date_end=date(2026, 12, 31))
        many = self.Contract
        for _i in range(4):
            many |= self.create_contract(state="running", date_end=date(2027, 1, 1))
        # 90 days before: warmup due on 1 October, one on 2 October, many on 3 October.
        for day, contracts in (("2026-10-01", warmup), ("2026-10-02", one), ("2026-10-03", many)):
            with freeze_time(day):
                self.env.flush_all()
                self.env.invalidate_all()
                if contracts == warmup:
                    self.run_cron()
                else:
                    with self.assertQueryCount(__system__=45):
                        self.run_cron()
            self.assertEqual(len(self._customer_reminders(contracts)), len(contracts))
