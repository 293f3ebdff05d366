# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

import psycopg2.errors

from odoo import models
from odoo.exceptions import AccessError
from odoo.tools import mute_logger

_logger = logging.getLogger(__name__)


class Base(models.AbstractModel):
    _inherit = "base"

    def _check_staff_access(self, operation="read"):
        """Check that the caller is staff allowed to ``operation`` these records.

        Every public method of a model is an RPC endpoint for every logged-in user, portal
        customers included. The backend buttons (``action_*``) of our models start with this
        check, before any ``sudo()``: a portal user never runs them, even on records the portal
        rules let them read, and staff need the access right the button stands for.
        """
        if not self.env.su and not self.env.user._is_internal():
            raise AccessError(self.env._("This action is for staff only."))
        self.check_access(operation)

    def _try_lock_for_cron_batch(self):
        """Lock the rows of this batch of a cron that nobody else holds; return them.

        Rows another transaction holds right now are skipped (``SKIP LOCKED``). The lock lets
        others reference the rows (``FOR NO KEY UPDATE``): the crons that use it write no key.

        Odoo runs every transaction in REPEATABLE READ: it sees the database as it was at its
        first query (the cron's search for this batch). A row that another transaction
        changed and committed since then cannot be locked by this one: PostgreSQL raises a
        serialization failure instead of returning it, and the transaction is aborted. So the
        lock runs in a savepoint, and on that error no row of the batch is returned: the caller
        leaves the whole batch for its next run, as it does the rows held right now, and goes
        on with the rest. A row it could lock is unchanged since the search: checking the
        domain again after the lock would read the same snapshot and can catch nothing.
        """
        try:
            # muted: the failed query is expected and handled below; Odoo's cursor would log
            # it as an ERROR ("bad query") that looks like a failed run in the server log
            with self.env.cr.savepoint(), mute_logger("odoo.sql_db"):
                return self.try_lock_for_update(allow_referencing=True)
        except psycopg2.errors.SerializationFailure:
            _logger.info(
                "%s: %s records changed by another transaction since the search; left for "
                "the next run",
                self._name,
                len(self),
            )
            return self.browse()
