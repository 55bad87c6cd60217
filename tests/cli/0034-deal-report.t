#!/bin/bash
# crm-deal pipeline, funnel and score: the figures against figures this
# test computes itself (awk) from its own table of deals and their stage
# paths; who sees what; --as-of; score's ranges, --explain and undo.
. "$(dirname "$0")/lib.sh"
crm init 2>/dev/null
crm -q user add han.mei --name 韩梅梅 --role manager --region 华东
crm -q user add li.lei --name 李雷 --role rep --region 华东 --manager han.mei
crm -q user add wang.fang --name 王芳 --role rep --region 华南
crm -q user add qian.cw --name 钱财务 --role finance
crm -q user add ma.sc --name 马市场 --role marketing
{
	crm-customer -q add --name 星河科技 --owner li.lei --region 华东
	crm-customer -q add --name 南方贸易 --owner wang.fang --region 华南
	crm-customer -q add --name 无区客户 --owner li.lei
} >/dev/null

# name customer owner kind amount probability close path (stage@date,...)
# "-" is none. Customer 1 is in 华东, 2 in 华南, 3 in no region.
cat >deals.txt <<'EOF'
D01 1 li.lei standard 10000 - 2026-12-15 qualify@2026-09-01
D02 1 li.lei standard 20000 - 2026-12-20 qualify@2026-09-02,needs@2026-09-12
D03 1 li.lei project 50000 60 2027-01-10 qualify@2026-09-03,needs@2026-09-10,proposal@2026-09-30
D04 2 wang.fang standard 30000 - 2026-12-01 qualify@2026-09-05,needs@2026-09-08,proposal@2026-09-20,negotiation@2026-10-10
D05 2 wang.fang standard 15000 - 2026-10-30 qualify@2026-09-06,needs@2026-09-16,proposal@2026-10-01,negotiation@2026-10-11,won@2026-10-30
D06 1 li.lei standard 8000 - 2026-10-15 qualify@2026-09-07,needs@2026-09-27,lost@2026-10-15
D07 3 li.lei project 120000 - 2026-11-20 qualify@2026-09-08,proposal@2026-09-18,negotiation@2026-10-08,won@2026-11-20
D08 3 han.mei standard 5000 - - qualify@2026-09-09,lost@2026-09-19
D09 2 wang.fang standard 40000 - 2026-11-10 qualify@2026-09-10,needs@2026-09-15,proposal@2026-09-25,needs@2026-10-05,proposal@2026-10-15,won@2026-11-10
D10 1 han.mei standard 25000.50 90 2026-12-31 qualify@2026-10-01,needs@2026-10-11,proposal@2026-10-21,negotiation@2026-11-01
D11 2 wang.fang project 60000 - 2027-02-01 qualify@2026-10-05,needs@2026-10-25,proposal@2026-11-05,lost@2026-11-15
D12 3 li.lei standard - - - qualify@2026-11-01,needs@2026-11-20
D13 2 wang.fang standard 7777.77 - 2026-12-24 negotiation@2026-10-20
EOF

# Each deal is added on the day of its first stage (the clock), then its
# later stages are written as the move verb would: a history row, and
# the deal's stage, stage_at and close fields.
load() {
	local name cu owner kind amount prob close path first rest id opts
	while read -r name cu owner kind amount prob close path; do
		first=${path%%,*}
		opts=(--customer "$cu" --name "$name" --owner "$owner" --kind "$kind"
			--stage "${first%@*}")
		[ "$amount" = - ] || opts+=(--amount "$amount")
		[ "$prob" = - ] || opts+=(--probability "$prob")
		[ "$close" = - ] || opts+=(--close "$close")
		id=$(CRM_NOW="${first#*@}T09:00:00" crm-deal add -q "${opts[@]}")
		rest=${path#"$first"}
		prev=${first%@*}
		for step in ${rest//,/ }; do
			s=${step%@*} d=${step#*@}
			echo "INSERT INTO deal_stages (deal_id, from_stage, to_stage, at,
				by_login) VALUES ($id, '$prev', '$s', '${d}T09:00:00', 'li.lei');
				UPDATE deals SET stage = '$s', stage_at = '${d}T09:00:00',
				won_at = CASE '$s' WHEN 'won' THEN '$d' END,
				lost_at = CASE '$s' WHEN 'lost' THEN '$d' END,
				lost_reason = CASE '$s' WHEN 'lost' THEN 'price' END
				WHERE id = $id;"
			prev=$s
		done
	done <deals.txt >history.sql
	sqlite3 "$CRM_DB" <history.sql
}
load

# The expected figures, computed from deals.txt alone. awk variables:
# by (stage|owner|region|month|kind), who (owners counted, "" all),
# asof (a date, "" none).
AWK_COMMON='
function day(d,  y, m, x) {	# days since 1970-01-01
	y = substr(d, 1, 4) + 0; m = substr(d, 6, 2) + 0; x = substr(d, 9, 2) + 0
	if (m <= 2) { y--; m += 12 }
	return 365 * y + int(y / 4) - int(y / 100) + int(y / 400) \
	    + int((153 * (m - 3) + 2) / 5) + x - 719469
}
function money(c) { return sprintf("%d.%02d", int(c / 100), c % 100) }
function cents(a,  p) {
	if (a == "-") return 0
	p = index(a, ".")
	if (!p) return a * 100
	return substr(a, 1, p - 1) * 100 + substr(a, p + 1) + 0
}
function median(list,  n, v, i, j, t) {	# list: space-separated numbers
	n = split(list, v, " ")
	if (n == 0) return ""
	for (i = 2; i <= n; i++)
		for (j = i; j > 1 && v[j - 1] + 0 > v[j] + 0; j--) {
			t = v[j]; v[j] = v[j - 1]; v[j - 1] = t
		}
	if (n % 2) return sprintf("%.1f", v[(n + 1) / 2])
	return sprintf("%.1f", (v[n / 2] + v[n / 2 + 1]) / 2)
}
function visible(owner) { return who == "" || index(" " who " ", " " owner " ") }
BEGIN {
	split("qualify needs proposal negotiation won lost", ST, " ")
	split("初步接洽 需求确认 方案报价 商务谈判 赢单 输单", LB, " ")
	split("10 25 50 75 100 0", PR, " ")
	for (i = 1; i <= 6; i++) IX[ST[i]] = i
	REGION[1] = "华东"; REGION[2] = "华南"; REGION[3] = ""
}
'

expect_pipeline() {
	awk -v by="$1" -v who="${2:-}" "$AWK_COMMON"'
	{
		n = split($8, steps, ","); split(steps[n], last, "@"); s = last[1]
		if (s == "won" || s == "lost" || !visible($3)) next
		if (by == "stage") k = s
		else if (by == "owner") k = $3
		else if (by == "region") k = REGION[$2]
		else if (by == "month") k = $7 == "-" ? "" : substr($7, 1, 7)
		else k = $4
		p = $6 == "-" ? PR[IX[s]] : $6
		N[k]++; A[k] += cents($5); W[k] += cents($5) * p
		keys[k] = 1
	}
	function row(k, label) {
		printf "%s,%s%d,%s,%s\n", k, label, N[k], money(A[k]),
		    money(int(W[k] / 100 + 0.5))
	}
	END {
		if (by == "stage") {
			for (i = 1; i <= 4; i++) row(ST[i], LB[i] ",")
			exit
		}
		for (k in keys) print (k == "" ? 1 : 0) "\t" k
	}' deals.txt >exp.keys
	if [ "$1" = stage ]; then cat exp.keys; return; fi
	# the groups in byte order, none last, then their rows
	LC_ALL=C sort exp.keys | cut -f2 | while IFS= read -r k; do
		awk -v by="$1" -v who="${2:-}" -v key="$k" "$AWK_COMMON"'
		{
			n = split($8, steps, ","); split(steps[n], last, "@"); s = last[1]
			if (s == "won" || s == "lost" || !visible($3)) next
			if (by == "owner") k = $3
			else if (by == "region") k = REGION[$2]
			else if (by == "month") k = $7 == "-" ? "" : substr($7, 1, 7)
			else k = $4
			if (k != key) next
			p = $6 == "-" ? PR[IX[s]] : $6
			c++; a += cents($5); w += cents($5) * p
		}
		END { printf "%s,%d,%s,%s\n", key, c, money(a), money(int(w / 100 + 0.5)) }
		' deals.txt
	done
}

# The funnel of the deals of owners who ("" all) as of asof: stage rows,
# then "summary," and the summary row.
expect_funnel() {
	awk -v who="${1:-}" -v asof="${2:-9999-12-31}" "$AWK_COMMON"'
	{
		if (!visible($3)) next
		n = split($8, steps, ","); m = 0
		for (i = 1; i <= n; i++) {
			split(steps[i], x, "@")
			if (x[2] > asof) break
			m++; S[m] = x[1]; D[m] = day(x[2])
		}
		if (m == 0) next
		deals++; top = 1
		for (i = 1; i <= m; i++) if (S[i] != "lost" && IX[S[i]] > top) top = IX[S[i]]
		for (i = 1; i <= top; i++) R[i]++
		IN[IX[S[m]]]++
		for (i = 2; i <= m; i++)
			if (S[i - 1] != "won" && S[i - 1] != "lost")
				STAY[IX[S[i - 1]]] = STAY[IX[S[i - 1]]] " " (D[i] - D[i - 1])
		if (S[m] == "won") { won++; wc += cents($5) }
		else if (S[m] == "lost") lost++
		else { open++; next }
		CYC = CYC " " (D[m] - D[1])
	}
	END {
		for (i = 1; i <= 5; i++)
			printf "%s,%s,%d,%s,%d,%s\n", ST[i], LB[i], R[i],
			    (i > 1 && R[i - 1] > 0 ? sprintf("%.1f", 100 * R[i] / R[i - 1]) : ""),
			    IN[i], median(STAY[i])
		closed = won + lost
		avg = won ? int(wc / won + 0.5) : 0
		cyc = median(CYC)
		vel = (closed && cyc > 0) ? money(int(open * won / closed * avg / cyc + 0.5)) : ""
		printf "summary,%d,%d,%d,%d,%s,%s,%s,%s\n", deals, open + 0, won + 0,
		    lost + 0, (closed ? sprintf("%.1f", 100 * won / closed) : ""),
		    (won ? money(avg) : ""), cyc, vel
	}' deals.txt
}

got_funnel() {
	crm-deal funnel "$@" --no-header -f csv &&
	printf "summary," &&
	crm-deal funnel "$@" --summary --no-header -f csv
}

t 'the test data loaded: 13 deals, their history rows' '
	sqlite3 "$CRM_DB" "SELECT count(*) FROM deals" >n && test "$(cat n)" = 13 &&
	sqlite3 "$CRM_DB" "SELECT count(*) FROM deal_stages" >n && test "$(cat n)" = 41
'

for by in stage owner region month kind; do
	t "pipeline --by $by: the figures computed from the input" '
		expect_pipeline '$by' >want &&
		crm-deal pipeline --by '$by' --no-header -f csv >got 2>err &&
		same want got
	'
done

t 'pipeline: the totals on stderr, the default is by stage' '
	code 0 crm-deal pipeline -f csv && has err "open deals: 7;" &&
	has err "amount 142,778.27; weighted 86,833.78" &&
	crm-deal pipeline --by stage -f csv >by-stage 2>/dev/null &&
	same by-stage out && head -1 out >h &&
	echo "stage,label,deals,amount,weighted" >hw && same hw h
'

t 'pipeline: a rep counts their own deals, a manager the team, finance all' '
	expect_pipeline owner li.lei >want &&
	crm-deal --as li.lei pipeline --by owner --no-header -f csv >got 2>/dev/null &&
	same want got &&
	expect_pipeline stage li.lei >want &&
	crm-deal --as li.lei pipeline --no-header -f csv >got 2>/dev/null &&
	same want got &&
	expect_pipeline region "li.lei han.mei" >want &&
	crm-deal --as han.mei pipeline --by region --no-header -f csv >got 2>/dev/null &&
	same want got &&
	expect_pipeline kind >want &&
	crm-deal --as qian.cw pipeline --by kind --no-header -f csv >got 2>/dev/null &&
	same want got
'

t 'pipeline and funnel: marketing sees no deals (77); a bad --by is 64' '
	code 77 crm-deal --as ma.sc pipeline && has err "see deals" &&
	test ! -s out &&
	code 77 crm-deal --as ma.sc funnel && test ! -s out &&
	code 64 crm-deal pipeline --by customer && has err "stage, owner, region" &&
	code 64 crm-deal funnel --by month && has err "owner, region, kind" &&
	code 64 crm-deal funnel --as-of 2026-02-30 && has err "--as-of"
'

t 'funnel: every figure computed from the input' '
	expect_funnel >want && got_funnel >got && same want got
'

t 'funnel --as-of: only what had happened by the end of that day' '
	for d in 2026-09-05 2026-09-30 2026-10-20 2026-11-15; do
		expect_funnel "" $d >want && got_funnel --as-of $d >got &&
		same want got || exit 1
	done &&
	crm-deal funnel --as-of 2026-08-31 --summary --no-header -f csv >got &&
	test "$(cat got)" = "0,0,0,0,,,,"
'

t 'funnel: a rep sees their own deals, a manager the team' '
	expect_funnel li.lei >want && got_funnel --as li.lei >got && same want got &&
	expect_funnel "li.lei han.mei" 2026-10-31 >want &&
	got_funnel --as han.mei --as-of 2026-10-31 >got && same want got
'

t 'funnel --by owner: one funnel per owner, each the same as alone' '
	crm-deal funnel --by owner --no-header -f csv >all &&
	for o in han.mei li.lei wang.fang; do
		expect_funnel $o | grep -v ^summary | sed "s/^/$o,/" || exit 1
	done >want && same want all &&
	crm-deal funnel --by region --summary -f csv >r &&
	head -1 r >h && has h "region,deals,open,won,lost,win_rate_pct" &&
	tail -1 r | cut -d, -f1,2 >last && test "$(cat last)" = ",3"
'

t 'funnel in a table: the stages, then the summary' '
	crm-deal funnel -f table >t && has t "summary:" && has t "velocity" &&
	has t "方案报价"
'

t 'score: every open deal the user may change, 0 to 100, stored' '
	code 0 crm-deal score -f csv && test "$(wc -l <out)" = 8 &&
	tail -n +2 out | cut -d, -f4 >scores &&
	while read -r v; do [ "$v" -ge 0 ] && [ "$v" -le 100 ] || exit 1; done <scores &&
	crm-deal list --open --sort -score -f csv --no-header | cut -d, -f15 >sorted &&
	sort -rn scores >want && same want sorted
'

t 'score --explain: six factors that add up to the score' '
	code 0 crm-deal score D03 --explain -f csv &&
	has out "3,urgency,none (3),15,7.5" &&
	has out "3,stage,60% (its own),25,15.0" &&
	has out "3,history,1 of 1 won; overall 50.0%,20,11.7" &&
	awk -F, "\$2 != \"score\" && NR > 1 { s += \$5 } \$2 == \"score\" { t = \$3 }
		END { exit !(int(s + 0.5) == t) }" out &&
	crm-deal show D03 -f yaml >y && has y "score: $(grep ",score," out | cut -d, -f3)"
'

t 'score: the factors move the score the right way' '
	a=$(crm-deal score D02 -f csv --no-header | cut -d, -f4) &&
	crm-deal set D02 urgency=5 budget=5 competition=1 &&
	b=$(crm-deal score D02 -f csv --no-header | cut -d, -f4) &&
	test "$b" = $((a + 20)) &&
	CRM_NOW=2027-06-01T09:00:00 crm-deal score D02 -f csv --no-header >c &&
	test "$(cut -d, -f4 c)" -lt "$b"
'

t 'score: refusals — a closed deal, another rep'\''s deal, finance, unknown' '
	crm-deal export >before &&
	code 65 crm-deal score D05 && has err "closed (won)" &&
	code 65 crm-deal --as li.lei score D04 && has err "no deal" &&
	! has err wang.fang &&
	code 65 crm-deal --as han.mei score D04 &&
	code 77 crm-deal --as qian.cw score 4 && has err "score deals" &&
	code 77 crm-deal --as qian.cw score && has err "score deals" &&
	code 65 crm-deal score D01 99 && has err "no deal 99" &&
	crm-deal export >after && same before after
'

t 'score: a rep scores their own open deals only' '
	sqlite3 "$CRM_DB" "UPDATE deals SET score = NULL" &&
	code 0 crm-deal --as li.lei score -f csv --no-header &&
	cut -d, -f1 out | tr "\n" " " >ids && test "$(cat ids)" = "1 2 3 12 " &&
	sqlite3 "$CRM_DB" "SELECT count(*) FROM deals WHERE score IS NOT NULL" >n &&
	test "$(cat n)" = 4
'

t 'score: --dry-run writes nothing; undo takes a run back' '
	crm-deal export >before &&
	code 0 crm-deal score --dry-run && crm-deal export >after &&
	same before after &&
	code 0 crm-deal score && crm-deal export >scored &&
	run=$(crm log --entity deal | tail -1 | cut -d, -f1) &&
	crm -q undo "$run" && crm-deal export >undone && same before undone &&
	! same before scored >/dev/null
'

t 'score - reads ids from a list' '
	crm-deal list --owner wang.fang --open -f csv | crm-deal score - -f csv >s &&
	cut -d, -f1 s | tail -n +2 | tr "\n" " " >ids && test "$(cat ids)" = "4 13 "
'

t 'in Chinese: the columns and the factors' '
	export LANGUAGE=zh_CN &&
	crm-deal pipeline -f table >t 2>e && has t "加权金额" &&
	has e "进行中的商机" &&
	crm-deal funnel -f table >t && has t "转化率" && has t "汇总" &&
	crm-deal score D01 --explain -f table >t && has t "紧迫度" &&
	crm-deal score D01 --explain -f csv >c && has c "urgency" &&
	! grep -q 紧迫度 c
'

# The same rules for real OS users on a team database (lib.sh team_db).
team() {
	team_db && os_users li.lei wang.fang qian.cw ma.sc &&
	crm -q user add li.lei --name 李雷 --role rep --region 华东 &&
	crm -q user add wang.fang --name 王芳 --role rep --region 华南 &&
	crm -q user add qian.cw --name 钱财务 --role finance &&
	crm -q user add ma.sc --name 马市场 --role marketing &&
	crm-customer -q add --name 甲 --owner li.lei >/dev/null &&
	crm-customer -q add --name 乙 --owner wang.fang >/dev/null &&
	crm-deal -q add --customer 1 --name L1 --owner li.lei --amount 100 &&
	crm-deal -q add --customer 1 --name L2 --owner li.lei --amount 200 \
		--stage proposal &&
	crm-deal -q add --customer 2 --name W1 --owner wang.fang --amount 400
} >/dev/null

t 'as OS users: a rep counts and scores their own deals; finance reads all' '
	team &&
	as li.lei crm-deal pipeline --by owner -f csv --no-header >p 2>/dev/null &&
	test "$(cat p)" = "li.lei,2,300.00,110.00" &&
	as li.lei crm-deal funnel --summary -f csv --no-header >f &&
	test "$(cut -d, -f1,2 f)" = "2,2" &&
	code 0 as li.lei crm-deal score -f csv --no-header &&
	test "$(cut -d, -f1 out | tr "\n" " ")" = "1 2 " &&
	code 65 as li.lei crm-deal score 3 && has err "no deal 3" &&
	! has err W1 &&
	as qian.cw crm-deal pipeline --by owner -f csv --no-header >p 2>/dev/null &&
	test "$(wc -l <p)" = 2 &&
	code 77 as qian.cw crm-deal score 3 &&
	code 77 as ma.sc crm-deal pipeline && test ! -s out &&
	code 77 as ma.sc crm-deal funnel && test ! -s out &&
	sqlite3 "$CRM_DB" "SELECT id, score IS NOT NULL FROM deals" >s &&
	test "$(tr "\n" " " <s)" = "1|1 2|1 3|0 "
'

done_testing
