#!/bin/bash
# crm-pay aging: the buckets (not yet due, 1-30, 31-60, 61-90, 91-180,
# over 180 days) against figures computed here in awk from the rows of
# the database, as of three days — one before some receipts were made, and
# one before a reversal; by customer, owner and region; a day count on a
# boundary in the lower bucket; the buckets of each row summing to what
# is outstanding; drafts, cancelled orders and orders made later owe
# nothing; who sees which rows.
. "$(dirname "$0")/lib.sh"
crm init 2>/dev/null
crm -q user add han.mei --name 韩梅梅 --role manager --region 华东
crm -q user add li.lei --name 李雷 --role rep --region 华东 --manager han.mei
crm -q user add wang.fang --name 王芳 --role rep --region 华南
crm -q user add ma.sc --name 马市场 --role marketing
crm-customer -q add --name 星河科技 --owner li.lei --region 华东 >/dev/null
crm-customer -q add --name 南方贸易 --owner wang.fang --region 华南 >/dev/null
crm-customer -q add --name 东方电子 --owner li.lei --region 华东 >/dev/null
crm-order -q product add --sku P --name 服务 --price 1 >/dev/null
nord=0
order() {	# order CUSTOMER AMOUNT TERMS DATE [draft]: its id
	nord=$((nord + 1))
	crm-order -q add --customer "$1" --line "P:1:$2" --terms "$3" \
	    --date "$4" >/dev/null || exit 1
	[ "${5:-}" = draft ] || crm-order -q confirm $nord || exit 1
}
# 星河科技: one instalment due 0, 30, 31, 60, 61, 90, 91, 180 and 181
# days before today (2026-11-24), on the boundaries of the buckets
for d in 0:1 30:2 31:4 60:8 61:16 90:32 91:64 180:128 181:256; do
	order 星河科技 "${d#*:}" 100%:0 "$(date -d "2026-11-24 - ${d%:*} days" +%F)"
done
order 南方贸易 1000 30%:0,70%:60 2026-09-01		# 10: 300, 700
order 南方贸易 333.33 33.33%:0,33.33%:45,33.34%:200 2026-06-15	# 11
order 南方贸易 50 100%:0 2026-08-01 draft		# 12: a draft
order 南方贸易 60 100%:0 2026-08-01			# 13: cancelled
crm-order -q cancel 13 --reason 作废
order 东方电子 0.07 50%:0,50%:400 2026-02-03		# 14
pay() { crm-pay -q receive --method bank "$@" >/dev/null || exit 1; }
pay --customer 南方贸易 --order 10 --amount 100 --date 2026-09-05
pay --customer 南方贸易 --order 10 --amount 400 --date 2026-10-20
pay --customer 南方贸易 --order 10 --amount 0.01 --date 2026-11-10
crm-pay -q receipt reverse 3 --reason 退票		# dated 2026-11-24
pay --customer 星河科技 --amount 56 --date 2026-10-01	# the oldest: 256
pay --customer 南方贸易 --order 11 --amount 111.11 --date 2026-07-01
pay --customer 东方电子 --amount 0.05 --date 2026-03-01	# 0.04 credit

# The aging of day $1 by $2, computed here from the rows.
want() {
	sqlite3 -separator "|" "$CRM_DB" "SELECT 'I', i.id, cu.id, cu.name,
	    o.owner, coalesce(cu.region, ''), o.order_date, o.status,
	    i.status, i.due_date, i.amount FROM instalments i JOIN orders o
	    ON o.id = i.order_id JOIN customers cu ON cu.id = o.customer_id;
	    SELECT 'A', instalment_id, amount, date FROM allocations" |
	awk -F"|" -v day="$1" -v by="$2" '
	function jd(s,   y, m, d) {	# days since 1970-01-01, proleptic
		y = substr(s, 1, 4) + 0; m = substr(s, 6, 2) + 0
		d = substr(s, 9, 2) + 0
		if (m <= 2) { y--; m += 12 }
		return 365 * y + int(y / 4) - int(y / 100) + int(y / 400) \
		    + int((153 * (m - 3) + 2) / 5) + d
	}
	$1 == "I" { key[$2] = by == "customer" ? $3 : by == "owner" ? $5 : $6
		name[$2] = by == "customer" ? $4 : by == "owner" ? $5 : $6
		ok[$2] = $7 <= day && $8 != "draft" && $8 != "cancelled" &&
		    $9 != "cancelled"
		due[$2] = $10; owed[$2] = $11 }
	$1 == "A" && $4 <= day { owed[$2] -= $3 }
	END {
		for (i in owed) {
			if (!ok[i] || owed[i] <= 0)
				continue
			t = jd(day) - jd(due[i])
			b = t <= 0 ? 0 : t <= 30 ? 1 : t <= 60 ? 2 : \
			    t <= 90 ? 3 : t <= 180 ? 4 : 5
			k = key[i]; nm[k] = name[i]
			s[k, b] += owed[i]; all[b] += owed[i]; keys[k] = 1
		}
		for (k in keys) {
			line = k "," nm[k]; tot = 0
			for (b = 0; b < 6; b++) {
				line = line "," sprintf("%.2f", s[k, b] / 100)
				tot += s[k, b]
			}
			print line "," sprintf("%.2f", tot / 100)
		}
		line = "~total,"; tot = 0
		for (b = 0; b < 6; b++) {
			line = line "," sprintf("%.2f", all[b] / 100)
			tot += all[b]
		}
		print line "," sprintf("%.2f", tot / 100)
	}' | LC_ALL=C sort -t, -k1,1 >rows &&
	grep -v "^~total," rows
	grep "^~total," rows | sed "s/^~//"
}
# what is outstanding on day $1, summed another way: amounts less paid
outstanding() {
	sqlite3 "$CRM_DB" "SELECT printf('%.2f', sum(o) / 100.0) FROM (SELECT
	    i.amount - (SELECT coalesce(sum(a.amount), 0) FROM allocations a
	    WHERE a.instalment_id = i.id AND a.date <= '$1') AS o
	    FROM instalments i JOIN orders r ON r.id = i.order_id
	    WHERE r.order_date <= '$1' AND r.status <> 'draft'
	    AND r.status <> 'cancelled' AND i.status <> 'cancelled')
	    WHERE o > 0"
}
got() {	# crm-pay aging as of $1 by $2, rows sorted as want sorts them
	crm-pay aging --as-of "$1" --by "$2" -f csv --no-header >g || exit 1
	grep -v "^total," g | LC_ALL=C sort -t, -k1,1
	grep "^total," g
}

t 'boundaries: a day count on a boundary is in the lower bucket' '
	crm-pay aging -f csv >a &&
	head -1 a >h &&
	echo "group,name,not_due,days_1_30,days_31_60,days_61_90,days_91_180,over_180,outstanding" >want &&
	same want h &&
	has a "1,星河科技,1.00,2.00,12.00,48.00,192.00,200.00,455.00"
'

for day in 2026-09-30 2026-11-24 2027-03-01; do
	t "as of $day, by customer, owner and region: as computed here" '
		for by in customer owner region; do
			want '$day' $by >w && got '$day' $by >g2 && same w g2 ||
			exit 1
		done &&
		test "$(grep "^total," g2 | cut -d, -f9)" = "$(outstanding '$day')"
	'
done

t 'as of a past day: later receipts not counted, a later reversal not yet' '
	crm-pay aging --as-of 2026-11-23 -f csv --no-header >a &&
	grep "^2,南方贸易," a >s &&
	o=$(outstanding 2026-11-23) &&
	crm-pay aging --as-of 2026-11-24 -f csv --no-header >b &&
	test "$(grep "^total," b | cut -d, -f9)" = "$(outstanding 2026-11-24)" &&
	test "$(awk -F, "/^total,/ { print \$9 }" a)" = "$o" &&
	x=$(awk -F, "/^2,/ { print \$9 * 100 }" a) &&
	y=$(awk -F, "/^2,/ { print \$9 * 100 }" b) &&
	test $((y - x)) = 1 &&
	crm-pay aging --as-of 2026-09-04 -f csv --no-header | grep "^2," >c &&
	has c ",300.00," &&
	crm-pay aging --as-of 2026-01-01 -f csv --no-header >e &&
	printf "total,,0.00,0.00,0.00,0.00,0.00,0.00,0.00\n" >want && same want e
'

t 'who sees: owners and their managers; marketing nothing; bad options' '
	crm-pay aging --as li.lei -f csv --no-header | cut -d, -f2 >l &&
	printf "星河科技\n东方电子\n\n" >want && same want l &&
	crm-pay aging --as han.mei -f csv --no-header | cut -d, -f2 >l &&
	same want l &&
	crm-pay aging --as wang.fang --by owner -f csv --no-header | cut -d, -f1 >l &&
	printf "wang.fang\ntotal\n" >want && same want l &&
	crm-pay aging --as ma.sc -f csv --no-header >l &&
	printf "total,,0.00,0.00,0.00,0.00,0.00,0.00,0.00\n" >want && same want l &&
	code 64 crm-pay aging --by product && has err "--by" &&
	code 64 crm-pay aging --as-of 2026-02-30 && has err "--as-of"
'

done_testing
