#!/usr/bin/env bash
# Bootstrap everything BimBonBon needs on this machine, idempotently:
#   1. Odoo 19 from Debian's odoo-19 package (plus the packages its symlinks point into),
#      unpacked under a cache folder outside the clone;
#   2. .venv with the pinned Python dependencies (requirements.txt + constraints.txt);
#   3. for tests (BOOTSTRAP_BROWSER=1): Chromium, which Odoo's browser tests drive.
# A second run checks stamps and returns in about a second.
#
# Overrides:
#   ODOO_ROOT=<dir>   an existing Odoo 19 tree (a git checkout or an unpacked package) to use
#   ODOO_DEB=<file>   a local odoo-19 .deb to unpack instead of downloading one
#   BIMBONBON_CACHE   where downloads and the unpacked package live (~/.cache/bimbonbon)
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
# shellcheck source=scripts/lib.sh
. scripts/lib.sh

# The package the project was tested with. sid moves: a newer build is accepted with a
# warning, a missing one ends the run with one sentence.
ODOO_DEB_VERSION="19.0.0+dfsg-1"
ODOO_DEB_SHA256="9d2f598b0555db17e291d48ed24df184c70823c053c4c5ed53c467ca7f629bbf"
SID_PACKAGES="odoo-19 fonts-montserrat fonts-ocr-b fonts-roboto-unhinted libjs-jquery libjs-jquery-form libjs-underscore"
# Font Awesome 4.7 is what Odoo's assets expect; sid has 7.x, bookworm has 4.7.
BOOKWORM_PACKAGES="fonts-font-awesome/bookworm fonts-inconsolata/bookworm"

check_python() {
    command -v "$PYTHON" >/dev/null 2>&1 || die "No $PYTHON found: install Python 3.10 or newer (Debian: apt-get install python3 python3-venv)."
    "$PYTHON" -c 'import sys; sys.exit(0 if (3, 10) <= sys.version_info[:2] < (3, 13) else 1)' \
        || die "$PYTHON is $("$PYTHON" -V 2>&1); Odoo 19 with these pins needs Python 3.10 to 3.12 (set PYTHON=python3.11)."
    "$PYTHON" -c 'import venv, ensurepip' 2>/dev/null \
        || die "$PYTHON cannot create virtualenvs: install python3-venv."
}

apt_mirror() {
    # Reuse the mirror already configured on this machine (never a host name in the repo).
    local uri
    uri=$(grep -hE '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -v security | head -n1 || true)
    if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
        uri=$(grep -E '^deb ' /etc/apt/sources.list | grep -v security | awk '{print $2}' | head -n1 || true)
    fi
    [ -n "$uri" ] || die "No Debian mirror configured in /etc/apt: give an Odoo 19 tree with ODOO_ROOT=<dir> or a package with ODOO_DEB=<file>."
    echo "$uri"
}

fetch_debs() {
    command -v apt-get >/dev/null 2>&1 || die "apt-get is not available: give an Odoo 19 tree with ODOO_ROOT=<dir> or a package with ODOO_DEB=<file>."
    local apt="$CACHE/apt" mirror keyring opts
    mirror=$(apt_mirror)
    keyring=/usr/share/keyrings/debian-archive-keyring.gpg
    mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$CACHE/debs"
    printf 'deb [signed-by=%s] %s sid main\ndeb [signed-by=%s] %s bookworm main\n' \
        "$keyring" "$mirror" "$keyring" "$mirror" >"$apt/sources.list"
    opts=(-q -o "Dir::Etc::sourcelist=$apt/sources.list" -o Dir::Etc::sourceparts=-
          -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache" -o APT::Sandbox::User=root)
    log "Fetching Debian's odoo-19 package lists (private apt state, the system is not changed)"
    apt-get "${opts[@]}" update >"$CACHE/apt-update.log" 2>&1 \
        || die "Could not read the Debian package lists (see $CACHE/apt-update.log): give ODOO_DEB=<file> or ODOO_ROOT=<dir>."
    (cd "$CACHE/debs" && apt-get "${opts[@]}" download $SID_PACKAGES $BOOKWORM_PACKAGES >"$CACHE/apt-download.log" 2>&1) \
        || die "Debian's odoo-19 package could not be downloaded (see $CACHE/apt-download.log): give ODOO_DEB=<file> or ODOO_ROOT=<dir>."
}

unpack_odoo() {
    local root="$CACHE/root" stamp="$CACHE/root/.bimbonbon-unpacked" deb
    [ -f "$stamp" ] && return 0
    if [ -n "${ODOO_DEB:-}" ]; then
        [ -f "$ODOO_DEB" ] || die "ODOO_DEB=$ODOO_DEB is not a file."
        cp -f "$ODOO_DEB" "$CACHE/debs/" 2>/dev/null || true
    fi
    if ! ls "$CACHE"/debs/odoo-19_*.deb >/dev/null 2>&1 || ! ls "$CACHE"/debs/libjs-jquery_*.deb >/dev/null 2>&1; then
        fetch_debs
    fi
    deb=$(ls "$CACHE"/debs/odoo-19_*.deb | sort | tail -n1)
    if [ "$(sha256sum "$deb" | cut -d' ' -f1)" != "$ODOO_DEB_SHA256" ]; then
        warn "$(basename "$deb") is not the tested $ODOO_DEB_VERSION (sha256 differs); going on with it."
    fi
    log "Unpacking Odoo 19 and its font/JS packages into $root"
    rm -rf "$root" && mkdir -p "$root"
    for d in "$CACHE"/debs/*.deb; do dpkg-deb -x "$d" "$root"; done
    if [ -n "$(find "$root" -xtype l | head -n1)" ]; then
        die "Some links in the unpacked Odoo do not resolve ($(find "$root" -xtype l | head -n1)): remove $CACHE/debs and run again."
    fi
    touch "$stamp"
}

restore_stripped_assets() {
    # Debian strips the minified MediaPipe library that mail's backend bundle lists; without it
    # the bundle logs an error and every backend tour fails. npm has the same upstream file.
    local root="$CACHE/root/usr/lib/python3/dist-packages/odoo/addons/mail/static/lib/selfie_segmentation"
    local version=0.1.1675465747 tgz="$CACHE/debs/mediapipe-selfie_segmentation-0.1.1675465747.tgz"
    [ -n "${ODOO_ROOT:-}" ] && return 0
    [ -f "$root/selfie_segmentation.js" ] && return 0
    if [ ! -f "$tgz" ]; then
        command -v npm >/dev/null 2>&1 \
            || { warn "npm is missing: mail/static/lib/selfie_segmentation stays absent and backend tours will fail."; return 0; }
        (cd "$CACHE/debs" && npm pack --silent "@mediapipe/selfie_segmentation@$version" >/dev/null 2>&1) \
            || { warn "Could not fetch @mediapipe/selfie_segmentation from npm; backend tours will fail."; return 0; }
    fi
    mkdir -p "$root"
    tar -xzf "$tgz" -C "$root" --strip-components=1 package/selfie_segmentation.js
}

ensure_wkhtmltopdf() {
    # Odoo prints PDF reports (contracts, QR label sheets) with wkhtmltopdf.
    command -v wkhtmltopdf >/dev/null 2>&1 && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        log "Installing wkhtmltopdf for PDF reports (apt-get)"
        (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wkhtmltopdf) \
            >"$CACHE/wkhtmltopdf-install.log" 2>&1 \
            || warn "wkhtmltopdf could not be installed (see $CACHE/wkhtmltopdf-install.log): PDF reports will be HTML."
    else
        warn "wkhtmltopdf is missing (install the wkhtmltopdf package): PDF reports will not print."
    fi
}

odoo_pythonpath() {
    if [ -n "${ODOO_ROOT:-}" ]; then
        # A git checkout has odoo/ at its top; an unpacked package has it under dist-packages.
        for p in "$ODOO_ROOT" "$ODOO_ROOT/usr/lib/python3/dist-packages"; do
            [ -f "$p/odoo/release.py" ] && { echo "$p"; return; }
        done
        die "ODOO_ROOT=$ODOO_ROOT holds no odoo/release.py: point it at an Odoo 19 checkout."
    fi
    echo "$CACHE/root/usr/lib/python3/dist-packages"
}

build_venv() {
    local odoo_path="$1" stamp=".venv/.bimbonbon-stamp" want
    want=$(cat requirements.txt constraints.txt | sha256sum | cut -d' ' -f1)-$odoo_path
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
        return 0
    fi
    log "Building .venv with the pinned dependencies"
    [ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
    echo "$odoo_path" >".venv/lib/$(.venv/bin/python -c 'import sys; print(f"python{sys.version_info[0]}.{sys.version_info[1]}")')/site-packages/odoo19.pth"
    .venv/bin/pip install -q --disable-pip-version-check -r requirements.txt -c constraints.txt \
        >.venv/pip.log 2>&1 || { tail -n 20 .venv/pip.log >&2; die "pip could not install the pinned dependencies (see .venv/pip.log)."; }
    .venv/bin/python -c 'import odoo.release as r; assert r.version_info[0] == 19, r.version' \
        || die "The Odoo found on the path is not Odoo 19."
    echo "$want" >"$stamp"
}

ensure_browser() {
    if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
        || command -v google-chrome >/dev/null 2>&1; then
        return 0
    fi
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        log "Installing Chromium for the browser tests (apt-get)"
        (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium) \
            >"$CACHE/chromium-install.log" 2>&1 \
            || die "Chromium could not be installed (see $CACHE/chromium-install.log); browser tests cannot run without it."
    else
        die "Chromium is missing and cannot be installed here (needs root and apt): install the chromium package, then run again; browser tests are not skipped."
    fi
}

main() {
    check_python
    mkdir -p "$CACHE"
    [ -n "${ODOO_ROOT:-}" ] || unpack_odoo
    restore_stripped_assets
    build_venv "$(odoo_pythonpath)"
    ensure_wkhtmltopdf
    if [ "${BOOTSTRAP_BROWSER:-0}" = 1 ]; then
        ensure_browser
        .venv/bin/python -c 'import websocket' 2>/dev/null \
            || die "websocket-client is missing from .venv: delete .venv and run again."
    fi
}

main "$@"
