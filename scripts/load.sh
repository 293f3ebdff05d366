#!/usr/bin/env bash
# `make load [USERS=24] [DURATION=60] [WARMUP=20] [NODES=1] [WORKERS=4] [DB=bimbonbon]`: portal customers
# (Locust, tests/load/locustfile.py) against the demo database served in prefork (WORKERS HTTP
# workers per node, cron off). NODES=2 serves it from two Odoo nodes sharing the database and
# the data directory behind nginx (Debian's package; /websocket to the gevent ports), checks
# that a session made on one node is valid on the other, and loads through the proxy.
# Prints per page p50, p95, p99 and failures, pages/s, and our pages' p50 against Odoo's own
# portal pages (/my/orders, /my/invoices) measured in the same run. REPLICA=1 gives the nodes a
# streaming replica of the database (scripts/replica.sh, `db_replica_host`) and prints which
# pages it served.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

DB=${DB:-bimbonbon}
USERS=${USERS:-24}
DURATION=${DURATION:-60}
NODES=${NODES:-1}
WORKERS=${WORKERS:-4}
REPLICA=${REPLICA:-0}
WARMUP=${WARMUP:-20}
LOCUST_VERSION=2.47.0
LOAD_DIR="$CACHE/load"
LOAD_VENV="$CACHE/venv-load"

[ -x .venv/bin/python ] || die "No .venv yet: run 'make run' first (it builds the demo database too)."
ensure_postgres
module_installed "$DB" bimbonbon_portal || die "No demo database '$DB': run 'make run' first (or give DB=...)."
case "$NODES" in 1|2) ;; *) die "NODES is 1 or 2." ;; esac
mkdir -p "$LOAD_DIR"

# Locust in a venv of its own: it brings its own gevent, which is not the one Odoo pins.
if [ "$("$LOAD_VENV/bin/locust" --version 2>/dev/null | awk '{print $2}')" != "$LOCUST_VERSION" ]; then
    log "Installing Locust $LOCUST_VERSION into $LOAD_VENV"
    "$PYTHON" -m venv "$LOAD_VENV"
    "$LOAD_VENV/bin/pip" install -q --disable-pip-version-check "locust==$LOCUST_VERSION" \
        || die "pip could not install Locust."
fi

# One portal account per simulated customer: contacts of the demo customer's company, so they
# see its products, tickets, contracts, orders and invoices. Made once, kept.
logins=$(load_logins "$USERS")
log "Portal accounts for $USERS customers (load01..): password = login"
LOAD_LOGINS=$logins odoo_bin shell -c "$ODOO_CONF" --addons-path="$ADDONS_PATH" \
    --data-dir="$(data_dir)" -d "$DB" --log-level=warn --no-http >"$LOAD_DIR/accounts.log" 2>&1 <<'PY' \
    || { tail -n 20 "$LOAD_DIR/accounts.log"; die "Making the load accounts failed."; }
import os
company = env.ref("bimbonbon_crm.partner_anna_demo").commercial_partner_id
portal = env.ref("base.group_portal")
Users = env["res.users"].with_context(no_reset_password=True)
for login in os.environ["LOAD_LOGINS"].split(","):
    if Users.search_count([("login", "=", login)]):
        continue
    partner = env["res.partner"].create(
        {"name": f"Belastingtest {login}", "parent_id": company.id,
         "email": f"{login}@load.example.com", "lang": "nl_NL"}
    )
    Users.create({"login": login, "password": login, "partner_id": partner.id,
                  "group_ids": [(6, 0, portal.ids)]})
# The problems an earlier run reported go: each run starts from the same lists (they would
# grow the company's ticket list by some twenty a run, and its page with them).
reported = env["helpdesk.ticket"].with_context(active_test=False).search(
    [("partner_id.user_ids.login", "in", os.environ["LOAD_LOGINS"].split(","))]
)
print(f"Removed {len(reported)} tickets an earlier run reported")
reported.unlink()
env.cr.commit()
PY
log "$(grep -h "^Removed" "$LOAD_DIR/accounts.log" || true)"

pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    # a replica this run started; one started before (make replica) keeps running
    if [ "${REPLICA_STARTED:-0}" = 1 ]; then replica_stop; fi
}
trap cleanup EXIT

# werkzeug at INFO: one line per request with its queries and server time (scripts/server_report.py)
# and, with a replica, the cursor mode (ro, rw, ro->rw)
node_args=(--log-handler=werkzeug:INFO)
if [ "$REPLICA" = 1 ]; then
    . scripts/replica.sh
    replica_start
    node_args+=("--db_replica_host=$REPLICA_DIR" "--db_replica_port=$REPLICA_PORT")
fi

http_ports=() gevent_ports=() node_logs=()
# the logs of an earlier run with more nodes would be read as this run's
rm -f "$LOAD_DIR"/node*.log
for node in $(seq 1 "$NODES"); do
    http_port=$(free_port) gevent_port=$(free_port)
    http_ports+=("$http_port") gevent_ports+=("$gevent_port") node_logs+=("$LOAD_DIR/node$node.log")
    log "Node $node: prefork, $WORKERS workers, cron off, on port $http_port (gevent $gevent_port)"
    .venv/bin/python "$ODOO_LAUNCHER" -c "$ODOO_CONF" --addons-path="$ADDONS_PATH" \
        --data-dir="$(data_dir)" -d "$DB" --db-filter="^$DB\$" --http-interface=127.0.0.1 \
        --http-port="$http_port" --gevent-port="$gevent_port" --workers="$WORKERS" \
        --max-cron-threads=0 --log-level=warn "${node_args[@]}" >"$LOAD_DIR/node$node.log" 2>&1 &
    pids+=($!)
done
for port in "${http_ports[@]}"; do
    for _ in $(seq 1 120); do
        curl -fs -o /dev/null "http://127.0.0.1:$port/web/health" && break
        sleep 1
    done
    curl -fsS -o /dev/null "http://127.0.0.1:$port/web/health" || die "A node did not start (see $LOAD_DIR/node*.log)."
done
target=${http_ports[0]}

if [ "$NODES" = 2 ]; then
    if ! command -v nginx >/dev/null 2>&1; then
        [ "$(id -u)" = 0 ] || die "NODES=2 needs nginx: apt-get install nginx-light"
        log "Installing nginx (Debian's nginx-light) for the proxy"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null \
            || die "Could not install nginx."
    fi
    target=$(free_port)
    mkdir -p "$LOAD_DIR/nginx/logs"
    # the same routing as docker/nginx.conf, on this machine's ports
    cat >"$LOAD_DIR/nginx/nginx.conf" <<NGINX
worker_processes 1;
pid $LOAD_DIR/nginx/nginx.pid;
error_log $LOAD_DIR/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    upstream odoo_http { server 127.0.0.1:${http_ports[0]}; server 127.0.0.1:${http_ports[1]}; keepalive 32; }
    upstream odoo_websocket { server 127.0.0.1:${gevent_ports[0]}; server 127.0.0.1:${gevent_ports[1]}; }
    map \$http_upgrade \$connection_upgrade { default upgrade; '' close; }
    map \$http_x_forwarded_proto \$forwarded_proto { default \$http_x_forwarded_proto; '' \$scheme; }
    server {
        listen 127.0.0.1:$target;
        client_max_body_size 64m;
        proxy_read_timeout 720s;
        proxy_connect_timeout 5s;
        proxy_set_header Host \$host:\$server_port;
        proxy_set_header X-Forwarded-Host \$host:\$server_port;
        proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto \$forwarded_proto;
        location /websocket {
            proxy_pass http://odoo_websocket;
            proxy_http_version 1.1;
            proxy_set_header Upgrade \$http_upgrade;
            proxy_set_header Connection \$connection_upgrade;
        }
        location / {
            proxy_pass http://odoo_http;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
        }
    }
}
NGINX
    log "nginx on port $target in front of both nodes"
    nginx -p "$LOAD_DIR/nginx" -c "$LOAD_DIR/nginx/nginx.conf" -g 'daemon off;' &
    pids+=($!)
    sleep 1
    # A session made on node 1 is valid on node 2: they share the database and the data
    # directory (sessions live there).
    .venv/bin/python - "${http_ports[0]}" "${http_ports[1]}" <<'PY' || die "A session made on node 1 is not valid on node 2."
import re, sys, requests
one, two = (f"http://127.0.0.1:{port}" for port in sys.argv[1:3])
session = requests.Session()
page = session.get(f"{one}/web/login")
token = re.search(r'name="csrf_token"\s+value="([^"]+)"', page.text).group(1)
session.post(f"{one}/web/login", data={"login": "load01", "password": "load01", "csrf_token": token})
mine = session.get(f"{two}/my", allow_redirects=False)
assert mine.status_code == 200 and "Belastingtest" in mine.text, mine.status_code
print("[bimbonbon] Session made on node 1, page /my served by node 2 to that customer: OK")
PY
fi

# A warm-up run first, not counted: each prefork worker compiles its templates and fills its
# caches on its first requests (a second or more each), which a freshly started server shows
# and a running one does not. WARMUP=0 skips it, to see a cold start.
# The customers log in there and keep their sessions (LOAD_SESSIONS) for the measured run.
# (and no figures of an earlier run are taken for this one's)
rm -f "$LOAD_DIR/sessions.json" "$LOAD_DIR"/run_*.csv
export LOAD_SESSIONS="$LOAD_DIR/sessions.json"
if [ "$WARMUP" -gt 0 ]; then
    log "Warm-up: $USERS customers for ${WARMUP}s (not counted)"
    LOAD_LOGINS=$logins "$LOAD_VENV/bin/locust" -f tests/load/locustfile.py --headless \
        --users "$USERS" --spawn-rate "$USERS" --run-time "${WARMUP}s" \
        --host "http://127.0.0.1:$target" --only-summary >"$LOAD_DIR/warmup.log" 2>&1 || true
fi
log "Load: $USERS customers for ${DURATION}s on http://127.0.0.1:$target"
# the nodes' log lines so far (warm-up, logins) are not counted by scripts/server_report.py;
# a moment first for the warm-up's last answers to be logged
sleep 2
for log in "${node_logs[@]}"; do wc -l <"$log"; done >"$LOAD_DIR/skip"
# --reset-stats: the logins while the customers arrive are not counted either
LOAD_LOGINS=$logins "$LOAD_VENV/bin/locust" -f tests/load/locustfile.py --headless \
    --users "$USERS" --spawn-rate "$(( USERS / 5 > 0 ? USERS / 5 : 1 ))" --run-time "${DURATION}s" \
    --host "http://127.0.0.1:$target" --csv "$LOAD_DIR/run" --only-summary --reset-stats \
    >"$LOAD_DIR/locust.log" 2>&1 || true
[ -f "$LOAD_DIR/run_stats.csv" ] || { tail -n 30 "$LOAD_DIR/locust.log"; die "Locust produced no figures."; }
.venv/bin/python scripts/load_report.py "$LOAD_DIR/run_stats.csv" "$USERS" "$NODES" "$WORKERS" "$DURATION"
.venv/bin/python scripts/server_report.py "$LOAD_DIR/skip" "${node_logs[@]}"
if [ "$REPLICA" = 1 ]; then
    .venv/bin/python scripts/replica_report.py "${node_logs[@]}"
fi
