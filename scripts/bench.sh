#!/usr/bin/env bash
# `make bench`: the benchmarks in tests/benchmarks (bench_*.py) on a new database with all
# six addons. Each prints its scale, time, query count and records; BENCH_SCALE=0.1 runs
# them at a tenth of the stated scale (for a quick look), 1 (default) at full scale.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

DB=${BENCH_DB:-bimbonbon_bench}
export BENCH_SCALE=${BENCH_SCALE:-1}
ADDONS=${ADDONS:-bimbonbon_crm bimbonbon_service bimbonbon_stock_alerts bimbonbon_portal bimbonbon_journey bimbonbon_livechat}

bash scripts/bootstrap.sh
ensure_postgres
drop_db "$DB"
log "Installing the addons on '$DB' for the benchmarks"
odoo_bin -c "$ODOO_CONF" --addons-path="$ADDONS_PATH" --data-dir="$(data_dir)" -d "$DB" \
    -i "$(echo $ADDONS | tr ' ' ',')" --stop-after-init --log-level=warn >"$CACHE/bench-install.log" 2>&1 \
    || { tail -n 30 "$CACHE/bench-install.log"; die "Install failed (log: $CACHE/bench-install.log)."; }
# shellcheck disable=SC2086
.venv/bin/python -m pytest -p no:cacheprovider -s -o python_files='bench_*.py' \
    --odoo-config="$ODOO_CONF" --odoo-database="$DB" --odoo-addons-path="$ADDONS_PATH" \
    --odoo-log-level=warn --odoo-extra="data-dir=$(data_dir)" ${BENCH_PATHS:-tests/benchmarks}
drop_db "$DB"
