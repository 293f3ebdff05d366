#!/usr/bin/env bash
# `make backup [DB=bimbonbon] [BACKUP_DIR=backups]`: one file with the database and its
# filestore, in Odoo's own dump format (`odoo db dump`: a zip of dump.sql, the filestore and
# manifest.json), named <database>-<UTC time>.zip (written as .zip.part until complete).
# Restore it with `make restore FILE=...`.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

DB=${DB:-bimbonbon}
BACKUP_DIR=${BACKUP_DIR:-backups}

[ -x .venv/bin/python ] || die "No .venv yet: run 'make bootstrap' (or 'make run') first."
ensure_postgres
db_exists "$DB" || die "There is no database '$DB' to back up."
mkdir -p "$BACKUP_DIR"
file="$BACKUP_DIR/$DB-$(date -u +%Y%m%dT%H%M%SZ).zip"
# written as .part and renamed when complete: a backup interrupted (failed, killed, disk
# full) leaves no file that looks like a good one
part="$file.part"
trap 'rm -f "$part"' EXIT
trap 'exit 130' INT TERM
log "Backing up '$DB' (database and filestore) to $file"
odoo_bin db -c "$ODOO_CONF" --addons-path="$ADDONS_PATH" --data-dir="$(data_dir)" \
    dump "$DB" "$part" || die "The backup of '$DB' failed; no file was kept."
mv "$part" "$file"
log "Done: $file ($(du -h "$file" | cut -f1))"
