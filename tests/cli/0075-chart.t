#!/bin/bash
# Charts on a terminal (--chart, --ascii): crm-deal pipeline (bars, and a
# sparkline by month), crm-deal funnel (centred bars) and crm-pay aging
# drawn under their tables, the bar lengths computed here from the
# amounts; Chinese labels aligned by display width; COLUMNS; the options
# that do not go together; a rep's chart shows only what the rep sees.
. "$(dirname "$0")/lib.sh"
crm init 2>/dev/null
crm -q user add han.mei --name 韩梅梅 --role manager
crm -q user add li.lei --name 李雷 --role rep --manager han.mei
crm -q user add wang.fang --name 王芳 --role rep
crm -q user add zhao.li --name 赵丽 --role rep
crm-customer -q add --name 星河科技 --owner li.lei >/dev/null
crm-customer -q add --name 'A&B <Co>' --owner wang.fang >/dev/null
deal() {	# deal CUSTOMER OWNER AMOUNT STAGE CLOSE
	crm-deal -q add --customer "$1" --name "d$3" --owner "$2" \
	    --amount "$3" --stage "$4" --close "$5" >/dev/null || exit 1
}
deal 1 li.lei 10000 qualify 2026-12-10
deal 1 li.lei 20000 needs 2027-01-10
deal 2 wang.fang 50000 proposal 2027-01-20
deal 2 wang.fang 30000 negotiation 2027-03-05
deal 1 li.lei 7777.77 negotiation 2027-03-06

# The bar of amount a when max fills w columns, in '#' as --ascii draws
# it: a length in eighths rounded, then to whole cells.
bars() {	# bars WIDTH: label, cells and value of each stage
	awk -v w="$1" -F'\t' '{ a[NR] = $2; l[NR] = $1; if ($2 > m) m = $2 }
	END { for (i = 1; i <= NR; i++) {
		e = int(a[i] / m * w * 8 + 0.5); if (e < 1 && a[i] > 0) e = 1
		printf "%s %d\n", l[i], int((e + 4) / 8) } }'
}

t 'pipeline --chart --ascii: the table, then a bar per stage' '
	printf "初步接洽\t10000\n需求确认\t20000\n方案报价\t50000\n商务谈判\t37777.77\n" |
	    bars 41 >want &&
	COLUMNS=60 code 0 crm-deal pipeline --chart --ascii &&
	has out "negotiation  商务谈判      2  37,777.77" &&
	sed -n "/^amount$/,\$p" out | tail -n +2 >chart &&
	[ "$(wc -l <chart)" = 4 ] &&
	awk "{ n = gsub(/#/, \"#\"); print \$1, n }" chart >got &&
	same want got &&
	# values right-aligned at the 60th column, labels 8 columns wide
	has chart "初步接洽 ########                                  10,000.00" &&
	awk "length(\$0) - length(\$1) + 8 != 60 { print; exit 1 }" chart
'

t 'the Unicode bars use eighth blocks; the widest fills the width' '
	COLUMNS=60 code 0 crm-deal pipeline --chart &&
	grep -q "^方案报价 █\{41\} 50,000.00$" out &&
	# 10000 of 50000 in 41 columns: 65.6 eighths, 66: 8 full and ▎
	grep -q "^初步接洽 █\{8\}▎ " out
'

t 'a long label is cut at a third of the width, with …' '
	crm-customer -q add --name 一个名字非常非常非常长的客户有限公司 --owner li.lei >/dev/null &&
	crm-order -q product add --sku P --name 服务 --price 1 >/dev/null &&
	crm-order -q add --customer 3 --line P:1:500 --terms 100%:0 --date 2026-10-01 >/dev/null &&
	crm-order -q confirm 1 &&
	COLUMNS=60 code 0 crm-pay aging --chart &&
	# 20 columns for the labels, the cut one 19 and a space; the total
	# row is not drawn
	sed -n "/^outstanding$/,\$p" out >chart &&
	[ "$(wc -l <chart)" = 2 ] &&
	grep -q "^一个名字非常非常非…  ███* 500.00$" chart
'

t 'pipeline --by month: a sparkline and the range' '
	COLUMNS=80 code 0 crm-deal pipeline --by month --chart &&
	# 2026-12 10000, 2027-01 70000, 2027-03 37777.77
	grep -q "^▁█▄$" out &&
	has out "2026-12 to 2027-03: lowest 10,000.00, highest 70,000.00, last 37,777.77" &&
	code 0 crm-deal pipeline --by month --chart --ascii &&
	grep -q "^_#:$" out
'

t 'funnel --chart: centred bars, then the summary' '
	COLUMNS=40 code 0 crm-deal funnel --chart --ascii &&
	sed -n "/^reached$/,/^$/p" out >chart &&
	# 29 columns of bar: 5 fills them; 4 is 23.2 cells, 23, centred
	grep -q "^初步接洽 #\{29\} 5$" chart &&
	grep -q "^需求确认    #\{23\}    4$" chart &&
	grep -q "^赢单  *0$" chart &&
	has out "summary:"
'

t 'into a pipe --chart still prints a table; Chinese for a Chinese user' '
	code 0 crm-deal pipeline --chart &&
	has out "  37,777.77" &&
	crm -q config set ui.lang zh_CN &&
	code 0 crm-deal pipeline --chart &&
	crm -q config set ui.lang en &&
	grep -q "^金额$" out &&
	grep -q "^商务谈判 █.* 37,777.77$" out
'

t 'options that do not go together are 64, nothing printed' '
	code 64 crm-deal pipeline --ascii &&
	has err "--ascii goes with --chart" && [ ! -s out ] &&
	code 64 crm-deal pipeline --chart -f csv &&
	has err "does not go with -f csv" && [ ! -s out ] &&
	code 64 crm-deal funnel --summary --chart &&
	code 64 crm-pay aging --chart -f json
'

t 'without the options the output is what it was' '
	code 0 crm-deal pipeline -f csv &&
	head -1 out | grep -q "^stage,label,deals,amount,weighted$" &&
	! grep -q "#" out
'

t 'a rep charts only the deals the rep sees' '
	COLUMNS=60 code 0 crm-deal --as li.lei pipeline --chart --ascii &&
	! has out 50,000.00 2>/dev/null &&
	grep -q "^商务谈判 #.* 7,777.77$" out
'

t 'all zeros: the values, no bars; no rows: no chart' '
	COLUMNS=40 code 0 crm-deal --as zhao.li pipeline --chart --ascii &&
	sed -n "/^amount$/,\$p" out | tail -n +2 >chart &&
	[ "$(wc -l <chart)" = 4 ] &&
	grep -q "^初步接洽  *0.00$" chart && ! grep -q "#" chart &&
	code 0 crm-pay aging --as-of 2026-01-01 --chart &&
	has out total && ! grep -q "^outstanding$" out
'

t 'a row with no label is a bar (none), and not in a trend' '
	crm-deal -q add --customer 1 --name later --owner li.lei \
	    --amount 5 --stage qualify >/dev/null &&
	code 0 crm-deal pipeline --by month --chart &&
	has out "2026-12 to 2027-03: lowest 10,000.00" &&
	grep -q "^▁█▄$" out &&
	code 0 crm-deal pipeline --by month --svg m.svg &&
	[ "$(grep -c "<circle" m.svg)" = 3 ] &&
	crm-customer -q add --name 无区 --owner li.lei >/dev/null &&
	crm-deal -q add --customer 4 --name r --owner li.lei \
	    --amount 6 --stage qualify >/dev/null &&
	code 0 crm-deal pipeline --by region --chart &&
	grep -q "^(none) █" out
'

done_testing
