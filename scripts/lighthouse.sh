#!/usr/bin/env bash
# `make lighthouse`: Lighthouse's mobile profile (slow 4G, 4x CPU slowdown) on the customer's
# pages of the demo database (built by `make run`), as the demo customer, in the project's
# Chromium. Installs Lighthouse from npm into ~/.cache/bimbonbon/lighthouse (not in the clone),
# serves the database on a free port and prints per page the four scores, the bytes
# transferred, the JavaScript bytes and the largest paint, next to Odoo's own /my/orders.
# DB=<name> picks another demo database (default bimbonbon); the reports (JSON and HTML) stay
# in ~/.cache/bimbonbon/lighthouse/reports.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

DB=${DB:-bimbonbon}
# Lighthouse 13 needs Node 22; 12.8 runs on Node 18.20 and later.
LIGHTHOUSE_VERSION=${LIGHTHOUSE_VERSION:-12.8.2}
LIGHTHOUSE_DIR="$CACHE/lighthouse"
LIGHTHOUSE="$LIGHTHOUSE_DIR/node_modules/.bin/lighthouse"

BOOTSTRAP_BROWSER=1 bash scripts/bootstrap.sh
ensure_postgres
module_installed "$DB" bimbonbon_portal \
    || die "The demo database '$DB' is missing or incomplete: run 'make run' once (DB=$DB) to build it."
command -v npm >/dev/null 2>&1 \
    || die "npm is missing: install Node.js 18.20 or later with npm (Debian: apt-get install npm)."
if [ "$("$LIGHTHOUSE" --version 2>/dev/null)" != "$LIGHTHOUSE_VERSION" ]; then
    log "Installing Lighthouse $LIGHTHOUSE_VERSION from npm into $LIGHTHOUSE_DIR"
    npm install --prefix "$LIGHTHOUSE_DIR" --no-audit --no-fund --silent "lighthouse@$LIGHTHOUSE_VERSION" \
        || die "Installing Lighthouse from npm failed."
fi

# A demo label to scan: a unit nobody registered yet, so the customer gets the confirm page.
token=$(psql -d "$DB" -Atc "select l.registration_token from stock_lot l
    where l.registration_token is not null
      and not exists (select 1 from bimbonbon_product_registration r where r.lot_id = l.id)
    order by l.id limit 1")

serve_demo "$DB" lighthouse

log "Lighthouse, mobile profile, as the demo customer (a minute or so per page)"
.venv/bin/python scripts/lighthouse.py --url "http://127.0.0.1:$port" --lighthouse "$LIGHTHOUSE" \
    --reports "$LIGHTHOUSE_DIR/reports" ${token:+--label-token "$token"} \
    || die "Lighthouse failed (server log: $server_log)."
log "Reports in $LIGHTHOUSE_DIR/reports"
