#!/bin/bash
# The direct load (lib/import.c): an import into an empty table writes
# the new records straight into it inside one write transaction. It
# must give what the staged path gives, and others who write meanwhile
# wait for it (within the busy timeout) instead of failing.
. "$(dirname "$0")/lib.sh"
crm init 2>/dev/null
for i in $(seq -w 1 20); do echo "rep$i,Rep $i,rep,华东"; done |
	sed '1i login,name,role,region' | crm -q user import -
"$CRM_BUILD/tools/gen-customers" 30000 --seed 5 >big.csv

t 'a direct load and the staged path (a table not empty) agree' '
	cp crm.db other.db &&
	crm-customer --db other.db -q add --name 先来的公司 --phone 13900000000 &&
	crm-customer -q import --historical --ignore-cap --partial \
		--on-duplicate skip --rejects rej1.csv big.csv 2>sum1 || true &&
	crm-customer --db other.db -q import --historical --ignore-cap \
		--partial --on-duplicate skip --rejects rej2.csv big.csv \
		2>sum2 || true &&
	same rej1.csv rej2.csv &&
	crm-customer export >a.csv &&
	crm-customer --db other.db export | sed "1d; /^1,/d" >b.csv &&
	sed 1d a.csv | cut -d, -f2- >a2.csv &&
	cut -d, -f2- b.csv >b2.csv &&
	same a2.csv b2.csv &&
	code 0 crm check
'

t 'the load is one run that undo takes back' '
	run=$(sqlite3 crm.db "SELECT max(created_run) FROM customers") &&
	code 0 crm undo "$run" &&
	test "$(sqlite3 crm.db "SELECT count(*) FROM customers")" = 0
'

t 'a writer during a direct load waits for it, then succeeds' '
	( crm-customer -q import --historical --ignore-cap --partial \
		--on-duplicate skip big.csv 2>/dev/null; echo $? >imp.code ) &
	sleep 0.2 &&
	code 0 crm config set pool.max_owned 500 &&
	wait &&
	test "$(cat imp.code)" != 75 &&
	test "$(sqlite3 crm.db "SELECT count(*) FROM customers")" -gt 28000 &&
	code 0 crm check
'

done_testing
