#!/bin/sh
# The read replica of docker-compose.replica.yml: on its first start (an empty volume) a copy of
# the primary made with pg_basebackup (-R: it starts as a standby streaming from "db"), then the
# official image's own entrypoint, which finds the cluster there and starts it as it is.
set -e
if [ ! -s "$PGDATA/PG_VERSION" ]; then
    mkdir -p "$PGDATA"
    chown postgres:postgres "$PGDATA"
    chmod 0700 "$PGDATA"
    until pg_isready -h db -U "$POSTGRES_USER" -d postgres >/dev/null 2>&1; do sleep 2; done
    # A replication slot keeps on the primary the WAL this standby has not received yet (up to
    # the primary's max_slot_wal_keep_size): a standby that was down catches up instead of
    # being left behind for good. The slot of an earlier copy (a volume made anew) goes first.
    gosu postgres env PGPASSWORD="$POSTGRES_PASSWORD" psql -h db -U "$POSTGRES_USER" -d postgres -Atc \
        "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots
          WHERE slot_name = 'bimbonbon_replica' AND NOT active" >/dev/null
    gosu postgres env PGPASSWORD="$POSTGRES_PASSWORD" \
        pg_basebackup -h db -U "$POSTGRES_USER" -D "$PGDATA" -R -X stream --checkpoint=fast \
        -C -S bimbonbon_replica
fi
exec docker-entrypoint.sh postgres
