#!/bin/bash
# crm-pay plan ORDER --terms and plan list: an order's payment plan
# (回款计划) made anew, exact to the cent (the last instalment takes the
# rest), refused once anything is paid or for a cancelled order, undone by
# crm undo; plan list's filters (overdue is open past its due date); who
# may remake and who sees, with --as and as real OS users.
. "$(dirname "$0")/lib.sh"
team_db ||
    { echo "not ok 1 - access tests need root: $(os_users 2>&1)"; exit 1; }
os_users han.mei li.lei wang.fang qian.cw
crm -q user add han.mei --name 韩梅梅 --role manager --region 华东
crm -q user add li.lei --name 李雷 --role rep --region 华东 --manager han.mei
crm -q user add wang.fang --name 王芳 --role rep --region 华南
crm -q user add qian.cw --name 钱财务 --role finance
crm -q user add ma.sc --name 马市场 --role marketing
crm-customer -q add --name 星河科技 --owner li.lei >/dev/null
crm-customer -q add --name 南方贸易 --owner wang.fang >/dev/null
crm-order -q product add --sku AB-100 --name 工业路由器 --price 1299.50 >/dev/null
# 1: 3 × 1299.50 = 3898.50, confirmed; 2: 南方's 0.07; 3: a draft
crm-order -q add --customer 星河科技 --line AB-100:3 --terms 100%:30 \
    --date 2026-10-01 >/dev/null
crm-order -q confirm 1
crm-order -q add --customer 南方贸易 --line AB-100:1:0.07 --terms 100%:0 \
    --date 2026-11-01 >/dev/null
crm-order -q add --customer 星河科技 --line AB-100:1 --terms 100%:0 >/dev/null

snap() {
	sqlite3 "$CRM_DB" "SELECT * FROM orders; SELECT * FROM instalments" >"$1"
}
money() {	# the orders' terms and plans, without the runs that made them
	sqlite3 "$CRM_DB" "SELECT id, terms, total, status FROM orders;
	    SELECT id, order_id, seq, percent, due_date, amount, paid, status
	    FROM instalments" >"$1"
}
plan_of() {	# the seq:due:amount of order $1's instalments, in cents
	sqlite3 "$CRM_DB" "SELECT group_concat(seq || ':' || due_date || ':' ||
	    amount, ' ') FROM (SELECT * FROM instalments WHERE order_id = $1
	    ORDER BY seq)"
}

t 'plan ORDER --terms remakes the plan; it sums to the total exactly' '
	code 0 crm-pay plan SO-2026-000001 --terms "30%:0, 60%:30,10%:90" -f csv &&
	printf "seq,due_date,percent,amount,paid,status\n1,2026-10-01,30.00,1169.55,0.00,open\n2,2026-10-31,60.00,2339.10,0.00,open\n3,2026-12-30,10.00,389.85,0.00,open\n" >want &&
	same want out &&
	test "$(plan_of 1)" = "1:2026-10-01:116955 2:2026-10-31:233910 3:2026-12-30:38985" &&
	test "$(sqlite3 "$CRM_DB" "SELECT terms FROM orders WHERE id = 1")" = "30%:0,60%:30,10%:90" &&
	code 0 crm-pay plan 2 --terms 33.33%:0,33.33%:10,33.34%:20 &&
	test "$(plan_of 2)" = "1:2026-11-01:2 2:2026-11-11:2 3:2026-11-21:3" &&
	test "$(sqlite3 "$CRM_DB" "SELECT sum(amount) FROM instalments WHERE order_id = 2")" = 7 &&
	crm check >/dev/null
'

t 'plan list: by due date, outstanding, overdue, filters' '
	crm-pay plan list -f csv --no-header >l &&
	test "$(wc -l <l)" = 7 && head -1 l >first &&
	printf "4,1,SO-2026-000001,星河科技,li.lei,1,2026-10-01,1169.55,0.00,1169.55,overdue\n" >want &&
	same want first &&
	crm-pay plan list --status overdue -f csv --no-header | cut -d, -f1 | tr "\n" " " >ov &&
	test "$(cat ov)" = "4 5 7 8 9 " &&
	crm-pay plan list --status open -f csv --no-header | cut -d, -f1 | tr "\n" " " >op &&
	test "$(cat op)" = "3 6 " &&
	crm-pay plan list --customer 南方贸易 -f csv --no-header >c &&
	test "$(wc -l <c)" = 3 && ! grep -v 南方贸易 c &&
	crm-pay plan list --owner li.lei -f csv --no-header >o &&
	test "$(wc -l <o)" = 4 &&
	code 64 crm-pay plan list --status late && has err "--status" &&
	code 64 crm-pay plan list --terms 100%:0 &&
	code 64 crm-pay plan 1 --status open &&
	code 64 crm-pay plan 1 && has err "--terms" &&
	code 65 crm-pay plan list --customer 北方
'

t 'refused: bad terms, a cancelled order, anything paid; nothing written' '
	snap before &&
	code 65 crm-pay plan 1 --terms 30%:0,60%:30 && has err "add up to 100" &&
	has err "--terms" &&
	code 65 crm-pay plan 1 --terms 30:0,70:30 && has err "percent:days" &&
	code 65 crm-pay plan 9 --terms 100%:0 && has err "no order" &&
	crm-order -q cancel 3 --reason 客户取消 && snap before &&
	code 65 crm-pay plan 3 --terms 100%:0 && has err "cancelled" &&
	sqlite3 "$CRM_DB" "UPDATE instalments SET paid = 1 WHERE id = 4" &&
	snap before &&
	code 65 crm-pay plan 1 --terms 100%:0 && has err "0.01 paid" &&
	has err "reverse the receipts" &&
	snap after && same before after &&
	sqlite3 "$CRM_DB" "UPDATE instalments SET paid = 0 WHERE id = 4"
'

t 'crm undo puts the old plan and terms back' '
	money before &&
	crm-pay -q plan 1 --terms 100%:60 >/dev/null &&
	test "$(plan_of 1)" = "1:2026-11-30:389850" &&
	run=$(crm log -f csv --no-header | tail -1 | cut -d, -f1) &&
	crm -q undo "$run" && money after && same before after &&
	crm check >/dev/null
'

t 'who: the owner, the manager, finance remake; others see no order' '
	snap before &&
	code 65 crm-pay plan 1 --terms 100%:0 --as wang.fang &&
	has err "no order 1" && ! grep -q 星河 err &&
	code 65 crm-pay plan 1 --terms 100%:0 --as ma.sc &&
	snap after && same before after &&
	code 0 crm-pay plan 1 --terms 50%:0,50%:10 --as li.lei &&
	code 0 crm-pay plan 1 --terms 50%:0,50%:20 --as han.mei &&
	code 0 crm-pay plan 1 --terms 50%:0,50%:30 --as qian.cw &&
	test "$(plan_of 1)" = "1:2026-10-01:194925 2:2026-10-31:194925" &&
	crm-pay plan list --as wang.fang -f csv --no-header | cut -d, -f3 | sort -u >w &&
	printf "SO-2026-000002\n" >want && same want w &&
	crm-pay plan list --as qian.cw -f csv --no-header >f &&
	test "$(wc -l <f)" = 6 &&
	crm-pay plan list --as ma.sc -f csv --no-header >m && test ! -s m
'

t 'as OS users: the rep remakes their own, not another'\''s' '
	snap before &&
	code 65 as wang.fang crm-pay plan 1 --terms 100%:0 &&
	has err "no order 1" && snap after && same before after &&
	code 0 as li.lei crm-pay -q plan 1 --terms 100%:5 &&
	test "$(plan_of 1)" = "1:2026-10-06:389850" &&
	code 0 as qian.cw crm-pay -q plan 2 --terms 100%:1 &&
	as wang.fang crm-pay plan list -f csv --no-header >w &&
	test "$(wc -l <w)" = 1 && has w "2026-11-02,0.07,0.00,0.07,overdue"
'

t 'a table says a status in the reader'\''s words; csv keeps the word' '
	zh() { LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 "$@"; } &&
	zh crm-pay plan list -f table >t && has t 已逾期 && ! grep -q overdue t &&
	zh crm-order show 1 -f table >t && has t 待回款 &&
	zh crm-pay plan list -f csv >t && has t overdue && ! grep -q 已逾期 t
'

done_testing
