# Shared helpers for the BimBonBon scripts (sourced, not run).
# shellcheck shell=bash
CACHE=${BIMBONBON_CACHE:-$HOME/.cache/bimbonbon}
PYTHON=${PYTHON:-python3}
ODOO_CONF=${ODOO_CONF:-config/odoo.conf}
ADDONS_PATH="$PWD/addons"

log() { printf '\033[1;33m[bimbonbon]\033[0m %s\n' "$*"; }
warn() { printf '\033[1;33m[bimbonbon] warning:\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[bimbonbon] %s\033[0m\n' "$*" >&2; exit 1; }

# Odoo's launcher, as a file: prefork re-runs it for its gevent process (see scripts/odoo).
# Found next to this file, wherever the caller runs from.
ODOO_LAUNCHER="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/odoo"

odoo_bin() {
    .venv/bin/python "$ODOO_LAUNCHER" "$@"
}

ensure_postgres() {
    command -v psql >/dev/null 2>&1 \
        || die "PostgreSQL's client (psql) is missing: install postgresql (Debian: apt-get install postgresql) and start it."
    if ! psql -d postgres -Atc 'select 1' >/dev/null 2>&1; then
        # Try to start a local cluster that is installed but stopped.
        if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
            pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start >/dev/null 2>&1 || true
            sleep 2
        fi
    fi
    psql -d postgres -Atc 'select 1' >/dev/null 2>&1 \
        || die "PostgreSQL is not reachable as role '$(id -un)' (PGHOST=${PGHOST:-local socket}): start it and create that role with CREATEDB (createuser -d $(id -un))."
    [ "$(id -un)" != postgres ] || [ -n "${PGUSER:-}" ] \
        || die "Odoo refuses to connect as 'postgres': run as another user or set PGUSER to another role."
}

db_exists() { [ "$(psql -d postgres -Atc "select 1 from pg_database where datname = '$1'")" = 1 ]; }

module_installed() {
    db_exists "$1" && [ "$(psql -d "$1" -Atc "select state from ir_module_module where name = '$2'" 2>/dev/null)" = installed ]
}

drop_db() {
    if db_exists "$1"; then
        dropdb --if-exists "$1" >/dev/null
    fi
    rm -rf "$(data_dir)/filestore/$1"
}

data_dir() { echo "${ODOO_DATA_DIR:-$CACHE/data}"; }

# The portal accounts of `make load` for N customers: load01, load02, .. (two digits at least,
# whatever N: the accounts made for a smaller run are the same ones).
load_logins() {
    local i logins=""
    for i in $(seq 1 "$1"); do logins+=$(printf 'load%02d,' "$i"); done
    echo "${logins%,}"
}

free_port() { .venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# Serve database $1 on a free port for a script that looks at it (screenshots, Lighthouse):
# threaded, no cron, warnings only, log in $CACHE/$2-server.log. Sets $port and $server_log,
# and stops the server when the script exits.
serve_demo() {
    port=$(free_port)
    server_log="$CACHE/$2-server.log"
    log "Serving '$1' on port $port (log: $server_log)"
    # Not through odoo_bin (a shell function): $! must be Odoo's own process for the trap.
    .venv/bin/python "$ODOO_LAUNCHER" \
        -c "$ODOO_CONF" --addons-path="$ADDONS_PATH" --data-dir="$(data_dir)" -d "$1" \
        --db-filter="^$1\$" --http-interface=127.0.0.1 --http-port="$port" --max-cron-threads=0 \
        --log-level=warn >"$server_log" 2>&1 &
    _demo_server=$!
    trap 'kill "$_demo_server" 2>/dev/null; wait "$_demo_server" 2>/dev/null || true' EXIT
}
