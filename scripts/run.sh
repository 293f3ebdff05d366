#!/usr/bin/env bash
# `make run`: bootstrap if needed, create the demo database once, serve Odoo.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

DB=${DB:-bimbonbon}
HTTP_PORT=${HTTP_PORT:-8069}
MODULES=bimbonbon_crm,bimbonbon_service,bimbonbon_stock_alerts,bimbonbon_portal,bimbonbon_journey,bimbonbon_livechat

bash scripts/bootstrap.sh
ensure_postgres

# The addons' code as it is now; when it changed since the database was last set up, the
# addons are updated (-u) before serving, so a `git pull` never serves stale views.
code_hash=$(find addons -type f -not -path '*/__pycache__/*' -not -name '*.pyc' -print0 | sort -z \
    | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)
hash_file="$CACHE/run-$DB.hash"
if ! module_installed "$DB" bimbonbon_portal; then
    drop_db "$DB"
    # As a real database is created: first a Dutch company (country NL: EUR, nl_NL, the Dutch
    # chart of accounts l10n_nl with 21 %/9 % BTW), only then the addons, so every demo amount
    # (Odoo's and ours) is in euros with Dutch taxes.
    log "Creating the demo database '$DB' as a Dutch company (country NL, EUR, nl_NL, demo data)"
    odoo_bin db -c "$ODOO_CONF" --addons-path="$ADDONS_PATH" --data-dir="$(data_dir)" \
        init "$DB" --with-demo --language nl_NL --country NL --username admin --password admin \
        || die "Creating the database '$DB' failed (see the log above); nothing was served."
    log "Installing the Dutch chart of accounts (l10n_nl) into '$DB'"
    odoo_bin -c "$ODOO_CONF" --addons-path="$ADDONS_PATH" --data-dir="$(data_dir)" -d "$DB" \
        -i l10n_nl --stop-after-init --log-level=warn \
        || die "Installing l10n_nl into '$DB' failed (see the log above); nothing was served."
    # Odoo's accounting demo (account/demo/account_demo.xml) always puts its generic US chart
    # (USD, 15 % tax) on the main company; put the Dutch one back before anything is sold.
    odoo_bin shell -c "$ODOO_CONF" --addons-path="$ADDONS_PATH" --data-dir="$(data_dir)" -d "$DB" \
        --no-http --log-level=warn <<'PY' || die "Loading the Dutch chart of accounts into '$DB' failed (see the log above)."
company = env.ref("base.main_company")
if company.chart_template != "nl":
    env["account.chart.template"].try_loading("nl", company, install_demo=True)
    # Odoo's demo products, made with the US chart, lost its taxes: give them the Dutch ones.
    Product = env["product.template"].with_context(active_test=False)
    Product.search([("taxes_id", "=", False)]).taxes_id = company.account_sale_tax_id
    Product.search([("supplier_taxes_id", "=", False)]).supplier_taxes_id = (
        company.account_purchase_tax_id
    )
env.cr.commit()
PY
    # `odoo db init` logs and swallows its own errors: check that the company is Dutch.
    [ "$(psql -d "$DB" -Atc "select c.name from res_company co join res_currency c on c.id = co.currency_id where co.id = 1" 2>/dev/null)" = EUR ] \
        || die "The database '$DB' was not created as a Dutch company in euros (see the log above); run 'make reset' and try again."
    log "Installing the six addons with their demo data into '$DB' (takes 3 to 5 minutes)"
    odoo_bin -c "$ODOO_CONF" --addons-path="$ADDONS_PATH" --data-dir="$(data_dir)" -d "$DB" \
        -i "$MODULES" --stop-after-init --log-level=warn \
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
# Addons added since the demo database was built (bimbonbon_journey, bimbonbon_livechat) are
# installed in it, with their demo data, in one go.
missing=()
for module in ${MODULES//,/ }; do
    module_installed "$DB" "$module" || missing+=("$module")
done
if [ ${#missing[@]} -gt 0 ]; then
    missing_list=$(IFS=,; echo "${missing[*]}")
    log "Installing $missing_list with demo data into '$DB'"
    odoo_bin -c "$ODOO_CONF" --addons-path="$ADDONS_PATH" --data-dir="$(data_dir)" -d "$DB" \
        -i "$missing_list" --stop-after-init --log-level=warn \
        || die "Installing $missing_list into '$DB' failed (see the log above)."
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
exec .venv/bin/python "$ODOO_LAUNCHER" \
    -c "$ODOO_CONF" --addons-path="$ADDONS_PATH" --data-dir="$(data_dir)" -d "$DB" \
    --db-filter="^$DB\$" --http-port="$HTTP_PORT"
