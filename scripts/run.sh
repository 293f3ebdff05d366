#!/usr/bin/env bash
# `make run`: bootstrap if needed, create the demo database once, serve Odoo.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

DB=${DB:-bimbonbon}
HTTP_PORT=${HTTP_PORT:-8069}
MODULES=bimbonbon_crm,bimbonbon_service,bimbonbon_stock_alerts,bimbonbon_portal

bash scripts/bootstrap.sh
ensure_postgres

# The addons' code as it is now; when it changed since the database was last set up, the
# addons are updated (-u) before serving, so a `git pull` never serves stale views.
code_hash=$(find addons -type f -not -path '*/__pycache__/*' -not -name '*.pyc' -print0 | sort -z \
    | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)
hash_file="$CACHE/run-$DB.hash"
if ! module_installed "$DB" bimbonbon_portal; then
    drop_db "$DB"
    log "Creating the demo database '$DB' with the four addons, demo data and Dutch (takes 2 to 3 minutes)"
    odoo_bin -c "$ODOO_CONF" --addons-path="$ADDONS_PATH" --data-dir="$(data_dir)" -d "$DB" \
        -i "$MODULES" --with-demo --load-language=nl_NL --stop-after-init --log-level=warn \
        || die "Installing the addons into '$DB' failed (see the log above); nothing was served."
    echo "$code_hash" >"$hash_file"
elif [ "$(cat "$hash_file" 2>/dev/null)" != "$code_hash" ]; then
    # --i18n-overwrite: our nl.po files, not earlier loaded terms, are the truth in the demo.
    log "The addons changed since '$DB' was set up: updating them"
    odoo_bin -c "$ODOO_CONF" --addons-path="$ADDONS_PATH" --data-dir="$(data_dir)" -d "$DB" \
        -u "$MODULES" --i18n-overwrite --stop-after-init --log-level=warn \
        || die "Updating the addons in '$DB' failed (see the log above); run 'make reset' to start anew."
    echo "$code_hash" >"$hash_file"
fi

cat <<MSG

  BimBonBon runs on http://localhost:$HTTP_PORT (database '$DB')
  Logins (password = login; development only):
    admin / admin                       administrator
    verkoop / verkoop                   sales (Verkoop)
    klantenservice / klantenservice     customer service (Klantenservice)
    onderhoud / onderhoud               maintenance & planning (Onderhoud)
    inkoop / inkoop                     purchasing (Inkoop)
    directie / directie                 management (Directie)
    portal / portal                     portal customer (Bakkerij De Gouden Krakeling)

MSG
exec .venv/bin/python -c 'import odoo.cli, sys; sys.argv[0] = "odoo"; odoo.cli.main()' \
    -c "$ODOO_CONF" --addons-path="$ADDONS_PATH" --data-dir="$(data_dir)" -d "$DB" \
    --db-filter="^$DB\$" --http-port="$HTTP_PORT"
