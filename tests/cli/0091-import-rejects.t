#!/bin/bash
# The rejects file of an import (--partial --rejects) is written before
# the commit: one that cannot be written (no room) leaves the database
# as it was, and says so; an import interrupted before its commit (even
# by kill -9) leaves no rejects file, nor any other, behind: the file has
# no name until then; one interrupted after it keeps the file and ends
# as the import went.
. "$(dirname "$0")/lib.sh"
crm init 2>/dev/null
for i in $(seq -w 1 20); do echo "rep$i,Rep $i,rep,华东"; done |
	sed '1i login,name,role,region' | crm -q user import -
# a tenth of the records bad: their rejects fill more than a small disk
"$CRM_BUILD/tools/gen-customers" 20000 --seed 3 --bad-pct 10 >big.csv
cp crm.db empty.db
crm-customer -q add --name 先来的 >/dev/null
cp crm.db one.db

# import DB REJECTS: the import of big.csv into a copy of DB
import() {
	cp "$1" crm.db && rm -f crm.db-wal crm.db-shm
	code "$3" crm-customer -q import --historical --ignore-cap --partial \
		--on-duplicate skip --rejects "$2" big.csv
}

mkdir -p small
if mount -t tmpfs -o size=64k tmpfs small 2>/dev/null; then
	for db in empty.db one.db; do
		t "no room for the rejects ($db): 74, nothing imported" '
			import '"$db"' small/rejects.csv 74 &&
			has err "No space left on device); nothing imported" &&
			test -z "$(ls -A small)" &&
			test "$(sqlite3 crm.db "SELECT count(*) FROM customers")" \
				= "$(sqlite3 '"$db"' "SELECT count(*) FROM customers")" &&
			code 0 crm check
		'
	done
	umount small
else
	for db in empty.db one.db; do
		n=$((n + 1))
		echo "ok $n - no room for the rejects ($db) # SKIP no tmpfs here"
	done
fi

t 'the rejects, with room: written, the records imported' '
	import empty.db rejects.csv 65 &&
	test "$(wc -l <rejects.csv)" -gt 1000 &&
	test "$(sqlite3 crm.db "SELECT count(*) FROM customers")" -gt 15000
'

# an import held in the middle of its file (a fifo), then sent SIG
interrupted() {
	cp "$1" crm.db && rm -f crm.db-wal crm.db-shm rej.csv in.csv
	mkfifo in.csv
	crm-customer -q import --historical --ignore-cap --partial \
		--rejects rej.csv in.csv 2>/dev/null &
	pid=$!
	exec 3>in.csv
	head -n 10001 big.csv >&3
	# not named until the import commits
	test -z "$(ls -A | grep -e "^rej\.csv$" -e crm-rejects)"
	kill -"$2" $pid
	exec 3>&-
	wait $pid || true
}

# (KILL on a file system without O_TMPFILE leaves the hidden file the
# rejects were written to, never one of their name)
for sig in INT TERM HUP KILL; do
	left="-e crm-rejects"
	[ $sig = KILL ] && left=
	t "SIG$sig before the commit: no rejects file, nothing imported" '
		interrupted one.db '"$sig"' &&
		test -z "$(ls -A | grep -e "^rej\.csv$" '"$left"')" &&
		test "$(sqlite3 crm.db "SELECT count(*) FROM customers")" = 1 &&
		code 0 crm check &&
		import one.db rej.csv 65 &&
		test -s rej.csv
	'
done

# an import that committed, held writing its summary to a full pipe,
# then sent SIG: the signal is let pass, the import ends as it went
after_commit() {
	cp one.db crm.db && rm -f crm.db-wal crm.db-shm rej.csv ef
	mkfifo ef
	exec 4<>ef
	head -c 65536 /dev/zero >&4
	crm-customer import --historical --ignore-cap --partial \
		--rejects rej.csv big.csv 2>ef &
	pid=$!
	until grep -q "^1 0x2 " /proc/$pid/syscall 2>/dev/null; do
		kill -0 $pid 2>/dev/null || break
	done
	kill -"$1" $pid
	head -c 65536 <&4 >/dev/null
	rc=0
	wait $pid || rc=$?
	exec 4>&-
	echo $rc
}

for sig in INT TERM HUP; do
	t "SIG$sig after the commit: the records, the rejects, the exit (65)" '
		test "$(after_commit '"$sig"')" = 65 &&
		test "$(wc -l <rej.csv)" -gt 1000 &&
		test "$(sqlite3 crm.db "SELECT count(*) FROM customers")" \
			-gt 15000
	'
done

t 'the rejects of an Excel file are csv for Excel: BOM, CRLF' '
	printf "\xef\xbb\xbfname,phone\r\n甲公司,13800000001\r\n乙公司,坏电话\r\n" \
		>excel.csv &&
	cp one.db crm.db && rm -f crm.db-wal crm.db-shm rej1.csv &&
	code 65 crm-customer -q import --partial --rejects rej1.csv excel.csv &&
	test "$(head -c 3 rej1.csv | od -An -tx1 | tr -d " ")" = efbbbf &&
	test "$(grep -c $'"'"'\r$'"'"' rej1.csv)" = 2 &&
	grep -q "乙公司,坏电话,3," rej1.csv
'

t 'the rejects of a GBK file too, and they import back without --encoding' '
	printf "name,phone\n丙公司,13800000003\n丁公司,坏电话\n" |
		iconv -f UTF-8 -t GBK >gbk.csv &&
	cp one.db crm.db && rm -f crm.db-wal crm.db-shm rej2.csv &&
	code 65 crm-customer -q import --partial --encoding gbk \
		--rejects rej2.csv gbk.csv &&
	test "$(head -c 3 rej2.csv | od -An -tx1 | tr -d " ")" = efbbbf &&
	sed "s/坏电话/13800000004/" rej2.csv >fixed.csv &&
	code 0 crm-customer -q import --ignore-unknown fixed.csv &&
	test "$(sqlite3 crm.db "SELECT phone FROM customers WHERE
		name = '"'"'丁公司'"'"'")" = 13800000004
'

t 'the rejects of a plain UTF-8 file stay plain' '
	printf "name,phone\n戊公司,13800000005\n己公司,坏电话\n" >plain.csv &&
	cp one.db crm.db && rm -f crm.db-wal crm.db-shm rej3.csv &&
	code 65 crm-customer -q import --partial --rejects rej3.csv plain.csv &&
	test "$(head -c 4 rej3.csv)" = name &&
	! grep -q $'"'"'\r'"'"' rej3.csv
'

t 'files joined together: their header lines again are rejected as such' '
	printf "name,city\n甲公司,上海\nname,city\n乙公司,北京\nNAME, CITY\n" \
		>joined.csv &&
	cp empty.db crm.db && rm -f crm.db-wal crm.db-shm &&
	code 65 crm-customer import joined.csv &&
	has err "joined.csv:3: the header line again (files joined together?)" &&
	has err "joined.csv:5: the header line again" &&
	code 65 crm-customer -q import --partial joined.csv &&
	sqlite3 crm.db "SELECT name FROM customers ORDER BY id" >names &&
	printf "甲公司\n乙公司\n" >want && same want names
'

t 'Excel files joined by cat: the header again with its BOM, as such' '
	printf "\xef\xbb\xbfname,city\r\n甲公司,上海\r\n" >x1.csv &&
	printf "\xef\xbb\xbfname,city\r\n乙公司,北京\r\n" >x2.csv &&
	cat x1.csv x2.csv >xj.csv &&
	cp empty.db crm.db && rm -f crm.db-wal crm.db-shm &&
	code 65 crm-customer import xj.csv &&
	has err "xj.csv:3: the header line again" &&
	test "$(sqlite3 crm.db "SELECT count(*) FROM customers")" = 0
'

done_testing
