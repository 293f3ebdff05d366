#!/usr/bin/env bash
# A PostgreSQL streaming replica of this machine's cluster, for Odoo's `db_replica_host`:
# read-only routes then run their queries on it (see README, "Read replica").
#   make replica        start it (a fresh pg_basebackup unless one is already streaming)
#   make replica-stop   stop it
# Sourced by scripts/load.sh for `make load REPLICA=1`. The replica runs as the `postgres`
# system user (PostgreSQL refuses root) in REPLICA_DIR, on 127.0.0.1:REPLICA_PORT, and lives
# until it is stopped. It needs the primary to accept a replication connection from
# `postgres` on the local socket: if it does not, a `local replication postgres peer` line is
# added to the primary's pg_hba.conf and the configuration reloaded (said when done).
set -euo pipefail

REPLICA_DIR=${REPLICA_DIR:-/var/lib/postgresql/bimbonbon_replica}
REPLICA_PORT=${REPLICA_PORT:-5433}

as_postgres() { runuser -u postgres -- "$@"; }

replica_bindir() {
    local major
    major=$(psql -d postgres -Atc "select current_setting('server_version_num')::int / 10000")
    [ -x "/usr/lib/postgresql/$major/bin/pg_ctl" ] \
        || die "No pg_ctl for PostgreSQL $major (Debian: /usr/lib/postgresql/$major/bin)."
    echo "/usr/lib/postgresql/$major/bin"
}

replica_psql() { psql -h 127.0.0.1 -p "$REPLICA_PORT" -d postgres -Atc "$1" 2>/dev/null; }

replica_streaming() {
    [ "$(replica_psql 'select pg_is_in_recovery()')" = t ] \
        && [ "$(psql -d postgres -Atc "select count(*) from pg_stat_replication where state = 'streaming'")" -gt 0 ]
}

replica_allow_replication() {
    if as_postgres psql "dbname=postgres replication=true" -Atc "IDENTIFY_SYSTEM" >/dev/null 2>&1; then
        return
    fi
    local hba
    hba=$(psql -d postgres -Atc "show hba_file")
    # First match wins in pg_hba.conf: the line goes on top.
    sed -i '1i local replication postgres peer  # added by BimBonBon scripts/replica.sh' "$hba"
    psql -d postgres -Atc "select pg_reload_conf()" >/dev/null
    log "Allowed local replication connections of 'postgres' in $hba"
    as_postgres psql "dbname=postgres replication=true" -Atc "IDENTIFY_SYSTEM" >/dev/null \
        || die "The primary still refuses a replication connection (see $hba)."
}

replica_start() {
    [ "$(id -u)" = 0 ] || die "The replica is started as the 'postgres' system user: run as root."
    id postgres >/dev/null 2>&1 || die "No 'postgres' system user (Debian's PostgreSQL has one)."
    local bindir
    bindir=$(replica_bindir)
    if replica_streaming; then
        log "Replica already streaming on 127.0.0.1:$REPLICA_PORT"
        return
    fi
    replica_stop quiet
    replica_allow_replication
    log "Replica: pg_basebackup of the cluster into $REPLICA_DIR"
    rm -rf "$REPLICA_DIR"
    # -R writes standby.signal and primary_conninfo (the local socket, as postgres).
    as_postgres "$bindir/pg_basebackup" -D "$REPLICA_DIR" -R -X stream -c fast \
        || die "pg_basebackup failed."
    # Debian keeps the configuration outside the data directory: the replica gets its own.
    # A hot standby needs these settings at least as high as on the primary.
    local setting conf="$REPLICA_DIR/postgresql.conf"
    {
        echo "port = $REPLICA_PORT"
        echo "listen_addresses = '127.0.0.1'"
        echo "unix_socket_directories = '$REPLICA_DIR'"
        echo "hba_file = '$REPLICA_DIR/pg_hba.conf'"
        echo "hot_standby = on"
        for setting in max_connections max_worker_processes max_wal_senders \
            max_prepared_transactions max_locks_per_transaction; do
            echo "$setting = $(psql -d postgres -Atc "show $setting")"
        done
    } | as_postgres tee "$conf" >/dev/null
    printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' \
        | as_postgres tee "$REPLICA_DIR/pg_hba.conf" >/dev/null
    as_postgres "$bindir/pg_ctl" -D "$REPLICA_DIR" -l "$REPLICA_DIR/replica.log" -w -t 60 start \
        >/dev/null || { tail -n 20 "$REPLICA_DIR/replica.log" >&2; die "The replica did not start."; }
    for _ in $(seq 1 30); do
        replica_streaming && break
        sleep 1
    done
    replica_streaming || die "The replica started but does not stream (see $REPLICA_DIR/replica.log)."
    log "Replica streaming on 127.0.0.1:$REPLICA_PORT (hot standby, read-only)"
}

replica_stop() {
    local bindir
    bindir=$(replica_bindir)
    if [ -f "$REPLICA_DIR/postmaster.pid" ]; then
        as_postgres "$bindir/pg_ctl" -D "$REPLICA_DIR" -m fast -w stop >/dev/null 2>&1 || true
        [ "${1:-}" = quiet ] || log "Replica stopped"
    fi
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    cd "$(dirname "$0")/.."
    . scripts/lib.sh
    ensure_postgres
    case "${1:-start}" in
        start) replica_start ;;
        stop) replica_stop ;;
        *) die "usage: scripts/replica.sh [start|stop]" ;;
    esac
fi
