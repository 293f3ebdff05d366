#!/usr/bin/env bash
# `make test`: bootstrap (with Chromium), then
#   1. each addon installed alone on a new database, and its own tests run there;
#   2. all six addons on one new database, and every test (addons + tests/) run there.
# Tests run through pytest-odoo with an HTTP server, so HttpCase tours drive headless
# Chromium; a skipped test fails the run (see conftest.py).
# ADDONS="bimbonbon_crm" limits phase 1 and the tests of phase 2; ALONE=0 skips phase 1;
# KEEP_DB=1 updates an existing test database instead of creating it anew (development only).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

ALL="bimbonbon_crm bimbonbon_service bimbonbon_stock_alerts bimbonbon_portal bimbonbon_journey bimbonbon_livechat"
ADDONS=${ADDONS:-$ALL}
ALONE=${ALONE:-1}
DB=${TEST_DB:-bimbonbon_test}
PYTEST_ARGS=${PYTEST_ARGS:-}

BOOTSTRAP_BROWSER=1 bash scripts/bootstrap.sh
ensure_postgres

install_db() { # db modules
    local mode=-i
    if [ "${KEEP_DB:-0}" = 1 ] && db_exists "$1"; then
        # Developer shortcut: update the addons on the existing database instead.
        mode=-u
        log "Updating $2 on the existing database '$1' (KEEP_DB=1)"
    else
        drop_db "$1"
        log "Installing $2 on a new database '$1' (no demo data)"
    fi
    odoo_bin -c "$ODOO_CONF" --addons-path="$ADDONS_PATH" --data-dir="$(data_dir)" -d "$1" \
        "$mode" "$2" --stop-after-init --log-level=warn >"$CACHE/install-$1.log" 2>&1 \
        || { tail -n 40 "$CACHE/install-$1.log" >&2; die "Installing $2 failed (log: $CACHE/install-$1.log)."; }
    if grep -E ' (ERROR|CRITICAL) ' "$CACHE/install-$1.log" >&2; then
        die "Installing $2 logged errors (log: $CACHE/install-$1.log)."
    fi
}

run_pytest() { # db paths...
    local db=$1; shift
    # shellcheck disable=SC2086
    .venv/bin/python -m pytest -p no:cacheprovider --odoo-config="$ODOO_CONF" --odoo-database="$db" \
        --odoo-addons-path="$ADDONS_PATH" --odoo-http --odoo-log-level=error \
        --odoo-extra="data-dir=$(data_dir)" $PYTEST_ARGS "$@"
}

status=0
if [ "$ALONE" = 1 ]; then
    for addon in $ADDONS; do
        install_db "${DB}_alone" "$addon"
        log "Tests of $addon, installed alone"
        run_pytest "${DB}_alone" "addons/$addon" || status=1
        drop_db "${DB}_alone"
    done
fi

# With a subset in ADDONS, only those (and their dependencies) are installed.
install_db "$DB" "$(echo $ADDONS | tr ' ' ',')"
paths=()
for addon in $ADDONS; do paths+=("addons/$addon"); done
[ "$ADDONS" = "$ALL" ] && paths+=(tests)
log "Every test, with all six addons installed"
run_pytest "$DB" "${paths[@]}" || status=1
exit $status
