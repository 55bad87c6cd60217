#!/bin/bash
# crm-forecast sales and backtest: series made here from generated
# orders whose forecasts are known (a constant, a straight line), the
# backtest's MASE and sMAPE against an awk computation from the input
# file, drafts, cancelled orders and the current month left out, a
# short history said on stderr, who sees which series, bad options.
. "$(dirname "$0")/lib.sh"
crm init 2>/dev/null
crm -q user add han.mei --name 韩梅梅 --role manager --region 华东
crm -q user add li.lei --name 李雷 --role rep --region 华东 --manager han.mei
crm -q user add wang.fang --name 王芳 --role rep --region 华南
for c in 星河科技:li.lei:华东 南方贸易:wang.fang:华南 东方电子:wang.fang:华南 \
    西部物流:wang.fang:华南 北方重工:wang.fang:华北; do
	IFS=: read -r name owner region <<<"$c"
	crm-customer -q add --name "$name" --owner "$owner" \
	    --region "$region" >/dev/null
done
crm-order -q product add --sku P --name 服务 --price 1 --category svc \
    >/dev/null
# month I after 2023-11 (I from 0), the 5th
month() { date -d "2023-11-05 + $1 months" +%F; }
# 星河科技: 1000 a month for 24 months; 南方贸易: 500 + 10 i for 36;
# 东方电子: an irregular series, 30 months; 西部物流: 10 months.
{
	echo number,date,customer,status,sku,qty,price,discount
	for i in $(seq 12 35); do
		echo "A-$i,$(month "$i"),星河科技,confirmed,P,1,1000,"
	done
	for i in $(seq 0 35); do
		echo "B-$i,$(month "$i"),南方贸易,confirmed,P,1,$((500 + 10 * i)),"
	done
	for i in $(seq 6 35); do
		echo "C-$i,$(month "$i"),东方电子,confirmed,P,1,$((300 +
		    (i % 12 == 11) * 250 + (i * 37 % 11) * 10)),"
	done
	for i in $(seq 26 35); do
		echo "D-$i,$(month "$i"),西部物流,confirmed,P,1,$((200 + i)),"
	done
	# 北方重工: 1000 every other month, 0 between
	for i in $(seq 11 2 35); do
		echo "E-$i,$(month "$i"),北方重工,confirmed,P,1,1000,"
	done
} >orders.csv
crm-order -q import orders.csv
# neither a draft (base + 1), nor a cancelled order (base + 2), nor this
# month (base + 3) counts
base=$(crm-order list -f csv --no-header | wc -l)
crm-order -q add --customer 星河科技 --line P:1:77777 --date 2026-10-06 \
    >/dev/null
crm-order -q add --customer 星河科技 --line P:1:88888 --date 2026-10-07 \
    >/dev/null
crm-order -q confirm $((base + 2))
crm-order -q cancel $((base + 2)) --reason 作废
crm-order -q add --customer 星河科技 --line P:1:99999 --date 2026-11-02 \
    >/dev/null
crm-order -q confirm $((base + 3))

t 'a constant series: every method forecasts it, with no spread (naive)' '
	for m in naive snaive ses ets theta combo croston auto; do
		code 0 crm-forecast sales --by customer --method $m \
		    --horizon 3 -f csv &&
		grep "^星河科技," out | cut -d, -f2,5 >got &&
		printf "%s\n" 2026-11,1000.00 2026-12,1000.00 2027-01,1000.00 \
		    >want && same want got || exit 1
	done &&
	code 0 crm-forecast sales --by customer --method naive -f csv &&
	grep "^星河科技," out | cut -d, -f6-9 | sort -u >got &&
	echo 1000.00,1000.00,1000.00,1000.00 >want && same want got
'

t 'a straight line: naive repeats the last month, ets goes on with it' '
	code 0 crm-forecast sales --by customer --method naive --horizon 2 \
	    -f csv &&
	grep "^南方贸易," out | cut -d, -f5 | sort -u >got &&
	echo 850.00 >want && same want got &&
	code 0 crm-forecast sales --by customer --method ets --horizon 4 \
	    -f csv &&
	grep "^南方贸易," out | awk -F, "{ d = \$5 - (860 + 10 * (NR - 1));
	    if (d < -0.05 || d > 0.05) bad = 1; n++ }
	    END { exit bad || n != 4 }" &&
	grep "^南方贸易," out | cut -d, -f2 | head -1 | grep -qx 2026-11
'

t 'the intervals: lo_80 <= forecast <= hi_80 inside lo_95, hi_95, none below 0' '
	code 0 crm-forecast sales --by customer --method naive -f csv &&
	grep "^北方重工," out | cut -d, -f5,8 | sort -u >got &&
	echo 1000.00,0.00 >want && same want got &&
	code 0 crm-forecast sales --by customer --method ses -f csv &&
	head -1 out | grep -qx \
	    "customer,period,method,model,forecast,lo_80,hi_80,lo_95,hi_95" &&
	awk -F, "NR > 1 && !(\$8 <= \$6 && \$6 <= \$5 && \$5 <= \$7 &&
	    \$7 <= \$9) { bad = 1 } END { exit bad }" out &&
	code 0 crm-forecast sales --level 90 -f csv --as li.lei &&
	head -1 out | grep -q ",lo_90,hi_90$"
'

# The backtest of naive and snaive on 东方电子's series, from the file:
# origins n-K..n-1, up to H ahead, MASE scaled by the in-sample mean
# absolute change over a season (12; 1 for a season or less of history).
backtest_awk() {	# H K: lines method,mase,smape
	awk -F, -v H="$1" -v K="$2" '$3 == "东方电子" { y[n++] = $7 }
	function err(o, seasonal,   lag, s, j, hh, f, a, e, sm) {
		lag = o > 12 ? 12 : 1; s = 0
		for (j = lag; j < o; j++) s += abs(y[j] - y[j - lag])
		s /= o - lag; hh = n - o < H ? n - o : H; e = 0; sm = 0
		for (j = 0; j < hh; j++) {
			f = seasonal ? y[o - lag + j % lag] : y[o - 1]
			a = abs(y[o + j] - f); e += a
			if (abs(y[o + j]) + abs(f) > 0)
				sm += 200 * a / (abs(y[o + j]) + abs(f))
		}
		M += e / hh / s; S += sm / hh
	}
	function abs(x) { return x < 0 ? -x : x }
	END {
		for (k = 0; k < 2; k++) {
			M = 0; S = 0
			for (o = n - K; o < n; o++) err(o, k)
			printf "%s,%.3f,%.2f\n", k ? "snaive" : "naive", M / K, S / K
		}
	}' orders.csv
}

t 'backtest: MASE and sMAPE of naive and snaive as awk computes them' '
	for hk in "2 3" "1 6" "4 5"; do
		set -- $hk &&
		code 0 crm-forecast backtest --by customer --horizon $1 \
		    --origins $2 -f csv --as wang.fang &&
		grep -E "^东方电子,s?naive," out | cut -d, -f2-4 >got &&
		backtest_awk $1 $2 >want && same want got || exit 1
	done &&
	head -1 out | grep -qx "customer,method,mase,smape,auto" &&
	test "$(grep -c "^东方电子," out)" = 7 &&
	test "$(grep "^东方电子," out | grep -c ",yes$")" = 1 &&
	grep -q "^mean,ets," out
'

t 'auto picks the method of least backtest MASE' '
	code 0 crm-forecast backtest --by customer --as wang.fang -f csv &&
	grep "^东方电子," out | grep -v ",croston," |
	    sort -t, -k3,3g | head -1 | cut -d, -f2 >best &&
	grep "^东方电子,.*,yes$" out | cut -d, -f2 >picked &&
	same best picked &&
	code 0 crm-forecast sales --by customer --as wang.fang -f csv &&
	grep "^东方电子," out | cut -d, -f3 | sort -u >used &&
	same picked used
'

t 'a history under two seasons: auto says so on stderr and uses ses' '
	code 0 crm-forecast sales --by customer --as wang.fang -f csv &&
	has err "西部物流: 10 periods of history" &&
	grep "^西部物流," out | cut -d, -f3 | sort -u | grep -qx ses &&
	code 0 crm-forecast backtest --by customer --as wang.fang -f csv &&
	grep "^西部物流,ses,.*,yes$" out &&
	LANGUAGE=zh_CN code 0 crm-forecast sales --by customer \
	    --as wang.fang -f csv && has err "西部物流：历史只有 10 期"
'

t 'a rep forecasts their own sales, a manager their team'"'"'s' '
	code 0 crm-forecast sales --by customer --as li.lei -f csv &&
	cut -d, -f1 out | sort -u >got &&
	printf "%s\n" customer 星河科技 >want && same want got &&
	code 0 crm-forecast sales --by owner --as han.mei -f csv &&
	cut -d, -f1 out | sort -u >got &&
	printf "%s\n" li.lei owner >want && same want got &&
	code 0 crm-forecast sales --by customer -f csv &&
	test "$(cut -d, -f1 out | sort -u | wc -l)" = 6
'

t 'the total, by region, category and product; weeks end before this one' '
	code 0 crm-forecast sales --method naive --horizon 1 -f csv &&
	grep "^total," out | cut -d, -f5 >got &&
	echo 3715.00 >want && same want got &&
	code 0 crm-forecast sales --by region --method naive -f csv &&
	cut -d, -f1 out | sort -u | tr "\n" " " | grep -q "region 华东 华北 华南" &&
	code 0 crm-forecast sales --by category --method naive -f csv &&
	grep -q "^svc," out &&
	code 0 crm-forecast sales --by product --method naive -f csv &&
	grep -q "^P," out &&
	code 0 crm-forecast sales --unit week --method naive --horizon 2 \
	    --as li.lei -f csv &&
	cut -d, -f2,5 out | tail -2 >got &&
	printf "%s\n" 2026-11-23,0.00 2026-11-30,0.00 >want && same want got
'

t 'json and a Chinese table' '
	code 0 crm-forecast sales --as li.lei --horizon 1 -f json &&
	has out "\"forecast\":1000.00" &&
	LANGUAGE=zh_CN code 0 crm-forecast sales --as li.lei --horizon 1 \
	    -f table && has out 预测值 && has out 95%上限
'

t 'bad options: 64 naming the option, nothing on stdout' '
	for a in "--horizon 0" "--horizon 3x" "--method arima" "--level 100" \
	    "--level 80,,95" "--by colour" "--unit day"; do
		code 64 crm-forecast sales $a && test ! -s out &&
		has err "${a%% *}" || exit 1
	done &&
	code 64 crm-forecast backtest --origins 0 && has err "--origins" &&
	code 64 crm-forecast sales extra
'

t 'no orders: no rows, exit 0' '
	crm -q user add zhao.yun --name 赵云 --role rep --region 华北 &&
	code 0 crm-forecast sales --as zhao.yun -f csv &&
	test "$(cat out)" = "series,period,method,model,forecast,lo_80,hi_80,lo_95,hi_95"
'

t '--history: the last periods as rows of method history; charts draw both' '
	code 0 crm-forecast sales --by customer --method naive --history 2 \
	    --horizon 1 -f csv &&
	grep "^星河科技," out >got &&
	printf "%s\n" "星河科技,2026-09,history,,1000.00,,,," \
	    "星河科技,2026-10,history,,1000.00,,,," \
	    "星河科技,2026-11,naive,,1000.00,1000.00,1000.00,1000.00,1000.00" \
	    >want && same want got &&
	COLUMNS=60 code 0 crm-forecast sales --method naive --horizon 2 --chart &&
	grep -c "\[" out >n && test "$(cat n)" = 2 &&
	test "$(grep -c "^20[0-9-]* " out)" -ge 24 &&
	code 0 crm-forecast sales --method naive --svg f.svg &&
	xmllint --noout f.svg &&
	code 64 crm-forecast sales --history x && has err "--history" &&
	code 64 crm-forecast sales --chart -f csv
'

done_testing
