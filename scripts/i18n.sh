#!/usr/bin/env bash
# `make i18n [ADDONS="bimbonbon_crm ..."]`: install the addons on a scratch database, export
# each one's i18n/<addon>.pot and merge it into i18n/nl.po (new terms come in untranslated;
# fill them in, `tests/test_i18n.py` fails on any Dutch term left empty).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

ADDONS=${ADDONS:-bimbonbon_crm bimbonbon_service bimbonbon_stock_alerts bimbonbon_portal bimbonbon_journey bimbonbon_livechat}
DB=${I18N_DB:-bimbonbon_i18n}

bash scripts/bootstrap.sh
ensure_postgres
drop_db "$DB"
log "Installing $ADDONS on '$DB' to export their terms"
odoo_bin -c "$ODOO_CONF" --addons-path="$ADDONS_PATH" --data-dir="$(data_dir)" -d "$DB" \
    -i "$(echo $ADDONS | tr ' ' ',')" --stop-after-init --log-level=warn >"$CACHE/i18n.log" 2>&1 \
    || { tail -n 30 "$CACHE/i18n.log"; die "Install failed (log: $CACHE/i18n.log)."; }
# shellcheck disable=SC2086
odoo_bin i18n export -c "$ODOO_CONF" -d "$DB" $ADDONS >>"$CACHE/i18n.log" 2>&1 \
    || { tail -n 30 "$CACHE/i18n.log"; die "Export failed (log: $CACHE/i18n.log)."; }
for addon in $ADDONS; do
    pot="addons/$addon/i18n/$addon.pot" po="addons/$addon/i18n/nl.po"
    if [ -f "$po" ]; then
        msgmerge --quiet --update --no-fuzzy-matching --backup=none --no-wrap "$po" "$pot"
    else
        msginit --no-translator --no-wrap --locale=nl --input="$pot" --output-file="$po" 2>/dev/null
    fi
    # Keep the header's Language in Odoo's form.
    sed -i 's/^"Language: nl\\n"$/"Language: nl\\n"/' "$po"
    missing=$(msgattrib --untranslated --no-obsolete "$po" | grep -c '^msgid ' || true)
    log "$po: $((missing > 0 ? missing - 1 : 0)) untranslated"
done
drop_db "$DB"
