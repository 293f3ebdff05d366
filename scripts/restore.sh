#!/usr/bin/env bash
# `make restore FILE=backups/<name>.zip [DB=<name>] [FORCE=1] [NEUTRALIZE=0]`: a backup made
# by `make backup` (Odoo's dump format) as database DB (default: the file's name without its
# time stamp), with its filestore. An existing database is only replaced with FORCE=1.
# The copy is neutralized (Odoo's --neutralize: no mail sent, no scheduled action run, no
# payment taken, a banner), so that a copy of production does not mail the customers; give
# NEUTRALIZE=0 to restore production itself.
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
neutralize=(--neutralize)
what="neutralized: no mail, no scheduled actions"
if [ "${NEUTRALIZE:-1}" = 0 ]; then
    neutralize=()
    what="not neutralized: it sends mail and runs its scheduled actions"
fi
log "Restoring $FILE as '$DB' (database and filestore, $what)"
odoo_bin db -c "$ODOO_CONF" --addons-path="$ADDONS_PATH" --data-dir="$(data_dir)" \
    load "${force[@]}" "${neutralize[@]}" "$DB" "$FILE" || die "Restoring '$FILE' failed."
log "Done: '$DB' restored ($what); serve it with: DB=$DB make run"
