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
# Odoo counts a list's records in one more query only when the page is full (80 of them): a
# view whose page was not full before may take that one query more; none may take more.
.venv/bin/python - "$OUT_DIR/$DB-before.json" "$OUT_DIR/$DB-after.json" <<'PY'
import json
import sys

before, after = (json.load(open(path)) for path in sys.argv[1:])
grown = []
for view, figures in after.items():
    was = before.get(view)
    if was is None:
        continue
    count_query = 1 if was["records"] <= 80 < figures["records"] else 0
    note = " (+1: the count of a full page)" if count_query else ""
    print(f"[bimbonbon] {view}: {was['queries']} queries before, {figures['queries']} after{note}")
    if figures["queries"] > was["queries"] + count_query:
        grown.append(view)
if grown:
    sys.exit("[bimbonbon] query counts grew with the data: " + ", ".join(grown))
print("[bimbonbon] no list view reads its first page in more queries than before")
PY
