#!/bin/bash
# crm target set|list|import|export: one target per user or region,
# period and metric, set again to change it; who may set and see which;
# import all or nothing, naming FILE:LINE; crm undo; bad input.
. "$(dirname "$0")/lib.sh"
team_db
os_users han.mei li.lei wang.fang
crm -q user add han.mei --name 韩梅梅 --role manager --region 华东
crm -q user add li.lei --name 李雷 --role rep --region 华东 --manager han.mei
crm -q user add wang.fang --name 王芳 --role rep --region 华南
crm -q user add cai.wu --name 财务 --role finance

t 'set: an id; the period and value kept in their canonical form' '
	code 0 crm target set --user li.lei --period 2026-11 --metric revenue \
	    "¥300,000" && test "$(cat out)" = 1 &&
	code 0 crm target set --region 华东 --period 2026-q4 --metric \
	    won_deals 12 &&
	code 0 crm target list -f csv &&
	cat >want <<-EOF &&
	id,user,region,period,metric,value,created_at,updated_at
	1,li.lei,,2026-11,revenue,300000.00,2026-11-24T09:00:00,2026-11-24T09:00:00
	EOF
	head -2 out >got && same want got && has out "2,,华东,2026-Q4,won_deals,12,"
'

t 'set again: the same target changed (one event), and crm undo' '
	code 0 crm target set --user li.lei --period 2026-11 --metric revenue \
	    350000 && test "$(cat out)" = 1 &&
	crm log --entity target --id 1 -f csv --no-header | cut -d, -f8-11 \
	    | tail -1 >got &&
	echo "update,value,300000.00,350000.00" >want && same want got &&
	run=$(crm log --entity target --id 1 -f csv --no-header | tail -1 |
	    cut -d, -f1) &&
	crm -q undo "$run" &&
	crm target list --user li.lei -f csv --no-header | cut -d, -f6 >got &&
	echo 300000.00 >want && same want got
'

t 'who may set: admins any, a manager the team, no one else (77)' '
	code 0 crm target set --as han.mei --user li.lei --period 2026-12 \
	    --metric collected 10000 &&
	code 0 crm target set --as han.mei --region 华东 --period 2026 \
	    --metric revenue 1000000 &&
	sqlite3 "$CRM_DB" "SELECT count(*) FROM targets" >before &&
	code 77 crm target set --as han.mei --user wang.fang --period 2026-12 \
	    --metric collected 1 && has err "wang.fang" &&
	code 77 crm target set --as han.mei --region 华南 --period 2026-12 \
	    --metric collected 1 &&
	code 77 crm target set --as li.lei --user li.lei --period 2026-12 \
	    --metric collected 1 && has err "manager" &&
	code 77 crm target set --as cai.wu --user li.lei --period 2026-12 \
	    --metric collected 1 &&
	sqlite3 "$CRM_DB" "SELECT count(*) FROM targets" >after &&
	same before after
'

t 'who sees: a rep their own and their region, finance all' '
	crm target set --user wang.fang --period 2026-11 --metric \
	    new_customers 5 >/dev/null &&
	crm target list --as li.lei -f csv --no-header | cut -d, -f2,3 |
	    sort -u >got &&
	printf ",华东\nli.lei,\n" >want && same want got &&
	crm target list --as wang.fang -f csv --no-header | cut -d, -f2 >got &&
	echo wang.fang >want && same want got &&
	test "$(crm target list --as cai.wu -f csv --no-header | wc -l)" -eq 5 &&
	test "$(crm target list --as han.mei -f csv --no-header | wc -l)" -eq 4
'

t 'as real OS users: a rep sees their own, may not set' '
	as li.lei crm target list -f csv --no-header | cut -d, -f2,3 |
	    sort -u >got &&
	printf ",华东\nli.lei,\n" >want && same want got &&
	code 77 as li.lei crm target set --user li.lei --period 2026-12 \
	    --metric collected 1
'

t 'export and import: a file back, Chinese headers, all or none' '
	code 0 crm target export --period 2026-11 &&
	head -1 out | grep -q "^id,user,region,period" &&
	cat >t.csv <<-EOF &&
	销售,区域,期间,指标,目标
	li.lei,,2027-01,revenue,"120,000"
	,华东,2027-Q1,collected,500000
	wang.fang,,2027,won_deals,30
	EOF
	code 0 crm target import t.csv && has err "3 targets set" &&
	crm target list --period 2027-01 -f csv --no-header | cut -d, -f2,6 >got &&
	echo "li.lei,120000.00" >want && same want got &&
	sqlite3 "$CRM_DB" "SELECT * FROM targets ORDER BY id" >before &&
	printf "user,period,metric,value\nli.lei,2027-02,revenue,1\nli.lei,2027-13,revenue,1\n" >bad.csv &&
	code 65 crm target import bad.csv && has err "bad.csv:3" &&
	has err "period" &&
	printf "user,period,metric,value\nli.lei,2027-02,profit,1\n" >bad.csv &&
	code 65 crm target import bad.csv && has err "bad.csv:2" &&
	has err "metric" &&
	printf "user,period,metric,value\nli.lei,2027-02,won_deals,1.5\n" >bad.csv &&
	code 65 crm target import bad.csv && has err "value" &&
	printf "user,period,metric,value,colour\nli.lei,2027-02,won_deals,1,red\n" >bad.csv &&
	code 65 crm target import bad.csv && has err "colour" &&
	printf "user,period,metric,value\nwang.fang,2027-02,won_deals,1\n" >bad.csv &&
	code 77 crm target import --as han.mei bad.csv &&
	sqlite3 "$CRM_DB" "SELECT * FROM targets ORDER BY id" >after &&
	same before after
'

t 'bad input: 64 for options, 65 for values, nothing written' '
	sqlite3 "$CRM_DB" "SELECT * FROM targets ORDER BY id" >before &&
	code 64 crm target set --user li.lei --period 2026-11 1 &&
	has err "--metric" &&
	code 64 crm target set --period 2026-11 --metric revenue 1 &&
	has err "--user" &&
	code 64 crm target set --user li.lei --region 华东 --period 2026-11 \
	    --metric revenue 1 &&
	code 64 crm target set --user li.lei --period 2026-11-05 --metric \
	    revenue 1 && has err "month, quarter or year" &&
	code 64 crm target set --user li.lei --period 11/2026 --metric \
	    revenue 1 && has err "period" &&
	code 64 crm target set --user li.lei --period 2026-11 --metric \
	    profit 1 && has err "metric" &&
	code 65 crm target set --user li.lei --period 2026-11 --metric \
	    revenue abc && has err "value" &&
	code 65 crm target set --user li.lei --period 2026-11 --metric \
	    won_deals -- -3 && has err "value" &&
	code 65 crm target set --user nobody --period 2026-11 --metric \
	    revenue 1 && has err "no user nobody" &&
	code 64 crm target list --metric profit &&
	sqlite3 "$CRM_DB" "SELECT * FROM targets ORDER BY id" >after &&
	same before after
'

done_testing
