# Copyright 2026 BimBonBon
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""docker-compose.yml, docker/nginx.conf and config/odoo.prod.conf agree: two Odoo nodes
with the production configuration and one shared filestore behind the proxy, which sends
/websocket to the nodes' gevent port and the rest to their HTTP port; every service has a
health check. (Docker cannot run on the machines that run the tests: this reads the files.)"""

import configparser
import re
from pathlib import Path

import yaml

from odoo.tests import BaseCase, tagged

ROOT = Path(__file__).resolve().parents[1]
NODES = ("odoo1", "odoo2")


@tagged("post_install", "-at_install")
class TestDockerCompose(BaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
        cls.services = cls.compose["services"]
        parser = configparser.ConfigParser()
        parser.read(ROOT / "config" / "odoo.prod.conf")
        cls.conf = parser["options"]
        cls.nginx = (ROOT / "docker" / "nginx.conf").read_text()

    def _mounts(self, service):
        return {
            volume.split(":")[1]: volume.split(":")[0]
            for volume in self.services[service]["volumes"]
        }

    def test_services_and_health_checks(self):
        self.assertEqual(set(self.services), {"db", "proxy", *NODES})
        for name, service in self.services.items():
            with self.subTest(service=name):
                self.assertIn("healthcheck", service)
                self.assertEqual(service.get("restart"), "unless-stopped")
        self.assertEqual(set(self.compose["volumes"]), {"db-data", "odoo-data"})

    def test_nodes_share_configuration_and_filestore(self):
        for node in NODES:
            with self.subTest(node=node):
                mounts = self._mounts(node)
                self.assertEqual(mounts["/etc/odoo/odoo.conf"], "./config/odoo.prod.conf")
                self.assertEqual(mounts[self.conf["data_dir"]], "odoo-data")
                for path in self.conf["addons_path"].split(","):
                    self.assertTrue(
                        path in mounts or path == "/mnt/oca-addons",  # baked into the image
                        f"{path} of addons_path is not in the container",
                    )
                self.assertEqual(
                    self.services[node]["depends_on"]["db"]["condition"], "service_healthy"
                )
                self.assertNotIn("ports", self.services[node], "the proxy is the way in")
        self.assertEqual(self.services["odoo1"]["image"], self.services["odoo2"]["image"])

    def test_production_configuration(self):
        self.assertEqual(self.conf["proxy_mode"], "True")
        self.assertGreater(
            int(self.conf["workers"]), 0, "prefork: the gevent port serves /websocket"
        )
        self.assertEqual(self.conf["list_db"], "False")
        self.assertEqual(self.conf["db_host"], "db")

    def test_proxy_routes_to_every_node(self):
        proxy = self.services["proxy"]
        self.assertEqual(
            self._mounts("proxy")["/etc/nginx/conf.d/default.conf"], "./docker/nginx.conf"
        )
        self.assertEqual(set(proxy["depends_on"]), set(NODES))
        gevent_port = self.conf.get("gevent_port", "8072")
        http_port = self.conf.get("http_port", "8069")
        for node in NODES:
            self.assertIn(f"server {node}:{http_port};", self.nginx)
            self.assertIn(f"server {node}:{gevent_port};", self.nginx)
        websocket = re.search(r"location /websocket \{(.*?)\}", self.nginx, re.S).group(1)
        self.assertIn("proxy_pass http://odoo_websocket;", websocket)
        self.assertIn("proxy_set_header Upgrade $http_upgrade;", websocket)
        root = re.search(r"location / \{(.*?)\}", self.nginx, re.S).group(1)
        self.assertIn("proxy_pass http://odoo_http;", root)
        for header in ("X-Forwarded-Host", "X-Forwarded-For", "X-Forwarded-Proto"):
            self.assertIn(f"proxy_set_header {header}", self.nginx)

    def test_proxy_keeps_the_scheme_and_fails_over_quickly(self):
        """Behind a TLS proxy the browser's scheme (X-Forwarded-Proto) is passed on, not
        nginx's own http; a node that does not answer is given up within seconds."""
        proto = re.search(r"map \$http_x_forwarded_proto \$(\w+) \{(.*?)\}", self.nginx, re.S)
        self.assertIsNotNone(proto, "a map of X-Forwarded-Proto")
        variable, body = proto.groups()
        self.assertIn("default $http_x_forwarded_proto;", body)
        self.assertIn("''      $scheme;", body)
        self.assertIn(f"proxy_set_header X-Forwarded-Proto ${variable};", self.nginx)
        (timeout,) = re.findall(r"proxy_connect_timeout (\d+)s;", self.nginx)
        self.assertLessEqual(int(timeout), 5)

    def test_optional_read_replica(self):
        """docker-compose.replica.yml adds a streaming standby of "db" that both nodes use as
        db_replica_host; the primary allows its replication connection from its first start."""
        replica = yaml.safe_load((ROOT / "docker-compose.replica.yml").read_text())
        services = replica["services"]
        standby = services["db-replica"]
        self.assertEqual(standby["image"], self.services["db"]["image"])
        self.assertEqual(standby.get("restart"), "unless-stopped")
        # healthy while it streams: not when left behind, nor when promoted
        self.assertIn("pg_stat_wal_receiver", standby["healthcheck"]["test"][1])
        self.assertIn("grep -qx streaming", standby["healthcheck"]["test"][1])
        # the primary keeps the WAL of a standby that is behind, within a bound
        self.assertIn("max_slot_wal_keep_size=10GB", services["db"]["command"])
        self.assertEqual(standby["depends_on"]["db"]["condition"], "service_healthy")
        mounts = {volume.split(":")[1]: volume.split(":")[0] for volume in standby["volumes"]}
        entrypoint = standby["entrypoint"][0]
        script = (ROOT / mounts[entrypoint]).read_text()
        self.assertIn("pg_basebackup -h db", script)
        self.assertIn(" -R ", script, "the copy starts as a standby of db")
        self.assertIn("-C -S bimbonbon_replica", script, "with a replication slot")
        self.assertIn("exec docker-entrypoint.sh postgres", script)
        self.assertEqual(set(replica["volumes"]), {mounts["/var/lib/postgresql/data"]})
        # the commented example of config/odoo.prod.conf names the same host and port
        prod_conf = (ROOT / "config" / "odoo.prod.conf").read_text()
        for node in NODES:
            with self.subTest(node=node):
                command = services[node]["command"]
                self.assertEqual(command[0], "odoo")
                self.assertIn("--db_replica_host=db-replica", command)
                self.assertIn("--db_replica_port=5432", command)
                # not held up by a replica that is copying or down (Odoo falls back)
                self.assertEqual(
                    services[node]["depends_on"]["db-replica"]["condition"], "service_started"
                )
        self.assertIn("; db_replica_host = db-replica", prod_conf)
        self.assertIn("; db_replica_port = 5432", prod_conf)
        # the primary: its init script allows replication over the compose network
        init = self._mounts("db")["/docker-entrypoint-initdb.d"]
        hba = (ROOT / init / "replication.sh").read_text()
        self.assertIn("host replication ${POSTGRES_USER} samenet scram-sha-256", hba)
