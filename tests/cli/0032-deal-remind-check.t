#!/bin/bash
# Deals elsewhere: crm remind (next steps due and overdue, escalated to
# the manager; deals idle in their stage), crm check (the invariants of
# deals), crm-customer show (its open deals), recycling (a won deal
# exempts from recycle.deal_days); and the stage verbs as real OS users.
. "$(dirname "$0")/lib.sh"
crm init 2>/dev/null
crm -q user add han.mei --name 韩梅梅 --role manager --region 华东
crm -q user add li.lei --name 李雷 --role rep --region 华东 --manager han.mei
crm -q user add wang.fang --name 王芳 --role rep --region 华南
crm-customer -q add --name 星河科技 --owner li.lei >/dev/null
crm-customer -q add --name 南方贸易 --owner wang.fang >/dev/null
crm-deal -q add --customer 1 --name 官网改版 >/dev/null
crm-deal -q add --customer 1 --name ERP >/dev/null
crm-deal -q add --customer 1 --name 闲置单 >/dev/null
crm-deal -q add --customer 2 --name 南方单 >/dev/null
crm-deal -q move 1 proposal
crm-deal -q next 2 --action 约演示 --due +1d
crm-deal -q move 3 proposal
crm-deal -q next 3 --clear

at() {
	d=$1
	shift
	CRM_NOW=${d}T09:00:00 "$@"
}

t 'remind: a next step due tomorrow, then today' '
	crm remind --as li.lei -f csv >r &&
	has r "li.lei,deal_next_due,deal,2,ERP,2026-11-25,due tomorrow,li.lei" &&
	! grep -q ",deal,1," r &&
	at 2026-11-25 crm remind --as li.lei -f csv >r &&
	has r "deal_next_due,deal,2,ERP,2026-11-25,due today"
'

t 'remind: the stage'\''s follow-up comes due; overdue ones go to the manager' '
	at 2026-11-27 crm remind --as li.lei -f csv >r &&
	has r "deal_next_due,deal,1,官网改版,2026-11-27,due today" &&
	has r "deal_next_overdue,deal,2,ERP,2026-11-25,overdue by 2 days" &&
	at 2026-11-26 crm remind --as han.mei -f csv >r && ! grep -q deal r &&
	at 2026-11-27 crm remind --as han.mei -f csv >r &&
	has r "han.mei,deal_next_overdue,deal,2,ERP,2026-11-25,overdue by 2 days,li.lei"
'

t 'remind: a deal idle in its stage past the stage'\''s follow-up days' '
	at 2026-11-27 crm remind --as li.lei -f csv >r && ! grep -q deal_idle r &&
	at 2026-11-28 crm remind --as li.lei -f csv >r &&
	has r "deal_idle,deal,3,闲置单,2026-11-24,no stage change nor follow-up for 4 days" &&
	! grep -q "deal_idle,deal,1," r &&
	at 2026-11-28 crm remind --as li.lei -f table >t &&
	has t "Deals idle in their stage:" && has t "Overdue deal next steps:"
'

t 'remind: a follow-up or a close ends the reminders' '
	at 2026-11-28 crm-deal -q follow 3 --kind call &&
	at 2026-11-28 crm-deal -q follow 1 --kind call --next +7d &&
	at 2026-11-28 crm-deal -q win 2 &&
	at 2026-11-28 crm remind --as li.lei -f csv >r &&
	! grep -q ",deal," r &&
	at 2026-12-02 crm remind --as li.lei -f csv >r &&
	has r "deal_idle,deal,3," && ! grep -q "deal,1," r &&
	at 2026-12-05 crm remind --as li.lei -f csv >r &&
	has r "deal_next_due,deal,1,官网改版,2026-12-05,due today" &&
	! grep -q "deal_idle,deal,1," r
'

t 'remind: headings in Chinese, and in the mail of a Chinese user' '
	at 2026-12-06 env LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 \
	    crm remind --as li.lei -f table >t &&
	! grep -q "Deal" t && ! grep -q "overdue" t &&
	crm user set li.lei --email li@example.com --lang zh_CN &&
	fake_sendmail && at 2026-12-06 crm remind --all --mail &&
	has mailbox "To: " && ! grep -q "Overdue deal" mailbox
'

t 'crm-customer show lists the open deals the user may see' '
	crm-customer show 1 -f table >s && has s "open deals:" &&
	has s 官网改版 && has s 闲置单 && ! grep -q "ERP" s &&
	crm-deal -q add --customer 1 --name 王芳的单 --owner wang.fang \
	    >/dev/null &&
	crm-customer show 1 -f table >s && has s 王芳的单 &&
	crm-customer --as li.lei show 1 -f table >s && has s 官网改版 &&
	! grep -q 王芳的单 s &&
	crm-customer show 2 -f table >s && has s 南方单
'

t 'check: a healthy database has no deal problems' '
	crm check -f csv >c && ! grep -q "^deal," c
'

t 'check: the invariants of deals, on a corrupted copy' '
	cp "$CRM_DB" bad.db &&
	sqlite3 bad.db "PRAGMA foreign_keys = OFF;
	    UPDATE deals SET won_at = NULL WHERE id = 2;
	    UPDATE deals SET stage = '\''lost'\'' WHERE id = 3;
	    UPDATE deals SET stage = '\''zz'\'' WHERE id = 4;
	    DELETE FROM deal_stages WHERE deal_id = 5;
	    UPDATE deals SET owner = '\''nobody'\'' WHERE id = 1;" &&
	CRM_DB=bad.db code 1 crm check -f csv &&
	has out "deal,deal,2,is won but has no won date" &&
	has out "deal,deal,3,is lost but has no lost reason" &&
	has out "deal,deal,3,its stage history does not end at its stage" &&
	has out "deal,deal,4,its stage is not one of deal.stages" &&
	has out "deal,deal,5,has no stage history" &&
	has out "foreign_key,deals,1," &&
	sqlite3 bad.db "UPDATE deals SET stage = '\''won'\'',
	    lost_reason = '\''price'\'', won_at = NULL WHERE id = 4" &&
	CRM_DB=bad.db code 1 crm check -f csv &&
	has out "deal,deal,4,is won but has no won date" &&
	LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 CRM_DB=bad.db code 1 crm check \
	    -f table && ! grep -q "stage history" out
'

t 'recycle.deal_days: a customer without a won deal since its claim returns' '
	crm config set recycle.followup_days "{E: 100}" &&
	crm config set recycle.deal_days "{E: 10}" &&
	at 2026-12-10 crm-customer recycle --dry-run -f csv >r &&
	has r "recycle.deal_days.E" && has r 南方贸易 && ! grep -q 星河 r &&
	at 2026-12-01 crm-customer recycle --warn 30 -f csv >w &&
	has w 南方贸易 && ! grep -q 星河 w
'

t 'a deal won before the claim does not exempt it' '
	sqlite3 "$CRM_DB" "UPDATE customers SET claimed_at =
	    '\''2026-11-29T09:00:00'\'' WHERE id = 1" &&
	at 2026-12-10 crm-customer recycle --dry-run -f csv >r && has r 星河 &&
	crm config unset recycle.deal_days &&
	crm config unset recycle.followup_days
'

t 'as OS users: a rep moves and wins their deal; another rep cannot' '
	export CRM_DB="$T/team/crm.db" &&
	team_db &&
	os_users os.rep os.other &&
	crm -q user add os.rep --name 甲 --role rep &&
	crm -q user add os.other --name 乙 --role rep &&
	crm-customer -q add --name 团队客户 --owner os.rep >/dev/null &&
	id=$(as os.rep crm-deal add --customer 1 --name 团队单) &&
	code 0 as os.rep crm-deal move "$id" proposal --note 报价 &&
	code 65 as os.other crm-deal move "$id" needs &&
	has err "no deal $id" &&
	code 65 as os.other crm-deal win "$id" &&
	code 0 as os.rep crm-deal win "$id" --amount 5000 &&
	crm-deal show "$id" -f yaml >y && has y "stage: won" &&
	has y "amount: 5000.00" &&
	sqlite3 "$CRM_DB" "SELECT group_concat(by_login) FROM deal_stages
	    WHERE deal_id = $id" >b && test "$(cat b)" = "os.rep,os.rep,os.rep" &&
	crm-customer show 1 -f yaml >c && has c "status: active"
'

done_testing
