#!/bin/bash
# The crash bar (design/quality.md): kill -9 at a random moment during a
# 200 000-row import, 20 times: crm check passes and the import is wholly
# there or wholly absent, every time.
. "$(dirname "$0")/lib.sh"
crm init 2>/dev/null
for i in $(seq -w 1 20); do echo "rep$i,Rep $i,rep,华东"; done |
	sed '1i login,name,role,region' | crm -q user import -
"$CRM_BUILD/tools/gen-customers" 200000 --seed 7 --dup-pct 0 --bad-pct 0 >big.csv
cp crm.db empty.db
printf 'name\nBefore Co\n' >small.csv && crm-customer import -q small.csv

t 'a full import of the file, for its count and its duration' '
	cp crm.db full.db &&
	start=$(date +%s.%N) &&
	crm-customer --db full.db import -q --historical --ignore-cap big.csv &&
	echo "$(date +%s.%N) $start" | awk "{ print \$1 - \$2 }" >duration &&
	sqlite3 full.db "SELECT count(*) FROM customers" >n &&
	test "$(cat n)" -eq 200001
'

# killed DB DELAY WHAT: big.csv imported into crash.db (a copy of DB),
# killed -9 after DELAY seconds; crm check must pass and leave it in WAL
# (a copy killed out of WAL left a rollback journal); the customers then
# noted in outcomes (WHAT says which import) and said
killed() {
	rm -f crash.db crash.db-wal crash.db-shm && cp "$1" crash.db || return 1
	crm-customer --db crash.db import -q --historical --ignore-cap big.csv &
	pid=$!
	sleep "$2"
	kill -9 $pid 2>/dev/null || true
	wait $pid 2>/dev/null || true
	crm --db crash.db check >/dev/null &&
	test "$(sqlite3 crash.db "PRAGMA journal_mode")" = wal &&
	n=$(sqlite3 crash.db "SELECT count(*) FROM customers") &&
	echo "${3}after ${2}s of $(cat duration)s: $n customers" >>outcomes &&
	echo "$n"
}

for k in $(seq 1 20); do
	t "kill -9 at a random moment ($k of 20): all or nothing" '
		# spread over the import, with jitter; the last two well after
		# it (a loaded machine runs it slower than the timed one)
		delay=$(awk -v s=$RANDOM -v d="$(cat duration)" -v k='$k' \
			"BEGIN { srand(s); t = k <= 18 ? (k - rand()) / 18 : 3 * (k - 17);
			printf \"%.2f\", t * d }")
		n=$(killed crm.db "$delay" "") &&
		{ test "$n" -eq 1 || test "$n" -eq 200001; }
	'
done

# the same into an empty table: the direct load through the bulk
# database (lib/import-bulk.c), killed while it reads, builds its
# indexes, copies the table in or commits; the last well after it (a
# loaded machine runs it slower than the timed one)
for k in $(seq 1 8); do
	t "an empty table, kill -9 at a random moment ($k of 8): all or nothing" '
		delay=$(awk -v s=$RANDOM -v d="$(cat duration)" -v k='$k' \
			"BEGIN { srand(s); t = k <= 7 ? (k - rand()) / 7 : 3;
			printf \"%.2f\", t * d }")
		n=$(killed empty.db "$delay" "empty, ") &&
		{ test "$n" -eq 0 || test "$n" -eq 200000; }
	'
done

t 'the kills hit both sides: some imports were cut, some finished' '
	cat outcomes &&
	grep -q ": 1 customers" outcomes && grep -q ": 200001 customers" outcomes &&
	grep -q "^empty.*: 0 customers" outcomes &&
	grep -q "^empty.*: 200000 customers" outcomes
'

done_testing
