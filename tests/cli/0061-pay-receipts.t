#!/bin/bash
# crm-pay receive, receipt list|show|reverse: receipts (回款单) allocated
# to the oldest open instalments across orders, exact to the cent; an
# order or an instalment named first; drafts and cancelled orders never
# paid; overpayment as credit, applied at the next receipt; reversal
# re-opening what a receipt paid; crm check's invariants after each step;
# bad input naming the field with nothing written; crm undo; the
# accounts' received; finance records, reps read their own customers' —
# with --as and as real OS users.
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
crm-order -q product add --sku P --name 服务 --price 1 >/dev/null
order() {	# order CUSTOMER TOTAL TERMS DATE: a confirmed order
	crm-order -q add --customer "$1" --line "P:1:$2" --terms "$3" \
	    --date "$4" >/dev/null && crm-order -q confirm "$(crm-order list \
	    -f csv --no-header --sort -id --limit 1 | cut -d, -f1)"
}
order 星河科技 1000 30%:0,70%:30 2026-10-01	# 1: 300 10-01, 700 10-31
order 星河科技 500 100%:10 2026-10-05		# 2: 500 10-15
crm-order -q add --customer 星河科技 --line P:1:999 --terms 100%:0 \
    --date 2026-09-01 >/dev/null			# 3: a draft
crm-order -q add --customer 星河科技 --line P:1:888 --terms 100%:0 \
    --date 2026-09-01 >/dev/null			# 4: cancelled
crm-order -q cancel 4 --reason 作废
order 南方贸易 0.07 33.33%:0,33.33%:10,33.34%:20 2026-11-01	# 5
crm-pay -q account add --name 招行 >/dev/null

q() { sqlite3 "$CRM_DB" "$1"; }
# order N's instalments as paid/status, in cents
paid() {
	q "SELECT group_concat(paid || '/' || status, ' ') FROM (SELECT * FROM
	    instalments WHERE order_id = $1 ORDER BY seq)"
}
inst() { q "SELECT id FROM instalments WHERE order_id = $1 AND seq = $2"; }
snap() {
	q "SELECT id, customer_id, amount, date, method, ref, order_id,
	    account_id, allocated, reversed_at, reversed_by, reverse_reason
	    FROM receipts; SELECT id, receipt_id, instalment_id, amount, date
	    FROM allocations; SELECT id, paid, status FROM instalments" >"$1"
}
# the invariants, computed here: each instalment's paid and each
# receipt's allocated are the sums of their allocations, within bounds
sums_ok() {
	test "$(q "SELECT count(*) FROM instalments i WHERE paid <> (SELECT
	    coalesce(sum(amount), 0) FROM allocations WHERE instalment_id =
	    i.id) OR paid > amount OR (status = 'paid') <> (paid = amount AND
	    status <> 'cancelled')")" = 0 &&
	test "$(q "SELECT count(*) FROM receipts r WHERE allocated <> (SELECT
	    coalesce(sum(amount), 0) FROM allocations WHERE receipt_id = r.id)
	    OR allocated > amount")" = 0 &&
	crm check >/dev/null
}

t 'receive: the oldest open instalments first, across orders' '
	code 0 crm-pay receive --customer 星河科技 --amount 1,200.00 \
	    --method bank --ref B-001 --date 2026-11-02 && test "$(cat out)" = 1 &&
	test "$(paid 1)" = "30000/paid 40000/open" &&
	test "$(paid 2)" = "50000/paid" &&
	test "$(paid 3)" = "0/open" && test "$(paid 4)" = "0/cancelled" &&
	test "$(q "SELECT allocated FROM receipts WHERE id = 1")" = 120000 &&
	test "$(q "SELECT group_concat(amount || \"@\" || date, \" \") FROM
	    allocations WHERE receipt_id = 1")" = "30000@2026-11-02 50000@2026-11-02 40000@2026-11-02" &&
	! has err credit && sums_ok
'

t 'receive --order: that order only; the rest is credit' '
	code 0 crm-pay receive --customer 1 --order SO-2026-000001 \
	    --amount 350.01 --method wechat --date 2026-11-03 &&
	test "$(cat out)" = 2 && has err "credit is now 50.01" &&
	test "$(paid 1)" = "30000/paid 70000/paid" &&
	crm-pay receipt list -f csv --no-header --customer 星河科技 >l &&
	head -1 l >first &&
	printf "2,2026-11-03,星河科技,350.01,wechat,,SO-2026-000001,300.00,50.01,received,,,,,\n" >want &&
	same want first && sums_ok
'

t 'credit is applied at the next receipt, after the new money' '
	order 星河科技 100 100%:0 2026-11-10 &&
	o=$(q "SELECT max(id) FROM orders") &&
	code 0 crm-pay receive --customer 星河科技 --amount 0.01 --method cash \
	    --date 2026-11-12 && test "$(cat out)" = 3 && ! has err credit &&
	test "$(paid $o)" = "5002/open" &&
	test "$(q "SELECT allocated FROM receipts WHERE id = 2")" = 35001 &&
	test "$(q "SELECT date FROM allocations WHERE receipt_id = 2
	    ORDER BY id DESC LIMIT 1")" = 2026-11-12 && sums_ok
'

t 'receive --to: that instalment first, to the cent' '
	i=$(inst 5 3) &&
	code 0 crm-pay receive --customer 南方贸易 --amount 0.04 --method alipay \
	    --to "$i" --date 2026-11-20 &&
	test "$(paid 5)" = "1/open 0/open 3/paid" &&
	code 0 crm-pay receive --customer 南方贸易 --amount 0.03 --method card &&
	test "$(paid 5)" = "2/paid 2/paid 3/paid" && ! has err credit &&
	sums_ok
'

t 'reverse: the receipt stays, what it paid is open again' '
	code 0 crm-pay receipt reverse 1 --reason 退票 &&
	test "$(paid 1)" = "0/open 30000/open" && test "$(paid 2)" = "0/open" &&
	test "$(q "SELECT count(*) FROM receipts")" = 5 &&
	test "$(q "SELECT allocated || \" \" || reversed_by || \" \" ||
	    reverse_reason FROM receipts WHERE id = 1")" = "0 $ME 退票" &&
	test "$(q "SELECT sum(amount) FROM allocations WHERE receipt_id = 1
	    AND amount < 0")" = -120000 &&
	crm-pay receipt list -f csv --no-header | grep "^1," >l &&
	has l ",0.00,0.00,reversed," && sums_ok &&
	snap before &&
	code 65 crm-pay receipt reverse 1 --reason again &&
	has err "reversed already" &&
	code 64 crm-pay receipt reverse 2 && has err reason &&
	code 65 crm-pay receipt reverse 99 --reason x && has err "no receipt 99" &&
	snap after && same before after
'

t 'bad input names the field; nothing written' '
	snap before &&
	for a in 0 -5 1.234 十元 ""; do
		code 65 crm-pay receive --customer 1 --amount "$a" --method bank &&
		has err amount || exit 1
	done &&
	code 65 crm-pay receive --customer 1 --amount 5 --method bitcoin &&
	has err method &&
	code 65 crm-pay receive --customer 1 --amount 5 && has err method &&
	code 65 crm-pay receive --amount 5 --method bank && has err customer &&
	code 65 crm-pay receive --customer 北方 --amount 5 --method bank &&
	has err "field '\''customer_id'\''" &&
	code 65 crm-pay receive --customer 1 --amount 5 --method bank --date 2026-13-01 &&
	has err date &&
	code 65 crm-pay receive --customer 1 --amount 5 --method bank --order 5 &&
	has err "not customer 1" &&
	code 65 crm-pay receive --customer 1 --amount 5 --method bank --order 3 &&
	has err "is draft" &&
	code 65 crm-pay receive --customer 1 --amount 5 --method bank --order 4 &&
	has err "is cancelled" &&
	code 65 crm-pay receive --customer 1 --amount 5 --method bank --to "$(inst 3 1)" &&
	has err "--to" &&
	code 64 crm-pay receive --customer 1 --amount 5 --method bank --to x &&
	code 65 crm-pay receive --customer 1 --amount 5 --method bank --account 农行 &&
	has err "field '\''account_id'\''" &&
	snap after && same before after
'

t 'crm undo takes a receipt back, and a reversal' '
	snap before &&
	crm-pay -q receive --customer 1 --amount 100 --method bank >/dev/null &&
	run=$(crm log -f csv --no-header | tail -1 | cut -d, -f1) &&
	crm -q undo "$run" && snap after && same before after &&
	crm-pay -q receipt reverse 2 --reason 错账 &&
	run=$(crm log -f csv --no-header | tail -1 | cut -d, -f1) &&
	crm -q undo "$run" && snap after && same before after && sums_ok
'

t 'an account receives what is paid into it, less reversals' '
	crm-pay -q receive --customer 1 --amount 10.50 --method bank \
	    --account 招行 >/dev/null &&
	r=$(q "SELECT max(id) FROM receipts") &&
	crm-pay -q receive --customer 1 --amount 2 --method bank \
	    --account 招行 >/dev/null &&
	crm-pay -q receipt reverse "$r" --reason 退回 &&
	crm-pay account list -f csv --no-header >l &&
	has l "1,招行,bank,,0.00,2.00,0.00,2.00,true" && sums_ok
'

t 'who: finance records; reps read their own customers'\'' receipts' '
	snap before &&
	code 77 crm-pay receive --customer 1 --amount 1 --method cash --as li.lei &&
	code 77 crm-pay receive --customer 1 --amount 1 --method cash --as han.mei &&
	code 77 crm-pay receipt reverse 2 --reason x --as li.lei &&
	snap after && same before after &&
	code 0 crm-pay receive --customer 1 --amount 1 --method cash --as qian.cw &&
	crm-pay receipt list --as li.lei -f csv --no-header | cut -d, -f3 | sort -u >c &&
	printf "星河科技\n" >want && same want c &&
	crm-pay receipt list --as han.mei -f csv --no-header | cut -d, -f3 | sort -u >c &&
	same want c &&
	crm-pay receipt list --as wang.fang -f csv --no-header | cut -d, -f3 | sort -u >c &&
	printf "南方贸易\n" >want && same want c &&
	crm-pay receipt list --as li.lei -f csv --no-header >l &&
	! grep -q ",招行," l && crm-pay receipt list -f csv --no-header >l &&
	grep -q ",招行," l &&
	crm-pay receipt list --as ma.sc -f csv --no-header >m && test ! -s m &&
	code 65 crm-pay receipt show 1 --as wang.fang && has err "no receipt 1" &&
	! grep -q 星河 err &&
	code 0 crm-pay receipt show 1 --as li.lei -f table && has out allocations
'

t 'as OS users: finance receives, a rep may not, nor read another'\''s' '
	snap before &&
	code 77 as li.lei crm-pay receive --customer 1 --amount 1 --method cash &&
	snap after && same before after &&
	code 0 as qian.cw crm-pay receive --customer 南方贸易 --amount 0.01 \
	    --method cash && sums_ok &&
	r=$(cat out) &&
	code 65 as li.lei crm-pay receipt show "$r" && has err "no receipt $r" &&
	code 0 as wang.fang crm-pay receipt show "$r" -f csv && has out ",0.01," &&
	code 0 as qian.cw crm-pay receipt reverse "$r" --reason 错 && sums_ok
'

done_testing
