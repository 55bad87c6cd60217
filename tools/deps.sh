#!/bin/sh
# Install the Debian packages crm needs to build and test, if any are
# missing, and say so. Used by `make demo` and `make check`; nothing else
# in the build downloads anything.
set -eu
need=""
has_pkg() { pkg-config --exists "$1" 2>/dev/null; }
has_header() { [ -f "/usr/include/$1" ]; }
has_cmd() { command -v "$1" >/dev/null 2>&1; }

has_cmd cc || has_cmd gcc || need="$need gcc libc6-dev"
has_cmd make || need="$need make"
has_cmd pkg-config || need="$need pkg-config"
has_header sqlite3.h || need="$need libsqlite3-dev"
has_header csv.h || need="$need libcsv-dev"
has_header yaml.h || need="$need libyaml-dev"
has_header cmocka.h || need="$need libcmocka-dev"
has_header xlsxwriter.h || need="$need libxlsxwriter-dev"
has_cmd xmllint || need="$need libxml2-utils"
has_cmd unzip || need="$need unzip"
has_cmd prove || need="$need perl"
has_cmd sqlite3 || need="$need sqlite3"
has_cmd mandoc || need="$need mandoc"
has_cmd msgfmt || need="$need gettext"

# Optional: tests/cli/0078 renders the dashboard page in headless
# Chromium when it is there, and skips that step when it is not (CI
# installs it; a user's make check need not).
has_cmd chromium || echo "crm: chromium is not installed (optional):" \
    "the dashboard's rendering test is skipped" >&2

[ -z "$need" ] && exit 0
echo "crm: installing missing build packages:$need" >&2
if [ "$(id -u)" -eq 0 ]; then
	sudo=""
elif has_cmd sudo; then
	sudo="sudo"
else
	echo "crm: not root and no sudo: install$need yourself" >&2
	exit 1
fi
$sudo apt-get update -qq >&2
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $need >&2
