#!/bin/bash
# crm-report figures a user reported wrong: sales by two dimensions other
# than time (both kept).
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

done_testing
