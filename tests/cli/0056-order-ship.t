#!/bin/bash
# crm-order ship and shipment list, show, deliver: partial shipments to
# completion, over-shipping refused naming the line with nothing written,
# the order's status moves (shipped, delivered), crm undo of a ship and a
# deliver, crm check of shipped against the shipments, the late-order
# reminder on both sides of deliver_by, the printed delivery note (text
# with Chinese names aligned, html escaped), crm trace, and who sees and
# changes shipments, with --as and as real OS users.
. "$(dirname "$0")/lib.sh"
team_db ||
    { echo "not ok 1 - access tests need root: $(os_users 2>&1)"; exit 1; }
os_users han.mei li.lei wang.fang qian.cw
crm -q user add han.mei --name 韩梅梅 --role manager --region 华东
crm -q user add li.lei --name 李雷 --role rep --region 华东 --manager han.mei
crm -q user add wang.fang --name 王芳 --role rep --region 华南
crm -q user add qian.cw --name 钱财务 --role finance
crm -q user add ma.sc --name 马市场 --role marketing
crm-customer -q add --name '星河<科技>&Co' --owner li.lei \
    --address 上海市浦东新区 >/dev/null
crm-customer -q add --name 南方贸易 --owner wang.fang >/dev/null
crm-order -q product add --sku AB-100 --name 工业路由器 --price 1299.50 \
    --unit 台 >/dev/null
crm-order -q product add --sku X-1 --name 网线 --price 0.35 --unit 米 >/dev/null
crm-order -q product add --sku SW-8 --name 8口交换机 --price 199 >/dev/null
# order 1: li.lei's, 3 routers and 100 m of cable (and 5 more routers
# on a line of their own), due 2026-12-10
crm-order -q --as li.lei add --customer 1 --line AB-100:3 --line X-1:100 \
    --line AB-100:5::10 --deliver-by 2026-12-10 >/dev/null
# order 2: wang.fang's, confirmed
crm-order -q --as wang.fang add --customer 2 --line SW-8:2 >/dev/null
crm-order -q --as wang.fang confirm 2

snap() {
	sqlite3 "$CRM_DB" "SELECT id, status FROM orders;
	    SELECT order_id, line, qty, shipped FROM order_lines;
	    SELECT * FROM shipments; SELECT * FROM shipment_lines" >"$1"
}
status() {
	crm-order show "$1" -f yaml | sed -n "s/^ *status: //p" | head -1
}
shipped() {	# shipped ORDER: the lines' shipped, comma-separated
	sqlite3 "$CRM_DB" "SELECT group_concat(shipped) FROM (SELECT shipped
	    FROM order_lines WHERE order_id = $1 ORDER BY line)"
}
last_run() {
	crm log -f csv --no-header | tail -1 | cut -d, -f1
}

t 'a draft does not ship: refused naming its status, nothing written' '
	snap before &&
	code 65 crm-order --as li.lei ship 1 --line AB-100:1 &&
	has err "order 1 '"'"'SO-2026-000001'"'"' is draft: only a confirmed or shipped order ships" &&
	snap after && same before after &&
	crm-order -q --as li.lei confirm 1
'

t 'bad lines: usage 64, unknown sku and over-shipping 65, nothing written' '
	snap before &&
	code 64 crm-order --as li.lei ship 1 && has err "--line" &&
	code 64 crm-order --as li.lei ship 1 --line AB-100 &&
	has err "not SKU:QTY" &&
	code 64 crm-order --as li.lei ship 1 --line AB-100:0 &&
	code 64 crm-order --as li.lei ship 1 --line AB-100:x &&
	code 65 crm-order --as li.lei ship 1 --line SW-8:1 &&
	has err "order 1 has no line of '"'"'SW-8'"'"'" &&
	code 65 crm-order --as li.lei ship 1 --line X-1:101 &&
	has err "line 2 of order 1 has 100 left to ship (100 ordered, 0 shipped)" &&
	code 65 crm-order --as li.lei ship 1 --line X-1:60 --line X-1:41 &&
	has err "--line '"'"'X-1:41'"'"': line 2 of order 1 has 40 left" &&
	code 65 crm-order --as li.lei ship 1 --line AB-100:9 &&
	has err "line 1, 3 of order 1 has 8 left to ship" &&
	code 64 crm-order --as li.lei ship 1 --line X-1:1 --date someday &&
	has err "--date" &&
	code 65 crm-order --as li.lei ship 1 --line X-1:1 --date 2026-11-01 &&
	has err "before the order date 2026-11-24" &&
	code 65 crm-order --as li.lei shipment deliver 1 &&
	has err "no shipment 1" &&
	snap after && same before after
'

t 'partial shipments: the order becomes shipped, its lines count' '
	code 0 crm-order --as li.lei ship SO-2026-000001 --line AB-100:4 \
	    --line x-1:60 --warehouse 上海仓 --carrier 顺丰 --tracking SF1001 &&
	test "$(cat out)" = 1 && test "$(status 1)" = shipped &&
	test "$(shipped 1)" = "3,60,1" &&
	# the product by its name, as the catalogue finds it
	code 0 crm-order --as li.lei ship 1 --line 网线:40 --date 2026-11-25 &&
	test "$(cat out)" = 2 && test "$(shipped 1)" = "3,100,1" &&
	crm-order show 1 -f table >s && has s SF1001 &&
	crm-order shipment show 1 -f yaml >y && has y "warehouse: 上海仓" &&
	has y "status: shipped" && has y "owner: li.lei" &&
	crm-order shipment show 1 -f table >t && has t 工业路由器 &&
	code 0 crm check -f csv --no-header && test ! -s out
'

t 'shipped never exceeds ordered: what remains, named; nothing written' '
	snap before &&
	code 65 crm-order --as li.lei ship 1 --line X-1:1 &&
	has err "line 2 of order 1 has 0 left to ship (100 ordered, 100 shipped)" &&
	code 65 crm-order --as li.lei ship 1 --line AB-100:4 --line X-1:1 &&
	snap after && same before after
'

t 'an order with shipments is not cancelled: refused naming its status' '
	snap before &&
	code 65 crm-order --as li.lei cancel 1 --reason x &&
	has err "is shipped" && snap after && same before after
'

t 'list: --order, --customer, --status, --from/--to, --mine' '
	crm-order shipment list --order SO-2026-000001 -f csv --no-header \
	    | cut -d, -f1 >l && printf "1\n2\n" >want && same want l &&
	crm-order shipment list --customer 南方贸易 -f csv --no-header >l &&
	test ! -s l &&
	crm-order shipment list --from 2026-11-25 -f csv --no-header |
	    cut -d, -f1 >l && echo 2 >want && same want l &&
	crm-order shipment list --to 2026-11-24 -f csv --no-header |
	    cut -d, -f1 >l && echo 1 >want && same want l &&
	crm-order --as li.lei shipment list --mine -f csv --no-header |
	    wc -l | grep -qx 2 &&
	crm-order shipment list --status delivered -f csv --no-header >l &&
	test ! -s l && code 64 crm-order shipment list --status lost
'

t 'deliver: the order is delivered once all shipped and all delivered' '
	code 0 crm-order --as li.lei shipment deliver 1 --date 2026-11-26 &&
	test "$(status 1)" = shipped &&
	code 65 crm-order --as li.lei shipment deliver 1 &&
	has err "shipment 1 was delivered already, on 2026-11-26" &&
	code 65 crm-order --as li.lei shipment deliver 2 --date 2026-11-20 &&
	has err "before the ship date 2026-11-25" &&
	code 0 crm-order --as li.lei ship 1 --line AB-100:4 &&
	test "$(cat out)" = 3 && test "$(shipped 1)" = "3,100,5" &&
	code 0 crm-order --as li.lei shipment deliver 2 3 --date 2026-11-26 &&
	test "$(status 1)" = delivered &&
	code 65 crm-order --as li.lei ship 1 --line AB-100:1 &&
	has err "is delivered: only a confirmed or shipped order ships"
'

t 'undo of a deliver and of a ship puts the order and its lines back' '
	# the last run delivered shipments 2 and 3, and so the order
	crm -q undo "$(last_run)" &&
	test "$(status 1)" = shipped &&
	test "$(crm-order shipment show 2 -f yaml | sed -n "s/^ *status: //p")" = shipped &&
	test "$(crm-order shipment show 3 -f yaml | sed -n "s/^ *status: //p")" = shipped &&
	crm -q undo "$(crm log -f csv --no-header | grep "ship 1 --line AB-100:4" |
	    head -1 | cut -d, -f1)" &&
	test "$(shipped 1)" = "3,100,1" && test "$(status 1)" = shipped &&
	code 65 crm-order shipment show 3 &&
	test "$(sqlite3 "$CRM_DB" "SELECT count(*) FROM shipment_lines
	    WHERE shipment_id = 3")" = 0 &&
	code 0 crm check -f csv --no-header && test ! -s out &&
	# the first ship of an order undone: confirmed again
	code 0 crm-order --as wang.fang ship 2 --line SW-8:1 &&
	test "$(status 2)" = shipped && crm -q undo "$(last_run)" &&
	test "$(status 2)" = confirmed && test "$(shipped 2)" = 0
'

t 'crm check: a line shipped other than its shipments say' '
	sqlite3 "$CRM_DB" "UPDATE order_lines SET shipped = 2 WHERE order_id = 2" &&
	code 1 crm check -f csv --no-header &&
	has out "order,order,2,a line'"'"'s shipped is not the sum of its shipments'"'"' lines" &&
	sqlite3 "$CRM_DB" "UPDATE order_lines SET shipped = 0 WHERE order_id = 2" &&
	code 0 crm check -f csv --no-header && test ! -s out
'

t 'remind: an order past deliver_by and not delivered, to its owner' '
	CRM_NOW=2026-12-10T09:00:00 crm remind --as li.lei -f csv >r &&
	! grep -q order_late r &&
	CRM_NOW=2026-12-11T09:00:00 crm remind --as li.lei -f csv >r &&
	has r "li.lei,order_late,order,1,SO-2026-000001 星河<科技>&Co,2026-12-10,overdue by 1 day" &&
	CRM_NOW=2026-12-11T09:00:00 crm remind --as wang.fang -f csv >r &&
	! grep -q "order_late,order,1" r &&
	CRM_NOW=2026-12-11T09:00:00 LANGUAGE=zh_CN crm remind --as li.lei \
	    -f table >r && has r 逾期交货的订单 &&
	# delivered: no longer late
	crm-order -q --as li.lei ship 1 --line AB-100:4 >last &&
	crm-order -q --as li.lei shipment deliver 2 "$(cat last)" \
	    --date 2026-11-27 &&
	test "$(status 1)" = delivered &&
	CRM_NOW=2026-12-11T09:00:00 crm remind --as li.lei -f csv >r &&
	! grep -q order_late r
'

t 'trace order: its shipments' '
	crm trace order 1 -f csv --no-header >tr &&
	has tr "shipment,1,2026-11-24,delivered,li.lei,true" &&
	grep -q "^shipment,$(cat last),.*,delivered," tr &&
	crm trace --as li.lei shipment 2 -f csv --no-header >tr &&
	has tr "order,1,SO-2026-000001"
'

t 'the printed delivery note: text aligned, html escaped' '
	crm-order shipment show 1 -f text >txt &&
	has txt "Delivery note" && has txt "Order no.     SO-2026-000001" &&
	has txt "Customer      星河<科技>&Co" &&
	has txt "Address       上海市浦东新区" &&
	grep -E "^(#|1 |2 )" txt >rows &&
	cat >want <<-\EOT &&
	#  SKU     Product     Qty  Unit
	1  AB-100  工业路由器    3  台
	2  X-1     网线         60  米
	EOT
	same want rows &&
	has txt "Total quantity  64" &&
	crm-order shipment show 1 -f html >h &&
	has h "星河&lt;科技&gt;&amp;Co" && ! grep -q "星河<科技>" h &&
	has h "<td>工业路由器</td>" &&
	LANGUAGE=zh_CN crm-order shipment show 1 -f text >zh &&
	has zh 发货单 && has zh 工业路由器 && has zh "状态      已签收" &&
	has zh "收货地址  上海市浦东新区"
'

t 'the note of a shipment with a line of each: the first line filled first' '
	crm-order -q --as li.lei add --customer 1 --line AB-100:1 \
	    --line AB-100:2::5 >/dev/null &&
	crm-order -q --as li.lei confirm 3 &&
	# a sku in full width is the same sku
	code 0 crm-order --as li.lei ship 3 --line ＡＢ-100:2 &&
	cp out s3 && test "$(shipped 3)" = "1,1"
'

t 'who may: the order'"'"'s owner and managers; finance reads; --as' '
	snap before &&
	code 65 crm-order --as wang.fang ship 1 --line X-1:1 &&
	has err "no order 1" &&
	code 65 crm-order --as wang.fang shipment show 1 &&
	has err "no shipment 1" && ! grep -q 星河 err &&
	code 65 crm-order --as wang.fang shipment show 1 -f text &&
	code 65 crm-order --as wang.fang shipment deliver "$(cat s3)" &&
	crm-order --as wang.fang shipment list -f csv --no-header >l &&
	! grep -q 上海仓 l &&
	code 65 crm-order --as ma.sc shipment show 1 &&
	crm-order --as ma.sc shipment list -f csv --no-header >l &&
	test ! -s l &&
	code 0 crm-order --as qian.cw shipment show 1 -f text &&
	code 77 crm-order --as qian.cw ship 3 --line AB-100:1 &&
	code 77 crm-order --as qian.cw shipment deliver "$(cat s3)" &&
	snap after && same before after &&
	code 0 crm-order --as han.mei shipment deliver "$(cat s3)" &&
	test "$(status 3)" = shipped
'

t 'a shipment follows its order to a new owner' '
	crm-order -q --as han.mei edit 1 --owner han.mei &&
	crm-order shipment show 1 -f yaml >y && has y "owner: han.mei" &&
	crm -q undo "$(last_run)" &&
	crm-order shipment show 1 -f yaml >y && has y "owner: li.lei"
'

t 'as OS users: the rep ships, another rep and finance may not' '
	code 0 as li.lei crm-order ship 3 --line AB-100:1 &&
	s=$(cat out) && test "$(shipped 3)" = "1,2" &&
	code 65 as wang.fang crm-order shipment deliver $s &&
	has err "no shipment $s" &&
	code 65 as wang.fang crm-order ship 3 --line AB-100:1 &&
	code 77 as qian.cw crm-order shipment deliver $s &&
	code 0 as qian.cw crm-order shipment show $s -f text &&
	code 0 as han.mei crm-order shipment deliver $s &&
	test "$(status 3)" = delivered &&
	crm log -f csv >log && has log "han.mei" && has log "li.lei"
'

done_testing
