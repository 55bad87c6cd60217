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
	has out "1,reject,,duplicate of line 1 (same name)"
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
	test "$(cat id)" = 9007199254740992
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

done_testing
