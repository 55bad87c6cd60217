#!/bin/bash
# An import into an empty table copies its bulk database in out of WAL
# when no one else has the database open (lib/db.c, crm_db_wal_leave):
# the pages written once. The database is in WAL again after it, after
# a failure, and after a crash (the next command puts it back); with
# another connection open the import stays in WAL and works the same.
. "$(dirname "$0")/lib.sh"
team_db
os_users li.lei han.mei
crm -q user add han.mei --name 韩梅梅 --role manager --region 华东
crm -q user add li.lei --name 李雷 --role rep --region 华东 --manager han.mei
for i in $(seq -w 1 20); do
	crm -q user add "rep$i" --name "Rep $i" --role rep --region 华东
done
"$CRM_BUILD/tools/gen-customers" 3000 --seed 9 --dup-pct 2 --bad-pct 0 \
	>big.csv
cp "$CRM_DB" empty.db
opts="--partial --on-duplicate skip --historical --ignore-cap"

journal() { sqlite3 "$1" "PRAGMA journal_mode"; }

t 'out of WAL for the copy, in WAL again after it, the same records' '
	cp empty.db a.db && cp empty.db b.db &&
	CRM_SQL_PROFILE=0 crm-customer --db a.db import -q $opts big.csv \
		2>prof &&
	grep -q "journal_mode = delete" prof &&
	grep -q "journal_mode = wal" prof &&
	test "$(journal a.db)" = wal && test ! -e a.db-journal &&
	crm --db a.db check >/dev/null &&
	crm-customer --db a.db export >a.csv &&
	test "$(wc -l <a.csv)" -gt 2900
'

t 'another connection open: the import stays in WAL, the same records' '
	rm -f hold && mkfifo hold &&
	{ sqlite3 b.db <hold >held.out 2>&1 & } &&
	exec 4>hold && echo "SELECT count(*) FROM users;" >&4 &&
	until test -s held.out; do :; done &&
	CRM_SQL_PROFILE=0 crm-customer --db b.db import -q $opts big.csv \
		2>prof &&
	! grep -q "journal_mode = wal" prof &&
	echo "SELECT count(*) FROM customers;" >&4 && exec 4>&- && wait &&
	test "$(tail -n 1 held.out)" -gt 2900 &&
	test "$(journal b.db)" = wal &&
	crm-customer --db b.db export >b.csv && same a.csv b.csv
'

t 'a copy refused under the lock (a customer added meanwhile): in WAL' '
	cp empty.db c.db &&
	held_import 100 big.csv crm-customer --db c.db import -q $opts in.csv &&
	crm-customer --db c.db add --name 抢先公司 >/dev/null &&
	held_rest 100 big.csv &&
	test "$(cat imp.code)" = 75 && has imp.err "import it again" &&
	test "$(journal c.db)" = wal &&
	test "$(sqlite3 c.db "SELECT count(*) FROM customers")" = 1
'

# the import's connection read the runs before the file: out of WAL it
# must not write over a run someone else made meanwhile from what it
# read then (a stale page: WAL commits leave the file's change counter)
t 'a lead added while the file is read: kept, with its run' '
	cp empty.db e.db &&
	held_import 100 big.csv crm-customer --db e.db import -q $opts in.csv &&
	crm-lead --db e.db add --name 路过的线索 >/dev/null &&
	held_rest 100 big.csv &&
	test "$(cat imp.code)" = 0 &&
	test "$(sqlite3 e.db "SELECT count(*) FROM leads")" = 1 &&
	crm --db e.db log -f csv >log.csv && has log.csv "crm-lead" &&
	has log.csv "crm-customer" && crm --db e.db check >/dev/null
'

# a deal file: its customers looked up on a connection of the import's
# own, let go once the file is read (else no copy out of WAL)
{
	echo name,customer,owner,stage,amount
	for i in $(seq 1 3000); do echo "单$i,客户$((i % 300)),li.lei,qualify,1000"; done
} >deals.csv

t 'a deal file, a lead added while it is read: out of WAL, the lead kept' '
	cp empty.db g.db &&
	held_import 1000 deals.csv env CRM_SQL_PROFILE=0 crm-deal --db g.db \
		import -q --create-customers in.csv &&
	crm-lead --db g.db add --name 路过的线索 >/dev/null &&
	held_rest 1000 deals.csv &&
	test "$(cat imp.code)" = 0 && has imp.err "journal_mode = wal" &&
	test "$(sqlite3 g.db "SELECT count(*) FROM leads")" = 1 &&
	test "$(sqlite3 g.db "SELECT count(*) FROM deals")" = 3000 &&
	crm --db g.db log -f csv >log.csv && has log.csv "crm-lead" &&
	crm --db g.db check >/dev/null
'

# a writer killed out of WAL leaves a rollback journal: a sqlite3
# writer held on a fifo in the middle of its transaction, killed -9
t 'killed out of WAL: the next command rolls back and is in WAL again' '
	cp empty.db d.db && rm -f hold && mkfifo hold &&
	{ sqlite3 d.db <hold >kill.out 2>&1 & } && pid=$! &&
	exec 4>hold &&
	printf "%s\n" "PRAGMA journal_mode = DELETE;" "PRAGMA cache_size = 2;" \
		"BEGIN;" "UPDATE users SET name = name;" \
		"CREATE TABLE junk AS SELECT randomblob(1000) AS b" \
		"FROM generate_series(1, 3000);" ".print held" >&4 &&
	until grep -q held kill.out; do :; done &&
	test -s d.db-journal && kill -9 $pid && exec 4>&- &&
	{ wait $pid || true; } &&
	test "$(journal d.db)" = delete &&
	crm-customer --db d.db list -f csv >/dev/null &&
	test "$(journal d.db)" = wal && test ! -e d.db-journal &&
	test "$(sqlite3 d.db "SELECT count(*) FROM sqlite_schema
		WHERE name = '"'junk'"'")" = 0 &&
	crm --db d.db check >/dev/null
'

t 'a team database: the admin imports, then a rep and a manager work' '
	test "$(journal "$CRM_DB")" = wal &&
	crm-customer import -q $opts big.csv &&
	test "$(journal "$CRM_DB")" = wal &&
	ls -l "$CRM_DB"* >perm && ! grep -q -- "^-......r" perm &&
	as li.lei crm-lead add --name 新线索 >/dev/null &&
	as han.mei crm-lead list -f csv >m.csv && has m.csv 新线索 &&
	crm-customer export >t.csv && test "$(wc -l <t.csv)" -gt 2900
'

done_testing
