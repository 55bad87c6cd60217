#!/bin/bash
# crm-report sales: the ordered amounts of two years of gen-orders,
# with owners, by month, quarter, owner and region, against figures
# computed here in awk from the generated file (not from the database):
# every month of the range shown (empty ones as 0), the previous period
# (环比) and the year before (同比) with the change in %; collected from
# receipts; who sees which figures (--as and real OS users); bad input.
. "$(dirname "$0")/lib.sh"
GEN=$CRM_BUILD/tools/gen-orders
team_db
os_users han.mei li.lei wang.fang
crm -q user add han.mei --name 韩梅梅 --role manager --region 华东
crm -q user add li.lei --name 李雷 --role rep --region 华东 --manager han.mei
crm -q user add wang.fang --name 王芳 --role rep --region 华南
crm -q user add ma.sc --name 马市场 --role marketing
"$GEN" --products --products 8 >products.csv
"$GEN" --customers --customers 6 >customers.csv
# two years of orders, each given an owner by its number
{ "$GEN" 160 --customers 6 --products 8 --seed 5 --year 2025
  "$GEN" 160 --customers 6 --products 8 --seed 6 --year 2026 --start 1 |
	tail -n +2; } |
awk -F, 'BEGIN { OFS = ","; split("li.lei wang.fang han.mei", who, " ") }
	NR == 1 { print $0, "owner"; next }
	{ split($1, n, "-"); print $0, who[n[3] % 3 + 1] }' >orders.csv
crm-order -q product import products.csv
crm-customer -q import customers.csv
crm-order -q import orders.csv

# per order: its month, owner, region and total in cents, as awk counts
# them (a line is qty x price x (1 - discount), rounded half up), for
# the orders not cancelled
awk -F, 'FILENAME == "products.csv" { if (FNR > 1) { split($5, p, ".")
		cat[$1] = p[1] * 100 + substr(p[2] "00", 1, 2) } next }
	FILENAME == "customers.csv" { region[$1] = $2; next }
	FNR == 1 || $4 == "cancelled" { next }
	{
		if ($7 == "") c = cat[$5]
		else { split($7, p, "."); c = p[1] * 100 + substr(p[2] "00", 1, 2) }
		split($8, q, ".")
		h = q[1] * 100 + substr(q[2] "00", 1, 2)
		tot[$1] += int(($6 * c * (10000 - h) + 5000) / 10000)
		day[$1] = $2; own[$1] = $9; reg[$1] = region[$3]
	}
	END { for (o in tot) print substr(day[o], 1, 7), own[o], reg[o], tot[o] }' \
	products.csv customers.csv orders.csv >orders.txt

# want BUCKETS KEYFIELD: the csv of sales --by month [--by owner] as
# computed here; BUCKETS the months, KEYS (a file) the owners or none
cat >want.awk <<'AWK'
function money(c) { return sprintf("%d.%02d", int(c / 100), c % 100) }
function pct(now, was,   x, q, r) {
	if (was == 0) return ""
	x = (now - was) * 1000; q = int(x / was); r = x - q * was
	if (2 * (r < 0 ? -r : r) >= was) q += x < 0 ? -1 : 1
	s = q < 0 ? "-" : ""; q = q < 0 ? -q : q
	return sprintf("%s%d.%d", s, int(q / 10), q % 10)
}
function back(m, k,   y, mm) {	# the month k months before m
	y = substr(m, 1, 4) + 0; mm = substr(m, 6, 2) - k
	while (mm < 1) { mm += 12; y-- }
	return sprintf("%04d-%02d", y, mm)
}
{ a[$1 SUBSEP $2] += $4; n[$1 SUBSEP $2]++ }
END {
	print "month" (keys ? ",owner" : "") ",amount,count,previous," \
	    "change_previous_pct,year_before,change_year_pct"
	nk = split(keys ? keys : "-", k, " ")
	for (i = 1; i <= 12; i++) {
		m = sprintf("%s-%02d", year, i)
		for (j = 1; j <= nk; j++) {
			c = m SUBSEP k[j]; p = back(m, 1) SUBSEP k[j]
			y = back(m, 12) SUBSEP k[j]
			printf "%s%s,%s,%d,%s,%s,%s,%s\n", m,
			    keys ? "," k[j] : "", money(a[c]), n[c],
			    money(a[p]), pct(a[c], a[p]), money(a[y]),
			    pct(a[c], a[y])
		}
	}
}
AWK

t 'by month over 2026: each month, 环比 and 同比 as computed here' '
	awk "{ \$2 = \"-\"; print }" orders.txt |
	    awk -v year=2026 -f want.awk >want &&
	code 0 crm-report sales --period 2026 --by month -f csv &&
	same want out &&
	test "$(grep -c ",0.00,0," out)" -ge 1 &&
	test "$(grep -vc ",0.00,0," out)" -ge 8
'

t 'by month and owner: every owner in every month, zeros too' '
	awk -v year=2026 -v keys="han.mei li.lei wang.fang" -f want.awk \
	    orders.txt >want &&
	code 0 crm-report sales --period 2026 --by month --by owner -f csv &&
	same want out &&
	code 0 crm-report sales --from 2026-01-15 --to 2026-12-02 --by month \
	    --by owner -f csv &&
	same want out
'

t 'by owner then month: the same figures, owner by owner' '
	code 0 crm-report sales --period 2026 --by owner --by month -f csv \
	    --no-header &&
	awk -F, "{ print \$2, \$1 }" out | head -3 >got &&
	printf "2026-01 han.mei\n2026-02 han.mei\n2026-03 han.mei\n" >want &&
	same want got
'

t 'by quarter and region over two years; without --by one row' '
	awk "{ q = substr(\$1, 1, 4) \"-Q\" int((substr(\$1, 6, 2) + 2) / 3)
	    a[q] += \$4 } END { for (k in a) print k, a[k] }" orders.txt |
	    sort >want &&
	crm-report sales --from 2025-01-01 --to 2026-12-31 --by quarter \
	    -f csv --no-header |
	    awk -F, "{ sub(/\\./, \"\", \$2); print \$1, \$2 + 0 }" >got &&
	same want got &&
	awk "\$1 ~ /^2026-11/ { a += \$4 } \$1 ~ /^2026-10/ { p += \$4 }
	    \$1 ~ /^2025-11/ { y += \$4 }
	    END { printf \"%d.%02d %d.%02d %d.%02d\n\", a / 100, a % 100,
	    p / 100, p % 100, y / 100, y % 100 }" orders.txt >want &&
	crm-report sales -f csv --no-header | cut -d, -f1,2,4,6 >got &&
	printf "2026-11,%s,%s,%s\n" $(cat want) >want2 &&
	same want2 got &&
	awk "\$1 ~ /^2026/ { a[\$3] += \$4 } END { for (r in a)
	    printf \"%s,%d.%02d\n\", r, a[r] / 100, a[r] % 100 }" orders.txt |
	    sort >want &&
	crm-report sales --period 2026 --by region -f csv --no-header |
	    cut -d, -f1,2 | sort >got &&
	same want got
'

t 'who sees what: a rep their own, a manager their team, others none' '
	awk "\$1 ~ /^2026/ && \$2 == \"li.lei\" { a += \$4 }
	    END { printf \"%d.%02d\n\", a / 100, a % 100 }" orders.txt >want &&
	crm-report sales --as li.lei --period 2026 -f csv --no-header |
	    cut -d, -f2 >got &&
	same want got &&
	crm-report sales --as li.lei --period 2026 --by owner -f csv \
	    --no-header | cut -d, -f1 | sort -u >got &&
	echo li.lei >want && same want got &&
	crm-report sales --as han.mei --period 2026 --by owner -f csv \
	    --no-header | cut -d, -f1 | sort -u >got &&
	printf "han.mei\nli.lei\n" >want && same want got &&
	crm-report sales --as ma.sc --period 2026 -f csv --no-header >got &&
	echo "2026,0.00,0,0.00,,0.00," >want && same want got
'

t 'as real OS users: the same scopes' '
	as li.lei crm-report sales --period 2026 --by owner -f csv \
	    --no-header | cut -d, -f1 | sort -u >got &&
	echo li.lei >want && same want got &&
	as wang.fang crm-report sales --period 2026 --by owner -f csv \
	    --no-header | cut -d, -f1 | sort -u >got &&
	echo wang.fang >want && same want got
'

t 'collected: receipts by date, a reversal on its own day' '
	id=$(sqlite3 "$CRM_DB" "SELECT id FROM orders WHERE status =
	    '"'"'confirmed'"'"' ORDER BY id LIMIT 1") &&
	cu=$(sqlite3 "$CRM_DB" "SELECT customer_id FROM orders WHERE id = $id") &&
	crm-pay -q plan $id --terms 50%:0,50%:30 &&
	crm-pay -q receive --customer $cu --order $id --amount 100 \
	    --date 2026-03-05 --method bank >/dev/null &&
	crm-pay -q receive --customer $cu --order $id --amount 20.5 \
	    --date 2026-04-01 --method bank >r &&
	crm-report sales --metric collected --period 2026-Q1 -f csv \
	    --no-header | cut -d, -f1-3 >got &&
	echo "2026-Q1,100.00,1" >want && same want got &&
	crm-report sales --metric collected --from 2026-03-01 --to 2026-04-30 \
	    --by month -f csv --no-header | cut -d, -f1-5 >got &&
	printf "2026-03,100.00,1,0.00,\n2026-04,20.50,1,100.00,-79.5\n" >want &&
	same want got &&
	crm-pay -q receipt reverse "$(cat r)" --reason 退票 &&
	crm-report sales --metric collected --from 2026-04-01 --by month \
	    -f csv --no-header | cut -d, -f1,2 >got &&
	printf "%s\n" 2026-04,20.50 2026-05,0.00 2026-06,0.00 2026-07,0.00 \
	    2026-08,0.00 2026-09,0.00 2026-10,0.00 2026-11,-20.50 >want &&
	same want got &&
	crm-report sales --metric collected --as wang.fang --period 2026 \
	    --by owner -f csv --no-header | cut -d, -f2 >got &&
	o=$(sqlite3 "$CRM_DB" "SELECT owner FROM orders WHERE id = $id") &&
	if [ "$o" = wang.fang ]; then echo 100.00; fi >want &&
	same want got
'

t 'bad input: period, --by, metric; 64 and nothing printed' '
	code 64 crm-report sales --period 2026-13 && has err "--period" &&
	has err "2026-13" && test ! -s out &&
	code 64 crm-report sales --period 2026-Q5 && has err "--period" &&
	code 64 crm-report sales --by hour && has err "--by" &&
	code 64 crm-report sales --by month --by week && has err "--by" &&
	code 64 crm-report sales --metric profit && has err "--metric" &&
	code 64 crm-report sales --metric collected --by product &&
	code 64 crm-report sales --from 2026-05-01 --to 2026-04-01 &&
	has err "--from" &&
	code 64 crm-report sales --from 2026-02-30 && has err "--from" &&
	code 64 crm-report sales --period 2026 --from 2026-01-01
'

done_testing
