#!/bin/bash
# crm-pay invoice request|issue|void|list|show: invoices (开票申请). Never
# more invoiced (requested + issued, not void) than the order's total, to
# the cent; drafts and cancelled orders not invoiced; numbers unique;
# finance issues and voids (77 for a rep, with --as and as real OS
# users); invoices seen as their order is; crm undo of each step; bad
# input with nothing written; crm check, crm remind, crm trace.
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
order() {	# order CUSTOMER TOTAL DATE: a confirmed order
	crm-order -q add --customer "$1" --line "P:1:$2" --terms 100%:30 \
	    --date "$3" >/dev/null && crm-order -q confirm "$(crm-order list \
	    -f csv --no-header --sort -id --limit 1 | cut -d, -f1)"
}
order 星河科技 1000.05 2026-10-01			# 1
order 南方贸易 300 2026-10-05			# 2
crm-order -q add --customer 星河科技 --line P:1:50 --date 2026-11-01 \
    >/dev/null					# 3: a draft
crm-order -q add --customer 星河科技 --line P:1:70 --date 2026-11-01 \
    >/dev/null					# 4: cancelled
crm-order -q confirm 4 && crm-order -q cancel 4 --reason 客户取消

q() { sqlite3 "$CRM_DB" "$1"; }
snap() {
	q "SELECT * FROM invoices; SELECT count(*) FROM events" >"$1"
}
# the invoices as they stand, without the runs and times an undo moves
state() {
	q "SELECT id, order_id, customer_id, owner, amount, status, bill_to,
	    tax_id, number, issue_date, issued_by, voided_by, void_reason
	    FROM invoices" >"$1"
}
# what is invoiced of order N (cents), computed here
invoiced() {
	q "SELECT coalesce(sum(amount), 0) FROM invoices WHERE order_id = $1
	    AND status <> 'void'"
}
last_run() { crm log -f csv --no-header | tail -1 | cut -d, -f1; }

t 'request: an amount, then exactly the rest passes and a cent more fails' '
	code 0 crm-pay invoice request 1 --amount 400 --as li.lei &&
	test "$(cat out)" = 1 && test "$(invoiced 1)" = 40000 &&
	snap before &&
	code 65 crm-pay invoice request SO-2026-000001 --amount 600.06 \
	    --as li.lei &&
	has err "total 1000.05, invoiced 400.00, left 600.05" &&
	has err "600.06" && snap after && same before after &&
	code 0 crm-pay invoice request SO-2026-000001 --amount 600.05 \
	    --title "星河科技有限公司" --tax-id 91310000MA1FL0XX1X --as li.lei &&
	test "$(cat out)" = 2 && test "$(invoiced 1)" = 100005 &&
	code 65 crm-pay invoice request 1 --amount 0.01 && has err "left 0.00" &&
	code 65 crm-pay invoice request 1 && has err "invoiced in full" &&
	test "$(q "SELECT bill_to || \"|\" || tax_id || \"|\" || status || \"|\" ||
	    requested_by || \"|\" || owner || \"|\" || customer_id FROM invoices
	    WHERE id = 2")" = "星河科技有限公司|91310000MA1FL0XX1X|requested|li.lei|li.lei|1"
'

t 'request: without --amount, what is left; the title is the customer'\''s name' '
	code 0 crm-pay invoice request 2 --amount 100.01 --as qian.cw &&
	code 0 crm-pay invoice request 2 --as wang.fang &&
	test "$(q "SELECT amount || \" \" || bill_to FROM invoices
	    ORDER BY id DESC LIMIT 1")" = "19999 南方贸易" &&
	test "$(invoiced 2)" = 30000
'

t 'a draft or a cancelled order is not invoiced; nothing written' '
	snap before &&
	code 65 crm-pay invoice request 3 --amount 1 && has err "draft" &&
	code 65 crm-pay invoice request 4 --amount 1 && has err "cancelled" &&
	snap after && same before after
'

t 'bad input: the amount, the order, the number, the date; nothing written' '
	snap before &&
	for a in 0 -5 1.234 十元 abc; do
		code 65 crm-pay invoice request 1 --amount "$a" &&
		has err amount || exit 1
	done &&
	code 65 crm-pay invoice request 99 --amount 1 && has err "no order 99" &&
	code 65 crm-pay invoice request SO-1999-9 --amount 1 && has err "no order" &&
	code 64 crm-pay invoice request && has err "usage" &&
	code 64 crm-pay invoice issue 1 --date 2026-11-20 && has err number &&
	code 64 crm-pay invoice issue 1 --number 1 --date 2026-13-01 &&
	has err "--date" &&
	code 64 crm-pay invoice issue 1 --number 1 --date 明天吧 &&
	code 64 crm-pay invoice issue x --number 1 && has err "not an invoice id" &&
	code 65 crm-pay invoice issue 99 --number 1 && has err "no invoice 99" &&
	code 64 crm-pay invoice void 1 && has err reason &&
	code 64 crm-pay invoice void 1 --reason " " && has err reason &&
	code 0 crm-pay -n invoice issue 1 --number DRY-1 &&
	has out "invoice,1,update,number,,DRY-1" &&
	snap after && same before after
'

t 'issue: finance with a unique number; a rep is refused with 77' '
	snap before &&
	code 77 crm-pay invoice issue 1 --number 04410001 --as li.lei &&
	code 77 crm-pay invoice issue 1 --number 04410001 --as han.mei &&
	code 77 crm-pay invoice void 1 --reason x --as li.lei &&
	snap after && same before after &&
	code 0 crm-pay invoice issue 1 --number 04410001 --date 2026-11-20 \
	    --as qian.cw &&
	test "$(q "SELECT status || \" \" || number || \" \" || issue_date ||
	    \" \" || issued_by FROM invoices WHERE id = 1")" = "issued 04410001 2026-11-20 qian.cw" &&
	snap before &&
	code 65 crm-pay invoice issue 2 --number " 04410001 " --as qian.cw &&
	has err "number of invoice 1" &&
	code 65 crm-pay invoice issue 1 --number 04410002 && has err "issued already" &&
	snap after && same before after &&
	code 0 crm-pay invoice issue 2 --number 04410002 && crm check >/dev/null
'

t 'void: it no longer counts, and its room can be invoiced again' '
	code 0 crm-pay invoice void 2 --reason 抬头错误 --as qian.cw &&
	test "$(invoiced 1)" = 40000 &&
	test "$(q "SELECT status || \" \" || voided_by || \" \" || void_reason
	    FROM invoices WHERE id = 2")" = "void qian.cw 抬头错误" &&
	code 65 crm-pay invoice void 2 --reason again && has err "is void" &&
	code 65 crm-pay invoice issue 2 --number 9 && has err "is void" &&
	code 0 crm-pay invoice request 1 --as li.lei &&
	test "$(q "SELECT amount FROM invoices ORDER BY id DESC LIMIT 1")" = 60005 &&
	test "$(invoiced 1)" = 100005 && crm check >/dev/null
'

t 'undo: of a void that a later request used is refused; of each step' '
	v=$(q "SELECT max(id) FROM invoices") &&
	vrun=$(q "SELECT max(run) FROM events WHERE entity = \"invoice\" AND
	    entity_id = \"2\" AND field = \"status\" AND new = \"void\"") &&
	snap before &&
	code 65 crm undo "$vrun" && has err "more than order SO-2026-000001" &&
	snap after && same before after &&
	state before &&
	crm-pay -q invoice void "$v" --reason 重开 && run=$(last_run) &&
	crm -q undo "$run" && state after && same before after &&
	crm-pay -q invoice issue "$v" --number 04410003 --date 2026-11-21 &&
	run=$(last_run) && crm -q undo "$run" && state after &&
	same before after &&
	test "$(q "SELECT status || \"|\" || coalesce(number, \"\") FROM invoices
	    WHERE id = $v")" = "requested|" &&
	crm-pay -q invoice void "$v" --reason x && state before &&
	crm-pay -q invoice request 1 --amount 0.01 >/dev/null &&
	run=$(last_run) && crm -q undo "$run" && state after &&
	same before after && crm check >/dev/null
'

t 'list and show: filters; who sees what' '
	crm-pay invoice list -f csv --no-header --order SO-2026-000001 |
	    cut -d, -f1 >l && printf "1\n2\n5\n" >want && head -3 l >l3 &&
	same want l3 &&
	crm-pay invoice list -f csv --no-header --status void | cut -d, -f1 >l &&
	has l 2 &&
	crm-pay invoice list -f csv --no-header --customer 南方贸易 |
	    cut -d, -f4 | sort -u >o && printf "wang.fang\n" >want && same want o &&
	crm-pay invoice list --as li.lei -f csv --no-header --mine |
	    cut -d, -f4 | sort -u >o && printf "li.lei\n" >want && same want o &&
	crm-pay invoice list --as han.mei -f csv --no-header | cut -d, -f4 |
	    sort -u >o && same want o &&
	crm-pay invoice list --as wang.fang -f csv --no-header | cut -d, -f4 |
	    sort -u >o && printf "wang.fang\n" >want && same want o &&
	crm-pay invoice list --as qian.cw -f csv --no-header | cut -d, -f4 |
	    sort -u >o && printf "li.lei\nwang.fang\n" >want && same want o &&
	crm-pay invoice list --as ma.sc -f csv --no-header >m && test ! -s m &&
	code 65 crm-pay invoice show 1 --as wang.fang && has err "no invoice 1" &&
	! grep -q 星河 err &&
	code 65 crm-pay invoice issue 1 --number 7 --as wang.fang &&
	has err "no invoice 1" &&
	code 65 crm-pay invoice request 1 --amount 1 --as wang.fang &&
	has err "no order 1" &&
	code 0 crm-pay invoice show 1 --as li.lei -f table && has out 04410001
'

t 'an order changing hands takes its invoices with it' '
	crm-order -q edit 2 --owner li.lei &&
	test "$(q "SELECT group_concat(DISTINCT owner) FROM invoices
	    WHERE order_id = 2")" = li.lei && crm check >/dev/null &&
	crm-order -q edit 2 --owner wang.fang
'

t 'crm check finds an order invoiced for more than its total' '
	crm check >/dev/null &&
	cp "$CRM_DB" bad.db &&
	sqlite3 bad.db "UPDATE invoices SET amount = 100006 WHERE id = 1" &&
	CRM_DB=bad.db code 1 crm check -f csv &&
	has out "invoiced for more than its total" ||
	{ CRM_DB=bad.db crm check -f csv; exit 1; }
'

t 'crm remind tells finance of requests; crm trace order lists invoices' '
	crm remind --as qian.cw -f csv --no-header >r &&
	grep -q ",invoice_request,invoice," r &&
	n=$(grep -c ",invoice_request," r) &&
	test "$n" = "$(q "SELECT count(*) FROM invoices WHERE status =
	    \"requested\"")" &&
	crm remind --as li.lei -f csv --no-header >r &&
	! grep -q invoice_request r &&
	crm trace order 1 --as li.lei -f csv --no-header >tr &&
	has tr "invoice,1,04410001,issued,li.lei,true" &&
	crm trace invoice 1 --as han.mei -f csv --no-header >tr &&
	has tr "order,1,SO-2026-000001,confirmed,li.lei,true" &&
	code 65 crm trace invoice 1 --as wang.fang &&
	crm trace order 2 --as li.lei -f csv --no-header >tr 2>&1 || true &&
	! grep -q "^invoice" tr
'

t 'as OS users: the rep requests, may not issue; finance issues' '
	o=$(q "SELECT id FROM orders WHERE status = \"confirmed\" LIMIT 1") &&
	crm-order -q add --customer 星河科技 --line P:1:20 --date 2026-11-02 \
	    >/dev/null && o=$(q "SELECT max(id) FROM orders") &&
	crm-order -q confirm "$o" &&
	code 0 as li.lei crm-pay invoice request "$o" && i=$(cat out) &&
	snap before &&
	code 77 as li.lei crm-pay invoice issue "$i" --number OS-1 &&
	code 65 as wang.fang crm-pay invoice show "$i" &&
	code 65 as wang.fang crm-pay invoice issue "$i" --number OS-1 &&
	snap after && same before after &&
	code 0 as qian.cw crm-pay invoice issue "$i" --number OS-1 &&
	test "$(q "SELECT issued_by FROM invoices WHERE id = $i")" = qian.cw &&
	code 0 as qian.cw crm-pay invoice void "$i" --reason 作废
'

t 'zh_CN: the refusal and the list in Chinese' '
	LANGUAGE=zh_CN code 65 crm-pay invoice request 1 --amount 1,000,000 &&
	has err "超过了可开票余额" &&
	LANGUAGE=zh_CN crm-pay invoice list -f table --status issued >l &&
	has l "已开具"
'

done_testing
