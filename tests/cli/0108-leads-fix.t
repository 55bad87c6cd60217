#!/bin/bash
# Leads and campaigns, fixes of a user test: a converted lead's status
# is final (edit and set refuse to reopen it; crm check reports a lead
# whose status disagrees with its links), an import applies add's rule
# to the status, campaigns are changed by their owner (managers) as real
# OS users, ids 0 and beyond the 64-bit range, a login repeated in
# distribute --to, a forecast on one month of history.
. "$(dirname "$0")/lib.sh"
team_db ||
    { echo "not ok 1 - access tests need root: $(os_users 2>&1)"; exit 1; }
os_users han.mei fan.bing li.lei ma.sc
crm -q user add han.mei --name 韩梅梅 --role manager --region 华东
crm -q user add fan.bing --name 范冰 --role manager --region 华南
crm -q user add li.lei --name 李雷 --role rep --region 华东 --manager han.mei
crm -q user add ma.sc --name 马市场 --role marketing
crm-lead -q add --name 赵一 --company 上海甲公司 --owner li.lei >/dev/null
crm-lead -q add --name 钱二 --owner li.lei >/dev/null

t 'a converted lead keeps its status: edit and set refuse (65)' '
	as li.lei crm-lead -q convert 1 --deal D1 --amount 100 \
	    --close 2026-12-31 >/dev/null &&
	crm-lead export >before &&
	code 65 as li.lei crm-lead set 1 status=qualified &&
	has err "lead 1 '"'"'赵一'"'"' was converted: its status is final" &&
	has err "crm undo" &&
	code 65 crm-lead edit 1 --status contacted &&
	has err "field '"'"'status'"'"'" &&
	code 65 crm-lead set 1 status=qualified note=x &&
	crm-lead export >after && same before after &&
	code 65 as li.lei crm-lead release 1 --reason x &&
	code 65 crm-lead disqualify 1 --reason junk &&
	crm-lead export >after && same before after
'

t 'other fields of a converted lead still change' '
	code 0 crm-lead set 1 note=老客户 &&
	crm-lead show 1 -f yaml >l && has l "status: converted" &&
	has l "note: 老客户" && has l "deal_id: 1"
'

t 'undo of the conversion is the way back' '
	crm -q undo "$(crm log --entity lead --id 1 | tail -1 | cut -d, -f1)" &&
	run=$(crm log --entity lead --id 1 | grep ",status,assigned,converted" |
	    cut -d, -f1) &&
	code 0 crm undo "$run" &&
	crm-lead show 1 -f yaml >l && has l "status: assigned" &&
	! grep -q "customer_id: 1" l &&
	code 0 crm-lead set 1 status=qualified
'

t 'crm check reports a lead whose status disagrees with its links' '
	code 0 crm check &&
	sqlite3 "$CRM_DB" "UPDATE leads SET status = '"'"'converted'"'"', deal_id = 9
	    WHERE id = 2; UPDATE leads SET customer_id = 1 WHERE id = 1" &&
	code 1 crm check -f csv &&
	has out "lead,lead,1,is not converted but has a customer or deal" &&
	has out "lead,lead,2,has a deal but no customer" &&
	sqlite3 "$CRM_DB" "UPDATE leads SET status = '"'"'assigned'"'"', deal_id = NULL
	    WHERE id = 2; UPDATE leads SET customer_id = NULL WHERE id = 1" &&
	code 0 crm check
'

t 'a manager changes their own campaigns, not marketing'"'"'s (77)' '
	test "$(as ma.sc crm-lead -q campaign add --name 展会A --channel expo \
	    --budget 50000 --cost 12000)" = 1 &&
	test "$(as han.mei crm-lead -q campaign add --name 华东沙龙)" = 2 &&
	crm-lead campaign list -f csv >before &&
	code 77 as han.mei crm-lead campaign edit 1 --cost 0 --budget 1 \
	    --place 别处 &&
	has err "campaign 1 '"'"'展会A'"'"' belongs to '"'"'ma.sc'"'"', not to you" &&
	code 77 as fan.bing crm-lead campaign edit 2 --place X &&
	has err "belongs to '"'"'han.mei'"'"'" &&
	code 77 as li.lei crm-lead campaign edit 2 --place X &&
	crm-lead campaign list -f csv >after && same before after &&
	code 0 as han.mei crm-lead campaign show 1 &&
	code 0 as han.mei crm-lead campaign edit 2 --place 上海 &&
	code 0 as ma.sc crm-lead campaign edit 2 --cost 10 &&
	code 0 crm-lead campaign edit 1 --note 管理员 &&
	crm-lead campaign show 2 -f yaml >c && has c "place: 上海" &&
	has c "cost: 10.00"
'

t 'an import applies add'"'"'s rule to the status, per row (65)' '
	crm-lead export >before &&
	printf "name,status\nS1,contacted\nS2,converted\nS3,qualified\n" >st.csv &&
	chmod 644 st.csv &&
	code 65 as li.lei crm-lead import st.csv &&
	has err "st.csv:3" && has err "field '"'"'status'"'"'" &&
	has err "crm-lead convert" &&
	crm-lead export >after && same before after &&
	code 65 as li.lei crm-lead import st.csv --partial &&
	has err "imported 2" && has err "rejected 1" &&
	crm-lead list -f csv --all-columns >all &&
	has all ",S1," && has all ",S3," && ! grep -q ",S2," all &&
	printf "name,status\nH1,converted\n" >h.csv &&
	code 65 crm-lead import h.csv && has err "--historical" &&
	code 0 crm-lead import h.csv --historical &&
	crm-lead list -f csv --status converted >conv && has conv ",H1," &&
	code 0 crm check
'

t 'an import may not reopen a converted lead either' '
	as li.lei crm-lead -q convert 2 --deal D2 --amount 1 \
	    --close 2026-12-31 >/dev/null &&
	printf "id,status\n2,qualified\n" >up.csv && chmod 644 up.csv &&
	crm-lead export >before &&
	code 65 as li.lei crm-lead import up.csv --on-duplicate update &&
	has err "status is final" &&
	crm-lead export >after && same before after
'

t 'id 0 is no record: show 0 and 00 print nothing (65)' '
	for cmd in "crm-lead show" "crm-customer show" "crm-deal show" \
	    "crm-lead campaign show"; do
		for id in 0 00; do
			code 65 $cmd $id && test ! -s out &&
			has err "no " && has err " $id: not a valid id" ||
			exit 1
		done
	done &&
	code 65 as li.lei crm-lead show 0 && test ! -s out
'

t 'an id past the range is named as typed' '
	code 65 crm-lead show 99999999999999999999 &&
	has err "no lead 99999999999999999999: not a valid id" &&
	! grep -q 9223372036854775807 err &&
	code 65 crm-customer show 18446744073709551617 &&
	has err "no customer 18446744073709551617: not a valid id" &&
	code 65 crm-lead claim 99999999999999999999 &&
	has err "99999999999999999999" &&
	! grep -q 9223372036854775807 err &&
	code 65 crm-lead history 9007199254740992 &&
	has err "no lead 9007199254740992: not a valid id" &&
	code 65 crm-lead show 9007199254740991 && has err "no lead 9007199254740991" &&
	! grep -q "not a valid" err
'

t 'a login twice in distribute --to is one rep' '
	for i in 1 2 3 4; do crm-lead -q add --name 池$i --region 西北 >/dev/null; done &&
	crm -q user add zhou.xun --name 周迅 --role rep --region 华东 &&
	code 0 crm-lead distribute --pool 西北 --to li.lei,li.lei,zhou.xun \
	    --per-rep 1 -f csv &&
	test "$(grep -c ",li.lei$" out)" = 1 &&
	test "$(grep -c ",zhou.xun$" out)" = 1 &&
	crm-customer -q add --name 客户X --region 西北 >/dev/null &&
	crm-customer -q add --name 客户Y --region 西北 >/dev/null &&
	code 0 crm-customer distribute --pool 西北 --to zhou.xun,zhou.xun \
	    --per-rep 1 -f csv &&
	test "$(grep -c ",zhou.xun$" out)" = 1
'

t 'forecast: one month of history gives way to naive, bounds empty' '
	export CRM_DB="$T/fc.db" && crm init 2>/dev/null &&
	crm-customer -q add --name C1 >/dev/null &&
	crm-order -q product add --sku P1 --name P1 --price 100 >/dev/null &&
	for d in 03 10 17 24; do
		id=$(crm-order -q add --customer C1 --date 2026-10-$d \
		    --line P1:1:100) && crm-order -q confirm "$id" || exit 1
	done &&
	for m in snaive croston ses naive; do
		code 0 crm-forecast sales --method $m --horizon 2 -f csv &&
		grep -qx "total,2026-12,naive,,400.00,,,," out || exit 1
		if [ $m = naive ]; then test ! -s err; else
			has err "total: 1 periods of history"; fi || exit 1
	done
'

done_testing
