#!/bin/bash
# Pages of 16 KiB: crm init makes them; crm migrate says when a database
# has smaller ones, and --vacuum rewrites it — with a backup, the
# database to itself, a check of the free space, never unasked.
. "$(dirname "$0")/lib.sh"
crm init 2>/dev/null
for i in $(seq -w 1 20); do echo "rep$i,Rep $i,rep,华东"; done |
	sed '1i login,name,role,region' | crm -q user import -
"$CRM_BUILD/tools/gen-customers" 2000 --seed 4 --dup-pct 0 --bad-pct 0 |
	crm-customer import -q --historical -
CRM_NOW=2026-12-30 crm-customer -q recycle >/dev/null

# old.db: the same data with pages of 4 KiB, in WAL mode, as crm made
# databases before
old_db() {
	rm -f old.db old.db-* old.db.*
	sqlite3 crm.db "PRAGMA page_size = 4096; VACUUM INTO 'old.db'" &&
	sqlite3 old.db "PRAGMA journal_mode = WAL" >/dev/null &&
	chmod 600 old.db
}
pages() {
	sqlite3 "$1" "PRAGMA page_size; PRAGMA journal_mode" | paste -sd' '
}
# everything crm shows of the data
dump() {
	crm --db "$1" user list -f csv &&
	crm-customer --db "$1" export -f csv &&
	crm --db "$1" log -f csv &&
	crm --db "$1" config list -f csv
}

t 'crm init makes pages of 16 KiB, in WAL mode' '
	test "$(pages crm.db)" = "16384 wal"
'

t 'migrate tells of smaller pages and changes nothing' '
	old_db && test "$(pages old.db)" = "4096 wal" && cp old.db before.db &&
	code 0 crm --db old.db migrate && has err "up to date" &&
	has err "pages of 4096 bytes" && has err "crm migrate --vacuum" &&
	code 0 crm --db old.db migrate --check && has err "pages of 4096 bytes" &&
	cmp old.db before.db && ! ls old.db.bak* 2>/dev/null
'

t '--vacuum --dry-run says what it would do and does nothing' '
	code 0 crm --db old.db migrate --vacuum --dry-run &&
	has err "dry run: would rewrite" && has err "MiB are free" &&
	cmp old.db before.db && ! ls old.db.bak* 2>/dev/null
'

t 'only an admin converts (77, nothing done)' '
	code 77 crm --db old.db --as rep01 migrate --vacuum &&
	test "$(pages old.db)" = "4096 wal" && ! ls old.db.bak* 2>/dev/null
'

t 'not while another program has the database open (75, nothing done)' '
	mkfifo to from &&
	{ sqlite3 old.db <to >from & } &&
	exec 3>to 4<from &&
	echo "SELECT count(*) FROM users;" >&3 && read -r n <&4 &&
	test "$n" = 21 &&
	code 75 crm --db old.db migrate --vacuum &&
	has err "other commands or programs have it open" &&
	exec 3>&- 4<&- && wait &&
	test "$(pages old.db)" = "4096 wal" && ! ls old.db.bak* 2>/dev/null &&
	dump old.db >want
'

t '--vacuum rewrites it: 16 KiB pages, WAL, the data intact, a backup' '
	code 0 crm --db old.db migrate --vacuum &&
	has err "rewrote '\''old.db'\'' with pages of 16 KiB" &&
	has err "backup: old.db.bak-p4096" &&
	test "$(pages old.db)" = "16384 wal" &&
	dump old.db >got && same want got &&
	code 0 crm --db old.db check &&
	test "$(pages old.db.bak-p4096)" = "4096 delete" &&
	dump old.db.bak-p4096 >bak && same want bak &&
	test "$(stat -c %a old.db.bak-p4096)" = 600
'

t 'a second run has nothing to do; the database works on' '
	code 0 crm --db old.db migrate --vacuum &&
	has err "already has pages of 16384 bytes" &&
	crm-customer --db old.db -q add --name 新客户 &&
	code 0 crm --db old.db check
'

t 'a database left out of WAL is told of, and put back' '
	sqlite3 old.db "PRAGMA journal_mode = DELETE" >/dev/null &&
	code 0 crm --db old.db migrate && has err "not in WAL mode" &&
	code 0 crm --db old.db migrate --vacuum && has err "WAL mode again" &&
	test "$(pages old.db)" = "16384 wal"
'

# A small file system of its own (where root may mount one), twice the
# database: room for it and a copy, not for the conversion.
t 'too little free space: 74 naming the folder, nothing done' '
	old_db && mkdir small &&
	kib=$(( $(stat -c %s old.db) * 2 / 1024 + 64 )) &&
	if ! mount -t tmpfs -o size=${kib}k tmpfs small 2>/dev/null; then
		echo "# no tmpfs here: the space check is not tested"; exit 0
	fi
	rc=0
	cp old.db small/ || rc=1
	TMPDIR=$T/small code 74 crm --db small/old.db migrate --vacuum || rc=1
	test "$(pages small/old.db)" = "4096 wal" || rc=1
	ls small/old.db.bak* 2>/dev/null && rc=1
	umount small
	test $rc = 0 && has err "not enough free space" && has err "'\''small'\''"
'

# kill -9 during conversions of a bigger database, at moments spread
# over one (the last well after it): the data is whole every time, with
# either page size, and a conversion run again finishes the job
crm --db big.db init 2>/dev/null
for i in $(seq -w 1 20); do echo "rep$i,Rep $i,rep,华东"; done |
	sed '1i login,name,role,region' | crm --db big.db -q user import -
"$CRM_BUILD/tools/gen-customers" 20000 --seed 9 --dup-pct 0 --bad-pct 0 |
	crm-customer --db big.db import -q --historical --ignore-cap -
t 'a conversion of a bigger database, for its duration' '
	test "$(sqlite3 big.db "SELECT count(*) FROM customers")" = 20000 &&
	sqlite3 big.db "PRAGMA page_size = 4096; VACUUM INTO '\''big4.db'\''" &&
	sqlite3 big4.db "PRAGMA journal_mode = WAL" >/dev/null &&
	chmod 600 big4.db && dump big4.db >want-big && cp big4.db conv.db &&
	start=$(date +%s.%N) &&
	crm --db conv.db -q migrate --vacuum &&
	echo "$(date +%s.%N) $start" | awk "{ print \$1 - \$2 }" >duration &&
	test "$(pages conv.db)" = "16384 wal"
'
for k in 1 2 3 4 5 6; do
	t "kill -9 during a conversion ($k of 6): the data whole" '
		rm -f kill.db kill.db-* kill.db.* && cp big4.db kill.db &&
		delay=$(awk -v s=$RANDOM -v d="$(cat duration)" -v k='$k' \
			"BEGIN { srand(s); t = k <= 5 ? (k - rand()) / 4 : 3;
			printf \"%.3f\", t * d }") &&
		{ crm --db kill.db -q migrate --vacuum & } && pid=$! &&
		sleep "$delay" && { kill -9 $pid 2>/dev/null || true; } &&
		{ wait $pid 2>/dev/null || true; } &&
		echo "after ${delay}s: $(pages kill.db)" >>outcomes &&
		crm --db kill.db check >/dev/null &&
		dump kill.db >got && same want-big got &&
		rm -f kill.db.bak-p4096 && crm --db kill.db -q migrate --vacuum &&
		test "$(pages kill.db)" = "16384 wal" && dump kill.db >got &&
		same want-big got
	'
done

t 'the kills hit both sides: some conversions were cut, some finished' '
	cat outcomes && grep -q ": 4096 " outcomes && grep -q ": 16384 wal" outcomes
'
done_testing
