#!/bin/bash
# A direct load reads, checks and loads the file into a private bulk
# database without the write lock, and takes the lock only to copy the
# table in: a writer meanwhile does not wait at all (busy timeout 0).
# No sleeps: the import reads a fifo, so that it is held in the middle of
# its load for as long as the test needs (the fifo's writes return once
# the import has read all but a pipe's worth of them).
. "$(dirname "$0")/lib.sh"
crm init 2>/dev/null
for i in $(seq -w 1 20); do echo "rep$i,Rep $i,rep,华东"; done |
	sed '1i login,name,role,region' | crm -q user import -
"$CRM_BUILD/tools/gen-customers" 20000 --seed 7 >big.csv
cp crm.db empty.db

# locked: is the write lock taken (by the import)?
locked() {
	! sqlite3 -cmd ".timeout 0" crm.db "BEGIN IMMEDIATE; ROLLBACK" \
		>/dev/null 2>&1
}

# import_held LINES: the import started on a fifo, the first LINES lines
# of big.csv read; fd 3 writes the rest
import_held() {
	held_import "$1" big.csv crm-customer -q import --historical \
		--ignore-cap --partial --on-duplicate skip ${HELD_OPTS:-} in.csv
}

import_rest() {
	held_rest "$1" big.csv
}

t 'a writer during a direct load does not wait for it' '
	import_held 5001
	! locked
	CRM_BUSY_TIMEOUT_MS=0 code 0 crm-lead -q add --name 不用等的线索
	import_rest 5001
	test "$(cat imp.code)" = 65	# the generator writes bad records too
	test "$(sqlite3 crm.db "SELECT count(*) FROM customers")" -gt 19000
	test "$(sqlite3 crm.db "SELECT count(*) FROM leads")" = 1
	code 0 crm check
'

t 'a customer added while the file is read: the import exits 75, nothing imported' '
	cp empty.db crm.db
	rm -f crm.db-wal crm.db-shm
	import_held 5001
	code 0 crm-customer -q add --name 插队的公司
	import_rest 5001
	test "$(cat imp.code)" = 75
	grep -q "were added while .in.csv. was read; nothing imported" imp.err
	test "$(sqlite3 crm.db "SELECT count(*) FROM customers")" = 1
	code 0 crm check
'

t 'the import run again after that goes the staged way' '
	code 65 crm-customer -q import --historical --ignore-cap --partial \
		--on-duplicate skip big.csv
	test "$(sqlite3 crm.db "SELECT count(*) FROM customers")" -gt 19000
	code 0 crm check
'

t 'the bulk database leaves no file behind, killed or not' '
	cp empty.db crm.db
	rm -f crm.db-wal crm.db-shm
	mkdir -p tmp
	TMPDIR=$PWD/tmp code 65 crm-customer -q import --historical \
		--ignore-cap --partial --on-duplicate skip big.csv
	test -z "$(ls -A tmp)"
	cp empty.db crm.db
	rm -f crm.db-wal crm.db-shm in.csv
	mkfifo in.csv
	TMPDIR=$PWD/tmp crm-customer -q import --historical --ignore-cap \
		--partial in.csv 2>/dev/null &
	pid=$!
	exec 3>in.csv
	head -n 15001 big.csv >&3
	kill -9 $pid
	exec 3>&-
	wait $pid || true
	test -z "$(ls -A tmp)"
	test "$(sqlite3 crm.db "SELECT count(*) FROM customers")" = 0
	code 0 crm check
'

# deals the same way: the customers the file names are promised their
# ids while it is read, and made under the lock
"$CRM_BUILD/tools/gen-deals" --users --agents 4 >agents.csv
"$CRM_BUILD/tools/gen-deals" 20000 --agents 4 --accounts 30 --seed 5 \
	>deals.csv
MAP='Prospecting=qualify,Engaging=needs,Won=won,Lost=lost'
deals_db() {
	rm -f crm.db crm.db-wal crm.db-shm
	crm init 2>/dev/null
	tail -n +2 agents.csv | while IFS=, read -r login name; do
		crm -q user add "$login" --name "$name" --role rep
	done
}
deals_held() {
	rm -f in.csv
	mkfifo in.csv
	{ local rc=0
		crm-deal -q import --historical --create-customers --extra \
		--partial --stage-map "$MAP" in.csv 2>imp.err || rc=$?
		echo $rc >imp.code; } &
	exec 3>in.csv
	head -n 8001 deals.csv >&3
}
deals_rest() {
	tail -n +8002 deals.csv >&3
	exec 3>&-
	wait
}

t 'a first deal import: a writer meanwhile does not wait' '
	deals_db &&
	deals_held &&
	! locked &&
	CRM_BUSY_TIMEOUT_MS=0 code 0 crm-lead -q add --name 不用等的线索 &&
	deals_rest &&
	test "$(cat imp.code)" = 0 &&
	test "$(sqlite3 crm.db "SELECT count(*) FROM deals")" -gt 19000 &&
	test "$(sqlite3 crm.db "SELECT count(*) FROM customers")" = 30 &&
	test "$(sqlite3 crm.db "SELECT count(*) FROM deals d WHERE NOT
		EXISTS (SELECT 1 FROM customers c WHERE c.id = d.customer_id)
		")" = 0 &&
	code 0 crm check
'

t 'the customers, made in the order of their first deal, as staged' '
	sqlite3 crm.db "SELECT c.id, c.name FROM customers c ORDER BY c.id" \
		>direct.txt &&
	deals_db && crm-customer -q add --name 先来的 &&
	crm-deal -q import --historical --create-customers --extra \
		--partial --stage-map "$MAP" deals.csv 2>/dev/null || true &&
	sqlite3 crm.db "SELECT c.id - 1, c.name FROM customers c WHERE
		c.name <> '"'"'先来的'"'"' ORDER BY c.id" >staged.txt &&
	same direct.txt staged.txt
'

t 'a customer added while the deals are read: 75, nothing imported' '
	deals_db &&
	deals_held &&
	code 0 crm-customer -q add --name 插队的公司 &&
	deals_rest &&
	test "$(cat imp.code)" = 75 &&
	grep -q "customers were added or deleted while the deals were read" imp.err &&
	test "$(sqlite3 crm.db "SELECT count(*) FROM deals")" = 0 &&
	test "$(sqlite3 crm.db "SELECT count(*) FROM customers")" = 1 &&
	code 0 crm check
'

# a temporary directory without room (a 2 MiB tmpfs, where this may
# mount one): 74, naming the directory, the database as it was
mkdir -p small
if mount -t tmpfs -o size=2M tmpfs small 2>/dev/null; then
	t 'no room in the temporary directory: 74, naming it' '
		cp empty.db crm.db && rm -f crm.db-wal crm.db-shm &&
		TMPDIR=$PWD/small code 74 crm-customer -q import --historical \
			--ignore-cap --partial --on-duplicate skip big.csv &&
		has err "temporary database in '"'"'$PWD/small'"'"'" &&
		test "$(sqlite3 crm.db "SELECT count(*) FROM customers")" = 0 &&
		code 0 crm check
	'
	t 'the same staged (a table with records): 74, naming it' '
		cp empty.db crm.db && rm -f crm.db-wal crm.db-shm &&
		crm-customer -q add --name 先到的 >/dev/null &&
		TMPDIR=$PWD/small code 74 crm-customer -q import --historical \
			--ignore-cap --partial --on-duplicate skip big.csv &&
		has err "temporary database in '"'"'$PWD/small'"'"'" &&
		! grep -q "disk is full" err &&
		test "$(sqlite3 crm.db "SELECT count(*) FROM customers")" = 1 &&
		code 0 crm check
	'
	umount small
else
	for what in "" " (staged)"; do
		n=$((n + 1))
		echo "ok $n - no room in the temporary directory$what # SKIP no tmpfs here"
	done
fi

# a file (not a fifo) is read again when a customer came meanwhile: a
# writer holds the lock with an uncommitted customer while the import
# reads, and commits once the whole file is read (the import's position
# in it, /proc/PID/fdinfo)
read_all() {
	local pid=$1 f=$2 fd pos n=0 size
	size=$(stat -c %s "$f")
	while kill -0 "$pid" 2>/dev/null; do
		fd=$(ls -l /proc/"$pid"/fd 2>/dev/null |
			awk -v f="$f" '$NF == f { print $(NF - 2) }')
		pos=$(awk '/^pos:/ { print $2 }' \
			/proc/"$pid"/fdinfo/"${fd:-x}" 2>/dev/null || true)
		test "${pos:-0}" -ge "$size" && return 0
		n=$((n + 1))
		test $n -lt 200000 || return 1
	done
}
hold_sql="BEGIN IMMEDIATE; INSERT INTO customers (name, pool, created_at,
	updated_at, name_key, core_key) VALUES ('插队的公司', 'public',
	'2026-11-01T00:00:00', '2026-11-01T00:00:00', '插队的公司',
	'插队的公司');"

t 'a file read again when a customer came meanwhile' '
	cp empty.db crm.db && rm -f crm.db-wal crm.db-shm hold.fifo &&
	mkfifo hold.fifo &&
	{ sqlite3 crm.db <hold.fifo >/dev/null 2>&1 & } &&
	exec 4>hold.fifo &&
	echo "$hold_sql" >&4 &&
	n=0 && until locked; do n=$((n + 1)); test $n -lt 100000; done
	{ CRM_BUSY_TIMEOUT_MS=600000 crm-customer import --historical \
		--ignore-cap --partial --on-duplicate skip big.csv 2>imp.err &
		echo $! >imp.pid; rc=0; wait $! || rc=$?
		echo $rc >imp.code; } 4>&- &
	n=0 && until test -s imp.pid; do n=$((n + 1)); test $n -lt 100000; done &&
	read_all "$(cat imp.pid)" "$PWD/big.csv" &&
	echo "COMMIT;" >&4 && exec 4>&- &&
	wait &&
	test "$(cat imp.code)" = 65 &&
	grep -q "the database changed while .big.csv. was read: reading it again" imp.err &&
	test "$(sqlite3 crm.db "SELECT count(*) FROM customers")" -gt 19000 &&
	test "$(sqlite3 crm.db "SELECT count(*) FROM customers WHERE
		name = '"'"'插队的公司'"'"'")" = 1
'

t 'an owner deactivated while the file is read: 75, nothing imported' '
	cp empty.db crm.db && rm -f crm.db-wal crm.db-shm &&
	import_held 5001 &&
	code 0 crm -q user deactivate rep05 &&
	import_rest 5001 &&
	test "$(cat imp.code)" = 75 &&
	grep -q "an owner in .in.csv. was deactivated while it was read" imp.err &&
	test "$(sqlite3 crm.db "SELECT count(*) FROM customers")" = 0 &&
	code 0 crm check
'

t 'the staged way: an owner deactivated meanwhile, their records rejected' '
	cp empty.db crm.db && rm -f crm.db-wal crm.db-shm &&
	crm-customer -q add --name 先来的 >/dev/null &&
	rm -f held.rej &&
	HELD_OPTS="--rejects held.rej" import_held 5001 &&
	code 0 crm -q user deactivate rep05 &&
	import_rest 5001 &&
	test "$(cat imp.code)" = 65 &&
	grep -q "field .owner.: .rep05. was deactivated while the file was read" held.rej &&
	test "$(sqlite3 crm.db "SELECT count(*) FROM customers WHERE
		owner = '"'"'rep05'"'"'")" = 0 &&
	test "$(sqlite3 crm.db "SELECT count(*) FROM customers")" -gt 15000 &&
	code 0 crm check
'

# the file: a deal of an existing customer, one of a customer to make,
# then more than a pipe holds, so that once written the import has read
# the first two (and looked their customers up)
{
	echo name,customer
	echo 甲商机,旧客户
	echo 乙商机,新客户
	for i in $(seq 1 3000); do echo "填充商机$i,有商机的客户"; done
} >named.csv

t 'a failed deal import does not say it created customers' '
	deals_db &&
	crm-customer -q add --name 旧客户 >/dev/null &&
	crm-customer -q add --name 有商机的客户 >/dev/null &&
	crm-deal -q add --customer 有商机的客户 --name 旧商机 >/dev/null &&
	rm -f in.csv && mkfifo in.csv || exit
	{ rc=0; crm-deal import --create-customers in.csv 2>imp.err || rc=$?
		echo $rc >imp.code; } &
	exec 3>in.csv &&
	cat named.csv >&3 &&
	code 0 crm-customer -q delete 旧客户 &&
	exec 3>&- && wait &&
	test "$(cat imp.code)" = 75 &&
	grep -q "a customer the file names was deleted while it was read" imp.err &&
	! grep -q "FOREIGN KEY" imp.err &&
	! grep -q "created 1 customer" imp.err &&
	test "$(sqlite3 crm.db "SELECT count(*) FROM customers WHERE
		name = '"'"'新客户'"'"'")" = 0 &&
	test "$(sqlite3 crm.db "SELECT count(*) FROM deals")" = 1
'

done_testing
