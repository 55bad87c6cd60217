#!/bin/bash
# crm-pay due [--within DAYS] and overdue, and crm remind's payment_due
# and payment_overdue (remind.payment_days) to the order's owner and to
# finance: open instalments of orders confirmed or later only, days
# counted from the fixed clock, and who sees which.
. "$(dirname "$0")/lib.sh"
crm init 2>/dev/null
crm -q user add han.mei --name 韩梅梅 --role manager --region 华东
crm -q user add li.lei --name 李雷 --role rep --region 华东 --manager han.mei
crm -q user add wang.fang --name 王芳 --role rep --region 华南
crm -q user add qian.cw --name 钱财务 --role finance
crm -q user add ma.sc --name 马市场 --role marketing
crm-customer -q add --name 星河科技 --owner li.lei >/dev/null
crm-customer -q add --name 南方贸易 --owner wang.fang >/dev/null
crm-order -q product add --sku P --name 服务 --price 1 >/dev/null
# today is 2026-11-24 (lib.sh's CRM_NOW)
# 1 (li.lei): 100.00 due 11-20, 200.00 due 11-24, 300.00 due 11-27;
# 2 (wang.fang): 0.05 due 11-28; 3: a draft due 11-20; 4: cancelled
crm-order -q add --customer 星河科技 --line P:1:600 \
    --terms 16.67%:0,33.33%:4,50%:7 --date 2026-11-20 >/dev/null
crm-order -q confirm 1
crm-order -q add --customer 南方贸易 --line P:1:0.05 --terms 100%:4 \
    --date 2026-11-24 >/dev/null
crm-order -q confirm 2
crm-order -q add --customer 星河科技 --line P:1:7 --terms 100%:0 \
    --date 2026-11-20 >/dev/null
crm-order -q add --customer 星河科技 --line P:1:8 --terms 100%:0 \
    --date 2026-11-20 >/dev/null
crm-order -q cancel 4 --reason 作废

t 'due: open instalments from today to remind.payment_days (3) ahead' '
	crm-pay due -f csv >d &&
	printf "id,order_id,number,customer,owner,seq,due_date,outstanding,days\n2,1,SO-2026-000001,星河科技,li.lei,2,2026-11-24,199.98,0\n3,1,SO-2026-000001,星河科技,li.lei,3,2026-11-27,300.00,3\n" >want &&
	same want d &&
	crm-pay due --within 4 -f csv --no-header | cut -d, -f1 | tr "\n" " " >d &&
	test "$(cat d)" = "2 3 4 " &&
	crm-pay due --within 0 -f csv --no-header | cut -d, -f1 >d &&
	test "$(cat d)" = 2 &&
	crm config set remind.payment_days 4 &&
	test "$(crm-pay due -f csv --no-header | wc -l)" = 3 &&
	crm config unset remind.payment_days &&
	code 64 crm-pay due --within -1 && has err within &&
	code 64 crm-pay due --within soon
'

t 'overdue: past due, with the days; drafts and cancelled orders never' '
	crm-pay overdue -f csv --no-header >o &&
	printf "1,1,SO-2026-000001,星河科技,li.lei,1,2026-11-20,100.02,-4\n" >want &&
	same want o &&
	sqlite3 "$CRM_DB" "SELECT amount FROM instalments WHERE id = 1" >a &&
	test "$(cat a)" = 10002 &&
	crm-pay -q receive --customer 1 --amount 100.02 --method bank >/dev/null &&
	crm-pay overdue -f csv --no-header >o && test ! -s o &&
	crm-pay -q receipt reverse 1 --reason 退票 &&
	crm-pay overdue -f csv --no-header | cut -d, -f1 >o && test "$(cat o)" = 1
'

t 'who sees: the owner and manager, finance; not another rep, not marketing' '
	crm-pay due --within 9 --as li.lei -f csv --no-header | cut -d, -f1 | tr "\n" " " >d &&
	test "$(cat d)" = "2 3 " &&
	crm-pay due --within 9 --as han.mei -f csv --no-header | wc -l >d &&
	test "$(cat d)" = 2 &&
	crm-pay due --within 9 --as wang.fang -f csv --no-header | cut -d, -f1 >d &&
	test "$(cat d)" = 4 &&
	crm-pay overdue --as wang.fang -f csv --no-header >d && test ! -s d &&
	crm-pay due --within 9 --as qian.cw -f csv --no-header | wc -l >d &&
	test "$(cat d)" = 3 &&
	crm-pay due --within 9 --as ma.sc -f csv --no-header >d && test ! -s d
'

t 'crm remind: payments due and overdue, to the owner and to finance' '
	crm --as li.lei remind >r &&
	has r "li.lei,payment_due,instalment,2,SO-2026-000001 星河科技 199.98,2026-11-24,due today,li.lei" &&
	has r "li.lei,payment_due,instalment,3,SO-2026-000001 星河科技 300.00,2026-11-27,due in 3 days,li.lei" &&
	has r "li.lei,payment_overdue,instalment,1,SO-2026-000001 星河科技 100.02,2026-11-20,overdue by 4 days,li.lei" &&
	! grep -q ",instalment,4," r &&
	crm --as qian.cw remind >r &&
	has r "qian.cw,payment_overdue,instalment,1," &&
	has r "qian.cw,payment_due,instalment,3," &&
	! grep -q "instalment,4," r &&
	crm --as wang.fang remind >r && ! grep -q payment r &&
	crm config set remind.payment_days 4 &&
	crm --as wang.fang remind >r &&
	has r "wang.fang,payment_due,instalment,4,SO-2026-000002 南方贸易 0.05,2026-11-28,due in 4 days,wang.fang" &&
	crm --as ma.sc remind >r && ! grep -q payment r &&
	crm --as li.lei remind -f table >t && has t "Overdue payments" &&
	crm config unset remind.payment_days
'

done_testing
