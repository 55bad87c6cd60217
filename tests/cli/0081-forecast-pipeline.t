#!/bin/bash
# crm-forecast pipeline: won, commit, best case, pipeline and expected
# per close month against the deals made here (the figures worked out
# by hand in the comments), a late deal in this month, deals with no
# expected close apart, --scope by kind, --by, who sees which deals,
# bad options.
. "$(dirname "$0")/lib.sh"
crm init 2>/dev/null
crm -q user add han.mei --name 韩梅梅 --role manager --region 华东
crm -q user add li.lei --name 李雷 --role rep --region 华东 --manager han.mei
crm -q user add wang.fang --name 王芳 --role rep --region 华南
crm -q user add ma.sc --name 马市场 --role marketing
crm-customer -q add --name 星河科技 --owner li.lei --region 华东 >/dev/null
crm-customer -q add --name 南方贸易 --owner wang.fang --region 华南 >/dev/null
deal() {	# CUSTOMER AMOUNT STAGE [options]
	c=$1 a=$2 s=$3
	shift 3
	crm-deal -q add --customer "$c" --name "d$a" --amount "$a" --stage "$s" \
	    "$@" >/dev/null || exit 1
}
# stages: qualify 10, needs 25, proposal 50, negotiation 75, won, lost
deal 星河科技 1000 negotiation --close 2026-12-10	# commit, Dec: 750
deal 星河科技 2000 proposal --close 2026-11-30	# best case, Nov: 1000
deal 星河科技 400 qualify --close 2026-10-01 --kind project # late: Nov, 40
deal 星河科技 300 needs --probability 80		# commit, no close: 240
deal 星河科技 500 won --close 2026-11-02		# won in Nov: 500
deal 星河科技 9000 won --close 2026-10-30		# won before: not counted
deal 南方贸易 600 needs --close 2027-01-15 --kind project # pipeline, Jan: 150
deal 南方贸易 700 proposal --close 2027-03-01	# after the 3 months
deal 南方贸易 800 lost --close 2026-11-10		# lost: not counted

t 'the months of the pipeline, as worked out by hand' '
	code 0 crm-forecast pipeline -f csv &&
	cat >want <<-EOF &&
	month,won,commit,best_case,pipeline,expected
	2026-11,500.00,0.00,2000.00,400.00,1540.00
	2026-12,0.00,1000.00,0.00,0.00,750.00
	2027-01,0.00,0.00,0.00,600.00,150.00
	,0.00,300.00,0.00,0.00,240.00
	EOF
	same want out
'

t '--months and --scope: project deals only, ordinary ones only' '
	code 0 crm-forecast pipeline --months 4 --scope project -f csv &&
	cat >want <<-EOF &&
	month,won,commit,best_case,pipeline,expected
	2026-11,0.00,0.00,0.00,400.00,40.00
	2026-12,0.00,0.00,0.00,0.00,0.00
	2027-01,0.00,0.00,0.00,600.00,150.00
	2027-02,0.00,0.00,0.00,0.00,0.00
	EOF
	same want out &&
	code 0 crm-forecast pipeline --months 5 --scope standard -f csv &&
	grep -c . out | grep -qx 7 &&
	grep -qx "2027-03,0.00,0.00,700.00,0.00,350.00" out &&
	grep -qx "2026-11,500.00,0.00,2000.00,0.00,1500.00" out
'

t '--by owner and stage' '
	code 0 crm-forecast pipeline --by owner -f csv &&
	cat >want <<-EOF &&
	owner,month,won,commit,best_case,pipeline,expected
	li.lei,2026-11,500.00,0.00,2000.00,400.00,1540.00
	li.lei,2026-12,0.00,1000.00,0.00,0.00,750.00
	li.lei,,0.00,300.00,0.00,0.00,240.00
	wang.fang,2027-01,0.00,0.00,0.00,600.00,150.00
	EOF
	same want out &&
	code 0 crm-forecast pipeline --by stage -f csv &&
	grep -qx "won,2026-11,500.00,0.00,0.00,0.00,500.00" out &&
	code 0 crm-forecast pipeline --by region -f csv &&
	grep -qx "华南,2027-01,0.00,0.00,0.00,600.00,150.00" out
'

t 'who sees which deals: a rep their own, marketing none (77)' '
	code 0 crm-forecast pipeline --as wang.fang -f csv &&
	grep -qx "2026-11,0.00,0.00,0.00,0.00,0.00" out &&
	grep -qx "2027-01,0.00,0.00,0.00,600.00,150.00" out &&
	code 0 crm-forecast pipeline --as han.mei -f csv &&
	grep -qx "2027-01,0.00,0.00,0.00,0.00,0.00" out &&
	code 77 crm-forecast pipeline --as ma.sc && test ! -s out
'

t 'bad options: 64 naming the option' '
	for a in "--months 0" "--months 61" "--months x" "--by kind" \
	    "--scope big"; do
		code 64 crm-forecast pipeline $a && test ! -s out &&
		has err "${a%% *}" || exit 1
	done
'

t 'a Chinese table' '
	LANGUAGE=zh_CN code 0 crm-forecast pipeline -f table &&
	has out 预期收入 && has out 乐观
'

done_testing
