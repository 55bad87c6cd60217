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
done_testing
