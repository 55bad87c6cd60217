#!/bin/bash
# Leads and campaigns, fixes of a user test: a converted lead's status
# is final (edit and set refuse to reopen it; crm check reports a lead
# whose status disagrees with its links), an import applies add's rule
# to the status, campaigns are changed by their owner (managers) as real
# OS users, ids 0 and beyond the 64-bit range, a login repeated in
# distribute --to.
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
	sqlite3 "$CRM_DB" "UPDATE leads SET status = '"'"'converted'"'"' WHERE id = 2;
	    UPDATE leads SET customer_id = 1 WHERE id = 1" &&
	code 1 crm check -f csv &&
	has out "lead,lead,1,is not converted but has a customer or deal" &&
	has out "lead,lead,2,is converted but has no customer" &&
	sqlite3 "$CRM_DB" "UPDATE leads SET status = '"'"'assigned'"'"' WHERE id = 2;
	    UPDATE leads SET customer_id = NULL WHERE id = 1" &&
	code 0 crm check
'

done_testing
