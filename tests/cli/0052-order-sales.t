#!/bin/bash
# crm-order add, list, show and quote accept: sales orders (销售订单) —
# money exact to the cent against hand-computed totals, payment terms
# whose instalments sum exactly to the total, every refusal with nothing
# written, numbers 1..N per year under concurrent adds and after undo,
# crm check's invariants, crm trace, the customer's last order date.
. "$(dirname "$0")/lib.sh"
crm init 2>/dev/null
crm -q user add han.mei --name 韩梅梅 --role manager --region 华东
crm -q user add li.lei --name 李雷 --role rep --region 华东 --manager han.mei
crm -q user add wang.fang --name 王芳 --role rep --region 华南
crm -q user add qian.cw --name 钱财务 --role finance
crm -q user add ma.sc --name 马市场 --role marketing
crm-customer -q add --name 星河科技 --owner li.lei >/dev/null
crm-customer -q add --name 南方贸易 --owner wang.fang >/dev/null
crm-customer -q add --name 公海客户 --region 华东 >/dev/null
crm-order -q product add --sku AB-100 --name 工业路由器 --price 1299.50 >/dev/null
crm-order -q product add --sku X-1 --name 网线 --price 0.35 >/dev/null
crm-order -q product add --sku OLD-1 --name 旧型号 --price 10 >/dev/null
crm-order -q product retire OLD-1
crm-deal -q add --customer 星河科技 --name 组网 >/dev/null
crm-deal -q add --customer 南方贸易 --name 南方组网 >/dev/null

# every row of the order tables, to show a refusal wrote nothing
snap() {
	sqlite3 "$CRM_DB" "SELECT * FROM orders; SELECT * FROM order_lines;
	    SELECT * FROM instalments; SELECT * FROM order_numbers;
	    SELECT id, status, approved_by FROM quotes;
	    SELECT id, last_order_at FROM customers" >"$1"
}
field() {	# field ORDER NAME: one field of show -f yaml
	crm-order show "$1" -f yaml | sed -n "s/^ *$2: //p"
}
last_run() {
	crm log -f csv --no-header | tail -1 | cut -d, -f1
}

t 'add: lines priced exactly, hand-computed; number, owner, date, terms' '
	code 0 crm-order add --customer 星河 --line AB-100:3::12.5% \
	    --line X-1:7 --line X-1:1:0.25:10 --line X-1:1:0.05:50 \
	    --line AB-100:2:999.99:33.33 --deliver-by 2026-12-10 &&
	test "$(cat out)" = 1 &&
	# 3 × 1299.50 × 0.875 = 3411.1875; 7 × 0.35; 0.25 × 0.9 = 0.225;
	# 0.05 × 0.5 = 0.025; 2 × 999.99 × 0.6667 = 1333.386666: half-up
	sqlite3 "$CRM_DB" "SELECT amount FROM order_lines WHERE order_id = 1
	    ORDER BY line" >amounts &&
	printf "%s\n" 341119 245 23 3 133339 >want && same want amounts &&
	crm-order show 1 -f yaml >y &&
	has y "number: SO-2026-000001" && has y "total: 4747.29" &&
	has y "owner: li.lei" && has y "status: draft" &&
	has y "order_date: \"2026-11-24\"" && has y "terms: 100%:30" &&
	has y "deliver_by: \"2026-12-10\"" &&
	test "$(sqlite3 "$CRM_DB" "SELECT group_concat(due_date || \" \" ||
	    amount || \" \" || status) FROM instalments WHERE order_id = 1")" \
	    = "2026-12-24 474729 open"
'

t 'show: lines with gross, discount and total, and the instalments' '
	crm-order show 1 -f table >s &&
	has s 工业路由器 && has s "3,411.19" && has s "1,333.39" &&
	has s "gross" && has s "5,901.23" && has s "1,153.94" &&
	has s "4,747.29" && has s "instalments:" && has s "2026-12-24" &&
	crm-order show SO-2026-000001 -f yaml >a && crm-order show 1 -f yaml >b &&
	same a b && crm-order show 2026-000001 -f yaml >c && same a c &&
	code 65 crm-order show 99 && has err "no order 99" &&
	code 65 crm-order show SO-1999-1 && has err "no order"
'

t 'terms: instalments sum to the total exactly, the last takes the rest' '
	code 0 crm-order add --customer 1 --line AB-100:3::12.5% \
	    --line X-1:7 --line X-1:1:0.25:10 --line X-1:1:0.05:50 \
	    --line AB-100:2:999.99:33.33 --terms "30%:0, 60%:30,10%:90" &&
	o=$(cat out) && test "$(field $o terms)" = "30%:0,60%:30,10%:90" &&
	# 30% of 4747.29 = 1424.187; 60% = 2848.374; the rest 474.73
	sqlite3 "$CRM_DB" "SELECT seq, percent, due_date, amount, paid, status
	    FROM instalments WHERE order_id = $o ORDER BY seq" >got &&
	printf "%s\n" "1|3000|2026-11-24|142419|0|open" \
	    "2|6000|2026-12-24|284837|0|open" \
	    "3|1000|2027-02-22|47473|0|open" >want && same want got &&
	code 0 crm-order add --customer 1 --line X-1:1:0.05 \
	    --terms 50%:0,50%:30 && o=$(cat out) &&
	test "$(sqlite3 "$CRM_DB" "SELECT group_concat(amount) FROM (SELECT
	    amount FROM instalments WHERE order_id = $o ORDER BY seq)")" = 3,2 &&
	code 0 crm-order add --customer 1 --line X-1:1:1 \
	    --terms 33.33%:0,33.33%:10,33.34%:20 && o=$(cat out) &&
	test "$(sqlite3 "$CRM_DB" "SELECT group_concat(amount) FROM (SELECT
	    amount FROM instalments WHERE order_id = $o ORDER BY seq)")" \
	    = 33,33,34 &&
	code 0 crm-order add --customer 1 --line X-1:1:0.02 \
	    --terms 25%:0,25%:1,25%:2,25%:3 && o=$(cat out) &&
	test "$(sqlite3 "$CRM_DB" "SELECT group_concat(amount) FROM (SELECT
	    amount FROM instalments WHERE order_id = $o ORDER BY seq)")" \
	    = 1,1,0,0 &&
	crm config set pay.default_terms "40%:0,60%:60" &&
	code 0 crm-order add --customer 1 --line X-1:10 && o=$(cat out) &&
	test "$(field $o terms)" = "40%:0,60%:60" &&
	test "$(sqlite3 "$CRM_DB" "SELECT group_concat(amount) FROM (SELECT
	    amount FROM instalments WHERE order_id = $o ORDER BY seq)")" = 140,210 &&
	crm config unset pay.default_terms &&
	code 0 crm check
'

t 'a refused add is named and writes nothing' '
	snap before &&
	code 65 crm-order add --customer 1 --line X-1:1 --line NOPE:1 &&
	has err "--line 2 '\''NOPE:1'\''" && has err "no product" &&
	code 65 crm-order add --customer 1 --line OLD-1:1 &&
	has err "retired" && has err "cannot be ordered" &&
	code 65 crm-order add --customer 1 --line X-1:0 && has err quantity &&
	code 65 crm-order add --customer 1 --line X-1:1::101 &&
	has err discount &&
	code 64 crm-order add --customer 1 && has err "--line" &&
	code 64 crm-order add --line X-1:1 && has err "--customer" &&
	code 65 crm-order add --customer 无此客户 --line X-1:1 &&
	has err customer &&
	code 65 crm-order add --customer 1 --deal 2 --line X-1:1 &&
	has err "deal 2 is not customer 1" &&
	code 65 crm-order add --customer 1 --deal 9 --line X-1:1 &&
	has err "no deal 9" &&
	code 65 crm-order add --customer 1 --contract 1 --line X-1:1 &&
	has err "no contract 1" &&
	code 65 crm-order add --customer 1 --line X-1:1 --terms 30%:0,60%:30 &&
	has err "add up to 100" && has err terms &&
	for bad in 30:0 "30%:x,70%:1" "0%:0,100%:1" "100%:-1" "100%" ,; do
		code 65 crm-order add --customer 1 --line X-1:1 --terms "$bad" &&
		has err terms || exit 1
	done &&
	code 65 crm-order add --customer 1 --line X-1:1 --date 2026-11-24 \
	    --deliver-by 2026-11-23 && has err "before the order date" &&
	code 65 crm-order add --customer 1 --line X-1:1 --date 明天 &&
	has err order_date &&
	code 64 crm-order add --customer 1 --line X-1:1 --set status=confirmed &&
	has err "crm keeps it" &&
	code 64 crm-order add --customer 1 --line X-1:1 --set total=1 &&
	code 64 crm-order add --customer 1 --line X-1:1 --set number=X-1 &&
	code 65 crm-order add --customer 1 --line X-1:1 --owner ma.sc &&
	has err marketing &&
	code 65 crm-order add --customer 1 --line X-1:1 --owner nobody &&
	code 65 crm-order --as li.lei add --customer 南方 --line X-1:1 &&
	has err customer && ! has err wang.fang &&
	code 77 crm-order --as li.lei add --customer 公海 --line X-1:1 &&
	has err "claim it first" &&
	code 77 crm-order --as li.lei add --customer 1 --line X-1:1 \
	    --owner wang.fang &&
	code 77 crm-order --as qian.cw add --customer 1 --line X-1:1 &&
	code 77 crm-order --as ma.sc add --customer 1 --line X-1:1 &&
	code 0 crm-order --dry-run add --customer 1 --line X-1:1 &&
	snap after && same before after
'

t 'add: the owner given, else the customer'\''s; a deal of the customer' '
	code 0 crm-order add --customer 1 --deal 1 --line X-1:1 &&
	o=$(cat out) && test "$(field $o owner)" = li.lei &&
	test "$(field $o deal_id)" = 1 &&
	code 0 crm-order --as han.mei add --customer 1 --line X-1:1 \
	    --owner han.mei && test "$(field $(cat out) owner)" = han.mei &&
	code 0 crm-order add --customer 公海 --line X-1:1 &&
	test "$(field $(cat out) owner)" = "$ME"
'

t 'list: by customer (id or name), owner, mine, status, dates' '
	code 0 crm-order add --customer 南方 --line X-1:2 --date 2026-10-01 &&
	south=$(cat out) &&
	crm-order list -f csv --no-header --customer 南方贸易 >l &&
	test "$(cut -d, -f1 l)" = "$south" &&
	crm-order list -f csv --no-header --customer 2 >l2 && same l l2 &&
	crm-order list -f csv --no-header --owner wang.fang >l2 && same l l2 &&
	crm-order --as wang.fang list -f csv --no-header --mine >l2 &&
	same l l2 &&
	crm-order list -f csv --no-header --to 2026-10-31 >l2 && same l l2 &&
	crm-order list -f csv --no-header --from 2026-10-02 >l2 &&
	! grep -q "^$south," l2 && test -s l2 &&
	crm-order list -f csv --no-header --from 2026-10-01 --to 2026-10-01 \
	    >l2 && same l l2 &&
	code 0 crm-order list --status confirmed -f csv --no-header &&
	test ! -s out &&
	code 64 crm-order list --status shipping && has err status &&
	code 64 crm-order list --from 昨天天 && has err "--from" &&
	code 65 crm-order list --customer 无此客户 &&
	crm-order list -f table >t && has t number && has t SO-2026-000001 &&
	has t total
'

t 'quote accept: an approved quote becomes an order with its lines' '
	crm-order -q quote add --customer 1 --deal 1 --line AB-100:2::5 \
	    --line X-1:3:0.40 --valid-until 2026-12-31 >q &&
	q=$(cat q) && crm-order quote submit $q &&
	snap before &&
	code 65 crm-order quote accept 99 && has err "no quote 99" &&
	code 64 crm-order add --quote $q --line X-1:1 && has err "--line" &&
	code 64 crm-order add --quote $q --deal 1 && has err "--deal" &&
	code 65 crm-order add --quote $q --customer 2 &&
	has err "not customer 2" &&
	code 65 crm-order --as wang.fang quote accept $q &&
	has err "no quote $q" &&
	snap after && same before after &&
	code 0 crm-order quote accept $q --terms 50%:0,50%:30 &&
	o=$(cat out) &&
	test "$(field $o quote_id)" = "$q" && test "$(field $o deal_id)" = 1 &&
	test "$(field $o total)" = "$(crm-order quote show $q -f yaml |
	    sed -n "s/^ *total: //p")" &&
	# 2 × 1299.50 × 0.95 + 3 × 0.40 (above the catalogue price 0.35: no cut
	# that needs a manager)
	test "$(field $o total)" = 2470.25 &&
	sqlite3 "$CRM_DB" "SELECT product_id, sku, name, qty, price, discount,
	    amount FROM quote_lines WHERE quote_id = $q ORDER BY line" >ql &&
	sqlite3 "$CRM_DB" "SELECT product_id, sku, name, qty, price, discount,
	    amount FROM order_lines WHERE order_id = $o ORDER BY line" >ol &&
	same ql ol &&
	test "$(crm-order quote show $q -f yaml | sed -n "s/^ *status: //p")" \
	    = accepted &&
	code 65 crm-order quote accept $q && has err "is accepted, not approved"
'

t 'quote accept: a draft, submitted, expired or retired one is refused' '
	d=$(crm-order quote add --customer 1 --line X-1:1) &&
	s=$(crm-order quote add --customer 1 --line X-1:1:1:50) &&
	crm-order quote submit $s &&
	x=$(crm-order quote add --customer 1 --line X-1:1 \
	    --valid-until 2026-11-24) && crm-order quote submit $x &&
	r=$(crm-order quote add --customer 1 --line AB-100:1) &&
	crm-order quote submit $r &&
	crm-order -q product retire AB-100 &&
	snap before &&
	code 65 crm-order quote accept $d && has err "is draft, not approved" &&
	code 65 crm-order quote accept $s &&
	has err "is submitted, not approved" &&
	code 65 env CRM_NOW=2026-11-25T09:00:00 crm-order quote accept $x &&
	has err "valid until 2026-11-24" &&
	code 65 crm-order quote accept $r && has err "cannot be ordered" &&
	code 77 crm-order --as qian.cw quote accept $x &&
	# nor is a quote added approved, past the approval
	for f in status=approved approved_by=manager total=1; do
		code 64 crm-order --as li.lei quote add --customer 1 \
		    --line X-1:1:99999999:90 --set $f &&
		has err "cannot be set here" || exit 1
	done &&
	snap after && same before after &&
	code 0 crm-order quote accept $x &&
	crm-order -q product edit AB-100 --active 1
'

t 'numbers: gap-free per year under concurrent adds' '
	before=$(sqlite3 "$CRM_DB" "SELECT seq FROM order_numbers
	    WHERE year = 2026") &&
	for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
		crm-order add --customer 1 --line X-1:$i >"add.$i" 2>"err.$i" &
	done && wait &&
	cat err.* >errs && test ! -s errs &&
	sqlite3 "$CRM_DB" "SELECT seq FROM orders
	    WHERE order_date LIKE '\''2026-%'\'' ORDER BY seq" >got &&
	seq 1 $((before + 12)) >want && same want got &&
	test "$(sqlite3 "$CRM_DB" "SELECT count(DISTINCT number) FROM orders
	    WHERE order_date LIKE '\''2026-%'\''")" = $((before + 12)) &&
	test "$(sqlite3 "$CRM_DB" "SELECT number FROM orders
	    ORDER BY seq DESC LIMIT 1")" = \
	    "$(printf "SO-2026-%06d" $((before + 12)))" &&
	code 0 crm check
'

t 'numbers: each year counts from 1; order.number_format' '
	code 0 crm-order add --customer 1 --line X-1:1 --date 2025-12-31 &&
	test "$(field $(cat out) number)" = SO-2025-000001 &&
	code 0 crm-order add --customer 1 --line X-1:1 --date 2027-01-01 &&
	test "$(field $(cat out) number)" = SO-2027-000001 &&
	crm config set order.number_format "XS%Y%m-%n" &&
	code 0 crm-order add --customer 1 --line X-1:1 --date 2025-03-02 &&
	test "$(field $(cat out) number)" = XS202503-2 &&
	code 78 crm config set order.number_format "SO-%06n" &&
	has err "%Y" &&
	crm config unset order.number_format && code 0 crm check
'

t 'undo: the add of the last number gives it back; an earlier is refused' '
	crm-order -q add --customer 1 --line X-1:1 --date 2028-05-01 >a &&
	ra=$(last_run) &&
	crm-order -q add --customer 1 --line X-1:1 --date 2028-05-02 >b &&
	rb=$(last_run) &&
	test "$(field $(cat b) number)" = SO-2028-000002 &&
	snap before &&
	code 65 crm undo $ra && has err "not the last number of 2028" &&
	snap after && same before after &&
	code 0 crm undo $rb && code 65 crm-order show $(cat b) &&
	test "$(sqlite3 "$CRM_DB" "SELECT count(*) FROM instalments
	    WHERE order_id = $(cat b)")" = 0 &&
	code 0 crm undo $ra &&
	test "$(sqlite3 "$CRM_DB" "SELECT seq FROM order_numbers
	    WHERE year = 2028")" = 0 &&
	code 0 crm-order add --customer 1 --line X-1:1 --date 2028-06-01 &&
	test "$(field $(cat out) number)" = SO-2028-000001 &&
	code 0 crm check
'

t 'undo: quote accept puts the quote back, the order and its lines go' '
	q=$(crm-order quote add --customer 1 --line X-1:4) &&
	crm-order quote submit $q && snap before &&
	code 0 crm-order quote accept $q && o=$(cat out) && r=$(last_run) &&
	code 0 crm undo $r && snap after && same before after &&
	test "$(sqlite3 "$CRM_DB" "SELECT count(*) FROM order_lines
	    WHERE order_id = $o")" = 0 &&
	code 0 crm undo $(last_run) && snap again &&
	test "$(crm-order quote show $q -f yaml | sed -n "s/^ *status: //p")" \
	    = accepted &&
	test "$(sqlite3 "$CRM_DB" "SELECT count(*) FROM order_lines
	    WHERE order_id = $o")" = 1 &&
	code 0 crm check
'

t 'the customer'\''s last order date: dormant follows orders' '
	crm-customer -q add --name 老客户 --owner li.lei >c && c=$(cat c) &&
	code 0 crm-order add --customer $c --line X-1:1 --date 2026-06-01 &&
	o=$(cat out) &&
	test "$(sqlite3 "$CRM_DB" "SELECT last_order_at FROM customers
	    WHERE id = $c")" = 2026-06-01T00:00:00 &&
	crm-customer list --dormant 90 -f csv --no-header >d &&
	grep -q "^$c," d &&
	code 0 crm-order add --customer $c --line X-1:1 && o2=$(cat out) &&
	crm-customer list --dormant 90 -f csv --no-header >d &&
	! grep -q "^$c," d &&
	code 0 crm-order cancel $o2 --reason 重复 &&
	test "$(sqlite3 "$CRM_DB" "SELECT last_order_at FROM customers
	    WHERE id = $c")" = 2026-06-01T00:00:00 &&
	code 0 crm undo $(last_run) &&
	test "$(sqlite3 "$CRM_DB" "SELECT last_order_at FROM customers
	    WHERE id = $c")" = 2026-11-24T00:00:00
'

t 'a customer or deal with orders is not deleted' '
	c=$(crm-customer add --name 单笔客户 --owner li.lei) &&
	crm-order -q add --customer $c --line X-1:1 >/dev/null &&
	code 65 crm-customer delete $c && has err "has orders" &&
	crm-deal -q add --customer 南方贸易 --name 第二单 >d &&
	crm-order -q add --customer 2 --deal $(cat d) --line X-1:1 >/dev/null &&
	code 65 crm-deal delete $(cat d) && has err "has orders"
'

t 'crm check: a total that is not its lines'\'', shipped over ordered, gaps' '
	code 0 crm check && has err "no problems" &&
	sqlite3 "$CRM_DB" ".backup bad.db" && sqlite3 bad.db "
	    UPDATE orders SET total = total + 1 WHERE id = 1;
	    PRAGMA ignore_check_constraints = ON;
	    UPDATE order_lines SET shipped = qty + 1 WHERE order_id = 2" &&
	code 1 env CRM_DB=bad.db crm check -f csv &&
	has out "order,order,1,its total is not" &&
	has out "order,order,1,its instalments do not add up" &&
	has out "order,order,2,a line of it shipped" &&
	sqlite3 "$CRM_DB" ".backup gap.db" && sqlite3 gap.db "
	    DELETE FROM instalments WHERE order_id = 2;
	    DELETE FROM order_lines WHERE order_id = 2;
	    DELETE FROM orders WHERE id = 2" &&
	code 1 env CRM_DB=gap.db crm check -f csv &&
	has out "order,order_numbers,2026,the numbers"
'

t 'trace order: customer, deal, quote, the order and its instalments' '
	q=$(crm-order quote add --customer 1 --deal 1 --line X-1:1) &&
	crm-order quote submit $q &&
	o=$(crm-order quote accept $q --terms 50%:0,50%:30) &&
	crm trace order $o -f csv --no-header >t &&
	has t "customer,1,星河科技" && has t "deal,1,组网" &&
	has t "quote,$q,$q,accepted" &&
	has t "order,$o,$(field $o number),draft,li.lei" &&
	test "$(grep -c "^instalment," t)" = 2 &&
	! has t "order,1," &&
	crm trace order $(field $o number) -f csv --no-header >t2 && same t t2 &&
	crm-order --as li.lei show $o >/dev/null &&
	crm trace --as li.lei order $o -f csv --no-header >t3 &&
	test "$(grep -c "^instalment," t3)" = 2 &&
	i=$(sqlite3 "$CRM_DB" "SELECT min(id) FROM instalments
	    WHERE order_id = $o") &&
	crm trace --as li.lei instalment $i -f csv --no-header >t4 &&
	has t4 "order,$o," &&
	code 65 crm trace --as wang.fang order $o && has err "no order $o" &&
	code 65 crm trace --as wang.fang instalment $i &&
	has err "no instalment $i"
'

t 'an order under a contract: the contract'\''s customer, and trace' '
	k=$(crm-order contract add --customer 1 --start 2026-11-01 \
	    --end 2027-10-31 --amount 10000) &&
	m=$(crm-order contract add --customer 2 --start 2026-11-01 \
	    --end 2027-10-31 --amount 10000) &&
	code 65 crm-order add --customer 1 --contract $m --line X-1:1 &&
	has err "contract $m is not customer 1" &&
	code 65 crm-order --as wang.fang add --customer 2 --contract $k \
	    --line X-1:1 && has err "no contract $k" &&
	code 0 crm-order add --customer 1 --contract $k --line X-1:1 &&
	o=$(cat out) && test "$(field $o contract_id)" = "$k" &&
	crm trace order $o -f csv --no-header >t &&
	has t "contract,$k," && has t "customer,1," &&
	crm trace contract $k -f csv --no-header >t && has t "order,$o,"
'

t 'in Chinese: a refusal and the order'\''s table' '
	(unset LC_ALL; LANG=zh_CN.UTF-8 code 65 crm-order add --customer 1 \
	    --line OLD-1:1) && has err "不能下单" &&
	(unset LC_ALL; LANG=zh_CN.UTF-8 crm-order show 1 -f table) >s &&
	has s "付款条件" && has s "回款计划"
'

done_testing
