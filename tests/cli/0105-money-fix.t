#!/bin/bash
# crm-pay's money fixes: every amount given is at most 100000000000.00
# (a sum never overflows; crm check names older ones that are not).
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

done_testing
