#!/bin/bash
# The output writers and the CLI glue (--excel, `--`, empty results,
# colour), settings by KEY.SUBKEY, reminder mail (what a dry run shows,
# the headers, no injection) and the messages of a read-only database.
. "$(dirname "$0")/lib.sh"
crm init 2>/dev/null

t '--excel: a tag starting with = longer than a buffer is guarded, no crash' '
	tag="=$(printf "A%.0s" $(seq 61))" &&
	crm-customer add -q --name Planted --tag "$tag" >/dev/null &&
	code 0 crm-customer export --excel &&
	has out ",'\''$tag," && tr -d "\\000" <out | cmp -s - out
'

# Every verb of every tool, with `--` alone, with no arguments and with
# an id and a -WORD after `--`: a usage error at worst, never a crash
# (a signal is exit 128 and more). The database is empty.
t 'every verb with --, with nothing, with ID -- -x: no crash' '
	crm init --db verbs.db 2>/dev/null &&
	for tool in crm crm-customer; do
		$tool --dump-options | awk -F"\t" "\$1 == \"verb\" {print \$2}" >verbs &&
		while read -r v; do
			for args in "--" "" "1 -- -x"; do
				set +e
				CRM_DB=$PWD/verbs.db $tool $v $args </dev/null >o 2>e
				rc=$?
				set -e
				if [ "$rc" -ge 128 ]; then
					echo "$tool $v $args: exit $rc"; cat e; exit 1
				fi
			done
		done <verbs
	done
'

t 'tag ID -- -TAG removes a tag starting after the --' '
	crm-customer add -q --name Tagged --tag x --tag y >/dev/null &&
	code 0 crm-customer tag 2 -- -x &&
	crm-customer show 2 -f csv >r && has r ",y," && ! grep -q "x;y" r &&
	code 0 crm-customer tag -- 2 +z && crm-customer show 2 -f csv >r &&
	has r "y;z"
'

t 'show of a customer the user may not see prints nothing on stdout' '
	crm -q user add li.lei --name 李雷 --role rep --region 华东 --email li@example.com &&
	crm-customer add -q --name Hidden --region 华北 --owner "$ME" >id &&
	id=$(cat id) &&
	for f in csv tsv json yaml jsonl table; do
		code 65 crm-customer --as li.lei show "$id" -f $f &&
		test ! -s out && has err "no customer $id" || exit 1
	done &&
	code 65 crm-customer show 999 -f csv && test ! -s out
'

# One rule for empty results: a query prints its header (csv/tsv), []
# (json/yaml) or nothing (table); a job that changes records (recycle,
# distribute) and the reminders print nothing at all when they did or
# found nothing.
t 'an empty query prints the header: list and recycle --warn alike' '
	crm-customer list --tier A -f csv >l && test "$(wc -l <l)" = 1 &&
	crm-customer recycle --warn 3 -f csv >w &&
	test "$(wc -l <w)" = 1 && grep -q "^id,name,owner," w &&
	crm-customer recycle --warn 3 -f tsv >w && test "$(wc -l <w)" = 1 &&
	crm-customer recycle --warn 3 -f json >w && echo "[]" >want && same want w &&
	crm-customer list --tier A -f json >l && same want l &&
	crm-customer recycle --warn 3 -f table >w && test ! -s w
'

t 'an empty job prints nothing at all: recycle, recycle -n, distribute' '
	code 0 crm-customer recycle -f csv && test ! -s out &&
	code 0 crm-customer recycle -n -f csv && test ! -s out &&
	code 0 crm-customer distribute --pool nowhere --to "$ME" -f csv &&
	test ! -s out &&
	code 0 crm remind -f csv && test ! -s out && test ! -s err
'

done_testing
