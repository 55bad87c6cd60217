#!/bin/bash
# crm-pay's money fixes: every amount given is at most 100000000000.00
# (a sum never overflows; crm check names older ones that are not); a
# cancelled order's paid part becomes its customer's credit; a receipt
# import --historical keeps updated_at; a plan is remade after the
# receipts that paid it are reversed; a reference is one receipt's,
# whether typed or imported.
. "$(dirname "$0")/lib.sh"
crm init 2>/dev/null
crm -q user add li.lei --name 李雷 --role rep
crm -q user add qian --name 钱财务 --role finance
crm-order -q product add --sku P --name 服务 --price 100 >/dev/null
crm -q config set clock.allow_override true

BIG=92233720368547758.07
t 'money above 100000000000.00 is refused naming the field' '
	code 65 crm-pay account add --name 大户 --opening $BIG &&
	has err "field '\''opening'\''" && has err "100000000000.00" &&
	code 65 crm-pay account add --name 大户 --opening -100000000000.01 &&
	has err "opening" &&
	code 65 crm-pay expense add --category t --amount 100000000000.01 &&
	has err "field '\''amount'\''" &&
	code 65 crm-pay expense add --category t --amount 9007199254740993 \
	    -n && has err "amount" &&
	crm-customer -q add --name 大客户 >/dev/null &&
	code 65 crm-pay receive --customer 大客户 --amount $BIG \
	    --method bank && has err "field '\''amount'\''" &&
	printf "date,amount,customer_id\n2026-11-01,$BIG,大客户\n" >big.csv &&
	code 65 crm-pay receipt import big.csv && has err "big.csv:2" &&
	has err "amount" &&
	code 65 crm-order product add --sku Q --name q --price $BIG &&
	has err "price" &&
	test "$(sqlite3 "$CRM_DB" "SELECT count(*) FROM accounts") = 0" &&
	test "$(sqlite3 "$CRM_DB" "SELECT count(*) FROM expenses") = 0" &&
	test "$(sqlite3 "$CRM_DB" "SELECT count(*) FROM receipts") = 0"
'

t 'the largest amounts still sum, in lists and reports' '
	crm-pay -q account add --name 大户 --opening 100000000000 &&
	crm-pay -q expense add --category t --amount 100000000000 \
	    --account 大户 >/dev/null &&
	crm-pay -q expense add --category t --amount 100000000000 \
	    --account 大户 >/dev/null &&
	code 0 crm-pay account list -f csv &&
	has out "100000000000.00,0.00,200000000000.00,-100000000000.00" &&
	code 0 crm-pay receive --customer 大客户 --amount 100000000000 \
	    --method bank &&
	code 0 crm-pay receive --customer 大客户 --amount 100000000000 \
	    --method bank && has err "200000000000.00" &&
	code 0 crm check
'

t 'crm check names an amount entered before the bound' '
	sqlite3 "$CRM_DB" "UPDATE expenses SET amount = 9223372036854775807
	    WHERE id = 1" &&
	code 1 crm check -f csv &&
	has out "money,expense,1," &&
	sqlite3 "$CRM_DB" "UPDATE expenses SET amount = 10000000000000
	    WHERE id = 1" &&
	code 0 crm check
'

# an order of 1000.00 of customer $1, confirmed, terms $2: its id
order() {
	crm-order -q add --customer "$1" --line P:10 --terms "$2" >/dev/null &&
	id=$(sqlite3 "$CRM_DB" "SELECT max(id) FROM orders") &&
	crm-order -q confirm "$id" && echo "$id"
}
bal() {	# the receipts' allocated and credit, the instalments of order $1
	sqlite3 "$CRM_DB" "SELECT id, allocated, amount - allocated FROM
	    receipts WHERE customer_id = (SELECT customer_id FROM orders
	    WHERE id = $1) ORDER BY id;
	    SELECT seq, paid, status FROM instalments WHERE order_id = $1
	    ORDER BY seq"
}

t 'a reference already recorded is refused by receive, typed or imported' '
	crm-customer -q add --name 南方贸易有限公司 >/dev/null &&
	code 0 crm-pay --as qian receive --customer 南方贸易有限公司 \
	    --amount 3000 --method bank --ref 0021 &&
	r=$(cat out) &&
	code 65 crm-pay --as qian receive --customer 南方贸易有限公司 \
	    --amount 3000 --method bank --ref " 00-21" &&
	has err "field '\''ref'\''" && has err "receipt $r" &&
	printf "交易日期,收入金额,对方户名,交易流水号\n%s\n" \
	    "2026-11-20,500,南方贸易有限公司,BK777" >b.csv &&
	crm-pay -q receipt import b.csv &&
	code 65 crm-pay receive --customer 南方贸易有限公司 --amount 500 \
	    --method bank --ref bk777 && has err "reference of receipt" &&
	crm-pay -q receipt reverse $r --reason 退票 &&
	code 65 crm-pay receive --customer 南方贸易有限公司 --amount 3000 \
	    --method bank --ref 0021 && has err "reversed" &&
	test "$(sqlite3 "$CRM_DB" "SELECT count(*) FROM receipts
	    WHERE customer_id = (SELECT id FROM customers
	    WHERE name = '\''南方贸易有限公司'\'')")" = 2 &&
	code 0 crm-pay receive --customer 南方贸易有限公司 --amount 1 \
	    --method cash
'

t 'a plan is remade after the receipts that paid it are reversed' '
	crm-customer -q add --name 甲 >/dev/null &&
	o=$(order 甲 100%:0) &&
	crm-pay -q receive --customer 甲 --amount 400 --method bank \
	    --ref A1 >/dev/null &&
	code 65 crm-pay plan $o --terms 50%:0,50%:30 && has err "reverse" &&
	r=$(sqlite3 "$CRM_DB" "SELECT max(id) FROM receipts") &&
	crm-pay -q receipt reverse $r --reason 退票 &&
	code 0 crm-pay plan $o --terms 50%:0,50%:30 &&
	crm-pay plan list --customer 甲 -f csv --no-header >p &&
	test "$(cut -d, -f6-11 p)" = "1,2026-11-24,500.00,0.00,500.00,open
2,2026-12-24,500.00,0.00,500.00,open" &&
	code 0 crm check &&
	code 0 crm-pay receipt show $r &&
	run=$(sqlite3 "$CRM_DB" "SELECT max(id) FROM runs") &&
	crm -q undo $run &&
	test "$(sqlite3 "$CRM_DB" "SELECT count(*) FROM instalments
	    WHERE order_id = $o")" = 1 &&
	code 0 crm check &&
	code 0 crm-pay plan $o --terms 50%:0,50%:30 &&
	code 0 crm-pay plan $o --terms 30%:0,30%:10,40%:20 &&
	code 0 crm check &&
	crm-pay -q receive --customer 甲 --amount 1000 --method bank \
	    >/dev/null && code 0 crm check
'

t 'a plan keeps the instalments reversed receipts paid: fewer is refused' '
	crm-customer -q add --name 乙 >/dev/null &&
	o=$(order 乙 50%:0,50%:0) &&
	crm-pay -q receive --customer 乙 --amount 1000 --method bank \
	    --ref B1 >/dev/null &&
	r=$(sqlite3 "$CRM_DB" "SELECT max(id) FROM receipts") &&
	crm-pay -q receipt reverse $r --reason 退票 &&
	code 65 crm-pay plan $o --terms 100%:0 &&
	has err "at least 2 instalments" && ! grep -q FOREIGN err &&
	code 0 crm-pay plan $o --terms 40%:0,60%:30 && code 0 crm check
'

t 'cancelling a part-paid order makes what was paid the customer'"'"'s credit' '
	crm-customer -q add --name 丙 --owner li.lei >/dev/null &&
	crm-order --as li.lei -q add --customer 丙 --line P:10 \
	    --terms 50%:0,50%:30 >/dev/null &&
	o=$(sqlite3 "$CRM_DB" "SELECT max(id) FROM orders") &&
	crm-order --as li.lei -q confirm $o &&
	crm-pay -q receive --customer 丙 --amount 600 --method bank \
	    >/dev/null &&
	r=$(sqlite3 "$CRM_DB" "SELECT max(id) FROM receipts") &&
	crm-order --as li.lei -q cancel $o --reason 客户取消 &&
	test "$(bal $o)" = "$r|0|60000
1|0|cancelled
2|0|cancelled" &&
	code 0 crm-pay statement 丙 && has out "Unapplied credit" &&
	grep "Unapplied credit" out | grep -q "600.00" &&
	code 0 crm check &&
	run=$(sqlite3 "$CRM_DB" "SELECT max(id) FROM runs") &&
	crm -q undo $run &&
	test "$(bal $o)" = "$r|60000|0
1|50000|paid
2|10000|open" && code 0 crm check &&
	crm-order -q cancel $o --reason 客户取消 &&
	o2=$(order 丙 100%:0) &&
	code 0 crm-pay receive --customer 丙 --amount 100 --method bank &&
	r2=$(cat out) &&
	test "$(bal $o2)" = "$r|60000|0
$r2|10000|0
1|70000|open" && code 0 crm check
'

t 'receipt import --historical --extra of an export exports the same' '
	crm-customer -q add --name 丁 >/dev/null &&
	o=$(order 丁 100%:0) &&
	crm-pay -q receive --customer 丁 --amount 300 --method bank \
	    --ref D1 --date 2026-11-20 >/dev/null &&
	CRM_NOW=2026-11-30T09:00:00 crm-pay -q receive --customer 丁 \
	    --amount 1000 --method bank --ref D2 >/dev/null &&
	crm-pay receipt export >r1.csv &&
	crm-customer export >c.csv && crm-order export >o.csv &&
	crm-order product export >p.csv &&
	mkdir -p two && export CRM_DB=$PWD/two/crm.db \
	    CRM_NOW=2026-12-05T09:00:00 &&
	crm init 2>/dev/null &&
	crm -q user add li.lei --name 李雷 --role rep &&
	crm -q user add qian --name 钱财务 --role finance &&
	crm-customer -q import --historical --extra c.csv &&
	crm-order -q product import --historical p.csv &&
	crm-order -q import --terms 100%:0 o.csv &&
	crm-pay -q receipt import --historical --extra r1.csv &&
	crm-pay receipt export >r2.csv && same r1.csv r2.csv
'

done_testing
