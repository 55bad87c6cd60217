#!/bin/bash
# crm-forecast targets: per person, the period's revenue target, what was
# ordered so far, the open deals expected to close in it at their
# probability (the deal's, else its stage's; one past its close counts
# now, while the period runs), the forecast to its end and the shortfall.
# The figures are worked out here from the input; who sees whose, as
# real OS users too.
. "$(dirname "$0")/lib.sh"
team_db ||
    { echo "not ok 1 - access tests need root: $(os_users 2>&1)"; exit 1; }
os_users han.mei li.lei wang.fang
export CRM_NOW=2026-11-10T09:00:00
crm -q user add han.mei --name 韩梅梅 --role manager
crm -q user add li.lei --name 李雷 --role rep --manager han.mei
crm -q user add wang.fang --name 王芳 --role rep
crm -q target set --user li.lei --period 2026-11 --metric revenue 10000 >/dev/null
crm -q target set --user wang.fang --period 2026-11 --metric revenue 5000 >/dev/null
crm -q target set --user li.lei --period 2026-12 --metric revenue 800 >/dev/null
crm-customer -q add --name 星河科技 --owner li.lei >/dev/null
crm-customer -q add --name 南方贸易 --owner wang.fang >/dev/null
crm-order -q product add --sku P --name 服务 --price 1 >/dev/null
crm-order -q add --customer 星河科技 --line P:1:3000 --date 2026-11-02 >/dev/null
crm-order -q add --customer 南方贸易 --line P:1:6000 --date 2026-11-03 >/dev/null
crm-order -q add --customer 星河科技 --line P:1:999 --date 2026-10-30 >/dev/null
# deals of li.lei: name amount close stage probability(if set)
cat >deals.txt <<'X'
A 4000 2026-11-20 proposal -
B 1000 2026-12-05 qualify -
C 2000 2026-11-01 qualify -
D 3000 2026-11-25 needs 60
E 5000 2026-11-15 lost -
X
while read -r n a d st p; do
	CRM_NOW=2026-10-20T09:00:00 crm-deal -q add --customer 星河科技 \
	    --name "$n" --amount "$a" --close "$d" >/dev/null
	id=$(crm-deal list -f csv --no-header | awk -F, -v n="$n" '$3 == n { print $1 }')
	case $st in
	qualify) ;;
	lost) CRM_NOW=2026-10-20T09:00:00 crm-deal -q lose "$id" --reason price ;;
	*) CRM_NOW=2026-10-20T09:00:00 crm-deal -q move "$id" "$st" ;;
	esac
	[ "$p" = - ] || crm-deal -q edit "$id" --probability "$p"
done <deals.txt
# the stages' probabilities, from the setting
stagep() { crm-deal stages -f csv --no-header | awk -F, -v s="$1" '$1 == s { print $3 }'; }
# li.lei's open deals expected in [from, to] (cents), today 2026-11-10
expected() {
	while read -r n a d st p; do
		[ "$st" = lost ] && continue
		[ "$p" = - ] && p=$(stagep "$st")
		echo "$a $d $p"
	done <deals.txt | awk -v f="$1" -v t="$2" -v today=2026-11-10 '
	    { if ($2 > t) next; if ($2 < f && !(f <= today && today <= t)) next
	      s += $1 * 100 * $3 }
	    END { printf "%.2f\n", s / 10000 }'
}

t 'the figures: target, ordered, expected, forecast, attainment, gap' '
	nov=$(expected 2026-11-01 2026-11-30) &&
	test "$nov" = 4000.00 &&
	code 0 crm-forecast targets -f csv &&
	grep "^li.lei," out >got &&
	echo "li.lei,李雷,10000.00,3000.00,$nov,7000.00,70.0,3000.00" >want &&
	same want got &&
	grep "^wang.fang," out >got &&
	echo "wang.fang,王芳,5000.00,6000.00,0.00,6000.00,120.0,0.00" >want &&
	same want got
'

t 'a later period: only the deals closing in it; a past one: no pipeline' '
	dec=$(expected 2026-12-01 2026-12-31) && test "$dec" = 100.00 &&
	code 0 crm-forecast targets --period 2026-12 -f csv &&
	grep "^li.lei," out >got &&
	echo "li.lei,李雷,800.00,0.00,$dec,$dec,12.5,700.00" >want &&
	same want got &&
	code 0 crm-forecast targets --period 2026-10 -f csv &&
	grep "^li.lei," out >got && echo "li.lei,李雷,,999.00,0.00,999.00,," >want &&
	same want got
'

t 'who: a rep their own row, a manager their team, as OS users too' '
	crm-forecast targets --as li.lei -f csv --no-header | cut -d, -f1 >got &&
	echo li.lei >want && same want got &&
	crm-forecast targets --as han.mei -f csv --no-header | cut -d, -f1 >got &&
	printf "han.mei\nli.lei\n" >want && same want got &&
	as wang.fang crm-forecast targets -f csv --no-header | cut -d, -f1 >got &&
	echo wang.fang >want && same want got &&
	as li.lei crm-forecast targets -f csv --no-header >got &&
	! grep -q wang.fang got && ! grep -q 6000 got
'

t 'a chart of the forecasts; a bad period is 64' '
	COLUMNS=60 code 0 crm-forecast targets --chart && has out "█" &&
	code 64 crm-forecast targets --period 2026-13 && has err "--period"
'

done_testing
