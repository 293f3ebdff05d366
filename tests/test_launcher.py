# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The project's launcher serves Odoo in prefork, as production does (config/odoo.prod.conf):
the HTTP workers and the gevent process (websocket, long polling), which Odoo starts by
re-running its own launcher."""

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.error import URLError
from urllib.request import urlopen

from odoo.tests import BaseCase, tagged
from odoo.tools import config

ROOT = Path(__file__).resolve().parents[1]
START_TIMEOUT = 90


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _healthy(port):
    try:
        with urlopen(f"http://127.0.0.1:{port}/web/health", timeout=2) as response:
            return response.status == 200
    except (URLError, OSError):
        return False


@tagged("post_install", "-at_install")
class TestLauncher(BaseCase):
    def test_prefork_serves_http_and_gevent(self):
        http_port, gevent_port = _free_port(), _free_port()
        # the server log beside the other temporary files, not in the repository
        log_dir = tempfile.TemporaryDirectory(prefix="bimbonbon-launcher-")
        self.addCleanup(log_dir.cleanup)
        log = Path(log_dir.name) / "server.log"
        with open(log, "w") as out:
            server = subprocess.Popen(
                [
                    sys.executable,
                    str(ROOT / "scripts" / "odoo"),
                    f"--config={ROOT / 'config' / 'odoo.conf'}",
                    f"--addons-path={ROOT / 'addons'}",
                    f"--data-dir={config['data_dir']}",
                    "--workers=2",
                    "--max-cron-threads=0",
                    "--http-interface=127.0.0.1",
                    f"--http-port={http_port}",
                    f"--gevent-port={gevent_port}",
                    "--log-level=warn",
                ],
                cwd=ROOT,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            deadline = time.monotonic() + START_TIMEOUT
            up = set()
            while time.monotonic() < deadline and len(up) < 2 and server.poll() is None:
                up |= {port for port in (http_port, gevent_port) if _healthy(port)}
                time.sleep(0.5)
            self.assertEqual(
                up,
                {http_port, gevent_port},
                f"prefork did not serve both ports; server log:\n{log.read_text()[-3000:]}",
            )
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)


@tagged("post_install", "-at_install")
class TestScriptHelpers(BaseCase):
    def _lib(self, command, cwd):
        done = subprocess.run(
            ["bash", "-c", f". {ROOT / 'scripts' / 'lib.sh'} && {command}"],
            cwd=cwd,
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout.strip()

    def test_launcher_found_from_anywhere(self):
        """scripts/lib.sh finds the launcher next to itself, not in the caller's directory."""
        with tempfile.TemporaryDirectory() as elsewhere:
            launcher = self._lib('echo "$ODOO_LAUNCHER"', elsewhere)
        self.assertEqual(Path(launcher).resolve(), ROOT / "scripts" / "odoo")

    def test_load_logins_keep_their_width(self):
        """The load test's accounts are load01.. for any number of customers (made once in
        the demo database and logged in as load01 by the two-node check)."""
        nine = self._lib("load_logins 9", ROOT).split(",")
        hundred = self._lib("load_logins 100", ROOT).split(",")
        self.assertEqual(nine, [f"load{i:02d}" for i in range(1, 10)])
        self.assertEqual(hundred[:9], nine)
        self.assertEqual((len(hundred), hundred[-1]), (100, "load100"))
