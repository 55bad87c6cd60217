#!/bin/bash
# crm-order quote: add with lines priced from the catalogue or the line,
# money exact to the cent (checked against awk), every refusal, the
# approval matrix of quote.approval (each threshold on both sides, the
# manager's manager, finance), reject, undo, and who sees and decides
# which quote, with --as and as real OS users.
. "$(dirname "$0")/lib.sh"
team_db ||
    { echo "not ok 1 - access tests need root: $(os_users 2>&1)"; exit 1; }
os_users han.mei li.lei
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
crm-customer -q add --name 公海客户 --region 华东 >/dev/null
crm-customer -q add --name 韩的客户 --owner han.mei >/dev/null
crm-order -q product add --sku AB-100 --name 工业路由器 --price 1299.50 >/dev/null
crm-order -q product add --sku X-1 --name 网线 --price 0.35 >/dev/null
crm-order -q product add --sku OLD-1 --name 旧型号 --price 10 >/dev/null
crm-order -q product retire OLD-1
crm-deal -q add --customer 星河科技 --name 组网 >/dev/null
crm-deal -q add --customer 南方贸易 --name 南方组网 >/dev/null

# every row of the quote tables, to show a refusal wrote nothing
snap() {
	sqlite3 "$CRM_DB" "SELECT * FROM quotes; SELECT * FROM quote_lines;
	    SELECT * FROM quote_approvals" >"$1"
}

# cents of qty × price × (1 − discount%), half-up; awk's doubles are
# exact for these sizes
cents() {
	awk -v q="$1" -v p="$2" -v d="$3" 'BEGIN {
	    printf "%d\n", int((q * p * (10000 - d * 100) + 5000) / 10000) }'
}

t 'add: catalogue or line prices, discounts; exact to the cent (awk)' '
	code 0 crm-order --as li.lei quote add --customer 星河 \
	    --line AB-100:3::12.5% --line X-1:7 --line X-1:1:0.25:10 \
	    --line X-1:1:0.05:50 --line AB-100:2:999.99:33.33 \
	    --valid-until 2026-12-31 &&
	test "$(cat out)" = 1 &&
	a=$(cents 3 129950 12.5) && b=$(cents 7 35 0) && c=$(cents 1 25 10) &&
	d=$(cents 1 5 50) && f=$(cents 2 99999 33.33) &&
	test "$c" = 23 && test "$d" = 3 &&
	sum=$((a + b + c + d + f)) &&
	want=$(printf "%d.%02d" $((sum / 100)) $((sum % 100))) &&
	crm-order quote show 1 -f yaml >y && has y "total: $want" &&
	has y "owner: li.lei" && has y "status: draft" &&
	# the largest cut off the catalogue: X-1 at 0.05 less 50% of 0.35
	# (crm-order(1): a price typed below the catalogue price is a cut)
	has y "max_discount: 92.86" && has y "gross: 5901.23" &&
	has y "valid_until: \"2026-12-31\"" &&
	sqlite3 "$CRM_DB" "SELECT amount FROM quote_lines WHERE quote_id = 1
	    ORDER BY line" >amounts &&
	printf "%s\n" "$a" "$b" "$c" "$d" "$f" >want && same want amounts
'

t 'show prints the lines (catalogue names) and the totals' '
	crm-order quote show 1 -f table >s &&
	has s 工业路由器 && has s "3,411.19" && has s "12.50" &&
	has s gross && has s "5,901.23" && has s "1,153.94" && has s total &&
	has s "$(crm-order quote show 1 -f yaml | sed -n "s/^ *total: //p" |
	    sed "s/^\([0-9]\)\([0-9][0-9][0-9]\)\./\1,\2./")" &&
	code 0 crm-order quote list --status draft && has out "li.lei"
'

t 'a refused line is named; nothing is written' '
	snap before &&
	code 65 crm-order quote add --customer 1 --line X-1:1 --line NOPE:1 &&
	has err "--line 2 '\''NOPE:1'\''" && has err "no product" &&
	code 65 crm-order quote add --customer 1 --line OLD-1:1 &&
	has err "--line 1 '\''OLD-1:1'\''" && has err "retired" &&
	for q in 0 1.5 x -1 ""; do
		code 65 crm-order quote add --customer 1 --line "X-1:$q" &&
		has err "quantity" || exit 1
	done &&
	code 65 crm-order quote add --customer 1 --line X-1:1:-1 &&
	has err "price" &&
	code 65 crm-order quote add --customer 1 --line X-1:1:十块 &&
	has err "X-1:1:十块" &&
	code 65 crm-order quote add --customer 1 --line X-1:1:1.234 &&
	for d in 101 12.345 abc 5%% -1; do
		code 65 crm-order quote add --customer 1 --line "X-1:1::$d" &&
		has err "discount" || exit 1
	done &&
	code 65 crm-order quote add --customer 1 \
	    --line X-1:999999999:9999999999 && has err "too large" &&
	code 64 crm-order quote add --customer 1 --line X-1 &&
	has err "SKU:QTY" &&
	code 64 crm-order quote add --customer 1 && has err "--line" &&
	code 64 crm-order quote add --line X-1:1 && has err "--customer" &&
	code 65 crm-order quote add --customer 无此客户 --line X-1:1 &&
	has err "customer" &&
	code 65 crm-order quote add --customer 1 --deal 2 --line X-1:1 &&
	has err "deal 2 is not customer 1" &&
	code 65 crm-order quote add --customer 1 --deal 9 --line X-1:1 &&
	has err "no deal 9" &&
	code 65 crm-order quote add --customer 1 --line X-1:1 \
	    --valid-until 明天 && has err "valid_until" &&
	code 65 crm-order --as li.lei quote add --customer 南方 --line X-1:1 &&
	has err "customer" && ! has err wang.fang &&
	code 65 crm-order --as li.lei quote add --customer 1 --deal 2 \
	    --line X-1:1 && has err "no deal 2" &&
	code 77 crm-order --as li.lei quote add --customer 公海 --line X-1:1 &&
	has err "claim it first" &&
	code 77 crm-order --as qian.cw quote add --customer 1 --line X-1:1 &&
	code 77 crm-order --as ma.sc quote add --customer 1 --line X-1:1 &&
	snap after && same before after
'

t 'add: the owner is the deal'\''s or the customer'\''s' '
	code 0 crm-order quote add --customer 1 --deal 1 --line X-1:1 &&
	id=$(cat out) && crm-order quote show $id -f yaml >y &&
	has y "owner: li.lei" && has y "deal_id: 1" &&
	code 0 crm-order --as liu.jl quote add --customer 南方 --line X-1:1 &&
	crm-order quote show $(cat out) -f yaml >y && has y "owner: wang.fang"
'

t 'a quoted deal cannot be deleted (the quote names it)' '
	crm-deal export >before &&
	code 65 crm-deal delete 1 && has err "has quotes" &&
	crm-deal export >after && same before after
'

# q = a new draft of li.lei with these lines; prints its id
q() {
	args=
	for l in "$@"; do args="$args --line $l"; done
	crm-order --as li.lei quote add --customer 1 $args
}
status() {
	crm-order quote show "$1" -f yaml | sed -n "s/^ *status: //p"
}

t 'within the thresholds: approved on submit (10% and 100000.00 exactly)' '
	a=$(q X-1:1:1:10) && code 0 crm-order --as li.lei quote submit $a &&
	test "$(status $a)" = approved &&
	b=$(q X-1:1:100000) && code 0 crm-order --as li.lei quote submit $b &&
	test "$(status $b)" = approved &&
	crm-order quote show $b -f table >s && has s "(none)"
'

t 'over the manager'\''s discount: the owner'\''s manager approves' '
	a=$(q X-1:1:1:10.01) && code 0 crm-order --as li.lei quote submit $a &&
	test "$(status $a)" = submitted &&
	snap before &&
	code 77 crm-order --as li.lei quote approve $a &&
	has err "awaits no approval of yours (it awaits: manager)" &&
	code 77 crm-order --as qian.cw quote approve $a &&
	code 65 crm-order --as liu.jl quote approve $a &&
	has err "no quote $a" &&
	code 65 crm-order --as ma.sc quote approve $a &&
	snap after && same before after &&
	code 0 crm-order --as han.mei quote approve $a &&
	test "$(status $a)" = approved &&
	crm-order quote show $a -f table >s && has s "manager  han.mei" &&
	has s approved &&
	code 65 crm-order --as han.mei quote approve $a &&
	has err "is approved, not submitted"
'

t 'over the manager'\''s total (100000.01); the manager'\''s manager may' '
	a=$(q X-1:1:100000.01) && crm-order --as li.lei quote submit $a &&
	test "$(status $a)" = submitted &&
	code 0 crm-order --as zhou.zong quote approve $a &&
	test "$(status $a)" = approved &&
	crm-order quote show $a -f yaml >y && has y "approved_by: manager"
'

t 'over finance'\''s total: the manager and finance, in either order' '
	a=$(q X-1:1:500000) && crm-order --as li.lei quote submit $a &&
	code 0 crm-order --as han.mei quote approve $a &&
	test "$(status $a)" = approved &&
	b=$(q X-1:1:500000.01) && crm-order --as li.lei quote submit $b &&
	code 0 crm-order --as han.mei quote approve $b &&
	test "$(status $b)" = submitted &&
	code 77 crm-order --as zhou.zong quote approve $b &&
	has err "it awaits: finance" &&
	code 0 crm-order --as qian.cw quote approve $b &&
	test "$(status $b)" = approved &&
	c=$(q X-1:2:300000) && crm-order --as li.lei quote submit $c &&
	code 0 crm-order --as qian.cw quote approve $c &&
	test "$(status $c)" = submitted &&
	code 77 crm-order --as qian.cw quote approve $c &&
	code 0 crm-order --as han.mei quote approve $c &&
	test "$(status $c)" = approved &&
	crm-order quote show $c -f table >s && has s "finance  qian.cw" &&
	has s "manager  han.mei"
'

t 'a manager'\''s own quote needs their manager; an admin approves all' '
	code 0 crm-order --as han.mei quote add --customer 韩的客户 \
	    --line X-1:1:200000 && a=$(cat out) &&
	crm-order --as han.mei quote submit $a &&
	code 77 crm-order --as han.mei quote approve $a &&
	code 0 crm-order --as zhou.zong quote approve $a &&
	b=$(q X-1:1:600000) && crm-order --as li.lei quote submit $b &&
	code 0 crm-order quote approve $b && test "$(status $b)" = submitted &&
	code 0 crm-order quote approve $b && test "$(status $b)" = approved &&
	crm-order quote show $b -f yaml >y &&
	has y "approved_by: manager, finance"
'

t 'reject needs a reason; a rejected quote is final' '
	a=$(q X-1:1:1:50) && crm-order --as li.lei quote submit $a &&
	snap before &&
	code 64 crm-order --as han.mei quote reject $a && has err "--reason" &&
	code 77 crm-order --as li.lei quote reject $a --reason 不行 &&
	snap after && same before after &&
	code 0 crm-order --as han.mei quote reject $a --reason 折扣太大 &&
	test "$(status $a)" = rejected &&
	crm-order quote show $a -f table >s && has s 折扣太大 && has s rejected &&
	code 65 crm-order --as li.lei quote submit $a &&
	has err "is rejected, not draft" &&
	code 65 crm-order --as han.mei quote approve $a
'

t 'submit: only a draft, not past valid_until, by who may change it' '
	a=$(q X-1:1) && code 0 crm-order --as li.lei quote submit $a &&
	code 65 crm-order --as li.lei quote submit $a &&
	has err "is approved, not draft" &&
	b=$(crm-order --as li.lei quote add --customer 1 --line X-1:1:1:20 \
	    --valid-until 2026-11-23) &&
	snap before &&
	code 65 crm-order --as li.lei quote submit $b &&
	has err "valid until 2026-11-23" &&
	code 77 crm-order --as qian.cw quote submit $b &&
	code 65 crm-order --as wang.fang quote submit $b &&
	has err "no quote $b" &&
	code 65 crm-order --as li.lei quote submit $a $b &&
	snap after && same before after
'

t 'the approval thresholds follow quote.approval' '
	crm config set quote.approval "{manager: {discount: 5}}" &&
	a=$(q X-1:1:1000000:5) && crm-order --as li.lei quote submit $a &&
	test "$(status $a)" = approved &&
	b=$(q X-1:1:1:5.01) && crm-order --as li.lei quote submit $b &&
	test "$(status $b)" = submitted &&
	crm config unset quote.approval
'

t 'who sees quotes: owner and managers, finance all, marketing none' '
	crm-order --as li.lei quote list -f csv --no-header >l &&
	! grep -qv li.lei l &&
	crm-order --as han.mei quote list -f csv --no-header >l &&
	has l li.lei && has l han.mei && ! has l wang.fang &&
	crm-order --as qian.cw quote list -f csv --no-header >l &&
	has l wang.fang && has l li.lei &&
	code 0 crm-order --as ma.sc quote list -f csv --no-header &&
	test ! -s out &&
	code 65 crm-order --as ma.sc quote show 1 && has err "no quote 1" &&
	code 65 crm-order --as wang.fang quote show 1 &&
	has err "no quote 1" && ! has err li.lei &&
	code 0 crm-order --as qian.cw quote show 1
'

t 'undo: an approval, and an add with its lines' '
	a=$(q X-1:1:1:20) && crm-order --as li.lei quote submit $a &&
	crm-order --as han.mei quote approve $a &&
	run=$(crm log -f csv --no-header | tail -1 | cut -d, -f1) &&
	code 0 crm undo "$run" && test "$(status $a)" = submitted &&
	crm-order quote show $a -f table >s && has s "(none)" &&
	b=$(q X-1:3) &&
	run=$(crm log -f csv --no-header | tail -1 | cut -d, -f1) &&
	code 0 crm undo "$run" && code 65 crm-order quote show $b &&
	test "$(sqlite3 "$CRM_DB" "SELECT count(*) FROM quote_lines
	    WHERE quote_id = $b")" = 0 &&
	code 0 crm check
'

t 'as OS users: a rep adds and submits, the manager approves' '
	code 0 as li.lei crm-order quote add --customer 1 --line AB-100:100 &&
	a=$(cat out) && code 0 as li.lei crm-order quote submit $a &&
	test "$(status $a)" = submitted &&
	code 77 as li.lei crm-order quote approve $a &&
	code 0 as han.mei crm-order quote approve $a &&
	test "$(status $a)" = approved &&
	crm log -f csv >log && has log "han.mei" && has log "li.lei"
'

done_testing
