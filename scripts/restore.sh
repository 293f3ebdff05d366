#!/usr/bin/env bash
# `make restore FILE=backups/<name>.zip [DB=<name>] [FORCE=1]`: a backup made by
# `make backup` (Odoo's dump format) as database DB (default: the file's name without its
# time stamp), with its filestore. An existing database is only replaced with FORCE=1.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

FILE=${FILE:-}
[ -n "$FILE" ] || die "Say which backup to restore: make restore FILE=backups/<name>.zip"
[ -f "$FILE" ] || die "There is no file '$FILE'."
DB=${DB:-$(basename "$FILE" .zip | sed -E 's/-[0-9]{8}T[0-9]{6}Z$//')}
[ -x .venv/bin/python ] || die "No .venv yet: run 'make bootstrap' first."
ensure_postgres
force=()
if db_exists "$DB"; then
    [ "${FORCE:-0}" = 1 ] || die "The database '$DB' exists: give another DB=..., or FORCE=1 to replace it."
    force=(--force)
fi
log "Restoring $FILE as '$DB' (database and filestore)"
odoo_bin db -c "$ODOO_CONF" --addons-path="$ADDONS_PATH" --data-dir="$(data_dir)" \
    load "${force[@]}" "$DB" "$FILE" || die "Restoring '$FILE' failed."
log "Done: '$DB' restored; serve it with: DB=$DB make run"
