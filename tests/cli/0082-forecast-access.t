#!/bin/bash
# crm-forecast as real OS users: a rep forecasts their own sales and
# deals, a manager their team's, finance every order, marketing no deal
# (77); --as is only the admin's; nothing is written.
. "$(dirname "$0")/lib.sh"
team_db
os_users han.mei li.lei wang.fang qian.cai ma.ke
crm -q user add han.mei --name 韩梅梅 --role manager --region 华东
crm -q user add li.lei --name 李雷 --role rep --region 华东 --manager han.mei
crm -q user add wang.fang --name 王芳 --role rep --region 华南
crm -q user add qian.cai --name 钱财 --role finance
crm -q user add ma.ke --name 马克 --role marketing
crm-customer -q add --name 星河科技 --owner li.lei --region 华东 >/dev/null
crm-customer -q add --name 南方贸易 --owner wang.fang --region 华南 >/dev/null
crm-order -q product add --sku P --name 服务 --price 1 >/dev/null
{
	echo number,date,customer,status,sku,qty,price,discount
	for i in $(seq 0 23); do
		d=$(date -d "2024-11-05 + $i months" +%F)
		echo "A-$i,$d,星河科技,confirmed,P,1,100,"
		echo "B-$i,$d,南方贸易,confirmed,P,1,300,"
	done
} >orders.csv
crm-order -q import orders.csv
crm-deal -q add --customer 星河科技 --name a --amount 1000 \
    --stage negotiation --close 2026-12-01 >/dev/null
crm-deal -q add --customer 南方贸易 --name b --amount 2000 \
    --stage proposal --close 2026-12-01 >/dev/null

series() {	# USER: the series of sales --by customer
	as "$1" crm-forecast sales --by customer --method naive -f csv \
	    --no-header | cut -d, -f1,5 | sort -u | tr '\n' ' '
}

t 'sales: a rep their own, the manager their team, finance all' '
	test "$(series li.lei)" = "星河科技,100.00 " &&
	test "$(series wang.fang)" = "南方贸易,300.00 " &&
	test "$(series han.mei)" = "星河科技,100.00 " &&
	test "$(series qian.cai)" = "南方贸易,300.00 星河科技,100.00 "
'

t 'pipeline: a rep their own deals; marketing none (77)' '
	as li.lei crm-forecast pipeline -f csv >out &&
	grep -qx "2026-12,0.00,1000.00,0.00,0.00,750.00" out &&
	as wang.fang crm-forecast pipeline -f csv >out &&
	grep -qx "2026-12,0.00,0.00,2000.00,0.00,1000.00" out &&
	code 77 as ma.ke crm-forecast pipeline && test ! -s out
'

t '--as is the admin'"'"'s: a rep may not forecast as another' '
	code 77 as li.lei crm-forecast sales --as wang.fang && test ! -s out
'

t 'backtest as a rep: their series only; nothing written by any of it' '
	crm log -f csv --no-header | wc -l >before &&
	as li.lei crm-forecast backtest --by customer -f csv --no-header >out &&
	test "$(cut -d, -f1 out | sort -u)" = 星河科技 &&
	crm log -f csv --no-header | wc -l >after &&
	same before after
'

done_testing
