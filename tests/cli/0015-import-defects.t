#!/bin/bash
# crm-customer import: defects and security issues, each with the case
# that showed it. Access cases run as real OS users (a rep, a rep of
# another region, their manager) against a team database.
. "$(dirname "$0")/lib.sh"
team_db
os_users li.lei wang.fang han.mei zhou.xun
crm -q user add han.mei --name 韩梅梅 --role manager --region 华东
crm -q user add li.lei --name 李雷 --role rep --region 华东 --manager han.mei
crm -q user add zhou.xun --name 周迅 --role rep --region 华东 --manager han.mei
crm -q user add wang.fang --name 王芳 --role rep --region 华南

# fresh: an empty database of the same team at ./fresh.db
fresh() {
	rm -f fresh.db fresh.db-wal fresh.db-shm &&
	crm --db fresh.db init 2>/dev/null &&
	crm user list --all -f yaml | crm --db fresh.db -q user import --from yaml -
}

t 'yaml records map by their own keys, whatever their order' '
	fresh &&
	cat >order.yaml <<-\EOF &&
	- {name: 甲, contact: 张三, city: 上海}
	- {name: 乙, city: 北京, contact: 李四}
	EOF
	crm-customer --db fresh.db import -q order.yaml &&
	crm-customer --db fresh.db show 乙 -f csv >c &&
	has c ",乙,李四," && has c ",北京,"
'

t 'minified json (records on one line) imports like any json' '
	fresh &&
	printf "[{\"name\":\"甲\"},{\"name\":\"乙\",\"phone\":\"13800000009\"}]" >mini.json &&
	code 0 crm-customer --db fresh.db import mini.json &&
	has err "imported 2" &&
	printf "[{\"name\":\"甲\"},{\"name\":\"甲\"}]" >mini2.json &&
	code 65 crm-customer --db fresh.db import -n mini2.json &&
	has out "1,duplicate,,duplicate of line 1 (same name)"
'

t 'a duplicate within the file is caught whatever became of the earlier copy' '
	fresh &&
	printf "name,phone\n甲公司,13800000001\n乙公司,13800000001\n乙公司,13900000002\n乙公司,13900000003\n" >copies.csv &&
	code 65 crm-customer --db fresh.db import --partial --rejects rej.csv copies.csv &&
	has rej.csv ",3,duplicate of line 2 (same phone)" &&
	has rej.csv ",4,duplicate of line 3 (same name)" &&
	has rej.csv ",5,duplicate of line 3 (same name)" &&
	has err "imported 1," &&
	code 0 crm-customer --db fresh.db import --on-duplicate skip copies.csv &&
	has err "imported 0, updated 0, skipped 4 duplicates"
'

t 'merged rows keep their keys: later copies of either name are found' '
	fresh &&
	printf "name,phone\nOld Name,13800000001\nNew Name,13800000001\nOld Name,\nNew Name,\n" >merge.csv &&
	code 0 crm-customer --db fresh.db import --on-duplicate update merge.csv &&
	has err "imported 1," &&
	printf "name\nNew Name\n" >again.csv &&
	code 65 crm-customer --db fresh.db import again.csv &&
	has err "same name"
'

# two phones whose 40-bit fingerprints (crm_hash64 >> 24) are the same,
# found by a search over 2^23 numbers
COLLIDE=13903525809 COLLIDE2=13905881014
t 'a fingerprint collision does not hide a later duplicate' '
	fresh &&
	printf "name,phone\nA,%s\nB,%s\nC,%s\n" $COLLIDE $COLLIDE2 $COLLIDE2 >fp.csv &&
	code 65 crm-customer --db fresh.db import fp.csv &&
	has err "fp.csv:4: duplicate of line 3 (same phone)"
'

t 'names with no letters or digits are a clear 65 in add and import' '
	fresh &&
	for n in "~" "!!!" "（）" "$(printf "\342\200\213\342\200\213")"; do
		code 65 crm-customer --db fresh.db add --name "$n" &&
		has err "field '\''name'\'': '\''$n'\'' has no letters or digits" || exit 1
	done &&
	printf "name\n~\n!!!\n（）\n\342\200\213\342\200\213\nGood Co\n" >void.csv &&
	code 65 crm-customer --db fresh.db import -n void.csv &&
	has out "2,reject,,field '\''name'\'': '\''~'\'' has no letters or digits" &&
	has out "4,reject,,field '\''name'\'': '\''（）'\'' has no letters or digits" &&
	has out "6,create,," &&
	code 65 crm-customer --db fresh.db import --partial void.csv &&
	has err "imported 1, updated 0, skipped 0 duplicates, rejected 4"
'

t 'ids in an import are positive integers below 2^53' '
	fresh &&
	printf "id,name\n9223372036854775808,Big\n9223372036854775807,Max\n9007199254740992,Two53\n0,Zero\n+5,Plus\n9007199254740991,Edge\n" >ids.csv &&
	code 65 crm-customer --db fresh.db import -n ids.csv &&
	has out "2,reject,,field '\''id'\'': '\''9223372036854775808'\'' is not an id (a whole number from 1 to 9007199254740991)" &&
	has out "3,reject,,field '\''id'\''" && has out "4,reject,,field '\''id'\''" &&
	has out "5,reject,,field '\''id'\''" && has out "6,reject,,field '\''id'\''" &&
	has out "7,create,," &&
	code 65 crm-customer --db fresh.db import --partial ids.csv &&
	has err "imported 1," &&
	crm-customer --db fresh.db add --name After >id &&
	test "$(cat id)" = 9007199254740990
'

t 'the rejects file never clobbers the input, an existing file or a link' '
	fresh &&
	printf "name,phone\nGood Co,13800000001\nBad Co,12x\n" >in.csv && cp in.csv in.orig &&
	code 73 crm-customer --db fresh.db import --partial --rejects in.csv in.csv &&
	same in.orig in.csv &&
	code 73 crm-customer --db fresh.db import --partial --force --rejects in.csv in.csv &&
	same in.orig in.csv && has err "in.csv" &&
	ln -f in.csv hard.csv &&
	code 73 crm-customer --db fresh.db import --partial --force --rejects hard.csv in.csv &&
	same in.orig in.csv &&
	code 73 crm-customer --db fresh.db import --partial --force --rejects in.csv - <in.csv &&
	same in.orig in.csv &&
	echo keep >keep.txt &&
	code 66 crm-customer --db fresh.db import --partial --rejects keep.txt missing.csv &&
	test "$(cat keep.txt)" = keep &&
	code 73 crm-customer --db fresh.db import --partial --rejects keep.txt in.csv &&
	test "$(cat keep.txt)" = keep && has err "keep.txt" && has err "--force" &&
	crm-customer --db fresh.db export >before.csv &&
	crm-customer --db fresh.db export >now.csv && same before.csv now.csv &&
	ln -s keep.txt link.csv &&
	code 73 crm-customer --db fresh.db import --partial --rejects link.csv in.csv &&
	ln -s nowhere.txt dangling.csv &&
	code 73 crm-customer --db fresh.db import --partial --rejects dangling.csv in.csv &&
	test ! -e nowhere.txt &&
	crm-customer --db fresh.db export >now.csv && same before.csv now.csv &&
	code 65 crm-customer --db fresh.db import --partial --force --rejects link.csv in.csv &&
	test "$(cat keep.txt)" = keep && test ! -L link.csv &&
	has link.csv "Bad Co,12x,3," &&
	test "$(stat -c %a link.csv)" = 600
'

t 'a new rejects file is 0600, or 0660 beside a team database' '
	printf "name,phone\nOther Co,12y\n" >bad.csv &&
	code 65 crm-customer --db fresh.db import --partial --rejects r1.csv bad.csv &&
	test "$(stat -c %a r1.csv)" = 600 &&
	code 65 crm-customer import --partial --rejects r2.csv bad.csv &&
	test "$(stat -c %a r2.csv)" = 660 &&
	code 65 crm-customer --db fresh.db import --partial --force --rejects r1.csv bad.csv &&
	test "$(stat -c %a r1.csv)" = 600 && has r1.csv "Other Co,12y,2,"
'

# The team's customers, in the team database (ids 1-6).
cat >seed.csv <<'CSV'
name,phone,email,region,owner,status
Lei One,13100000001,one@lei.cn,华东,li.lei,active
Xun One,13100000003,,华东,zhou.xun,
Fang One,13100000004,,华南,wang.fang,
East Pool,13912345678,pool@east.cn,华东,,
South Pool,13100000006,south@pool.cn,华南,,
Not Team,13100000008,,华东,rep.x,
CSV
crm -q user add rep.x --name X --role rep --region 华东
crm-customer import -q seed.csv

# refused LOGIN FILE TEXT: LOGIN's update import of FILE is refused
# (65), stderr has TEXT, and the database is as it was.
refused() {
	crm-customer export >before.csv &&
	code 65 as "$1" crm-customer import --on-duplicate update "$2" &&
	has err "$3" &&
	crm-customer export >after.csv && same before.csv after.csv
}

t 'a rep cannot update another rep'\''s customer (of any region), nor learn of it' '
	printf "name,phone,city\nXun One,13100000003,X\n" >u1.csv &&
	refused li.lei u1.csv "u1.csv:2: a customer with the same name exists" &&
	! grep -q "Xun One\|zhou.xun\|customer 2" err &&
	printf "name,phone,city\nLei One,13100000001,X\n" >u1b.csv &&
	refused wang.fang u1b.csv "u1b.csv:2: a customer with the same name exists" &&
	! grep -q "li.lei\|customer 1" err
'

t 'a rep cannot rename another region'\''s pool customer found by phone' '
	printf "name,phone\nRenamed,13100000006\n" >u2.csv &&
	refused li.lei u2.csv "a customer with the same phone exists" &&
	! grep -q "South Pool\|13100000006\|customer 5" err
'

t 'a rep cannot rename a customer by id' '
	printf "id,name\n2,Renamed\n" >u3.csv &&
	refused li.lei u3.csv "a customer with the same id exists" &&
	printf "id,name\n3,Renamed\n" >u3b.csv &&
	refused li.lei u3b.csv "a customer with the same id exists"
'

t 'a rep cannot lock through a locked column, not even their own' '
	printf "name,locked,lock_reason\nLei One,1,mine\n" >u4.csv &&
	refused li.lei u4.csv "field '\''locked'\'': only a manager or an admin may lock customers" &&
	printf "name,locked\nNew Locked Co,1\n" >u4b.csv &&
	refused li.lei u4b.csv "field '\''locked'\''"
'

t 'a rep may not update a pool customer they can see (claim first)' '
	printf "name,phone,city\nEast Pool,13912345678,X\n" >u5.csv &&
	refused li.lei u5.csv "claim it first" &&
	! grep -q 13912345678 err
'

t 'a manager cannot update a customer outside their team' '
	printf "name,city\nNot Team,X\n" >u6.csv &&
	refused han.mei u6.csv "a customer with the same name exists" &&
	! grep -q "rep.x" err
'

t 'owners, pools and system times are not changed by an update import' '
	printf "name,owner\nLei One,zhou.xun\n" >u7.csv &&
	refused han.mei u7.csv "field '\''owner'\'': an import does not change the owner (crm-customer assign does)" &&
	printf "name,pool\nLei One,华南\n" >u8.csv &&
	refused han.mei u8.csv "field '\''pool'\''" &&
	printf "name,created_at\nLei One,2020-01-01T00:00:00\n" >u9.csv &&
	refused han.mei u9.csv "field '\''created_at'\''" &&
	printf "name,last_followup_at\nLei One,2026-11-01T00:00:00\n" >u10.csv &&
	refused li.lei u10.csv "field '\''last_followup_at'\''"
'

t 'what each may do: own customers, the team'\''s, locking by a manager' '
	printf "name,phone,city\nLei One,13100000001,杭州\n" >ok1.csv &&
	code 0 as li.lei crm-customer import --on-duplicate update ok1.csv &&
	has err "updated 1" &&
	crm-customer show 1 -f csv >c && has c ",杭州," &&
	printf "name,city,locked,lock_reason\nLei One,苏州,yes,key account\n" >ok2.csv &&
	code 0 as han.mei crm-customer import --on-duplicate update ok2.csv &&
	crm-customer show 1 -f csv >c && has c ",苏州," && has c ",key account" &&
	printf "name,city\nFang One,深圳\n" >ok3.csv &&
	code 0 as wang.fang crm-customer import --on-duplicate update ok3.csv &&
	printf "name,city\nNot Team,北京\n" >ok4.csv &&
	code 0 crm-customer import --on-duplicate update ok4.csv &&
	crm-customer show 6 -f csv >c && has c ",北京,"
'

t 'a rep'\''s own export imported back as an update changes nothing' '
	as li.lei crm-customer export >mine.csv &&
	crm-customer export >before.csv &&
	code 65 as li.lei crm-customer import --on-duplicate update --partial mine.csv &&
	has err "updated 1, skipped 0 duplicates, rejected 1" &&
	crm-customer export >after.csv && same before.csv after.csv
'

t 'system times need an admin'\''s --historical' '
	fresh &&
	printf "name,last_followup_at,created_at\nOld Co,2025-01-02T03:04:05,2024-01-01T00:00:00\n" >hist.csv &&
	code 65 crm-customer --db fresh.db import hist.csv &&
	has err "hist.csv:2: field '\''last_followup_at'\'': set by follow-ups, not by an import (an admin restoring history uses --historical)" &&
	code 0 crm-customer --db fresh.db import --historical hist.csv &&
	crm-customer --db fresh.db show "Old Co" -f csv >c &&
	has c ",2025-01-02T03:04:05," && has c ",2024-01-01T00:00:00," &&
	code 77 as li.lei crm-customer import --historical hist.csv &&
	has err "--historical" &&
	crm --db fresh.db log >l && has l "import --historical hist.csv"
'

t 'an update row needs only the key that finds the record' '
	crm config set customer.required "[name, region]" &&
	printf "name,region,city\nLei One,,无锡\n" >req.csv &&
	code 0 as li.lei crm-customer import --on-duplicate update req.csv &&
	crm-customer show 1 -f csv >c && has c ",无锡,华东," && has c ",active," &&
	printf "phone,city\n13100000001,常州\n" >req2.csv &&
	code 0 as li.lei crm-customer import --on-duplicate update req2.csv &&
	crm-customer show 1 -f csv >c && has c ",常州,华东," &&
	printf "name,region,city\nBrand New,,X\n" >req3.csv &&
	code 65 as li.lei crm-customer import --on-duplicate update req3.csv &&
	has err "req3.csv:2: field '\''region'\'': missing" &&
	crm config unset customer.required
'

t 'import keeps to pool.max_owned, unless an admin says --ignore-cap' '
	crm config set pool.max_owned 3 &&
	printf "name,owner\nCap A,li.lei\nCap B,li.lei\nCap C,li.lei\nCap D,li.lei\n" >cap.csv &&
	crm-customer export >before.csv &&
	code 65 crm-customer import cap.csv &&
	has err "cap.csv:4: owner '\''li.lei'\'' would hold 4 customers, the cap is 3 (pool.max_owned)" &&
	has err "cap.csv:5: owner '\''li.lei'\'' would hold 5 customers" &&
	crm-customer export >after.csv && same before.csv after.csv &&
	printf "name\nMine A\nMine B\nMine C\n" >capmine.csv &&
	code 65 as li.lei crm-customer import capmine.csv &&
	has err "capmine.csv:4: owner '\''li.lei'\'' would hold 4 customers" &&
	code 77 as li.lei crm-customer import --ignore-cap capmine.csv &&
	has err "--ignore-cap" &&
	code 65 crm-customer import --partial --rejects capr.csv \
		--on-duplicate skip cap.csv &&
	has capr.csv "Cap C,li.lei,4,\"owner '\''li.lei'\'' would hold 4 customers" &&
	crm-customer export >after.csv && ! same before.csv after.csv >/dev/null &&
	crm undo "$(crm log | tail -1 | cut -d, -f1)" &&
	code 0 crm-customer import --ignore-cap cap.csv &&
	crm log >l && has l "crm-customer import --ignore-cap cap.csv" &&
	crm config unset pool.max_owned
'

t 'a dry run does not name what the user may not see, nor unmask phones' '
	printf "name,phone\nProbe 1,13100000006\nProbe 2,13100000003\nProbe 3,13912345678\n" >probe.csv &&
	code 65 as li.lei crm-customer import -n probe.csv &&
	has out "2,duplicate,,a customer with the same phone exists in the pool '\''华南'\''" &&
	has out "3,duplicate,,\"a customer with the same phone exists (ask '\''han.mei'\'', its owner'\''s manager)\"" &&
	has out "4,duplicate,,a customer with the same phone exists in the pool '\''华东'\''" &&
	! grep -q "South Pool\|Xun One\|East Pool\|zhou.xun\|,5,\|,2,\|,4," out &&
	! grep -q "13100000006\|13100000003\|13912345678" out err
'

t 'a dry run leaves a run in the log, the only thing it writes' '
	crm-customer export >before.csv &&
	code 65 as li.lei crm-customer import -n probe.csv &&
	crm-customer export >after.csv && same before.csv after.csv &&
	as li.lei crm log >l &&
	has l ",li.lei,,(dry run) crm-customer import -n probe.csv,,,,,,"
'

t 'more hidden duplicates than import.max_probe: refused (77), and logged' '
	crm config set import.max_probe 1 &&
	code 77 as li.lei crm-customer import -n probe.csv &&
	has err "3 records duplicate customers you may not see, more than import.max_probe (1) allows" &&
	test ! -s out &&
	code 77 as li.lei crm-customer import --on-duplicate skip probe.csv &&
	as li.lei crm log >l &&
	has l "(refused) crm-customer import --on-duplicate skip probe.csv" &&
	crm config set import.max_probe 3 &&
	code 0 as li.lei crm-customer import --on-duplicate skip probe.csv &&
	has err "imported 0, updated 0, skipped 3 duplicates" &&
	code 78 crm config set import.max_probe many &&
	crm config unset import.max_probe
'

t 'the plan and the rejects go through the writers (-f, the file name)' '
	fresh &&
	crm-customer --db fresh.db add -q --name "Had Co" >/dev/null &&
	printf "name,phone\nPlan Co,13800000011\nHad Co,\nBad Co,12x\n" >p8.csv &&
	code 65 crm-customer --db fresh.db import -n -f json p8.csv &&
	has out "{\"line\":2,\"action\":\"create\",\"id\":null,\"reason\":null}" &&
	has out "{\"line\":3,\"action\":\"duplicate\",\"id\":1," &&
	has err "2 bad records" &&
	code 65 crm-customer --db fresh.db import -n -f yaml p8.csv &&
	has out "- line: 4" && has out "  action: reject" &&
	code 65 crm-customer --db fresh.db import -n -f tsv p8.csv &&
	has out "3	duplicate	1	duplicate of customer 1" &&
	code 65 crm-customer --db fresh.db import -n -f table p8.csv &&
	has out "duplicate" &&
	code 65 crm-customer --db fresh.db import --partial --rejects rej8.yaml p8.csv &&
	has rej8.yaml "- name: Bad Co" && has rej8.yaml "  line: 4" &&
	has err "imported 1"
'

t 'rows of empty cells are skipped like blank lines, and counted' '
	fresh &&
	printf "name,phone,city\r\nA Co,13800000021,\r\n,,\r\n, ,\r\nB Co,,\r\n,,\r\n" >excel.csv &&
	code 0 crm-customer --db fresh.db import excel.csv &&
	has err "imported 2, updated 0, skipped 0 duplicates, rejected 0, skipped 3 empty rows" &&
	printf -- "- {name: Y Co}\n- {}\n- {name: ~, phone: \"\"}\n" >empty.yaml &&
	code 0 crm-customer --db fresh.db import -n empty.yaml &&
	has err "skipped 2 empty rows" && test "$(wc -l <out)" -eq 2
'

t '--map naming a column the file lacks is one error about that column' '
	fresh &&
	printf "Company,Tel\nA Co,13800000031\nB Co,13800000032\n" >m7.csv &&
	code 65 crm-customer --db fresh.db import --map "name=不存在的列,phone=Tel" m7.csv &&
	has err "m7.csv:1: --map: no column '\''不存在的列'\'' (for the field '\''name'\'') in the file" &&
	test "$(wc -l <err)" -eq 1 &&
	printf "Company,Tel\n" >m7h.csv &&
	code 65 crm-customer --db fresh.db import --map "name=不存在的列" m7h.csv &&
	has err "no column '\''不存在的列'\''" &&
	printf -- "- {Company: A Co}\n- {Company: B Co}\n" >m7.yaml &&
	code 65 crm-customer --db fresh.db import --map "name=Firma" --ignore-unknown m7.yaml &&
	has err "m7.yaml:1: --map: no column '\''Firma'\''" && test "$(wc -l <err)" -eq 1 &&
	code 0 crm-customer --db fresh.db import --map "name=Company,phone=Tel" m7.csv
'

t 'an unknown column is reported on the header line' '
	printf "name,phnoe\nX1,1\nX2,2\n" >typo.csv &&
	code 65 crm-customer --db fresh.db import typo.csv &&
	has err "typo.csv:1: unknown column '\''phnoe'\''"
'

t 'custom field keys are case-insensitive: the first spelling wins' '
	fresh &&
	crm-customer --db fresh.db add -q --name "K One" --set Foo=a >/dev/null &&
	crm-customer --db fresh.db add -q --name "K Two" --set foo=b >/dev/null &&
	crm-customer --db fresh.db set "K One" FOO=c &&
	crm-customer --db fresh.db export >k.csv &&
	head -1 k.csv | grep -q ",Foo$" && ! head -1 k.csv | grep -qi ",foo,foo" &&
	has k.csv ",K One," && grep "K One" k.csv | grep -q ",c$" &&
	grep "K Two" k.csv | grep -q ",b$" &&
	rm -f f2.db && crm --db f2.db init 2>/dev/null &&
	crm-customer --db f2.db import -q --historical --extra k.csv &&
	crm-customer --db f2.db export >k2.csv && same k.csv k2.csv &&
	printf "name,FOO\nK Three,d\n" >k3.csv &&
	crm-customer --db fresh.db import -q k3.csv &&
	crm-customer --db fresh.db export >k.csv && head -1 k.csv | grep -q ",Foo$" &&
	grep "K Three" k.csv | grep -q ",d$"
'

t 'a file with keys that differ only in case is an error naming both' '
	printf -- "- {name: Y1, Bar: 1}\n- {name: Y2, bar: 2}\n" >bar.yaml &&
	code 0 crm-customer --db fresh.db import --extra bar.yaml &&
	crm-customer --db fresh.db export >k.csv && head -1 k.csv | grep -q ",Bar,Foo$" &&
	printf -- "- {name: Y3, Baz: 1, baz: 2}\n" >baz.yaml &&
	code 65 crm-customer --db fresh.db import --extra baz.yaml &&
	has err "baz.yaml:1: columns '\''Baz'\'' and '\''baz'\'' are the same custom field" &&
	printf "name,Qux,qux\nY4,1,2\n" >qux.csv &&
	code 65 crm-customer --db fresh.db import --extra qux.csv &&
	has err "qux.csv:1: column '\''qux'\'' appears twice in the header (columns 2 and 3" &&
	has err "'\''Qux'\''"
'

t 'an --excel export imported back loses the quotes that guarded formulas' '
	fresh &&
	crm-customer --db fresh.db add -q --name "+Plus Co" --contact "@at" \
		--phone "+86 138 0000 0041" --set "note==1+1" --set "city=-dash" \
		--set "微信==wx" >/dev/null &&
	crm-customer --db fresh.db export --excel >x.csv &&
	grep -q "'\''+Plus Co" x.csv &&
	crm-customer --db fresh.db export >plain.csv &&
	rm -f f2.db && crm --db f2.db init 2>/dev/null &&
	code 0 crm-customer --db f2.db import --historical --extra x.csv &&
	crm-customer --db f2.db export >again.csv && same plain.csv again.csv
'

t 'only a file of that shape, or --excel, loses them; -f does not matter' '
	printf "name,note\n'\''=Quoted Co,'\''@x\n" >q.csv &&
	rm -f f3.db && crm --db f3.db init 2>/dev/null &&
	code 0 crm-customer --db f3.db import q.csv &&
	crm-customer --db f3.db export >e.csv && has e.csv "'\''=Quoted Co," &&
	rm -f f3.db && crm --db f3.db init 2>/dev/null &&
	code 0 crm-customer --db f3.db import -n -f json --excel q.csv &&
	code 0 crm-customer --db f3.db import --excel q.csv &&
	crm-customer --db f3.db export >e.csv && has e.csv ",=Quoted Co," &&
	has e.csv ",@x,"
'

t 'an update does not make one customer the duplicate of another' '
	fresh &&
	printf "name,phone\nAlpha Co,13800000051\nBeta Co,13800000052\n" >ab.csv &&
	crm-customer --db fresh.db import -q ab.csv &&
	crm-customer --db fresh.db export >before.csv &&
	printf "id,name\n1,Beta Co\n" >ren.csv &&
	code 65 crm-customer --db fresh.db import --on-duplicate update ren.csv &&
	has err "ren.csv:2: field '\''name'\'': another customer has the same name" &&
	printf "id,phone\n1,138 0000 0052\n" >rep.csv &&
	code 65 crm-customer --db fresh.db import --on-duplicate update rep.csv &&
	has err "field '\''phone'\'': another customer has the same phone" &&
	crm-customer --db fresh.db export >after.csv && same before.csv after.csv &&
	printf "id,name,phone\n1,Alpha Two,13800000051\n" >ok.csv &&
	code 0 crm-customer --db fresh.db import --on-duplicate update ok.csv
'

t 'an import gives customers only to reps, managers and admins' '
	crm -q user add imp.fin --name 财务 --role finance &&
	printf "name,owner\n财务的客户,imp.fin\n" >fin.csv &&
	crm-customer export >before &&
	code 65 crm-customer import fin.csv &&
	has err "'\''imp.fin'\'' is not an active rep, manager or admin" &&
	crm-customer export >after && same before after
'

t 'update: a copy of two earlier records, or with another id, is rejected' '
	printf "name,phone\nUp Alpha,13800000061\nUp Beta,13800000062\nUp Beta,13800000061\n" \
		>up2.csv &&
	cp "$CRM_DB" up.db &&
	code 65 crm-customer --db up.db import --on-duplicate update up2.csv &&
	has err "up2.csv:4: same name as line 3 and same phone as line 2: merged into neither" &&
	LANGUAGE=zh_CN code 65 crm-customer --db up.db import \
		--on-duplicate update up2.csv &&
	has err "up2.csv:4: 名称与第 3 行相同，电话又与第 2 行相同：哪一行都不合并" &&
	code 65 crm-customer --db up.db import --on-duplicate update \
		--partial up2.csv &&
	code 0 crm --db up.db check &&
	printf "name,city\nUp Delta,上海\nUp Delta,北京\nUp Delta,广州\n" >upm.csv &&
	code 0 crm-customer --db up.db import --on-duplicate update upm.csv &&
	has err "imported 1, updated 0, skipped 0 duplicates, rejected 0, merged 2 into earlier lines" &&
	printf "id,name\n9105,Up Gamma\n9106,Up Gamma\n" >upid.csv &&
	code 65 crm-customer --db up.db import --on-duplicate update upid.csv &&
	has err "upid.csv:3: same name as line 2 but another id: not merged"
'

t 'a control character in the data is not sent to the terminal' '
	printf "name\n\"Esc\x1b[31mRed\"\n\"two\nlines\x07\"\n" >ctl.csv &&
	crm-customer export >before &&
	code 65 crm-customer import ctl.csv &&
	has err "control character 0x1b in '\''Esc?[31mRed'\''" &&
	has err "control character 0x0a in '\''two?lines?'\''" &&
	! grep -q "$(printf "\x1b")" err &&
	crm-customer export >after && same before after
'
done_testing
