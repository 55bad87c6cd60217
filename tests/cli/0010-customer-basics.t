#!/bin/bash
# crm-customer: add, show, list, edit, set, delete, tag, contacts,
# follow-ups, and the duplicate check.
. "$(dirname "$0")/lib.sh"
crm init 2>/dev/null
crm -q user add han.mei --name 韩梅梅 --role manager --region 华东
crm -q user add li.lei --name 李雷 --role rep --region 华东 --manager han.mei
crm -q user add wang.fang --name 王芳 --role rep --region 华南

t 'add prints the id; a rep'\''s customer is their own' '
	code 0 crm-customer add --name "北京东方科技有限公司" --phone 138-0013-8000 \
		--tier a --owner li.lei --tag vip --tag 重点 &&
	test "$(cat out)" = 1 &&
	code 0 crm-customer --as wang.fang add --name "广州南方贸易" &&
	test "$(cat out)" = 2 &&
	crm-customer show 2 -f csv >c && has c ",wang.fang,,"
'

t 'an admin'\''s customer without an owner goes to its region'\''s pool' '
	id=$(crm-customer add --name "ACME, Inc." --phone 13900139000 \
		--region 华东 --email sales@acme.com) &&
	crm-customer show "$id" -f csv >c &&
	has c ",,华东,"
'

t 'the same normalized name or phone is refused, naming the holder (撞单)' '
	crm-customer list >before &&
	code 65 crm-customer add --name "北京东方科技 有限公司" &&
	has err "is a duplicate of customer 1 '\''北京东方科技有限公司'\'' (owner li.lei): same name" &&
	code 65 crm-customer add --name "Other" --phone "+86 13800138000" &&
	has err "same phone" &&
	code 65 crm-customer add --name "ａｃｍｅ inc" && has err "in the pool 华东" &&
	crm-customer list >after && same before after &&
	code 0 crm-customer add --name "北京东方科技 有限公司" --allow-duplicate
'

t 'bad fields are 65 and name the field' '
	code 65 crm-customer add --name X1 --phone 12x &&
	has err "field '\''phone'\'': '\''12x'\'' is not a phone number" &&
	code 65 crm-customer add --name X2 --tier F && has err "field '\''tier'\''" &&
	code 65 crm-customer add --name X3 --email nope && has err "field '\''email'\''" &&
	code 65 crm-customer add --name X4 --owner nobody &&
	has err "'\''nobody'\'' is not an active user" &&
	code 65 crm-customer add --phone 13000000000 && has err "field '\''name'\''"
'

t 'customer.required is enforced' '
	crm config set customer.required "[name, phone]" &&
	code 65 crm-customer add --name "No Phone Ltd" &&
	has err "field '\''phone'\'': missing" &&
	crm config unset customer.required
'

t 'list filters: owner, mine, pool, tier, tag, region, search' '
	crm-customer list --owner li.lei --no-header | cut -d, -f1 >ids &&
	test "$(cat ids)" = 1 &&
	crm-customer --as li.lei list --mine --no-header | cut -d, -f1 >ids &&
	test "$(cat ids)" = 1 &&
	crm-customer list --pool --no-header >pool &&
	has pool "3,\"ACME, Inc.\"" && test "$(wc -l <pool)" -eq 2 &&
	crm-customer list --pool=华南 --no-header >none && test ! -s none &&
	crm-customer list --tier A --no-header | cut -d, -f1 >ids && test "$(cat ids)" = 1 &&
	crm-customer list --tag 重点 --no-header | cut -d, -f1 >ids && test "$(cat ids)" = 1 &&
	crm-customer list --search "acme INC" --no-header | cut -d, -f1 >ids &&
	test "$(cat ids)" = 3 &&
	crm-customer list --search "0013 8000" --no-header | cut -d, -f1 >ids &&
	test "$(cat ids)" = 1 &&
	crm-customer list --search "ｂｅｉｊｉｎｇ" --no-header >none && test ! -s none
'

t 'list --sort and --limit' '
	crm-customer list --sort -id --limit 2 --no-header | cut -d, -f1 >ids &&
	printf "4\n3\n" >want && same want ids &&
	code 64 crm-customer list --sort colour && has err "cannot sort by"
'

t 'an empty result is the header only (csv), [] (json), nothing (table)' '
	crm-customer list --tag nosuchtag >o && test "$(wc -l <o)" -eq 1 &&
	crm-customer list --tag nosuchtag -f json >o && test "$(cat o)" = "[]" &&
	crm-customer list --tag nosuchtag -f table >o && test ! -s o
'

t 'show by name, by unique part of a name; ambiguity lists the candidates' '
	crm-customer show "广州南方贸易" -f csv >c && has c "2,广州南方贸易" &&
	crm-customer show acme -f csv >c && has c "ACME, Inc." &&
	code 65 crm-customer show "北京东方科技有限公司" &&
	has err "is ambiguous: customers 1 '\''北京东方科技有限公司'\'', 4" &&
	code 65 crm-customer show 北京东方 && has err "is ambiguous: customers 1" &&
	code 65 crm-customer show 999 && has err "no customer 999"
'

t 'show as a table lists the fields, contacts and follow-ups' '
	crm-customer show 1 -f table >s &&
	has s "name              北京东方科技有限公司" && has s "contacts:" &&
	has s "recent follow-ups:"
'

t 'edit and set change fields; set makes custom fields columns' '
	crm-customer edit 1 --city 北京 --note "首次拜访" &&
	crm-customer set 1 微信=dongfang_wx "industry=IT" &&
	crm-customer show 1 -f json >j &&
	has j "\"city\":\"北京\"" && has j "\"industry\":\"IT\"" &&
	has j "\"微信\":\"dongfang_wx\"" &&
	crm-customer list >l && head -1 l | grep -q ",tags,locked,lock_reason,微信$" &&
	crm-customer set 1 微信= && crm-customer show 1 -f json >j &&
	has j "\"微信\":null"
'

t 'edit refuses the owner and the pool (they move by claim and assign)' '
	code 64 crm-customer set 1 owner=wang.fang && has err "claim, release and assign"
'

t 'tag adds and removes; -TAG works without --' '
	crm-customer tag 1 +new -vip &&
	crm-customer show 1 -f csv >c && has c ",new;重点," &&
	crm-customer list -f csv --tag new --no-header | cut -d, -f1 | crm-customer tag - -new &&
	crm-customer show 1 -f csv >c && has c ",重点,"
'

t 'contacts: add, list, and bad input' '
	code 0 crm-customer contact add 1 --name 张三 --title 经理 --phone 13700137000 \
		--birthday 1990/5/1 &&
	crm-customer contact list 1 >k && has k ",张三,经理,13700137000,,1990-05-01," &&
	code 64 crm-customer contact add 1 --title x && has err "needs a name" &&
	code 65 crm-customer contact add 1 --name y --email bad
'

t 'follow sets the last and next follow-up; history lists them newest first' '
	CRM_NOW=2026-11-20T10:00:00 crm-customer follow 1 --kind call --note "初次电话" &&
	crm-customer follow 1 --kind visit --note "上门" --next +3d &&
	crm-customer show 1 -f csv >c &&
	has c ",2026-11-24T09:00:00,2026-11-27," &&
	crm-customer history 1 --no-header | cut -d, -f3 >kinds &&
	printf "visit\ncall\n" >want && same want kinds &&
	crm-customer follow 1 --kind call --at 2026-11-01 &&
	crm-customer show 1 -f csv >c && has c ",2026-11-24T09:00:00,2026-11-27," &&
	code 64 crm-customer follow 1 --kind fax && has err "not a kind of follow-up" &&
	code 64 crm-customer follow 1 && has err "missing --kind"
'

t 'list --stale counts days since the last follow-up, claim or creation' '
	crm-customer list --stale 3 --no-header | cut -d, -f1 >ids && test ! -s ids &&
	CRM_NOW=2026-12-24 crm-customer list --stale 20 --no-header | cut -d, -f1 >ids &&
	test "$(wc -l <ids)" -eq 4
'

t 'delete removes a customer and its contacts; undo brings them back' '
	id=$(crm-customer add --name "Temp Co") &&
	crm-customer contact add "$id" --name T >/dev/null &&
	crm-customer delete "$id" &&
	code 65 crm-customer show "$id" &&
	run=$(crm log | tail -1 | cut -d, -f1) &&
	crm undo "$run" &&
	crm-customer show "$id" -f csv >c && has c "Temp Co" &&
	crm-customer contact list "$id" >k && has k ",T,"
'

t '--dry-run writes nothing' '
	crm-customer list >before &&
	crm-customer add -n --name "Dry Run Ltd" >plan &&
	has plan ",create,name,,Dry Run Ltd" &&
	crm-customer list >after && same before after
'

t 'every change is in the log and can be undone' '
	crm-customer edit 1 --city 上海 &&
	run=$(crm log --entity customer --id 1 | tail -1 | cut -d, -f1) &&
	crm log --run "$run" >l && has l "customer,1,update,city,北京,上海" &&
	crm undo "$run" && crm-customer show 1 -f csv >c && has c ",北京,"
'

t 'crm check finds customers changed behind crm'\''s back' '
	code 0 crm check && crm check --allowed >al && has al "1,name,4," &&
	crm-customer -q delete 4 &&
	code 0 crm check &&
	sqlite3 crm.db "UPDATE customers SET name = '\''Renamed'\'' WHERE id = 2" &&
	code 1 crm check && has out "customer,customer,2,its name key does not match" &&
	sqlite3 crm.db "UPDATE customers SET name = '\''广州南方贸易'\'' WHERE id = 2" &&
	code 0 crm check
'

done_testing
