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
        log = ROOT / ".launcher-test.log"
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
            log.unlink(missing_ok=True)
