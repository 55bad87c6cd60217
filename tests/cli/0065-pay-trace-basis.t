#!/bin/bash
# crm trace order|receipt reaching an order's instalments and the
# receipts that paid them (a reversed one too) or were for the order,
# each seen as receipt list sees it; crm-pay aging --basis order (days
# since the order's date) against figures computed here, as of two
# dates, on the boundaries, the buckets summing to what is outstanding;
# --basis due the default.
. "$(dirname "$0")/lib.sh"
crm init 2>/dev/null
crm -q user add han.mei --name 韩梅梅 --role manager --region 华东
crm -q user add li.lei --name 李雷 --role rep --region 华东 --manager han.mei
crm -q user add wang.fang --name 王芳 --role rep --region 华南
crm -q user add qian.cw --name 钱财务 --role finance
crm-customer -q add --name 星河科技 --owner li.lei >/dev/null	# 1
crm-customer -q add --name 南方贸易 --owner wang.fang >/dev/null	# 2
crm-order -q product add --sku P --name 服务 --price 1 >/dev/null
order() {	# order CUSTOMER TOTAL TERMS DATE: a confirmed order
	crm-order -q add --customer "$1" --line "P:1:$2" --terms "$3" \
	    --date "$4" >/dev/null && crm-order -q confirm "$(crm-order list \
	    -f csv --no-header --sort -id --limit 1 | cut -d, -f1)"
}
order 星河科技 1000 50%:0,50%:60 2026-05-01	# 1: 207 days on 11-24
order 星河科技 300 100%:30 2026-09-10		# 2: 75
order 南方贸易 800 100%:0 2026-11-24		# 3: 0
order 南方贸易 600 100%:90 2026-10-01		# 4: 54
order 星河科技 400 100%:0 2026-10-25		# 5: 30
order 南方贸易 700 100%:0 2026-08-26		# 6: 90
order 星河科技 250 100%:0 2026-05-28		# 7: 180
crm-pay -q receive --customer 星河科技 --amount 600 --method bank \
    --order 1 --date 2026-06-01 --ref R1 >/dev/null	# 1: 500 + 100
crm-pay -q receive --customer 南方贸易 --amount 100 --method cash \
    --date 2026-11-20 >/dev/null			# 6: 100
crm-pay -q receive --customer 星河科技 --amount 50 --method bank \
    --order 2 --date 2026-06-02 --ref R3 >/dev/null	# 2: 50, reversed
crm-pay -q receipt reverse 3 --reason 退票

# Aging by the order's date, computed here: each order's customer, date
# and what it owed at the end of the day as of (by hand from the
# receipts above), bucketed by the days from its date.
owed() {	# owed ASOF: "customer date owed" per order made by then
	if [ "$1" = 2026-11-24 ]; then
		printf "1 2026-05-01 400\n1 2026-09-10 300\n2 2026-11-24 800\n"
		printf "2 2026-10-01 600\n1 2026-10-25 400\n2 2026-08-26 600\n"
		printf "1 2026-05-28 250\n"
	else
		# the reversal of R3 is dated the day it was made (11-24)
		printf "1 2026-05-01 400\n1 2026-09-10 250\n"
		printf "2 2026-10-01 600\n1 2026-10-25 400\n2 2026-08-26 700\n"
		printf "1 2026-05-28 250\n"
	fi
}
expect() {	# expect ASOF: the csv rows of aging --basis order
	owed "$1" | while read -r c d o; do
		echo "$c $(( ($(date -ud "$1" +%s) - $(date -ud "$d" +%s)) /
		    86400 )) $o"
	done | awk '{ d = $2; b = 5; if (d <= 180) b = 4; if (d <= 90) b = 3
	    if (d <= 60) b = 2; if (d <= 30) b = 1; if (d <= 0) b = 0
	    s[$1, b] += $3; t[b] += $3 }
	END { n[1] = "星河科技"; n[2] = "南方贸易"
	for (c = 1; c <= 2; c++) { all = 0; printf "%d,%s", c, n[c]
	    for (b = 0; b < 6; b++) { printf ",%.2f", s[c, b]; all += s[c, b] }
	    printf ",%.2f\n", all }
	all = 0; printf "total,"
	for (b = 0; b < 6; b++) { printf ",%.2f", t[b]; all += t[b] }
	printf ",%.2f\n", all }'
}

t 'aging --basis order: days since the order date, boundaries lower' '
	expect 2026-11-24 >want &&
	crm-pay aging --basis order -f csv --no-header >got &&
	same want got &&
	has got "1,星河科技,0.00,400.00,0.00,300.00,250.00,400.00,1350.00" &&
	has got "2,南方贸易,800.00,0.00,600.00,600.00,0.00,0.00,2000.00"
'

t 'as of an earlier day: orders made since and receipts since not counted' '
	expect 2026-11-10 >want &&
	crm-pay aging --basis order --as-of 2026-11-10 -f csv --no-header >got &&
	same want got
'

t 'the same outstanding on either basis; due is the default' '
	crm-pay aging -f csv --no-header >a &&
	crm-pay aging --basis due -f csv --no-header >b && same a b &&
	crm-pay aging --basis order -f csv --no-header | cut -d, -f1,9 >o &&
	cut -d, -f1,9 a >d && same d o &&
	has a "1,星河科技,0.00,400.00,300.00,0.00,650.00,0.00,1350.00" &&
	code 64 crm-pay aging --basis paid && has err "--basis" &&
	crm-pay --as wang.fang aging --basis order -f csv --no-header >w &&
	! grep -q 星河科技 w
'

t 'trace order: its instalments and the receipts that paid them' '
	crm trace order 1 -f csv --no-header >got &&
	cat >want <<-CSV &&
	customer,1,星河科技,prospect,li.lei,true
	order,1,SO-2026-000001,confirmed,li.lei,true
	instalment,1,2026-05-01,paid,,true
	instalment,2,2026-06-30,open,,true
	receipt,1,R1,received,,true
	CSV
	same want got
'

t 'a reversed receipt, and one for the order that paid nothing yet' '
	crm trace order 2 -f csv --no-header >got &&
	has got "instalment,3,2026-10-10,open" &&
	has got "receipt,3,R3,reversed" &&
	crm-pay -q receipt reverse 1 --reason 退票 &&
	crm-pay -q receive --customer 南方贸易 --amount 10 --method bank \
	    --order 3 --ref R4 >/dev/null &&
	crm-pay -q receive --customer 南方贸易 --amount 10 --method bank \
	    --order 3 --ref R5 >/dev/null &&
	crm trace order 3 -f csv --no-header >got &&
	has got "receipt,4,R4,received" && has got "receipt,5,R5,received" &&
	test "$(sqlite3 "$CRM_DB" "SELECT allocated FROM receipts
	    WHERE id = 5")" = 1000
'

t 'trace receipt: up to its instalments, order and customer' '
	crm trace receipt 1 -f csv --no-header | cut -d, -f1,2 >got &&
	printf "customer,1\norder,1\ninstalment,1\ninstalment,2\nreceipt,1\n" >want &&
	same want got
'

t 'a rep traces their own; another rep sees no such order or receipt' '
	crm --as li.lei trace order 1 -f csv --no-header >got &&
	has got "receipt,1,R1,reversed" &&
	code 65 crm --as wang.fang trace order 1 && has err "no order 1" &&
	code 65 crm --as wang.fang trace receipt 1 &&
	has err "no receipt 1" &&
	crm --as qian.cw trace receipt 1 -f csv --no-header >got &&
	has got "receipt,1,R1,reversed"
'

done_testing
