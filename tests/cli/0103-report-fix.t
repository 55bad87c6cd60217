#!/bin/bash
# crm-report figures a user reported wrong: sales by two dimensions other
# than time (both kept), the follow-ups of admins and of anyone seen in
# activity, a leaver's figures of a closed month (commission, activity,
# rank), and what a rep's own row of rank tells of the others (no
# share of the board, no shared place).
. "$(dirname "$0")/lib.sh"
team_db
os_users han.mei li.lei wang.fang
crm -q user add han.mei --name 韩梅梅 --role manager --region 华东
crm -q user add li.lei --name 李雷 --role rep --region 华东 --manager han.mei
crm -q user add wang.fang --name 王芳 --role rep --region 华东 \
    --manager han.mei
crm -q user add zhao.yun --name 赵云 --role rep --region 华北
crm -q user add cai.wu --name 财务 --role finance
at() { CRM_NOW=$1T10:00:00; export CRM_NOW; shift; "$@" >/dev/null; }
at 2026-11-02 crm-customer -q add --name 星河 --region 华东 --owner li.lei
at 2026-11-02 crm-customer -q add --name 东方 --region 华东 --owner li.lei
at 2026-11-03 crm-customer -q add --name 园区 --region 华东 --owner wang.fang
at 2026-11-03 crm-customer -q add --name 北辰 --region 华北 --owner zhao.yun
at 2026-11-03 crm-customer -q add --name 公海 --region 华北
crm-order -q product add --sku P1 --name 路由器 --unit 台 --price 10000 \
    >/dev/null
crm-order -q product add --sku P2 --name 交换机 --unit 台 --price 2500 \
    >/dev/null
# customer lines date: 星河 li.lei, 东方 li.lei, 园区 wang.fang, 北辰 zhao.yun
while read -r cu lines day; do
	set -- ; for l in ${lines//;/ }; do set -- "$@" --line "$l"; done
	at 2026-11-20 crm-order -q add --customer "$cu" "$@" --date "$day" \
	    --terms 100%:0 || exit 1
done <<'EOF2'
星河 P1:1;P2:2 2026-11-05
星河 P2:1 2026-11-06
东方 P1:2 2026-11-10
园区 P1:1;P2:1 2026-11-12
北辰 P1:3 2026-11-15
星河 P1:1 2026-10-05
EOF2
for o in 1 2 3 4 5 6; do crm-order -q confirm $o >/dev/null || exit 1; done
export CRM_NOW=2026-12-24T09:00:00

t 'sales by two dimensions other than time: a row per pair' '
	code 0 crm-report sales --period 2026-11 --by customer --by owner \
	    -f csv --no-header &&
	cut -d, -f1-4 out >got &&
	cat >want <<-EOF2 &&
	东方,li.lei,20000.00,1
	北辰,zhao.yun,30000.00,1
	园区,wang.fang,12500.00,1
	星河,li.lei,17500.00,2
	EOF2
	same want got &&
	code 0 crm-report sales --period 2026-11 --by region --by owner \
	    -f csv --no-header &&
	cut -d, -f1-4 out >got &&
	printf "%s\n" 华东,li.lei,37500.00,3 华东,wang.fang,12500.00,1 \
	    华北,zhao.yun,30000.00,1 >want &&
	same want got
'

t 'sales by product and customer: the lines, the period before too' '
	code 0 crm-report sales --period 2026-11 --by product --by customer \
	    -f csv --no-header &&
	cut -d, -f1-5 out >got &&
	cat >want <<-EOF2 &&
	交换机,园区,2500.00,1,0.00
	交换机,星河,7500.00,2,0.00
	路由器,东方,20000.00,1,0.00
	路由器,北辰,30000.00,1,0.00
	路由器,园区,10000.00,1,0.00
	路由器,星河,10000.00,1,10000.00
	EOF2
	same want got &&
	code 0 crm-report sales --period 2026-11 --by owner --by customer \
	    -f csv --no-header &&
	cut -d, -f1-3 out >got &&
	printf "%s\n" li.lei,东方,20000.00 li.lei,星河,17500.00 \
	    wang.fang,园区,12500.00 zhao.yun,北辰,30000.00 >want &&
	same want got
'

t 'sales by two dimensions as a manager: the team only' '
	code 0 crm-report sales --as han.mei --period 2026-11 --by owner \
	    --by region -f csv --no-header &&
	cut -d, -f1-3 out >got &&
	printf "%s\n" li.lei,华东,37500.00 wang.fang,华东,12500.00 >want &&
	same want got
'

# November's receipts (the commission's base) and follow-ups: li.lei's,
# the admin's (one of a pool's customer) and the manager's
at 2026-11-16 crm-pay -q receive --customer 3 --amount 12500 --method bank
at 2026-11-20 crm-pay -q receive --customer 1 --amount 5000 --method bank
at 2026-11-25 crm-customer -q follow 星河 --as li.lei --kind call --note a
at 2026-11-25 crm-customer -q follow 东方 --kind visit --note b
at 2026-11-25 crm-customer -q follow 公海 --kind call --note c
at 2026-11-26 crm-customer -q follow 园区 --as han.mei --kind call --note d
export CRM_NOW=2026-12-24T09:00:00

t 'activity counts an admin'"'"'s follow-ups: per kind, per day, per person' '
	code 0 crm-report activity --period 2026-11 --by kind -f csv \
	    --no-header &&
	head -2 out >got &&
	printf "%s\n" call,3,3 visit,1,1 >want &&
	same want got &&
	code 0 crm-report activity --from 2026-11-25 --to 2026-11-26 \
	    --by day -f csv --no-header &&
	cut -d, -f1-3 out >got &&
	printf "%s\n" 2026-11-25,3,3 2026-11-26,1,1 >want &&
	same want got &&
	code 0 crm-report activity --period 2026-11 -f csv --no-header &&
	cut -d, -f1,3-5 out >got &&
	{ printf "%s\n" han.mei,1,1,0 li.lei,1,1,2 wang.fang,0,0,1 \
	    zhao.yun,0,0,1; echo "$ME,2,2,0"; } | sort >want &&
	sort got | same want -
'

t 'activity: a manager counts the team, not the admin; a rep their own' '
	code 0 crm-report activity --as han.mei --period 2026-11 --by kind \
	    -f csv --no-header &&
	head -2 out >got &&
	printf "%s\n" call,2,2 visit,0,0 >want &&
	same want got &&
	code 0 crm-report activity --as han.mei --period 2026-11 -f csv \
	    --no-header &&
	cut -d, -f1 out >got &&
	printf "%s\n" han.mei li.lei wang.fang >want &&
	same want got &&
	code 0 as li.lei crm-report activity --period 2026-11 --by kind \
	    -f csv --no-header &&
	head -2 out >got &&
	printf "%s\n" call,1,1 visit,0,0 >want &&
	same want got
'

t 'rank as a rep: own value, no share of the board, no shared place' '
	code 0 as li.lei crm-report rank --period 2026-11 --metric collected \
	    -f csv --no-header &&
	printf "%s\n" "wang.fang,王芳,1,," "li.lei,李雷,2,5000.00," >want &&
	same want out &&
	code 0 crm-report rank --as li.lei --period 2026-11 \
	    --metric won_deals -f csv --no-header &&
	printf "%s\n" "wang.fang,王芳,1,," "li.lei,李雷,2,0," >want &&
	same want out &&
	code 0 crm-report rank --period 2026-11 --metric won_deals -f csv \
	    --no-header &&
	test "$(cut -d, -f3 out | sort -u)" = 1 &&
	code 0 crm-report rank --as han.mei --period 2026-11 \
	    --metric collected -f csv --no-header &&
	printf "%s\n" wang.fang,王芳,1,12500.00,71.4 li.lei,李雷,2,5000.00,28.6 \
	    han.mei,韩梅梅,3,0.00,0.0 >want &&
	same want out
'

# the figures of November before wang.fang and zhao.yun (nothing
# collected: commission 0) leave, as each sees them
nov() {
	crm-report commission --period 2026-11 -f csv "$@" &&
	crm-report activity --period 2026-11 -f csv "$@" &&
	crm-report activity --period 2026-11 --by day -f csv "$@" &&
	crm-report rank --period 2026-11 --metric collected -f csv "$@" &&
	crm-report rank --period 2026-11 --metric new_customers -f csv "$@"
}
nov >nov.admin && nov --as han.mei >nov.han && nov --as li.lei >nov.li &&
    nov --as cai.wu >nov.fin
grep -q "^wang.fang,.*,12500.00," nov.admin ||
    echo "# nov.admin lacks wang.fang"
crm user deactivate wang.fang --handover li.lei >/dev/null 2>&1
crm user deactivate zhao.yun --to-pool >/dev/null 2>&1

t 'a leaver'"'"'s closed month: the same figures after deactivate --handover' '
	nov >got && same nov.admin got &&
	nov --as han.mei >got && same nov.han got &&
	nov --as li.lei >got && same nov.li got &&
	nov --as cai.wu >got && same nov.fin got &&
	has nov.admin "wang.fang,王芳,12500.00," &&
	has nov.admin "zhao.yun,赵云,0.00," &&
	has nov.han "wang.fang,王芳,0,0,1,0,0" &&
	test "$(crm user list --all -f csv | grep -c ",false,")" = 2
'

t 'a leaver is still a user for the past: commission --user' '
	code 0 crm-report commission --period 2026-11 --user wang.fang \
	    -f csv --no-header &&
	has out "wang.fang,王芳,12500.00," &&
	test "$(wc -l <out)" = 1 &&
	code 0 crm-report commission --as han.mei --period 2026-11 \
	    --user wang.fang --explain -f csv --no-header &&
	has out wang.fang &&
	code 0 crm-report commission --period 2026-12 --user wang.fang \
	    -f csv --no-header &&
	has out "wang.fang,王芳,0.00," &&
	code 65 crm-report commission --as li.lei --period 2026-11 \
	    --user wang.fang &&
	has err "no user wang.fang" &&
	code 65 crm-report commission --period 2026-11 --user nobody
'

t 'a leaver has rows up to the range they left in, then none' '
	for r in "commission" "activity" "rank --metric collected"; do
		code 0 crm-report $r --period 2026-12 -f csv --no-header &&
		grep -q "^wang.fang," out && grep -q "^zhao.yun," out &&
		code 0 crm-report $r --period 2027-01 -f csv --no-header &&
		! grep -q "^wang.fang," out && ! grep -q "^zhao.yun," out &&
		grep -q "^li.lei," out || exit 1
	done &&
	code 0 crm-report rank --period 2027-01 --metric collected \
	    --as li.lei -f csv --no-header &&
	test "$(cut -d, -f1 out)" = li.lei
'

done_testing
