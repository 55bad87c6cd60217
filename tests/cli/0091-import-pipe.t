#!/bin/bash
# An import whose records are read and checked on a second thread while
# the first stages them (lib/import-pipe.c) must give what one thread
# gives (CRM_IMPORT_THREADS=1): the same records, rejects with
# their own values and lines, the reasons in English for data whatever
# the user reads, and a bad row after thousands of good ones stops it
# with the same message, nothing written.
. "$(dirname "$0")/lib.sh"
crm init 2>/dev/null
{
	echo login,name,role,region,manager
	echo mgr,Boss,manager,华东,
	for i in $(seq -w 1 20); do echo "rep$i,Rep $i,rep,华东,mgr"; done
} | crm -q user import -
# a manager may not set last_followup_at (--historical is an admin's)
"$CRM_BUILD/tools/gen-customers" 5000 --seed 3 --bad-pct 5 --dup-pct 5 |
	sed '1s/last_followup_at/junk/' >big.csv
cp crm.db mgr.db
cp crm.db mgr0.db
cp crm.db zh.db
cp crm.db fresh.db
opts="--partial --ignore-unknown --on-duplicate skip"

t 'two threads and one agree: rejects, records, the summary' '
	code 65 crm-customer import $opts --rejects rej.admin big.csv &&
	cp err sum.admin &&
	code 65 env CRM_IMPORT_THREADS=1 crm-customer --db mgr.db --as mgr import $opts \
		--rejects rej.mgr big.csv &&
	same rej.admin rej.mgr && same sum.admin err &&
	test "$(wc -l <rej.admin)" -gt 200 &&
	crm-customer export | cut -d, -f2- >a.csv &&
	crm-customer --db mgr.db export | cut -d, -f2- >b.csv &&
	same a.csv b.csv && test "$(wc -l <a.csv)" -gt 4000
'

t 'each reject keeps its own values and line' '
	sqlite3 v.db ".import --csv big.csv b" ".import --csv rej.admin r" &&
	test "$(sqlite3 v.db "SELECT count(*) FROM r")" -gt 200 &&
	test "$(sqlite3 v.db "SELECT count(*) FROM r JOIN b
		ON b.rowid = r.line - 1 AND b.name = r.name
		AND b.phone = r.phone AND b.note = r.note")" = \
		"$(sqlite3 v.db "SELECT count(*) FROM r")"
'

t 'in Chinese: the same rejects (English), the report in Chinese' '
	LANGUAGE=zh_CN code 65 crm-customer --db zh.db import $opts \
		--rejects rej.zh big.csv &&
	same rej.admin rej.zh &&
	all="--ignore-unknown --on-duplicate skip" &&
	LANGUAGE=zh_CN code 65 crm-customer --db fresh.db import $all \
		big.csv &&
	has err "big.csv:22: 字段“phone”" && ! grep -q "is not a" err &&
	test "$(grep -c "big.csv:" err)" -gt 10 && cp err err.zh &&
	LANGUAGE=zh_CN code 65 env CRM_IMPORT_THREADS=1 crm-customer --db fresh.db --as mgr import \
		$all big.csv &&
	same err.zh err
'

t 'the plan of a dry run agrees, in both languages' '
	code 65 crm-customer --db fresh.db import $opts -n -f csv big.csv &&
	cp out plan.admin &&
	code 65 env CRM_IMPORT_THREADS=1 crm-customer --db fresh.db --as mgr import $opts -n -f csv \
		big.csv &&
	same plan.admin out &&
	LANGUAGE=zh_CN code 65 crm-customer --db fresh.db import $opts -n \
		-f csv big.csv &&
	same plan.admin out && test "$(wc -l <out)" -gt 5000
'

t 'json, merged copies (--on-duplicate update): two threads and one agree' '
	sqlite3 -json v.db "SELECT * FROM b" >big.json &&
	cp fresh.db j1.db && cp fresh.db j2.db &&
	up="--partial --ignore-unknown --on-duplicate update" &&
	code 65 crm-customer --db j1.db import $up --rejects rj1.csv \
		big.json &&
	cp err sum.j1 &&
	code 65 env CRM_IMPORT_THREADS=1 crm-customer --db j2.db --as mgr import $up --rejects rj2.csv \
		big.json &&
	same sum.j1 err && same rj1.csv rj2.csv &&
	test "$(wc -l <rj1.csv)" -gt 200 &&
	crm-customer --db j1.db export | cut -d, -f2- >a.csv &&
	crm-customer --db j2.db export | cut -d, -f2- >b.csv &&
	same a.csv b.csv
'

t 'a bad row after thousands stops the import with its line' '
	cp fresh.db before.db &&
	{ cat big.csv; echo "a,b,c"; sed -n 2,3p big.csv; } >broken.csv &&
	code 65 crm-customer --db before.db import $opts broken.csv &&
	cp err err.admin &&
	has err "broken.csv:5002: 3 fields, but the header has 13" &&
	crm-customer --db before.db export >after &&
	test "$(wc -l <after)" = 1 &&
	code 65 env CRM_IMPORT_THREADS=1 crm-customer --db before.db --as mgr import $opts \
		broken.csv &&
	same err.admin err
'

t 'a manager on two threads (their team read once) as on one' '
	cp mgr0.db m2.db &&
	code 65 crm-customer --db m2.db --as mgr import $opts \
		--rejects rej.m2 big.csv &&
	same rej.mgr rej.m2 &&
	crm-customer --db mgr.db export | cut -d, -f2- >m1.csv &&
	crm-customer --db m2.db export | cut -d, -f2- >m2.csv &&
	same m1.csv m2.csv &&
	printf "name,owner\n甲公司,rep01\n乙公司,root\n" >team.csv &&
	cp mgr0.db m3.db &&
	code 65 crm-customer --db m3.db --as mgr import team.csv &&
	has err "team.csv:3: field '"'"'owner'"'"': you may not give customers to '"'"'root'"'"' (not in your team)"
'

done_testing
