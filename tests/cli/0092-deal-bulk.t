#!/bin/bash
# crm-deal import on two threads (lib/import-pipe.c): the deals' value
# step (stages, owners, customers by name, --create-customers) asks the
# database on a connection of its own, so that the records are read and
# checked on the reader thread while the caller's loads them. The result
# is the one of a single thread (CRM_IMPORT_THREADS=1), loaded through
# the bulk database or staged, in English or Chinese; the stage history
# of a bulk load, its undo; a writer during the read does not wait.
. "$(dirname "$0")/lib.sh"
GEN=$CRM_BUILD/tools/gen-deals
MAP='Prospecting=qualify,Engaging=needs,Won=won,Lost=lost'
crm init 2>/dev/null
"$GEN" --users --agents 6 | tail -n +2 | while IFS=, read -r login name; do
	crm -q user add "$login" --name "$name" --role rep
done
crm-customer -q add --name Acme --owner agent02 >/dev/null
cp crm.db base.db
crm-deal -q add --customer Acme --name seed >/dev/null
cp crm.db seeded.db
# more records than the ring holds (16 batches of 64), some rejected:
# deals without an account, and a few bad stages and owners
"$GEN" 5000 --agents 6 --accounts 60 --seed 11 --no-account-pct 5 >gen.csv
won=$(awk -F, 'NR > 600 && $5 == "Won" { print NR; exit }' gen.csv)
sed "${won}s/,Won,/,Winning,/; 2300s/^\([^,]*\),[^,]*,/\1,Nobody,/" \
	gen.csv >deals.csv

# Everything of an import that deals record, with the ids.
dump() {
	sqlite3 "$1" "SELECT * FROM deals ORDER BY id;
	SELECT * FROM deal_stages ORDER BY id;
	SELECT id, name, owner, pool, status, created_run FROM customers
		ORDER BY id;
	SELECT * FROM custom_fields ORDER BY 1, 2;
	SELECT run, entity, entity_id, action, field, old, new FROM events
		ORDER BY id"
}
# threads DB ARGS...: the import into a copy of DB on one thread and on
# two: the same exit, words, rejects (with --partial) and database.
threads() {
	db=$1
	shift
	cp "$db" one.db && cp "$db" two.db && rm -f rej1.csv rej2.csv &&
	case " $* " in *" --partial "*) rej=rej ;; *) rej= ;; esac
	set +e
	CRM_IMPORT_THREADS=1 crm-deal --db one.db import "$@" \
	    ${rej:+--rejects rej1.csv} 2>err1
	echo $? >rc1
	crm-deal --db two.db import "$@" ${rej:+--rejects rej2.csv} 2>err2
	echo $? >rc2
	set -e
	same rc1 rc2 && same err1 err2 &&
	{ [ ! -e rej1.csv ] && [ ! -e rej2.csv ] || same rej1.csv rej2.csv; } &&
	dump one.db >one.txt && dump two.db >two.txt && same one.txt two.txt &&
	crm --db two.db check
}

t 'two threads or one, loaded through the bulk database: the same result' '
	threads base.db deals.csv --extra --stage-map "$MAP" \
	    --create-customers --historical --partial &&
	test "$(cat rc1)" = 65 && test "$(wc -l <rej1.csv)" -gt 10 &&
	has rej1.csv "no stage '\''Winning'\''" &&
	has rej1.csv "no user '\''Nobody'\''" &&
	test "$(sqlite3 two.db "SELECT count(*) FROM deals")" -gt 4500 &&
	test "$(sqlite3 two.db "SELECT count(*) FROM customers")" = 61
'

t 'two threads or one, staged (the table has a deal): the same result' '
	threads seeded.db deals.csv --extra --stage-map "$MAP" \
	    --create-customers --historical --partial &&
	test "$(cat rc1)" = 65 &&
	test "$(sqlite3 two.db "SELECT count(*) FROM deals")" -gt 4500
'

t 'two threads or one, in Chinese, all or nothing: the same words' '
	export LANGUAGE=zh_CN &&
	threads base.db deals.csv --extra --stage-map "$MAP" \
	    --create-customers --historical &&
	test "$(cat rc1)" = 65 && has err1 "deals.csv:$won:" &&
	has err1 "没有" &&
	test "$(sqlite3 two.db "SELECT count(*) FROM deals")" = 0 &&
	test "$(sqlite3 two.db "SELECT count(*) FROM customers")" = 1
'

t 'customers by name without --create-customers: found on the reader, the same result' '
	cp base.db named.db &&
	tail -n +2 deals.csv | cut -d, -f4 | grep . | sort -u | head -10 |
	    while read -r name; do
		crm-customer --db named.db -q add --name "$name" >/dev/null
	    done &&
	threads named.db deals.csv --extra --stage-map "$MAP" --historical \
	    --partial &&
	test "$(cat rc1)" = 65 &&
	test "$(sqlite3 two.db "SELECT count(DISTINCT customer_id) FROM deals")" = 10 &&
	has rej1.csv "no customer named"
'

t 'the stage history of a bulk load: an open deal one row, a closed one two; undo takes it back' '
	cp base.db h.db &&
	printf "%s\n" "customer,name,stage,owner,created_at,won_at,lost_at,lost_reason" \
	    "Acme,A,proposal,agent01,2026-01-05T10:00:00,,," \
	    "Newco,B,won,agent02,2026-02-01T09:00:00,2026-03-01,," \
	    "Newco,C,lost,agent03,2026-02-02T09:00:00,,2026-04-01,price" \
	    "Acme,D,,agent01,2026-05-01T09:00:00,,," >h.csv &&
	crm-deal --db h.db import h.csv --create-customers --historical 2>err &&
	run=$(sed -n "s/.*run \([0-9]*\) (crm undo.*/\1/p" err) &&
	test -n "$run" && me=$(id -un) &&
	sqlite3 h.db "SELECT d.name, from_stage, to_stage, at, by_login, s.run
		FROM deal_stages s JOIN deals d ON d.id = s.deal_id
		ORDER BY s.id" >got &&
	printf "%s\n" "A||proposal|2026-01-05T10:00:00|$me|$run" \
	    "B||qualify|2026-02-01T09:00:00|$me|$run" \
	    "B|qualify|won|2026-03-01T00:00:00|$me|$run" \
	    "C||qualify|2026-02-02T09:00:00|$me|$run" \
	    "C|qualify|lost|2026-04-01T00:00:00|$me|$run" \
	    "D||qualify|2026-05-01T09:00:00|$me|$run" >want && same want got &&
	test "$(sqlite3 h.db "SELECT stage_at FROM deals WHERE name = '\''B'\''")" = \
	    2026-03-01T00:00:00 &&
	test "$(sqlite3 h.db "SELECT status FROM customers WHERE name = '\''Newco'\''")" = active &&
	crm --db h.db check &&
	crm --db h.db -q undo "$run" &&
	test "$(sqlite3 h.db "SELECT count(*) FROM deals")" = 0 &&
	test "$(sqlite3 h.db "SELECT count(*) FROM deal_stages")" = 0 &&
	test "$(sqlite3 h.db "SELECT group_concat(name) FROM customers")" = Acme &&
	crm --db h.db check
'

# import_held LINES: the deals' import started on a fifo, read on two
# threads, held once the first LINES lines of big.csv are read; fd 3
# writes the rest.
"$GEN" 20000 --agents 6 --accounts 60 --seed 12 --no-account-pct 0 >big.csv
import_held() {
	held_import "$1" big.csv crm-deal -q import --extra --stage-map \
		"$MAP" --create-customers --historical in.csv
}
import_rest() {
	held_rest "$1" big.csv
}

t 'a writer while the deals are read (customers looked up on the reader) does not wait' '
	cp base.db crm.db && rm -f crm.db-wal crm.db-shm &&
	import_held 5001 &&
	CRM_BUSY_TIMEOUT_MS=0 code 0 crm-lead -q add --name 不用等的线索 &&
	import_rest 5001 &&
	test "$(cat imp.code)" = 0 &&
	test "$(sqlite3 crm.db "SELECT count(*) FROM deals")" = 20000 &&
	test "$(sqlite3 crm.db "SELECT count(*) FROM leads")" = 1 &&
	crm check
'

t 'a customer added while the deals are read: 75, nothing imported' '
	cp base.db crm.db && rm -f crm.db-wal crm.db-shm &&
	import_held 5001 &&
	CRM_BUSY_TIMEOUT_MS=0 code 0 crm-customer -q add --name 插队的公司 &&
	import_rest 5001 &&
	test "$(cat imp.code)" = 75 &&
	has imp.err "customers were added or deleted while the deals were read" &&
	test "$(sqlite3 crm.db "SELECT count(*) FROM deals")" = 0 &&
	test "$(sqlite3 crm.db "SELECT count(*) FROM customers")" = 2 &&
	crm check
'

done_testing
