#!/bin/bash
# crm-report targets, rank, funnel and aging: attainment against this
# test's own sums of its table of orders (a quarter's target its own when
# set, else its months'); the leaderboard's places, ties and shares, and
# what a rep sees of it (places and names, only their own figures);
# funnel and aging the same as crm-deal's and crm-pay's; bad input.
. "$(dirname "$0")/lib.sh"
crm init 2>/dev/null
crm -q user add han.mei --name 韩梅梅 --role manager --region 华东
crm -q user add li.lei --name 李雷 --role rep --region 华东 --manager han.mei
crm -q user add zhao.qi --name 赵七 --role rep --region 华东 --manager han.mei
crm -q user add wang.fang --name 王芳 --role rep --region 华南
crm -q user add qian.cw --name 钱财务 --role finance
{
	crm-customer -q add --name 星河科技 --owner li.lei --region 华东
	crm-customer -q add --name 东方电子 --owner zhao.qi --region 华东
	crm-customer -q add --name 南方贸易 --owner wang.fang --region 华南
	crm-customer -q add --name 星河二部 --owner li.lei --region 华东
} >/dev/null
crm-order -q product add --sku P --name 服务 --price 1 >/dev/null
# customer amount date [cancelled]: the owner is the customer's
cat >orders.txt <<'EOF'
1 li.lei 1000 2026-11-03
1 li.lei 2500.50 2026-11-20
2 zhao.qi 4000 2026-11-05
2 zhao.qi 300 2026-10-30
3 wang.fang 3500.50 2026-11-10
1 li.lei 999 2026-11-11 cancelled
EOF
k=0
while read -r cu who amount day cancel; do
	k=$((k + 1))
	crm-order -q add --customer "$cu" --line "P:1:$amount" --date "$day" \
	    >/dev/null
	[ -z "$cancel" ] || crm-order -q cancel $k --reason 作废
done <orders.txt
# revenue per owner from $1 to $2, in cents, from the table above
sums() {
	awk -v a="$1" -v b="$2" '$5 == "" && $4 >= a && $4 <= b {
		split($3, p, "."); c[$2] += p[1] * 100 + substr(p[2] "00", 1, 2)
	} END { for (k in c) print k, c[k] }' orders.txt
}

t 'targets: attainment and gap; a quarter its own target, else its months' '
	crm -q target set --user li.lei --period 2026-11 --metric revenue 5000 &&
	crm -q target set --user li.lei --period 2026-Q4 --metric revenue 10000 &&
	for m in 10:1000 11:2000 12:3000; do
		crm -q target set --user zhao.qi --period 2026-${m%:*} \
		    --metric revenue ${m#*:} || exit 1
	done &&
	code 0 crm-report targets --period 2026-11 -f csv --no-header &&
	sums 2026-11-01 2026-11-30 >s &&
	awk "\$1 == \"li.lei\" { print \$2 }" s >got && echo 350050 >want &&
	same want got &&
	cat >want <<-EOF &&
	li.lei,李雷,revenue,5000.00,3500.50,70.0,1499.50
	zhao.qi,赵七,revenue,2000.00,4000.00,200.0,0.00
	EOF
	same want out &&
	code 0 crm-report targets --period 2026-Q4 -f csv --no-header &&
	cat >want <<-EOF &&
	li.lei,李雷,revenue,10000.00,3500.50,35.0,6499.50
	zhao.qi,赵七,revenue,6000.00,4300.00,71.7,1700.00
	EOF
	same want out &&
	code 0 crm-report targets --period 2026 -f csv --no-header &&
	has out "zhao.qi,赵七,revenue,6000.00,4300.00,71.7,1700.00"
'

t 'targets by region: the region customers'"'"' actuals' '
	crm -q target set --region 华东 --period 2026-11 --metric revenue 20000 &&
	code 0 crm-report targets --by region --period 2026-11 -f csv &&
	cat >want <<-EOF &&
	region,metric,target,actual,attainment_pct,gap
	华东,revenue,20000.00,7500.50,37.5,12499.50
	EOF
	same want out &&
	code 0 crm-report targets --as li.lei --period 2026-11 -f csv \
	    --no-header && test "$(cut -d, -f1 out)" = li.lei &&
	code 64 crm-report targets --from 2026-11-01 --to 2026-11-10 &&
	has err "month, quarter or year" &&
	code 64 crm-report targets --period 2026-11 --by team
'

# the board as computed here: login, rank, value, share of the total
board() {
	sums 2026-11-01 2026-11-30 | awk -v who="$1" '
	BEGIN { n = split(who, w, " "); for (i = 1; i <= n; i++) v[w[i]] = 0 }
	($1 in v) { v[$1] = $2 }
	END {
		for (k in v) t += v[k]
		for (k in v) print k, v[k], t
	}' | sort -k2,2nr -k1,1 | awk '
	{
		if (NR == 1 || $2 != last) place = NR; last = $2
		x = $2 * 1000; q = int(x / $3); r = x - q * $3
		if (2 * r >= $3) q++
		printf "%s,%d,%d.%02d,%d.%d\n", $1, place, $2 / 100, $2 % 100,
		    q / 10, q % 10
	}'
}

t 'rank: places (ties share one), values and shares as computed here' '
	board "han.mei li.lei wang.fang zhao.qi" >want &&
	code 0 crm-report rank --period 2026-11 -f csv --no-header &&
	cut -d, -f1,3-5 out >got && same want got &&
	grep -q "^li.lei,2," got && grep -q "^wang.fang,2," got &&
	grep -q "^han.mei,4,0.00,0.0" got &&
	code 0 crm-report rank --period 2026-11 --limit 2 -f csv --no-header &&
	test "$(wc -l <out)" -eq 2 &&
	code 0 crm-report rank --as han.mei --period 2026-11 -f csv --no-header &&
	cut -d, -f1,3-5 out >got &&
	board "han.mei li.lei zhao.qi" >want && same want got
'

t 'rank as a rep: the peers'"'"' places and names, only their own figures' '
	# no share: of the board'"'"'s total it would tell the peers'"'"' (0103)
	board "li.lei zhao.qi" >b &&
	code 0 crm-report rank --as li.lei --period 2026-11 -f csv &&
	head -1 out | grep -q "^user,name,rank,value,share_pct$" &&
	tail -n +2 out >got &&
	awk -F, "{ if (\$1 == \"li.lei\") print \$1 \",李雷,\" \$2 \",\" \$3 \",\"
	    else print \$1 \",赵七,\" \$2 \",,\" }" b >want &&
	same want got &&
	code 0 crm-report rank --as wang.fang --period 2026-11 -f csv \
	    --no-header && test "$(cat out)" = "wang.fang,王芳,1,3500.50,"
'

t 'rank of counts: new customers, won deals, follow-ups' '
	code 0 crm-report rank --metric new_customers -f csv --no-header &&
	cut -d, -f1,3,4 out >got &&
	printf "li.lei,1,2\nwang.fang,2,1\nzhao.qi,2,1\nhan.mei,4,0\n" >want &&
	same want got &&
	CRM_NOW=2026-11-01T10:00:00 crm-deal -q add --customer 南方贸易 \
	    --name 大单 --amount 100 >/dev/null &&
	CRM_NOW=2026-11-15T10:00:00 crm-deal -q win 大单 &&
	CRM_NOW=2026-10-01T10:00:00 crm-deal -q add --customer 星河科技 \
	    --name 旧单 --amount 100 >/dev/null &&
	crm-deal -q win 旧单 --date 2026-10-15 &&
	code 0 crm-report rank --metric won_deals -f csv --no-header &&
	cut -d, -f1,3,4 out | head -2 >got &&
	printf "wang.fang,1,1\nhan.mei,2,0\n" >want && same want got &&
	crm-customer -q follow 东方电子 --as zhao.qi --kind call --note 电话 &&
	crm-customer -q follow 东方电子 --as zhao.qi --kind visit --note 拜访 &&
	crm-customer -q follow 星河科技 --as li.lei --kind call --note 电话 &&
	code 0 crm-report rank --metric followups -f csv --no-header &&
	cut -d, -f1,3,4 out | head -2 >got &&
	printf "zhao.qi,1,2\nli.lei,2,1\n" >want && same want got
'

t 'funnel and aging: the same rows as crm-deal'"'"'s and crm-pay'"'"'s' '
	crm-deal funnel -f csv >a && crm-report funnel -f csv >b && same a b &&
	crm-deal funnel --summary --by owner -f csv >a &&
	crm-report funnel --summary --by owner -f csv >b && same a b &&
	crm-order -q confirm 1 && crm-order -q confirm 5 &&
	crm-pay aging --by owner -f csv >a &&
	crm-report aging --by owner -f csv >b && same a b &&
	test "$(wc -l <b)" -ge 3 &&
	crm-pay aging --as li.lei -f csv >a &&
	crm-report aging --as li.lei -f csv >b && same a b
'

t 'crm report runs crm-report' '
	crm report rank --period 2026-11 -f csv >a &&
	crm-report rank --period 2026-11 -f csv >b && same a b &&
	test "$(wc -l <a)" -eq 5
'

t 'bad input: metric, limit, by; 64' '
	code 64 crm-report rank --metric profit && has err "--metric" &&
	code 64 crm-report rank --limit 0 && has err "--limit" &&
	code 64 crm-report rank --period 2026-00 && has err "--period" &&
	code 64 crm-report aging --by product &&
	code 64 crm-report nosuch
'

done_testing
