# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""`make backup` and `make restore` round-trip a database with its filestore: the same
registrations, tickets, contracts and attachments, and every attachment's file."""

import base64
import hashlib
import os
import shutil
import signal
import subprocess
import tempfile
import time
from contextlib import closing
from pathlib import Path

import psycopg2

from odoo import api
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, tagged
from odoo.tools import config

ROOT = Path(__file__).resolve().parents[1]
#: table: the columns whose content must come back as it was
TABLES = {
    "bimbonbon_product_registration": "id, partner_id, lot_id, state",
    "helpdesk_ticket": "id, number, name, partner_id, stage_id",
    "bimbonbon_contract": "id, name, partner_id, state",
    "ir_attachment": "id, name, res_model, res_id, checksum, store_fname",
}


def _fingerprint(dbname):
    """Per table: the number of rows and a checksum of their content."""
    with psycopg2.connect(dbname=dbname) as conn, conn.cursor() as cr:
        result = {}
        for table, columns in TABLES.items():
            cr.execute(
                f"SELECT count(*), md5(coalesce(string_agg(row({columns})::text, ',' "  # noqa: S608
                f"ORDER BY id), '')) FROM {table}"
            )
            result[table] = cr.fetchone()
        cr.execute("SELECT store_fname, checksum FROM ir_attachment WHERE store_fname IS NOT NULL")
        files = cr.fetchall()
    conn.close()
    return result, files


@tagged("post_install", "-at_install")
class TestBackupRestore(BaseCase):
    def _run(self, script, **env):
        return subprocess.run(
            ["bash", f"scripts/{script}"],
            cwd=ROOT,
            env={**os.environ, "ODOO_DATA_DIR": config["data_dir"], **env},
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )

    def _commit_records(self, dbname):
        """A ticket with an attached file, committed (a backup sees committed data only)."""
        registry = Registry(dbname)
        with registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            partner = env["res.partner"].create({"name": "Back-up Klant B.V."})
            ticket = env["helpdesk.ticket"].create(
                {"name": "Back-up test", "description": "<p>x</p>", "partner_id": partner.id}
            )
            attachment = env["ir.attachment"].create(
                {
                    "name": "foto.txt",
                    "datas": base64.b64encode(b"een foto van de mixer"),
                    "res_model": "helpdesk.ticket",
                    "res_id": ticket.id,
                }
            )
            cr.commit()
            return registry, (partner.id, ticket.id, attachment.id)

    def _remove_records(self, registry, ids):
        partner_id, ticket_id, attachment_id = ids
        with registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            env["ir.attachment"].browse(attachment_id).unlink()
            env["helpdesk.ticket"].browse(ticket_id).unlink()
            env["res.partner"].browse(partner_id).unlink()
            cr.commit()

    def test_backup_then_restore_under_another_name(self):
        dbname = config["db_name"]
        if isinstance(dbname, list):
            dbname = dbname[0]
        restored = f"{dbname}_restored"
        backups = tempfile.mkdtemp(prefix="bimbonbon-backup-")
        registry, ids = self._commit_records(dbname)
        try:
            before, _files = _fingerprint(dbname)
            self.assertGreater(before["helpdesk_ticket"][0], 0)
            done = self._run("backup.sh", DB=dbname, BACKUP_DIR=backups)
            self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
            (dump,) = Path(backups).glob(f"{dbname}-*.zip")
            # an existing database is not overwritten without FORCE=1
            refused = self._run("restore.sh", FILE=str(dump), DB=dbname)
            self.assertNotEqual(refused.returncode, 0)
            self.assertIn("exists", refused.stderr)
            done = self._run("restore.sh", FILE=str(dump), DB=restored)
            self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
            after, files = _fingerprint(restored)
            self.assertEqual(after, before)
            # a restored copy is neutralized by default: it mails nobody, runs no cron
            with closing(psycopg2.connect(dbname=restored)) as conn, conn.cursor() as cr:
                cr.execute(
                    "SELECT value FROM ir_config_parameter WHERE key = 'database.is_neutralized'"
                )
                self.assertEqual(cr.fetchone(), ("true",))
                cr.execute(
                    """SELECT count(*) FROM ir_cron c WHERE c.active AND NOT EXISTS (
                           SELECT 1 FROM ir_model_data d
                            WHERE d.model = 'ir.cron' AND d.res_id = c.id
                              AND d.module = 'base' AND d.name = 'autovacuum_job')"""
                )
                self.assertEqual(cr.fetchone(), (0,), "only Odoo's clean-up runs")
            filestore = Path(config["data_dir"]) / "filestore" / restored
            for store_fname, checksum in files:
                content = (filestore / store_fname).read_bytes()
                self.assertEqual(hashlib.sha1(content).hexdigest(), checksum, store_fname)
        finally:
            self._remove_records(registry, ids)
            subprocess.run(["dropdb", "--if-exists", restored], check=False)
            shutil.rmtree(Path(config["data_dir"]) / "filestore" / restored, ignore_errors=True)
            shutil.rmtree(backups, ignore_errors=True)

    def test_interrupted_backup_leaves_no_file(self):
        """A backup killed halfway (or failing, or the disk full) leaves nothing that looks
        like a good backup: it is written as .part and renamed only when complete."""
        dbname = config["db_name"]
        if isinstance(dbname, list):
            dbname = dbname[0]
        backups = Path(tempfile.mkdtemp(prefix="bimbonbon-backup-"))
        self.addCleanup(shutil.rmtree, backups, ignore_errors=True)
        backup = subprocess.Popen(
            ["bash", "scripts/backup.sh"],
            cwd=ROOT,
            env={
                **os.environ,
                "ODOO_DATA_DIR": config["data_dir"],
                "DB": dbname,
                "BACKUP_DIR": str(backups),
            },
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 300
        while not any(backups.iterdir()) and backup.poll() is None:
            self.assertLess(time.monotonic(), deadline, "the backup never started writing")
            time.sleep(0.05)
        self.assertIsNone(backup.poll(), "the backup finished before it could be stopped")
        os.killpg(backup.pid, signal.SIGTERM)
        backup.wait(timeout=120)
        self.assertEqual(list(backups.iterdir()), [])
