#!/bin/bash
# Settings list and the leaver's handover: config list shows a setting
# nobody set with the same text as value and default; a leaver's open
# deals are handed over with their customers (or the leave is refused),
# and crm check names open deals held by a user who may not hold them.
. "$(dirname "$0")/lib.sh"
crm init -q 2>/dev/null || crm init >/dev/null 2>&1

# changed FMT: the keys whose value is not the same text as their
# default, from config list -f FMT (csv: key,X,X; json: one row a line;
# yaml: a value line, then its default's)
changed() {
	case $1 in
	csv) crm config list -f csv --no-header |
	    grep -Ev '^([^,]*),(.*),\2$' | cut -d, -f1 ;;
	json) crm config list -f json | grep '"key"' |
	    grep -Ev '"value":(".*"),"default":\1}' | cut -d'"' -f4 ;;
	yaml) crm config list -f yaml | awk '
	    /^- key: / { k = $3 }
	    /^  value: / { v = substr($0, 10) }
	    /^  default: / && substr($0, 12) != v { print k }' ;;
	esac
}

t 'config list: a setting nobody set has value = default (csv, json, yaml)' '
	test -z "$(sqlite3 "$CRM_DB" "SELECT key FROM settings")" &&
	for f in csv json yaml; do
		changed $f >ch.$f && test ! -s ch.$f || { cat ch.$f; exit 1; }
	done &&
	code 0 crm config list -f csv &&
	has out "pay.default_terms,\"\"\"100%:30\"\"\",\"\"\"100%:30\"\"\""
'

t 'config list: a changed setting differs, one set back to its default not' '
	crm -q config set pay.default_terms 50%:0,50%:30 &&
	crm -q config set quote.approval.finance "{total: 600000.00}" &&
	changed csv >ch && printf "%s\n" pay.default_terms quote.approval >want &&
	same want ch &&
	crm -q config set pay.default_terms 100%:30 &&
	crm -q config unset quote.approval.finance &&
	changed json >ch && test ! -s ch &&
	test -z "$(sqlite3 "$CRM_DB" "SELECT key FROM settings")"
'

done_testing
