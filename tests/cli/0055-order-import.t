#!/bin/bash
# crm-order import and export: orders one row per line, grouped by
# number (gen-orders makes the file; the totals are computed here by awk
# from the file and the catalogue, not by crm), numbers that keep the
# yearly counter, export then import into a fresh database as the
# identity, bad rows naming file:line:field with nothing written,
# --partial, --dry-run, undo, --create-customers and --create-products,
# Chinese headers in a GBK file, and who may import (as OS users).
. "$(dirname "$0")/lib.sh"
GEN=$CRM_BUILD/tools/gen-orders
team_db
os_users han.mei li.lei wang.fang ma.sc
crm -q user add han.mei --name 韩梅梅 --role manager --region 华东
crm -q user add li.lei --name 李雷 --role rep --region 华东 --manager han.mei
crm -q user add wang.fang --name 王芳 --role rep --region 华南
crm -q user add ma.sc --name 马市场 --role marketing
"$GEN" --products --products 20 >products.csv
"$GEN" --customers --customers 12 >customers.csv
"$GEN" 400 --customers 12 --products 20 --seed 7 >orders.csv
crm-order -q product import products.csv
crm-customer -q import customers.csv

# every row of the order tables, to show a refusal wrote nothing
snap() {
	sqlite3 "$CRM_DB" "SELECT * FROM orders; SELECT * FROM order_lines;
	    SELECT * FROM order_numbers; SELECT count(*) FROM customers;
	    SELECT count(*) FROM products" >"$1"
}
# The money of a file, from the file and the catalogue: each line
# qty × price × (1 − discount) half-up to the cent, the price the
# catalogue's when empty; prints orders, lines and the total in cents.
money() {
	awk -F, 'FNR == 1 { next }
	NR == FNR { split($5, p, "."); cat[$1] = p[1] * 100 + p[2]; next }
	{
		if ($7 == "") c = cat[$5]
		else { split($7, p, "."); c = p[1] * 100 + substr(p[2] "00", 1, 2) }
		d = $8; sub(/%$/, "", d); split(d, q, ".")
		h = q[1] * 100 + substr(q[2] "00", 1, 2)
		a = int(($6 * c * (10000 - h) + 5000) / 10000)
		if (!($1 in seen)) { seen[$1] = 1; n++ }
		lines++; total += a
	}
	END { printf "%d %d %d\n", n, lines, total }' products.csv "$1"
}

t 'import: 400 lines of gen-orders, totals as awk computes them' '
	snap before &&
	code 0 crm-order import orders.csv &&
	has err "imported 9" && has err "(400 lines" &&
	money orders.csv >want &&
	sqlite3 "$CRM_DB" "SELECT count(*), (SELECT count(*) FROM order_lines),
	    sum(total) FROM orders" | tr "|" " " >got &&
	same want got &&
	test "$(cut -d" " -f1 want)" -gt 50
'

t 'lines: the price defaults to the catalogue, every line sums to its order' '
	test "$(sqlite3 "$CRM_DB" "SELECT count(*) FROM order_lines l JOIN
	    products p ON p.id = l.product_id WHERE l.price = p.price")" -gt 0 &&
	test "$(sqlite3 "$CRM_DB" "SELECT count(*) FROM orders o WHERE total <>
	    (SELECT sum(amount) FROM order_lines WHERE order_id = o.id)")" = 0 &&
	code 0 crm check
'

t 'status as given; shipped, delivered and completed lines all went out' '
	awk -F, "NR > 1 { print \$1 \",\" \$4 }" orders.csv | sort -u >want &&
	sqlite3 -csv "$CRM_DB" "SELECT number, status FROM orders" | sort >got &&
	same want got &&
	test "$(sqlite3 "$CRM_DB" "SELECT count(*) FROM order_lines l JOIN orders
	    o ON o.id = l.order_id WHERE (o.status IN (\"shipped\", \"delivered\",
	    \"completed\") AND l.shipped <> l.qty) OR (o.status IN (\"draft\",
	    \"confirmed\", \"cancelled\") AND l.shipped <> 0)")" = 0
'

t 'numbers: the counter is the last imported, the next add follows it' '
	last=$(tail -1 orders.csv | cut -d, -f1) &&
	test "$(sqlite3 "$CRM_DB" "SELECT printf(\"SO-%d-%06d\", year, seq)
	    FROM order_numbers")" = "$last" &&
	code 0 crm-order add --customer "华腾贸易 0001" --line P00001:1 &&
	id=$(cat out) &&
	crm-order show "$id" -f yaml >y &&
	n=${last##*-} && has y "number: SO-2026-$(printf %06d $((10#$n + 1)))" &&
	code 0 crm check
'

t 'export then import into a fresh database is the identity' '
	crm-order export -f csv >e1.csv &&
	head -1 e1.csv >h && has h "number,date,customer,status,sku,name,qty" &&
	(export CRM_DB=$PWD/fresh.db && crm init -q 2>/dev/null &&
	crm-order -q product import products.csv &&
	crm-customer -q import customers.csv &&
	crm-order -q import e1.csv && crm-order export -f csv >e2.csv &&
	crm check) && same e1.csv e2.csv
'

t 'bad rows: each named file:line:field, exit 65, nothing written' '
	snap before &&
	{ head -1 orders.csv
	  echo "X-1,2026-05-01,nobody,draft,P00001,1,,"
	  echo "X-2,2026-05-01,华腾贸易 0001,draft,NOPE,1,,"
	  echo "X-3,2026-05-01,华腾贸易 0001,draft,P00001,two,,"
	  echo "X-4,2026-05-01,华腾贸易 0001,draft,P00001,1,,5x"
	  echo "X-5,2026-13-01,华腾贸易 0001,draft,P00001,1,,"
	  echo "X-6,2026-05-01,华腾贸易 0001,sold,P00001,1,,"
	  echo "X-7,2026-05-01,华腾贸易 0001,draft,P00001,1,-3,"
	  echo "X-8,2026-05-01,华腾贸易 0001,draft,P00001,1,,"
	  echo ",2026-05-01,金山科技 0003,draft,P00002,1,,"
	  echo "X-9,2026-05-01,华腾贸易 0001,draft,P00001,1,,"
	  echo "X-8,2026-05-01,华腾贸易 0001,draft,P00001,1,,"
	} >bad.csv &&
	code 65 crm-order import bad.csv &&
	has err "bad.csv:2: field '\''customer'\'': no customer named '\''nobody'\''" &&
	has err "bad.csv:3: field '\''sku'\'': no product '\''NOPE'\''" &&
	has err "bad.csv:4: field '\''qty'\''" &&
	has err "bad.csv:5: field '\''discount'\''" &&
	has err "bad.csv:6: order X-5:" && has err "date" &&
	has err "bad.csv:7: order X-6: field '\''status'\''" &&
	has err "bad.csv:8: field '\''price'\''" &&
	has err "bad.csv:10: field '\''customer'\'': '\''金山科技 0003'\'' is not the customer of order X-8" &&
	has err "bad.csv:12: order X-8: order X-8 was rejected at an earlier line" &&
	has err "none imported" &&
	snap after && same before after
'

t '--partial: the good orders in, the bad rejected, exit 65; --dry-run writes nothing' '
	snap before &&
	code 65 crm-order import --dry-run --partial bad.csv &&
	has err "dry run: would have imported 1 orders" &&
	snap after && same before after &&
	code 64 crm-order import --rejects r.csv bad.csv &&
	code 65 crm-order import --partial --rejects r.csv bad.csv &&
	has err "imported 1 orders" && has err "rejected 9 orders" &&
	head -1 r.csv >h &&
	has h "number,date,customer,status,sku,qty,price,discount,line,reason" &&
	test "$(wc -l <r.csv)" = 11 && has r.csv "X-1,2026-05-01,nobody" &&
	has r.csv ",2,bad.csv:2: field '\''customer'\''" &&
	has r.csv ",2026-05-01,金山科技 0003,draft,P00002,1,,,10," &&
	test "$(stat -c %a r.csv)" = 660 &&
	test "$(sqlite3 "$CRM_DB" "SELECT count(*) FROM orders WHERE number
	    = \"X-9\" AND seq IS NULL")" = 1 && code 0 crm check
'

t 'an order number already there is refused' '
	snap before &&
	code 65 crm-order import orders.csv &&
	has err "an order numbered SO-2026-000001 exists already" &&
	snap after && same before after
'

t 'numbers of the format that would leave a gap are refused' '
	snap before &&
	printf "%s\n" "number,date,customer,sku,qty" \
	    "SO-2025-000002,2025-03-01,华腾贸易 0001,P00001,1" >gap.csv &&
	code 65 crm-order import gap.csv &&
	has err "the order numbers of 2025 would have gaps" &&
	snap after && same before after &&
	printf "%s\n" "number,date,customer,sku,qty" \
	    "SO-2025-000001,2025-03-01,华腾贸易 0001,P00001,1" \
	    "SO-2025-000002,2025-03-02,华腾贸易 0001,P00001,2" >y25.csv &&
	code 0 crm-order import y25.csv && code 0 crm check &&
	test "$(sqlite3 "$CRM_DB" "SELECT seq FROM order_numbers WHERE
	    year = 2025")" = 2
'

t 'undo: the orders, lines, created customers and products, the counter' '
	snap before &&
	printf "%s\n" "number,date,customer,sku,name,qty,price,discount" \
	    "SO-2025-000003,2025-04-01,新客户甲,NEW-1,新产品,2,10.00,0.05" \
	    "SO-2025-000003,2025-04-01,,P00001,,1,100,5%" >new.csv &&
	code 65 crm-order import new.csv && has err "no customer named" &&
	code 0 crm-order import --create-customers --create-products new.csv &&
	has err "created 1 customers and 1 products" &&
	test "$(sqlite3 "$CRM_DB" "SELECT group_concat(discount || \":\" ||
	    amount) FROM order_lines l JOIN orders o ON o.id = l.order_id
	    WHERE o.number = \"SO-2025-000003\"")" = "500:1900,500:9500" &&
	crm-order product show NEW-1 -f yaml >p && has p "name: 新产品" &&
	has p "price: 10.00" && code 0 crm check &&
	run=$(crm log -f csv --no-header | tail -1 | cut -d, -f1) &&
	code 0 crm undo "$run" && code 0 crm check &&
	snap after && same before after
'

t 'undo is refused when a later add took a number after the import' '
	code 0 crm-order import y26.csv 2>/dev/null || true
	printf "%s\n" "number,date,customer,sku,qty" \
	    "SO-2025-000003,2025-04-01,华腾贸易 0001,P00001,1" >y3.csv &&
	code 0 crm-order import y3.csv &&
	run=$(crm log -f csv --no-header | tail -1 | cut -d, -f1) &&
	code 0 crm-order add --customer "华腾贸易 0001" --line P00001:1 \
	    --date 2025-06-01 &&
	code 65 crm undo "$run" && has err "orders of 2025 were added after" &&
	code 0 crm check
'

t 'Chinese headers in a GBK file; a file without numbers is refused' '
	printf "%s\n" "订单号,下单日期,客户名称,状态,产品名称,数量,单价,折扣" \
	    "CN-1,2026-06-01,华腾贸易 0001,已确认,旅行自行车 1,2,,5" |
	    sed "s/已确认/confirmed/" | iconv -f utf-8 -t gbk >gbk.csv &&
	code 0 crm-order import --encoding gbk gbk.csv &&
	crm-order show CN-1 -f yaml >y && has y "status: confirmed" &&
	printf "%s\n" "客户ID,产品名称" "华腾贸易 0001,头盔" |
	    iconv -f utf-8 -t gbk >bike.csv &&
	code 65 crm-order import --encoding auto bike.csv &&
	has err "no column of order numbers"
'

t 'who imports: not marketing; a rep only their own customers (--as)' '
	snap before &&
	code 77 crm-order import --as ma.sc y3.csv &&
	crm-customer -q assign "华腾贸易 0001" --to li.lei &&
	printf "%s\n" "number,date,customer,sku,qty" \
	    "R-1,2026-07-01,华腾贸易 0001,P00001,1" >mine.csv &&
	printf "%s\n" "number,date,customer,sku,qty" \
	    "R-2,2026-07-01,金山科技 0003,P00001,1" >pool.csv &&
	code 65 crm-order import --as li.lei pool.csv &&
	has err "pool.csv:2: field '\''customer'\''" &&
	snap after && same before after &&
	code 0 crm-order import --as li.lei mine.csv &&
	test "$(sqlite3 "$CRM_DB" "SELECT owner FROM orders WHERE number =
	    \"R-1\"")" = li.lei
'

t 'as OS users: a rep imports and exports their own, marketing may not' '
	printf "%s\n" "number,date,customer,sku,qty" \
	    "R-3,2026-07-02,华腾贸易 0001,P00002,3" >"$T/r3.csv" &&
	chmod 644 "$T/r3.csv" &&
	as li.lei crm-order import "$T/r3.csv" 2>e && has e "imported 1" &&
	as li.lei crm-order export -f csv >ex &&
	has ex "R-3," && ! grep -q "^SO-2026-000001," ex &&
	! as wang.fang crm-order export -f csv | grep -q "R-3," &&
	! as ma.sc crm-order import "$T/r3.csv" 2>e &&
	code 0 crm check
'

done_testing
