#!/bin/bash
# Imports of files shaped like real spreadsheet exports (Superstore,
# Excel in Europe or the US): headers written "Order ID" for order_id,
# --map naming the column of a field that another column would be by its
# name, dates with the year last read by --date-order, an order's lines
# not next to each other (a file sorted by date), and a line amount
# ("Sales") instead of a unit price; a retail export (UCI Online Retail:
# InvoiceNo, times in the date, credit notes rejected with --partial).
. "$(dirname "$0")/lib.sh"
crm init 2>/dev/null
crm-order -q product add --sku P-1 --name Chair --price 10.00 >/dev/null
crm-order -q product add --sku P-2 --name Desk --price 100.00 >/dev/null

snap() {
	sqlite3 "$CRM_DB" "SELECT * FROM orders; SELECT * FROM order_lines;
	    SELECT count(*) FROM customers" >"$1"
}
printf '%s\r\n' 'Row ID,Order ID,Order Date,Customer ID,Customer Name,Product ID,Sales,Quantity,Discount' \
    '1,US-1,03/01/19,DP-1,Darren Powers,P-1,16.448,2,0.2' \
    '2,US-2,04/01/19,PO-1,Phillina Ober,P-2,300,3,0' \
    '3,US-1,03/01/19,DP-1,Darren Powers,P-2,90,1,0.1' \
    '4,US-2,04/01/19,PO-1,Phillina Ober,P-1,10,1,0' >super.csv

t 'a date with its year last is refused without --date-order, naming it' '
	snap before &&
	code 65 crm-order import super.csv --create-customers &&
	has err "super.csv:2: order US-1: field '\''date'\'': '\''03/01/19'\'' has its year last" &&
	has err "--date-order dmy or mdy" && snap after && same before after &&
	code 64 crm-order import super.csv --date-order ymd &&
	has err "--date-order" && snap after && same before after
'

t '--date-order dmy; lines apart join their order; the price from the amount' '
	code 0 crm-order import super.csv --date-order dmy --create-customers \
	    --map "customer=Customer Name" &&
	has err "imported 2 orders (4 lines, total 416.45)" &&
	test "$(sqlite3 "$CRM_DB" "SELECT number, order_date, total FROM orders ORDER BY id")" = \
	    "US-1|2019-01-03|10645
US-2|2019-01-04|31000" &&
	test "$(sqlite3 "$CRM_DB" "SELECT group_concat(line || \":\" || sku || \":\" || price || \":\" || amount, \" \") FROM (SELECT * FROM order_lines ORDER BY order_id, line)")" = \
	    "1:P-1:1028:1645 2:P-2:10000:9000 1:P-2:10000:30000 2:P-1:1000:1000" &&
	test "$(sqlite3 "$CRM_DB" "SELECT group_concat(name, \"|\") FROM customers")" = \
	    "Darren Powers|Phillina Ober" &&
	crm check >/dev/null
'

t 'undo takes back the lines that joined an order with it' '
	run=$(crm log -f csv | awk -F, "NR > 1 { r = \$1 } END { print r }") &&
	crm -q undo "$run" &&
	test "$(sqlite3 "$CRM_DB" "SELECT count(*) FROM order_lines")" = 0
'

t '--date-order mdy reads the month first; Order ID is order_id' '
	code 0 crm-order import super.csv --date-order mdy --create-customers \
	    --map "customer=Customer Name" &&
	test "$(sqlite3 "$CRM_DB" "SELECT group_concat(order_date, \" \") FROM orders")" = \
	    "2019-03-01 2019-04-01"
'

t 'lines apart that say another customer or date are rejected, by line' '
	printf "%s\n" "number,date,customer,sku,qty" "N-1,2026-01-05,Darren Powers,P-1,1" \
	    "N-2,2026-01-05,Darren Powers,P-1,1" \
	    "N-1,2026-01-06,Darren Powers,P-2,1" >apart.csv &&
	snap before && code 65 crm-order import apart.csv &&
	has err "apart.csv:4: order N-1: order N-1 was read at an earlier line with another customer, date" &&
	snap after && same before after
'

t 'without --map, the first column of a field is it (Customer ID here)' '
	sed "s/US-/EU-/" super.csv >eu.csv &&
	code 0 crm-order import eu.csv --date-order dmy --create-customers &&
	crm-customer list -f csv >c && has c DP-1 && has c PO-1
'

t 'a bad amount names its field and line' '
	printf "%s\n" "number,date,customer,sku,qty,sales" \
	    "B-1,2026-01-05,Darren Powers,P-1,1,lots" >amt.csv &&
	code 65 crm-order import amt.csv &&
	has err "amt.csv:2: field '\''amount'\'': '\''lots'\'' is not an amount"
'

t '--partial: a customer or product made only for rejected orders is not kept' '
	printf "%s\n" "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID" \
	    "536365,85123A,WHITE HEART,6,2010-12-01 08:26:00,2.55,17850.0" \
	    "C536379,D,Discount,-1,2010-12-01 09:41:00,27.50,14527.0" \
	    "536380,22961,JAM MAKING SET,1,2010-12-01 09:45:00,1.45,14527.0" \
	    "536381,71053,LANTERN,-6,2010-12-01 09:50:00,3.39,15311.0" >retail.csv &&
	code 65 crm-order import retail.csv --partial --create-customers \
	    --create-products &&
	has err "retail.csv:3: field '\''qty'\''" &&
	has err "imported 2 orders (2 lines, total 16.75), created 2 customers and 2 products, rejected 2 orders" &&
	crm-customer list -f csv >c && has c 17850.0 && has c 14527.0 &&
	! grep -q 15311 c && crm-order product list -f csv >p &&
	! grep -q LANTERN p && ! grep -q Discount p && has p "JAM MAKING SET" &&
	test "$(sqlite3 "$CRM_DB" "SELECT count(*) FROM events WHERE entity = '\''product'\'' AND entity_id NOT IN (SELECT CAST(id AS TEXT) FROM products)")" = 0 &&
	test "$(sqlite3 "$CRM_DB" "SELECT order_date FROM orders WHERE number = '\''536380'\''")" = 2010-12-01 &&
	crm check >/dev/null
'

t '--terms: imported orders not cancelled get their payment plan' '
	export CRM_DB=$T/terms.db && crm init 2>/dev/null &&
	printf "%s\n" number,date,customer,status,sku,qty,price \
	    "A-1,2026-10-01,星河,confirmed,P,3,100" \
	    "A-2,2026-10-05,星河,cancelled,P,1,100" \
	    "A-1,2026-10-01,星河,confirmed,P,1,0.01" >t.csv &&
	code 64 crm-order import t.csv --terms 30%:0,60%:30 &&
	has err "--terms" && test -z "$(sqlite3 "$CRM_DB" "SELECT id FROM orders")" &&
	code 0 crm-order import t.csv --create-customers --create-products \
	    --terms 30%:0,70%:30 &&
	run=$(sed -n "s/.*run \([0-9]*\) (crm undo.*/\1/p" err) &&
	test "$(sqlite3 "$CRM_DB" "SELECT group_concat(order_id || \":\" || seq || \":\" || due_date || \":\" || amount, \" \") FROM instalments")" = \
	    "1:1:2026-10-01:9000 1:2:2026-10-31:21001" &&
	crm -q undo "$run" &&
	test "$(sqlite3 "$CRM_DB" "SELECT count(*) FROM instalments")" = 0 &&
	test "$(sqlite3 "$CRM_DB" "SELECT count(*) FROM orders")" = 0 &&
	crm-order -q import t.csv --create-customers --create-products \
	    --terms 30%:0,70%:30 &&
	crm-pay -q receive --customer 星河 --amount 100 --date 2026-10-02 \
	    --method bank >/dev/null &&
	test "$(sqlite3 "$CRM_DB" "SELECT group_concat(paid, \" \") FROM instalments ORDER BY seq")" = "9000 1000" &&
	crm check >/dev/null
'

done_testing
