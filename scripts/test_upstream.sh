#!/usr/bin/env bash
# `make test-upstream`: the test suites of the modules we extend, run on a database with our six
# addons and on one with the same apps without them, to tell their failures from ours.
#
# Every test of each suite runs through pytest-odoo on the fully loaded registry, so the
# at_install tests too run with all modules (our overrides included), as post_install tests do.
# A test that fails with our addons but passes without them is "ours": the run fails. One that
# fails on both is "theirs" (an upstream test that does not pass on this platform): reported.
#
# UPSTREAM="helpdesk_mgmt crm" limits the suites (default: all below); .ci/run runs the fast ones.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

UPSTREAM=${UPSTREAM:-helpdesk_mgmt helpdesk_mgmt_sla helpdesk_mgmt_rating rma crm portal maintenance sale_stock purchase_stock stock}
OURS="bimbonbon_crm bimbonbon_service bimbonbon_stock_alerts bimbonbon_portal bimbonbon_journey bimbonbon_livechat"
DB=${UPSTREAM_DB:-bimbonbon_upstream}
REPORT_DIR="$CACHE/upstream"

BOOTSTRAP_BROWSER=1 bash scripts/bootstrap.sh
ensure_postgres
mkdir -p "$REPORT_DIR"

# The apps our addons build on (their manifests' dependencies), without our addons.
base_modules=$(.venv/bin/python - $OURS <<'PY'
import ast, sys
ours = set(sys.argv[1:])
deps = set()
for addon in ours:
    with open(f"addons/{addon}/__manifest__.py") as manifest:
        deps |= set(ast.literal_eval(manifest.read())["depends"])
print(",".join(sorted(deps - ours)))
PY
)

install() { # db modules
    drop_db "$1"
    log "Installing $2 on '$1' (no demo data)"
    odoo_bin -c "$ODOO_CONF" --addons-path="$ADDONS_PATH" --data-dir="$(data_dir)" -d "$1" \
        -i "$2" --stop-after-init --log-level=warn >"$REPORT_DIR/install-$1.log" 2>&1 \
        || { tail -n 30 "$REPORT_DIR/install-$1.log" >&2; die "Installing on '$1' failed."; }
}
# The results without our addons depend only on Odoo, the pinned Python packages and the apps:
# they are kept in the cache and run again only when one of those changes (UPSTREAM_FRESH=1
# forces it).
theirs_key=$( { .venv/bin/python -c 'import odoo.release as r; print(r.serie, r.version)'; \
    cat requirements.txt constraints.txt; echo "$base_modules"; } | sha256sum | cut -c1-16)
theirs_todo=""
for module in $UPSTREAM; do
    if [ "${UPSTREAM_FRESH:-0}" = 1 ] || [ "$(cat "$REPORT_DIR/$module-theirs.key" 2>/dev/null)" != "$theirs_key" ]; then
        theirs_todo="$theirs_todo $module"
    fi
done
[ -z "$theirs_todo" ] || install "${DB}_theirs" "$base_modules,$(echo $theirs_todo | tr ' ' ',')"
install "${DB}_ours" "$(echo $OURS | tr ' ' ','),$(echo $UPSTREAM | tr ' ' ',')"

for module in $UPSTREAM; do
    # found on the addons namespace path, without importing the module (that needs Odoo loaded)
    tests=$(.venv/bin/python -c "import os, sys, odoo.addons as a; print(next(os.path.join(p, sys.argv[1], 'tests') for p in a.__path__ if os.path.isdir(os.path.join(p, sys.argv[1]))))" "$module")
    for side in theirs ours; do
        if [ "$side" = theirs ] && [[ " $theirs_todo " != *" $module "* ]]; then
            log "$module without our addons: the results of an earlier run (same Odoo and packages)"
            continue
        fi
        log "$module's tests on '${DB}_$side'"
        # the key says "these results are complete": gone while the suite runs, so a run
        # stopped half-way (Ctrl-C, a killed CI) is never taken for the results of theirs
        [ "$side" = ours ] || rm -f "$REPORT_DIR/$module-theirs.key" "$REPORT_DIR/$module-theirs.xml"
        # A failing upstream test is expected on one side or the other: compared below.
        # --continue-on-collection-errors: a test module that cannot import is a failure, not a stop.
        rm -rf "$REPORT_DIR/cache-$module-$side" "$REPORT_DIR/$module-$side-rerun.xml"
        run_suite() { # junit-file log-file extra-args...
            local junit=$1 logfile=$2; shift 2
            .venv/bin/python -m pytest -q --continue-on-collection-errors \
                -o python_files='test_*.py' -o cache_dir="$REPORT_DIR/cache-$module-$side" \
                --rootdir="$tests" --odoo-config="$ODOO_CONF" --odoo-database="${DB}_$side" \
                --odoo-addons-path="$ADDONS_PATH" --odoo-http --odoo-log-level=critical \
                --odoo-extra="data-dir=$(data_dir)" --junitxml="$junit" \
                "$@" "$tests" >"$logfile" 2>&1 || true
        }
        run_suite "$REPORT_DIR/$module-$side.xml" "$REPORT_DIR/$module-$side.log"
        # prefixed: the run's own closing line is `make test`'s, not an upstream suite's
        log "$module on $side: $(tail -n 1 "$REPORT_DIR/$module-$side.log")"
        # A browser tour of theirs can miss its 10 s step timeout on a loaded two-core machine:
        # the failures with our addons run once more, and only a failure of both runs counts
        # (compare_upstream.py reports the others as "passed when run again").
        if [ "$side" = ours ] && grep -q " failed" <(tail -n 1 "$REPORT_DIR/$module-$side.log"); then
            run_suite "$REPORT_DIR/$module-$side-rerun.xml" "$REPORT_DIR/$module-$side-rerun.log" \
                --last-failed --last-failed-no-failures=none
            log "$module on $side, its failures run again: $(tail -n 1 "$REPORT_DIR/$module-$side-rerun.log")"
        fi
        if [ "$side" = theirs ] && [ -s "$REPORT_DIR/$module-theirs.xml" ] \
            && grep -Eq " (passed|failed)" <(tail -n 1 "$REPORT_DIR/$module-theirs.log"); then
            echo "$theirs_key" >"$REPORT_DIR/$module-theirs.key"
        fi
    done
done
drop_db "${DB}_ours"
drop_db "${DB}_theirs"

.venv/bin/python scripts/compare_upstream.py "$REPORT_DIR" $UPSTREAM
