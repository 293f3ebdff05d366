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

serve_demo "$DB" screenshots

mkdir -p "$OUT"
.venv/bin/python scripts/screenshots.py --url "http://127.0.0.1:$port" --out "$OUT" \
    || die "Taking the screenshots failed (server log: $server_log)."
log "Saved the screenshots in $OUT"
