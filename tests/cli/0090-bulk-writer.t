#!/bin/bash
# A direct load holds the write lock from its first record to its
# commit: a writer meanwhile waits for it, up to its busy timeout, and
# then succeeds. No sleeps: the import reads a fifo, so that it is held
# in the middle of its load for as long as the test needs, and the test
# waits until the lock is taken before it writes (the writer it starts
# must not hold the fifo open).
. "$(dirname "$0")/lib.sh"
crm init 2>/dev/null
for i in $(seq -w 1 20); do echo "rep$i,Rep $i,rep,华东"; done |
	sed '1i login,name,role,region' | crm -q user import -
"$CRM_BUILD/tools/gen-customers" 20000 --seed 7 >big.csv

# locked: is the write lock taken (by the import)?
locked() {
	! sqlite3 -cmd ".timeout 0" crm.db "BEGIN IMMEDIATE; ROLLBACK" \
		>/dev/null 2>&1
}

t 'a writer during a direct load waits for its commit, then succeeds' '
	mkfifo in.csv
	{ crm-customer -q import --historical --ignore-cap --partial \
		--on-duplicate skip in.csv 2>imp.err; echo $? >imp.code; } &
	exec 3>in.csv
	head -n 5001 big.csv >&3
	n=0
	until locked; do n=$((n + 1)); test $n -lt 100000; done
	CRM_BUSY_TIMEOUT_MS=0 code 75 crm-customer add --name 等不及的公司
	has err "busy"
	{ CRM_BUSY_TIMEOUT_MS=600000 crm-customer -q add --name 等得及的公司 \
		2>add.err; echo $? >add.code; } 3>&- &
	tail -n +5002 big.csv >&3
	exec 3>&-
	wait
	test "$(cat imp.code)" = 0 && test "$(cat add.code)" = 0
	test "$(sqlite3 crm.db "SELECT count(*) FROM customers WHERE
		name = '"'"'等得及的公司'"'"'")" = 1
	test "$(sqlite3 crm.db "SELECT count(*) FROM customers WHERE
		created_run = (SELECT min(created_run) FROM customers)")" -gt 19000
	code 0 crm check
'

done_testing
