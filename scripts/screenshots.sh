#!/usr/bin/env bash
# `make screenshots`: serve the demo database (built by `make run`) on a free port and save
# docs/screenshots/backend.png and phone-sized docs/screenshots/portal_*.png (home, products,
# product page, register, tickets, a ticket, the phone menu, orders, contracts, offers, feedback)
# with headless Chromium.
# DB=<name> picks another demo database (default bimbonbon).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

DB=${DB:-bimbonbon}
OUT=${SCREENSHOTS_DIR:-docs/screenshots}

BOOTSTRAP_BROWSER=1 bash scripts/bootstrap.sh
ensure_postgres
module_installed "$DB" bimbonbon_portal \
    || die "The demo database '$DB' is missing or incomplete: run 'make run' once (DB=$DB) to build it."

port=$(.venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
server_log="$CACHE/screenshots-server.log"
log "Serving '$DB' on port $port for the screenshots (log: $server_log)"
# Not through odoo_bin (a shell function): $! must be Odoo's own process for the trap below.
.venv/bin/python "$ODOO_LAUNCHER" \
    -c "$ODOO_CONF" --addons-path="$ADDONS_PATH" --data-dir="$(data_dir)" -d "$DB" \
    --db-filter="^$DB\$" --http-interface=127.0.0.1 --http-port="$port" --max-cron-threads=0 \
    --log-level=warn >"$server_log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true' EXIT

mkdir -p "$OUT"
.venv/bin/python scripts/screenshots.py --url "http://127.0.0.1:$port" --out "$OUT" \
    || die "Taking the screenshots failed (server log: $server_log)."
log "Saved the screenshots in $OUT"
