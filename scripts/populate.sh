#!/usr/bin/env bash
# `make populate [DB=bimbonbon] [SCALE=1]`: grow the demo database (made by `make run`) to
# 100,000 registrations, 200,000 tickets, 50,000 contracts and 1,000,000 order lines (times
# SCALE; 0.1 for a quick run), then read the staff list views as their departments do, before
# and after, and compare the query counts (they must be equal: no query grows with the data).
# Only what is missing is added: a second run adds nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

DB=${DB:-bimbonbon}
export SCALE=${SCALE:-1}
OUT_DIR="$CACHE/populate"

[ -x .venv/bin/python ] || die "No .venv yet: run 'make run' first (it builds the demo database too)."
ensure_postgres
for module in bimbonbon_crm bimbonbon_service bimbonbon_stock_alerts bimbonbon_portal; do
    module_installed "$DB" "$module" \
        || die "'$DB' has no $module installed: give the demo database made by 'make run' (DB=...)."
done
mkdir -p "$OUT_DIR"

shell() {
    odoo_bin shell -c "$ODOO_CONF" --addons-path="$ADDONS_PATH" --data-dir="$(data_dir)" -d "$DB" \
        --no-http --log-level=warn "$@"
}

log "The staff list views of '$DB' before (first page of 80, as each department)"
LIST_VIEWS_OUT="$OUT_DIR/$DB-before.json" shell <scripts/list_views.py \
    || die "Reading the list views failed (see above)."
log "Populating '$DB' (SCALE=$SCALE)"
shell <scripts/populate.py || die "Populating '$DB' failed (see above); what was committed stays."
log "The staff list views of '$DB' after"
LIST_VIEWS_OUT="$OUT_DIR/$DB-after.json" shell <scripts/list_views.py \
    || die "Reading the list views failed (see above)."
# A list view reads one query per model it shows (the rows, their partners, products, ..), never
# one per row: the count may differ from before only where the page shows other things (a full
# page is counted in one query more; a customer's region brings its state and country), never
# with the number of records. Between two populated sizes (SCALE=0.01, then SCALE=1) the counts
# must be equal: a difference there fails.
.venv/bin/python - "$OUT_DIR/$DB-before.json" "$OUT_DIR/$DB-after.json" <<'PY'
import json
import sys

before, after = (json.load(open(path)) for path in sys.argv[1:])
changed, grown = [], []
for view, figures in after.items():
    was = before.get(view)
    if was is None:
        continue
    print(f"[bimbonbon] {view}: {was['queries']} queries before, {figures['queries']} after")
    if figures["queries"] != was["queries"]:
        changed.append(view)
        if was["records"] > 80:  # a full page before too: only the size changed
            grown.append(view)
if grown:
    sys.exit("[bimbonbon] query counts changed with the number of records: " + ", ".join(grown))
if changed:
    print("[bimbonbon] changed with what the first page shows (before: not a full page): "
          + ", ".join(changed))
else:
    print("[bimbonbon] every list view reads its first page in as many queries as before")
PY
