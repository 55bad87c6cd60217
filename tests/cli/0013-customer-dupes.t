#!/bin/bash
# crm-customer dupes and merge.
. "$(dirname "$0")/lib.sh"
crm init 2>/dev/null
crm -q user add li.lei --name 李雷 --role rep --region 华东
crm-customer add -q --name "深圳市华为技术有限公司" --phone 13800000001 --owner li.lei >/dev/null
crm-customer add -q --name "华为技术(深圳)有限公司" --email hw@example.com --tag vip >/dev/null
crm-customer add -q --name "Acme Corp" --phone 13800000003 >/dev/null
crm-customer add -q --name "ACME corp." --allow-duplicate >/dev/null
crm-customer add -q --name "Other Co" --phone "+86 138 0000 0003" --allow-duplicate >/dev/null
crm-customer add -q --name "Unrelated" >/dev/null

t 'dupes lists pairs with their reasons (--allowed: those allowed too)' '
	crm-customer dupes --allowed >d &&
	printf "id_a,name_a,id_b,name_b,reason\n1,深圳市华为技术有限公司,2,华为技术(深圳)有限公司,similar\n3,Acme Corp,4,ACME corp.,name\n3,Acme Corp,5,Other Co,phone\n" >want &&
	same want d &&
	crm-customer dupes >d && head -n 2 want >want2 && same want2 d
'

t 'merge moves contacts and follow-ups, fills empty fields, deletes DROP' '
	crm-customer contact add 2 --name 王工 >/dev/null &&
	crm-customer follow 2 --kind call --note 电话 &&
	code 0 crm-customer merge 1 2 &&
	crm-customer show 1 -f json >j &&
	has j "\"email\":\"hw@example.com\"" && has j "\"tags\":[\"vip\"]" &&
	crm-customer contact list 1 >k && has k ",王工," &&
	crm-customer history 1 >h && has h ",call," &&
	code 65 crm-customer show 2
'

t 'undo of a merge brings DROP back with its contacts and follow-ups' '
	run=$(crm log | tail -1 | cut -d, -f1) &&
	crm undo "$run" &&
	crm-customer show 2 -f csv >c && has c "华为技术(深圳)有限公司" &&
	crm-customer contact list 2 >k && has k ",王工," &&
	crm-customer history 2 >h && has h ",call," &&
	crm-customer show 1 -f json >j && has j "\"email\":null"
'

t 'merge refuses the same customer twice, and customers you may not change' '
	code 64 crm-customer merge 3 3 &&
	code 77 crm-customer --as li.lei merge 1 3
'

t 'merge moves the dropped customer'"'"'s deals, quotes, orders and contracts; undo moves them back' '
	a=$(crm-customer add --name 合并甲) && b=$(crm-customer add --name 合并甲有限公司) &&
	crm-order -q product add --sku MG-1 --name 头盔 --price 100 >/dev/null &&
	d=$(crm-deal add --customer "$b" --name 合并大单) &&
	q=$(crm-order quote add --customer "$b" --line MG-1:2) &&
	o=$(crm-order add --customer "$b" --deal "$d" --line MG-1:1) &&
	k=$(crm-order contract add --customer "$b" --start 2026-12-01 --end 2027-11-30 --amount 100) &&
	refs() { sqlite3 "$CRM_DB" "SELECT customer_id FROM deals WHERE id = $d UNION ALL SELECT customer_id FROM quotes WHERE id = $q UNION ALL SELECT customer_id FROM orders WHERE id = $o UNION ALL SELECT customer_id FROM contracts WHERE id = $k" | tr "\n" " "; } &&
	code 0 crm-customer merge "$a" "$b" &&
	test "$(refs)" = "$a $a $a $a " &&
	run=$(crm log -f csv --no-header | tail -1 | cut -d, -f1) &&
	code 0 crm undo "$run" &&
	test "$(refs)" = "$b $b $b $b " &&
	{ crm check -f csv >ck || true; } &&
	! grep -E "^(deal|quote|order|contract)," ck
'

done_testing
