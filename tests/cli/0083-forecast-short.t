#!/bin/bash
# crm-forecast with short histories: auto says so on stderr and falls
# back to ses (naive under five periods), three series named and the
# rest counted; an explicit method on four periods gives way to naive;
# weeks: 13 ahead by default, each labelled by its Monday.
. "$(dirname "$0")/lib.sh"
crm init 2>/dev/null
crm-order -q product add --sku P --name 服务 --price 1 >/dev/null
{
	echo number,date,customer,status,sku,qty,price,discount
	for c in 1 2 3 4 5; do
		crm-customer -q add --name "客户$c" >/dev/null
		for i in $(seq 1 6); do
			d=$(date -d "2026-04-10 + $i months" +%F)
			echo "C$c-$i,$d,客户$c,confirmed,P,1,$((100 * c + i)),"
		done
	done
	crm-customer -q add --name 新客户 >/dev/null
	for i in 1 2 3 4; do
		d=$(date -d "2026-06-10 + $i months" +%F)
		echo "N-$i,$d,新客户,confirmed,P,1,$((50 * i)),"
	done
} >orders.csv
crm-order -q import orders.csv

t 'six series too short: three named, then how many more' '
	code 0 crm-forecast sales --by customer --horizon 2 -f csv &&
	test "$(grep -c "periods of history" err)" = 3 &&
	has err "客户1: 6 periods of history" &&
	has err "and 3 more series with too short a history" &&
	test "$(grep -c ",ses," out)" = 10 &&
	grep "^新客户," out | cut -d, -f3,5 | sort -u >got &&
	echo naive,200.00 >want && same want got
'

t 'an explicit method on four periods gives way to naive, said' '
	code 0 crm-forecast sales --by customer --method ets --horizon 1 \
	    -f csv &&
	grep -qx "新客户,2026-11,naive,,200.00,.*" out &&
	has err "新客户: 4 periods of history" &&
	grep -q "^客户1,2026-11,ets," out
'

t 'weeks: 13 ahead by default, from the Monday of this week' '
	code 0 crm-forecast sales --unit week --method naive -f csv &&
	test "$(grep -c "^total," out)" = 13 &&
	grep "^total," out | cut -d, -f2 | head -2 >got &&
	printf "%s\n" 2026-11-23 2026-11-30 >want && same want got
'

done_testing
