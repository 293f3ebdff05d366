# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import importlib.util

from prometheus_client.parser import text_string_to_metric_families

from odoo.tests import HttpCase, tagged
from odoo.tools import file_path

from odoo.addons.bimbonbon_crm.hooks import post_init_hook

TOKEN = "een-lang-geheim-voor-de-monitoring"


@tagged("post_install", "-at_install")
class TestMetrics(HttpCase):
    def setUp(self):
        super().setUp()
        self.env["ir.config_parameter"].set_param("bimbonbon_crm.metrics_token", TOKEN)

    def _get(self, token=TOKEN):
        headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
        return self.url_open("/bimbonbon/metrics", headers=headers)

    def _samples(self):
        response = self._get()
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.headers["Content-Type"].startswith("text/plain"))
        return {
            (sample.name, tuple(sorted(sample.labels.items()))): sample.value
            for family in text_string_to_metric_families(response.text)
            for sample in family.samples
        }

    def test_token_required(self):
        self.assertEqual(self._get(token=None).status_code, 401)
        self.assertEqual(self._get(token="fout").status_code, 401)
        self.assertEqual(self._get(token=TOKEN + "x").status_code, 401)
        self.env["ir.config_parameter"].set_param("bimbonbon_crm.metrics_token", "")
        self.assertEqual(self._get().status_code, 404, "no token set: the endpoint is closed")

    def test_token_made_at_install(self):
        # a new database has no such parameter (an empty one is an endpoint closed on purpose)
        self.env["ir.config_parameter"].set_param("bimbonbon_crm.metrics_token", False)
        post_init_hook(self.env)
        self.assertGreaterEqual(
            len(self.env["ir.config_parameter"].get_param("bimbonbon_crm.metrics_token")), 32
        )

    def test_token_made_on_update_closed_stays_closed(self):
        """A database that got the endpoint by an update (noupdate data is not loaded then)
        gets its token from the migration; one closed on purpose (empty) stays closed."""
        Param = self.env["ir.config_parameter"]
        Param.set_param("bimbonbon_crm.metrics_token", False)
        spec = importlib.util.spec_from_file_location(
            "bimbonbon_crm_migrate_1_2",
            file_path("bimbonbon_crm/migrations/19.0.1.2.0/post-migrate.py"),
        )
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        migration.migrate(self.env.cr, "19.0.1.1.0")
        token = Param.get_param("bimbonbon_crm.metrics_token")
        self.assertGreaterEqual(len(token), 32)
        migration.migrate(self.env.cr, "19.0.1.1.0")
        self.assertEqual(Param.get_param("bimbonbon_crm.metrics_token"), token, "kept")
        Param.set_param("bimbonbon_crm.metrics_token", "")
        migration.migrate(self.env.cr, "19.0.1.1.0")
        post_init_hook(self.env)
        self.assertEqual(self._get().status_code, 404, "closed on purpose: stays closed")

    def test_failed_cron_and_stuck_mail_show_then_clear(self):
        cron = self.env.ref("bimbonbon_crm.ir_cron_data_reminder")
        key = ("odoo_cron_failures", (("cron", "bimbonbon_crm.ir_cron_data_reminder"),))
        cron.write({"failure_count": 0})
        self.assertEqual(self._samples()[key], 0)
        cron.write({"failure_count": 3})
        self.assertEqual(self._samples()[key], 3)
        mail = self.env["mail.mail"].create(
            {"subject": "Test", "email_to": "a@example.com", "body_html": "<p>x</p>"}
        )
        mail.write({"state": "exception", "model": "res.partner"})
        exception = (
            "odoo_mail_queue",
            (("model", "res.partner"), ("state", "exception"), ("template", "")),
        )
        before = self._samples().get(exception, 0)
        self.assertGreaterEqual(before, 1)
        cron.write({"failure_count": 0})
        mail.unlink()
        samples = self._samples()
        self.assertEqual(samples[key], 0)
        self.assertEqual(samples.get(exception, 0), before - 1)
