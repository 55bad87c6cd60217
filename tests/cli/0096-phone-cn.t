#!/bin/bash
# One phone written the ways a Chinese team writes it (+86 21 1234 5678,
# 021-12345678, 0086 ..., 86-138..., full-width, 转 801) is one phone to
# the duplicate check (撞单) of add, import and leads, as real OS users
# and with --as; other countries' numbers stay apart; a database of the
# old keys gets the new ones from crm migrate, and crm check agrees.
. "$(dirname "$0")/lib.sh"
team_db || { echo "not ok 1 - access tests need root: $(os_users 2>&1)"; exit 1; }
os_users pc.mgr pc.east pc.south
crm -q user add pc.mgr --name 经理 --role manager --region 华东
crm -q user add pc.east --name 东区 --role rep --region 华东 --manager pc.mgr
crm -q user add pc.south --name 南区 --role rep --region 华南
crm-customer -q add --name 上海甲公司 --phone "+86 21 1234 5678" \
    --owner pc.east >/dev/null
crm-customer -q add --name 北京乙公司 --phone "0086 138 0013 8000" \
    --region 华东 >/dev/null
crm-customer -q add --name 丙公司 --phone "010-62345678 转 801" \
    --owner pc.east >/dev/null

t 'the forms of one mainland number are one phone: refused, named' '
	crm-customer export >before &&
	for p in 021-12345678 "(021) 1234 5678" "+86 (0)21 1234-5678" \
	    "86 21 12345678" "（＋８６）２１－１２３４５６７８"; do
		code 65 crm-customer add --name 新公司 --phone "$p" &&
		has err "is a duplicate of customer 1 '\''上海甲公司'\'' (owner pc.east): same phone" ||
		exit 1
	done &&
	for p in 13800138000 "+86 138 0013 8000" 86-138-0013-8000 \
	    8613800138000 "＋８６ １３８ ００１３ ８０００"; do
		code 65 crm-customer add --name 新公司 --phone "$p" &&
		has err "duplicate of customer 2 '\''北京乙公司'\'' (in the pool 华东)" ||
		exit 1
	done &&
	for p in "010 6234 5678-801" "+86 10 6234 5678 ext. 801" \
	    "010-62345678(转801)"; do
		code 65 crm-customer add --name 新公司 --phone "$p" &&
		has err "duplicate of customer 3 '\''丙公司'\''" || exit 1
	done &&
	code 65 crm-customer edit 3 --phone "0086 (0)21-1234 5678" &&
	has err "duplicate of customer 1 '\''上海甲公司'\''" &&
	crm-customer export >after && same before after
'

t 'an import updates the customer another form of its phone finds' '
	printf "%s\n" phone,city "+86-21-1234-5678,上海" >upd.csv &&
	code 0 crm-customer import --on-duplicate update upd.csv &&
	has err "updated 1" &&
	crm-customer show 1 -f csv >c && has c ",+86-21-1234-5678,,,上海,"
'

t 'another rep is told only whom to ask, as the OS user' '
	crm-customer export >before &&
	code 65 as pc.south crm-customer add --name 南方新客 \
	    --phone "021 1234 5678" &&
	has err "a customer with the same phone belongs to '\''pc.east'\'' (ask them or their manager '\''pc.mgr'\'')" &&
	! grep -q 上海甲公司 err && ! grep -q "customer 1" err &&
	code 65 crm-customer --as pc.south add --name 南方新客 \
	    --phone "+86-21-1234-5678" &&
	has err "belongs to '\''pc.east'\''" && ! grep -q 上海甲 err &&
	crm-customer export >after && same before after
'

t 'a pool phone masked for a rep is not named by its other form either' '
	code 65 as pc.east crm-customer add --name 东区新客 \
	    --phone "+86 138 0013 8000" &&
	has err "a customer with the same phone is in the pool '\''华东'\''" &&
	! grep -q 北京乙公司 err && ! grep -q 13800138000 err
'

t 'other countries and other extensions are other phones' '
	code 0 crm-customer add --name 美国客户 --phone "+1 415 555 0100" &&
	code 0 crm-customer add --name 本地手机 --phone 14155550100 &&
	code 0 crm-customer add --name 香港客户 --phone "+852 2345 6789" &&
	code 0 crm-customer add --name 本地座机 --phone "2345 6789" &&
	code 0 crm-customer add --name 台北客户 --phone "+886 2 2345 6789" &&
	code 0 crm-customer add --name 天津客户 --phone "022-2345-6789" &&
	code 0 crm-customer add --name 伦敦客户 --phone "+44 20 7946 0958" &&
	code 0 crm-customer add --name 丙公司总机 --phone 010-62345678 &&
	code 0 crm-customer add --name 丙公司二号 --phone "010-62345678 转 802" &&
	code 65 crm-customer add --name 美国同号 --phone "001 (415) 555-0100" &&
	has err "customer 4 '\''美国客户'\''" &&
	code 65 crm-customer add --name 伦敦同号 --phone "0044 (0)20 7946 0958" &&
	has err "伦敦客户" &&
	code 65 crm-customer add --name 香港同号 --phone "(852) 2345-6789" &&
	has err "香港客户"
'

t 'the phone is kept as written; a pool phone masks its key'"'"'s digits' '
	crm-customer show 3 -f csv >c && has c ",010-62345678 转 801," &&
	crm-customer --as pc.east list --pool --no-header >l &&
	has l "138****8000" && ! grep -q 0013 l
'

t 'import: both forms in one file are a copy of the earlier line' '
	printf "%s\n" name,phone "新甲,+86 755 8888 1234" "新乙,0755-8888-1234" \
	    "新丙,86-139-0013-9000" "新丁,139 0013 9000" >two.csv &&
	crm-customer export >before &&
	code 65 crm-customer import two.csv &&
	has err "two.csv:3: duplicate of line 2 (same phone)" &&
	has err "two.csv:5: duplicate of line 4 (same phone)" &&
	crm-customer export >after && same before after &&
	printf "%s\n" name,phone "再甲,+86 21 12345678" >one.csv &&
	code 65 crm-customer import one.csv &&
	has err "one.csv:2: duplicate of customer 1 '\''上海甲公司'\'' (owner pc.east): same phone"
'

t 'an import into an empty table (the bulk load) finds them too' '
	CRM_DB=$PWD/empty.db crm init 2>/dev/null &&
	CRM_DB=$PWD/empty.db code 0 crm-customer import --on-duplicate skip \
	    two.csv &&
	has err "imported 2, updated 0, skipped 2 duplicates" &&
	sqlite3 empty.db "SELECT phone_key FROM customers ORDER BY id" >k &&
	printf "075588881234\n13900139000\n" >want && same want k
'

t 'leads: the other form of a lead'"'"'s or a customer'"'"'s phone' '
	code 0 crm-lead add --name 张三 --phone "+86 137 0000 0001" &&
	crm-lead export >before &&
	code 65 crm-lead add --name 李四 --phone 137-0000-0001 &&
	has err "duplicate of lead 1" &&
	code 65 crm-lead add --name 王五 --phone 86-21-12345678 &&
	has err "customer 1" &&
	crm-lead export >after && same before after
'

# old_keys DB: DB as crm before this change left it: its keys as the
# old rule made them (digits, +86 and 0086 dropped) and schema 22
old_keys() {
	sqlite3 "$1" "UPDATE customers SET phone_key = CASE
	    WHEN phone LIKE '+86%' THEN replace(replace(replace(phone, ' ', ''),
	    '-', ''), '+86', '')
	    WHEN phone LIKE '+%' THEN replace(replace(replace(phone, ' ', ''),
	    '-', ''), '+', '')
	    ELSE phone_key END; UPDATE leads SET phone_key = '1062345678';
	    PRAGMA user_version = 22"
}

t 'crm migrate recomputes the keys of an old database; crm check agrees' '
	export CRM_DB=$PWD/old.db &&
	crm init 2>/dev/null &&
	crm-customer -q add --name 老甲 --phone "+86 21 1234 5678" >/dev/null &&
	crm-customer -q add --name 老美 --phone "+1 415 555 0100" >/dev/null &&
	crm-customer -q add --name 老乙 --phone 13800138000 >/dev/null &&
	crm-lead -q add --name 老线索 --phone "+86 10 6234 5678" >/dev/null &&
	old_keys old.db &&
	sqlite3 old.db "SELECT phone_key FROM customers ORDER BY id" >k &&
	printf "2112345678\n14155550100\n13800138000\n" >want && same want k &&
	code 69 crm-customer list &&
	code 0 crm migrate && has err "from schema version 22 to" &&
	sqlite3 old.db "SELECT phone_key FROM customers ORDER BY id;
	    SELECT phone_key FROM leads" >k &&
	printf "02112345678\n0014155550100\n13800138000\n01062345678\n" >want &&
	same want k &&
	code 0 crm check &&
	code 65 crm-customer add --name 新甲 --phone 021-12345678 &&
	has err "customer 1 '\''老甲'\''" &&
	code 0 crm-customer add --name 新美 --phone 14155550100
'

t 'old records the new rule finds the same are listed by crm check' '
	export CRM_DB=$PWD/old2.db &&
	crm init 2>/dev/null &&
	crm-customer -q add --name 老甲 --phone "+86 21 1234 5678" >/dev/null &&
	crm-customer -q add --name 老乙 --phone 021-12345679 >/dev/null &&
	sqlite3 old2.db "UPDATE customers SET phone = '\''021-12345678'\'',
	    phone_key = '\''02112345678'\'' WHERE id = 2" &&
	old_keys old2.db &&
	code 0 crm migrate &&
	code 1 crm check && has out "customer,customer,1,shares its phone with customer 2" &&
	crm-customer dupes >d && has d "1,老甲,2,老乙,phone"
'

done_testing
