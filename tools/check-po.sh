#!/bin/sh
# check-po.sh POT PO: every string marked for translation in the sources
# (POT, made by xgettext) has a Chinese translation in PO, none is
# fuzzy, and every translation keeps its format string's conversions
# (msgfmt --check). A missing or broken translation fails make check.
set -eu
pot=$1 po=$2
err=$(mktemp)
trap 'rm -f "$err"' EXIT
msgfmt --check -o /dev/null "$po"
if ! msgcmp "$po" "$pot" 2>"$err"; then
	sed 's/^/check-po: /' "$err" >&2
	echo "check-po: strings marked for translation have no zh_CN text" >&2
	exit 1
fi
left=$(msgattrib --untranslated --no-obsolete "$po" | grep -c '^msgid ' || true)
fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$po" | grep -c '^msgid ' || true)
# the header entry counts once in each list
if [ "$left" -gt 1 ] || [ "$fuzzy" -gt 1 ]; then
	msgattrib --untranslated --no-obsolete "$po" | sed 's/^/check-po: /' >&2
	echo "check-po: $((left - 1)) untranslated, $((fuzzy - 1)) fuzzy" >&2
	exit 1
fi
