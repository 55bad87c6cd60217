#!/bin/bash
# crm-order confirm, cancel, complete and edit: every legal and illegal
# move of an order's status machine (draft → confirmed → shipped →
# delivered → completed, or cancelled), a refused one naming the status
# and writing nothing; what edit changes when; crm undo of each; who sees
# and changes orders, with --as and as real OS users.
. "$(dirname "$0")/lib.sh"
team_db ||
    { echo "not ok 1 - access tests need root: $(os_users 2>&1)"; exit 1; }
os_users han.mei li.lei wang.fang qian.cw
crm -q user add zhou.zong --name 周总 --role manager --region 华东
crm -q user add han.mei --name 韩梅梅 --role manager --region 华东 \
    --manager zhou.zong
crm -q user add li.lei --name 李雷 --role rep --region 华东 --manager han.mei
crm -q user add liu.jl --name 刘经理 --role manager --region 华南
crm -q user add wang.fang --name 王芳 --role rep --region 华南 --manager liu.jl
crm -q user add qian.cw --name 钱财务 --role finance
crm -q user add ma.sc --name 马市场 --role marketing
crm-customer -q add --name 星河科技 --owner li.lei >/dev/null
crm-customer -q add --name 南方贸易 --owner wang.fang >/dev/null
crm-order -q product add --sku AB-100 --name 工业路由器 --price 1299.50 >/dev/null
crm-order -q product add --sku X-1 --name 网线 --price 0.35 >/dev/null

snap() {
	sqlite3 "$CRM_DB" "SELECT id, number, owner, status, deliver_by, terms,
	    total, cancel_reason, note FROM orders;
	    SELECT * FROM order_lines;
	    SELECT id, order_id, seq, percent, due_date, amount, paid, status
	    FROM instalments ORDER BY id" >"$1"
}
status() {
	crm-order show "$1" -f yaml | sed -n "s/^ *status: //p"
}
last_run() {
	crm log -f csv --no-header | tail -1 | cut -d, -f1
}
# o: a new draft of li.lei's, its id
o() {
	crm-order --as li.lei add --customer 1 --line X-1:10 \
	    --terms 30%:0,70%:30 "$@"
}
# the shipments' tool (crm-order ship) moves an order to shipped and
# delivered; here the test puts it there
put() {
	sqlite3 "$CRM_DB" "UPDATE orders SET status = '$2' WHERE id = $1"
}
refused() {	# refused ORDER VERB STATUS WHAT: 65 naming the status
	snap before &&
	if [ "$2" = cancel ]; then
		code 65 crm-order cancel "$1" --reason x
	else
		code 65 crm-order "$2" "$1"
	fi &&
	has err "is $3: only $4" && snap after && same before after
}

t 'draft → confirmed → shipped → delivered → completed; the rest refused' '
	a=$(o) && num=$(crm-order show $a -f yaml | sed -n "s/^ *number: //p") &&
	refused $a complete draft "a delivered order is completed" &&
	has err "order $a '\''$num'\'' is draft" &&
	code 0 crm-order confirm $a && test "$(status $a)" = confirmed &&
	refused $a confirm confirmed "a draft is confirmed" &&
	refused $a complete confirmed "a delivered order is completed" &&
	put $a shipped &&
	refused $a confirm shipped "a draft is confirmed" &&
	refused $a cancel shipped "a draft or confirmed order is cancelled" &&
	refused $a complete shipped "a delivered order is completed" &&
	put $a delivered &&
	refused $a confirm delivered "a draft is confirmed" &&
	refused $a cancel delivered "a draft or confirmed order is cancelled" &&
	code 0 crm-order complete $a && test "$(status $a)" = completed &&
	refused $a confirm completed "a draft is confirmed" &&
	refused $a cancel completed "a draft or confirmed order is cancelled" &&
	refused $a complete completed "a delivered order is completed" &&
	code 0 crm check
'

t 'cancel: a draft or a confirmed one, with the reason; open instalments too' '
	a=$(o) && b=$(o) && crm-order confirm $b &&
	code 64 crm-order cancel $a && has err "--reason" &&
	code 0 crm-order cancel $a --reason 客户取消 &&
	test "$(status $a)" = cancelled &&
	crm-order show $a -f yaml >y && has y "cancel_reason: 客户取消" &&
	test "$(sqlite3 "$CRM_DB" "SELECT group_concat(status) FROM
	    instalments WHERE order_id = $a")" = cancelled,cancelled &&
	refused $a confirm cancelled "a draft is confirmed" &&
	refused $a cancel cancelled "a draft or confirmed order is cancelled" &&
	refused $a complete cancelled "a delivered order is completed" &&
	# what was paid of it is credit of the customer again (crm-pay)
	crm-pay -q receive --customer 1 --order $b --amount 1.05 \
	    --method bank >/dev/null &&
	code 0 crm-order cancel $b --reason 缺货 &&
	test "$(sqlite3 "$CRM_DB" "SELECT group_concat(status) FROM (SELECT
	    status FROM instalments WHERE order_id = $b ORDER BY seq)")" \
	    = cancelled,cancelled &&
	test "$(sqlite3 "$CRM_DB" "SELECT sum(paid) FROM instalments
	    WHERE order_id = $b")" = 0 &&
	crm-order list --status cancelled -f csv --no-header >l &&
	grep -q "^$a," l && grep -q "^$b," l
'

t 'several ids at once: all or none' '
	a=$(o) && b=$(o) && put $b shipped && snap before &&
	code 65 crm-order confirm $a $b && has err "argument 2" &&
	code 65 crm-order cancel $a $b --reason x &&
	snap after && same before after &&
	code 0 crm-order --dry-run confirm $a && test "$(status $a)" = draft &&
	c=$(o) && code 0 crm-order confirm $a $c &&
	test "$(status $a)" = confirmed && test "$(status $c)" = confirmed
'

t 'edit: a draft'\''s lines and terms make the plan anew' '
	a=$(o) &&
	code 0 crm-order edit $a --line AB-100:2::10 --line X-1:3 &&
	crm-order show $a -f yaml >y && has y "total: 2340.15" &&
	test "$(sqlite3 "$CRM_DB" "SELECT group_concat(amount) FROM (SELECT
	    amount FROM instalments WHERE order_id = $a ORDER BY seq)")" \
	    = 70205,163810 &&
	code 0 crm-order edit $a --terms 100%:45 &&
	test "$(sqlite3 "$CRM_DB" "SELECT group_concat(due_date || \" \" ||
	    amount) FROM instalments WHERE order_id = $a")" \
	    = "2027-01-08 234015" &&
	ids=$(sqlite3 "$CRM_DB" "SELECT group_concat(id) FROM instalments
	    WHERE order_id = $a") &&
	code 0 crm-order edit $a --note 加急 --deliver-by 2026-12-01 &&
	test "$(sqlite3 "$CRM_DB" "SELECT group_concat(id) FROM instalments
	    WHERE order_id = $a")" = "$ids" &&
	code 0 crm check
'

t 'edit: not a confirmed order'\''s lines or terms; its note, date, owner' '
	a=$(o) && crm-order confirm $a && snap before &&
	code 65 crm-order edit $a --line X-1:1 &&
	has err "is confirmed: only a draft'\''s lines and terms change" &&
	code 65 crm-order edit $a --terms 100%:0 && has err "is confirmed" &&
	code 64 crm-order edit $a --set status=draft && has err status &&
	code 64 crm-order edit $a --set total=1 && has err "the lines" &&
	code 64 crm-order edit $a --set customer_id=2 &&
	has err "does not change" &&
	code 64 crm-order edit $a --set order_date=2026-01-01 &&
	code 64 crm-order edit $a --set number=X &&
	code 65 crm-order edit $a --deliver-by 2026-11-01 &&
	has err "before the order date" &&
	code 65 crm-order edit $a --owner ma.sc &&
	code 65 crm-order edit $a --owner "" && has err owner &&
	code 77 crm-order --as li.lei edit $a --owner wang.fang &&
	snap after && same before after &&
	code 0 crm-order edit $a --note 改期 --deliver-by 2026-12-20 &&
	code 0 crm-order --as han.mei edit $a --owner han.mei &&
	crm-order show $a -f yaml >y && has y "owner: han.mei" &&
	has y "note: 改期" && has y "deliver_by: \"2026-12-20\""
'

t 'undo: confirm, cancel (instalments open again), an edit of lines' '
	a=$(o) && snap s0 &&
	crm-order confirm $a && r1=$(last_run) && snap s1 &&
	crm-order cancel $a --reason 不要了 && r2=$(last_run) &&
	code 0 crm undo $r2 && snap now && same s1 now &&
	code 0 crm undo $r1 && snap now && same s0 now &&
	crm-order edit $a --line AB-100:1 --terms 50%:0,50%:10 &&
	r3=$(last_run) && code 0 crm undo $r3 && snap now && same s0 now &&
	code 0 crm undo $(last_run) &&
	crm-order show $a -f yaml >y && has y "total: 1299.50" &&
	code 0 crm check
'

t 'who sees orders: owner and managers; finance reads all; marketing none' '
	a=$(o) && w=$(crm-order add --customer 南方 --line X-1:1) &&
	for u in li.lei han.mei zhou.zong qian.cw; do
		crm-order --as $u show $a >/dev/null || exit 1
	done &&
	crm-order --as li.lei list -f csv --no-header >l &&
	! grep -q "^$w," l && grep -q "^$a," l &&
	crm-order --as qian.cw list -f csv --no-header >l &&
	grep -q "^$w," l && grep -q "^$a," l &&
	code 0 crm-order --as ma.sc list -f csv --no-header && test ! -s out &&
	snap before &&
	for u in wang.fang liu.jl ma.sc; do
		code 65 crm-order --as $u show $a && has err "no order $a" &&
		! has err li.lei &&
		code 65 crm-order --as $u confirm $a &&
		code 65 crm-order --as $u cancel $a --reason x &&
		code 65 crm-order --as $u edit $a --note x || exit 1
	done &&
	code 77 crm-order --as qian.cw confirm $a &&
	code 77 crm-order --as qian.cw edit $a --note x &&
	code 65 crm-order --as li.lei confirm $w && has err "no order $w" &&
	snap after && same before after &&
	code 0 crm-order --as zhou.zong confirm $a
'

t 'as OS users: a rep adds and confirms, the manager cancels' '
	code 0 as li.lei crm-order add --customer 1 --line AB-100:1 &&
	a=$(cat out) && code 0 as li.lei crm-order confirm $a &&
	test "$(status $a)" = confirmed &&
	code 65 as wang.fang crm-order show $a && has err "no order $a" &&
	code 65 as wang.fang crm-order cancel $a --reason x &&
	code 0 as qian.cw crm-order show $a &&
	code 77 as qian.cw crm-order cancel $a --reason x &&
	code 0 as han.mei crm-order cancel $a --reason 客户变更 &&
	test "$(status $a)" = cancelled &&
	crm log -f csv >log && has log "han.mei" && has log "li.lei"
'

done_testing
