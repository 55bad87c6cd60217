#!/bin/bash
# Defects a new user found in crm-customer and crm (the defects issue):
# each step failed before its fix.
. "$(dirname "$0")/lib.sh"
crm init 2>/dev/null
crm -q user add han.mei --name 韩梅梅 --role manager --region 华东
crm -q user add li.lei --name 李雷 --role rep --region 华东 --manager han.mei
crm -q user add a.b --name AB --role rep --region 华东 --manager han.mei

t 'undo newest first: a run, then the one before it' '
	id=$(crm-customer add -q --name 撤销公司 --owner li.lei) &&
	add=$(crm log --entity customer --id "$id" | tail -1 | cut -d, -f1) &&
	crm-customer -q edit "$id" --city 上海 &&
	edit=$((add + 1)) &&
	crm -q undo "$edit" && crm -q undo "$add" &&
	code 65 crm-customer show "$id"
'

t 'delete of several ids is all or nothing' '
	id=$(crm-customer add -q --name 删除公司) &&
	crm-customer export >before &&
	code 65 crm-customer delete "$id" 99 && has err "no customer 99" &&
	crm-customer export >after && same before after &&
	code 0 crm-customer delete "$id" && has err "deleted 1 customer"
'

t 'tag of several ids is all or nothing' '
	id=$(crm-customer add -q --name 标签公司) &&
	crm-customer export >before &&
	code 65 crm-customer tag "$id" 99 +vip &&
	crm-customer export >after && same before after
'

t 'user deactivate of several logins is all or nothing' '
	crm user list >before &&
	code 65 crm user deactivate a.b nobody && has err "nobody" &&
	crm user list >after && same before after
'

t 'a dry run over several ids shows all of them and writes nothing' '
	a=$(crm-customer add -q --name 干跑甲) && b=$(crm-customer add -q --name 干跑乙) &&
	crm-customer export >before &&
	code 0 crm-customer -n tag "$a" "$b" +x &&
	has out "customer,$a,update,tags,,x" && has out "customer,$b,update,tags,,x" &&
	crm-customer export >after && same before after
'

t 'follow --next in the past is refused, naming the date' '
	id=$(crm-customer add -q --name 跟进公司 --owner li.lei) &&
	code 65 crm-customer follow "$id" --kind call --next 2026-11-20 &&
	has err "'\''2026-11-20'\'' is in the past" &&
	code 0 crm-customer follow "$id" --kind call --next 2026-11-24
'

t 'follow --at in the future is refused (no immunity from recycling)' '
	id=$(crm-customer add -q --name 未来公司 --owner li.lei) &&
	code 65 crm-customer --as li.lei follow "$id" --kind call --at 9999-12-31 &&
	has err "in the future" &&
	code 0 crm-customer --as li.lei follow "$id" --kind call --at 2026-11-24T08:00:00
'

t 'set and edit cannot change the system'\''s timestamps' '
	id=$(crm-customer add -q --name 时间公司 --owner li.lei) &&
	for f in last_followup_at claimed_at created_at updated_at; do
		code 64 crm-customer --as li.lei set "$id" "$f=9999-12-31T00:00:00" &&
		has err "'\''$f'\'' cannot be set" || exit 1
	done
'

t 'edit cannot empty a field that customer.required asks for' '
	crm config set customer.required "[name, region]" &&
	id=$(crm-customer add -q --name 必填公司 --region 华东) &&
	code 65 crm-customer edit "$id" --region "" &&
	has err "field '\''region'\''" && has err "customer.required" &&
	code 0 crm-customer edit "$id" --city 苏州 &&
	crm config unset customer.required
'

t 'phones: 10 digits from 1, full-width digits, extensions' '
	crm-customer add -q --name "Around the Horn" --phone "(171) 555-7788" &&
	crm-customer add -q --name 全角公司 --phone "１３９-００１３-８０００" \
		--email "ａｂ＠ｅｘａｍｐｌｅ.ｃｎ" --tier Ａ >id &&
	crm-customer show "$(cat id)" -f csv >s &&
	has s ",139-0013-8000,ab@example.cn," && has s ",A,prospect," &&
	crm-customer add -q --name 分机公司 --phone "010-62345678 转 8001" &&
	crm-customer add -q --name 分机公司二 --phone "010-62345678-802" &&
	code 65 crm-customer add --name 坏号 --phone 12345678901 &&
	has err "a mobile number starts with 13 to 19"
'

t 'tags are folded when stored: +VIP +vip +ｖｉｐ are one tag' '
	id=$(crm-customer add -q --name 大客户) &&
	crm-customer tag "$id" +VIP +vip +ｖｉｐ &&
	crm-customer show "$id" -f json >j && has j "\"tags\":[\"vip\"]" &&
	crm-customer list --tag VIP --no-header | grep -q "^$id," &&
	crm-customer tag "$id" -Vip && crm-customer show "$id" -f json >j &&
	has j "\"tags\":null"
'
t 'merge keeps the owner and the dropped phone and email' '
	keep=$(crm-customer add -q --name 合并甲 --phone 13700000001 --region 华东) &&
	drop=$(crm-customer add -q --name 合并乙 --phone 13700000002 \
		--email b@drop.cn --contact 王五 --owner li.lei) &&
	crm-customer merge "$keep" "$drop" &&
	crm-customer show "$keep" -f csv >s &&
	has s ",13700000001,b@drop.cn," && has s ",li.lei,," &&
	crm-customer contact list "$keep" >c &&
	has c ",王五,from merged customer $drop,13700000002,," &&
	crm-customer list --owner li.lei --no-header | grep -q "^$keep,"
'

t 'undo of a merge brings both back as they were' '
	crm-customer export >before &&
	a=$(crm-customer add -q --name 还原甲) &&
	b=$(crm-customer add -q --name 还原乙 --phone 13700000009 --owner li.lei) &&
	crm-customer export >mid &&
	crm-customer -q merge "$a" "$b" &&
	run=$(crm log | tail -1 | cut -d, -f1) && crm -q undo "$run" &&
	crm-customer export >after && same mid after
'
t 'a leaver with customers: refused until they are handed over (离职交接)' '
	crm -q user add leaver --name 离职 --role rep --region 华东 &&
	crm -q user add heir --name 接手 --role rep --region 华东 &&
	x=$(crm-customer add -q --name 交接甲 --owner leaver --region 华东) &&
	y=$(crm-customer add -q --name 交接乙 --owner leaver --region 华东) &&
	crm-customer export >before &&
	code 65 crm user deactivate leaver && has err "still owns 2 customers" &&
	crm-customer export >after && same before after &&
	code 0 crm user deactivate leaver --handover heir &&
	has err "deactivated 1 user; 2 customers handed over to '\''heir'\''" &&
	crm-customer list --owner heir --no-header | cut -d, -f1 >o &&
	printf "%s\n%s\n" "$x" "$y" >want && same want o &&
	crm-customer history "$x" >/dev/null &&
	crm log --entity customer --id "$x" | grep -q ",owner,leaver,heir"
'

t 'or released to their pools; undo brings them back' '
	crm -q user add leaver2 --name 离职二 --role rep --region 华东 &&
	z=$(crm-customer add -q --name 交接丙 --owner leaver2 --region 华东) &&
	code 0 crm user deactivate leaver2 --to-pool &&
	has err "deactivated 1 user; 1 customer back in the pool" &&
	crm-customer show "$z" -f csv | grep -q ",prospect,,华东," &&
	run=$(crm log | tail -1 | cut -d, -f1) && crm -q undo "$run" &&
	crm-customer show "$z" -f csv | grep -q ",leaver2,," &&
	crm user list | grep -q "^leaver2,"
'
t 'crm check leaves out the customers a manager allowed to share a name or phone' '
	code 0 crm check &&
	a=$(crm-customer add -q --name 检查公司 --phone 13600000001) &&
	b=$(crm-customer add -q --name "检查 公司" --allow-duplicate) &&
	c=$(crm-customer add -q --name 别的公司 --phone 136-0000-0001 --allow-duplicate) &&
	code 0 crm check && code 0 crm check --allowed &&
	has out "$a,name,$b," && has out "$a,phone,$c,"
'
t 'edit to a name with no letters or digits names the field' '
	id=$(crm-customer add -q --name 改名公司) &&
	code 65 crm-customer edit "$id" --name "~" &&
	has err "field '\''name'\'': '\''~'\'' has no letters or digits"
'
t 'add and edit give customers only to reps, managers and admins' '
	crm -q user add cd.fin --name 财务 --role finance &&
	code 65 crm-customer add --name 财务客户 --owner cd.fin &&
	has err "'\''cd.fin'\'' is finance: only reps, managers and admins own customers"
'
t 'an export with an allowed pair imports back into a fresh database' '
	crm-customer add -q --name 允许甲 --phone 13500000001 >/dev/null &&
	crm-customer add -q --name 允许乙 --phone 13500000001 --allow-duplicate >/dev/null &&
	crm-customer export >e1 &&
	crm --db fresh.db init 2>/dev/null &&
	crm user list -f csv >users.csv && crm --db fresh.db user import users.csv &&
	code 65 crm-customer --db fresh.db import --historical --extra e1 &&
	code 0 crm-customer --db fresh.db import --historical --extra --on-duplicate allow e1 &&
	crm-customer --db fresh.db export >e2 && same e1 e2
'

t 'an edit of one of an allowed pair is not refused for the phone it keeps' '
	id=$(crm-customer list --search 允许乙 --no-header | cut -d, -f1) &&
	code 0 crm-customer edit "$id" --city 厦门
'
done_testing
