#!/bin/bash
# crm-pay statement CUSTOMER [--from --to] [-f text|html]: the customer's
# statement (对账单). Its figures — opening balance, charges, payments,
# closing balance, invoiced, open instalments, credit — checked against
# sums computed here from the input, in cents; drafts and cancelled
# orders left out; reversals charged back; CJK names aligned; the HTML
# page well-formed; who may (--as and real OS users); bad input.
. "$(dirname "$0")/lib.sh"
team_db ||
    { echo "not ok 1 - access tests need root: $(os_users 2>&1)"; exit 1; }
os_users han.mei li.lei wang.fang qian.cw
crm -q user add han.mei --name 韩梅梅 --role manager --region 华东
crm -q user add li.lei --name 李雷 --role rep --region 华东 --manager han.mei
crm -q user add wang.fang --name 王芳 --role rep --region 华南
crm -q user add qian.cw --name 钱财务 --role finance
crm -q user add ma.sc --name 马市场 --role marketing
crm-customer -q add --name 星河科技 --owner li.lei --contact 张三 >/dev/null
crm-customer -q add --name 南方贸易 --owner wang.fang >/dev/null
crm-customer -q add --name 东方公司 --region 华东 >/dev/null	# in the pool
crm-order -q product add --sku P --name 服务 --price 1 >/dev/null
order() {	# order CUSTOMER TOTAL DATE TERMS: a confirmed order
	crm-order -q add --customer "$1" --line "P:1:$2" --terms "$4" \
	    --date "$3" >/dev/null && crm-order -q confirm "$(crm-order list \
	    -f csv --no-header --sort -id --limit 1 | cut -d, -f1)"
}
# the input, in cents
O1=100005 O2=234567 O5=3
order 星河科技 1000.05 2026-09-15 100%:0		# 1
order 星河科技 2345.67 2026-10-10 50%:0,50%:60	# 2: 1172.84 due 12-09
crm-order -q add --customer 星河科技 --line P:1:50 --date 2026-10-12 \
    >/dev/null					# 3: a draft
crm-order -q add --customer 星河科技 --line P:1:70 --date 2026-10-12 \
    >/dev/null					# 4: cancelled
crm-order -q confirm 4 && crm-order -q cancel 4 --reason 客户取消
order 星河科技 0.03 2026-11-20 100%:30		# 5
order 南方贸易 99 2026-10-01 100%:0			# 6
R1=50000 R2=120010 R3=10000 R4=100000
rc() { crm-pay -q receive --customer 星河科技 --method bank --amount "$1" \
    --date "$2" --ref "$3" >/dev/null; }
rc 500.00 2026-09-20 B-1 && rc 1200.10 2026-10-15 B-2 &&
rc 100.00 2026-11-05 B-3 && rc 1000.00 2026-11-10 B-4
crm-pay -q receipt reverse 3 --reason 退票		# on 2026-11-24 (CRM_NOW)
# invoices: 1000.05 issued 2026-10-01, 500 requested (today), 200 void
crm-pay -q invoice request 1 >/dev/null
crm-pay -q invoice issue 1 --number 04410001 --date 2026-10-01
crm-pay -q invoice request 2 --amount 500 >/dev/null
crm-pay -q invoice request 2 --amount 200 >/dev/null
crm-pay -q invoice void 3 --reason 错
I_ISSUED=100005 I_REQ=50000

q() { sqlite3 "$CRM_DB" "$1"; }
# the value of the total labelled $2 in document $1, in cents
total() {
	grep -E "^ *$2  " "$1" | tail -1 | awk '{print $NF}' | tr -d ',.' |
	    sed -E 's/^(-?)0+([0-9])/\1\2/'
}

t 'the whole history: every figure against the input' '
	code 0 crm-pay statement 星河科技 && mv out s &&
	charges=$((O1 + O2 + O5 + R3)) && paid=$((R1 + R2 + R3 + R4)) &&
	test "$(total s "Opening balance")" = 0 &&
	test "$(total s Charges)" = "$charges" &&
	test "$(total s Payments)" = "$paid" &&
	test "$(total s "Closing balance")" = $((charges - paid)) &&
	test "$(total s "Invoiced in the period")" = $((I_ISSUED + I_REQ)) &&
	test "$(total s "Unapplied credit")" = 0 &&
	test "$(total s "Open instalments")" = $((charges - paid)) &&
	has s "Customer   星河科技" && has s "Contact    张三" &&
	has s "Sales rep  李雷" && has s "Period     all records" &&
	has s "Order SO-2026-000001" && has s "Order SO-2026-000005" &&
	! grep -q "SO-2026-000003\|SO-2026-000004\|SO-2026-000006" s &&
	has s "Reversal of receipt 3" && has s "bank B-2" &&
	has s "04410001" && has s "void" &&
	grep -q "^2026-12-09 *\|SO-2026-000002  2  2026-12-09" s &&
	crm-pay statement 1 >again && cmp s again
'

t 'a period: the opening balance is everything before it' '
	code 0 crm-pay statement 1 --from 2026-10-01 --to 2026-11-10 && mv out s &&
	opening=$((O1 - R1)) && charges=$O2 && paid=$((R2 + R3 + R4)) &&
	test "$(total s "Opening balance")" = "$opening" &&
	test "$(total s Charges)" = "$charges" &&
	test "$(total s Payments)" = "$paid" &&
	test "$(total s "Closing balance")" = $((opening + charges - paid)) &&
	test "$(total s "Invoiced in the period")" = "$I_ISSUED" &&
	has s "Period     2026-10-01 to 2026-11-10" &&
	! grep -q "Reversal of receipt 3" s &&
	grep "^2026-11-10" s | awk "{print \$NF}" | tr -d ",." >last &&
	test "$(sed -E "s/^(-?)0+([0-9])/\1\2/" last)" = \
	    $((opening + charges - paid)) &&
	grep "^2026-10-01  Opening balance" s | awk "{print \$NF}" |
	    tr -d ",." >first && test "$(cat first)" = "$opening" &&
	code 0 crm-pay statement 1 --from 2026-11-21 && mv out s &&
	test "$(total s Charges)" = "$R3" && test "$(total s Payments)" = 0 &&
	test "$(total s "Opening balance")" = $((O1 + O2 + O5 - R1 - R2 - R3 - R4)) &&
	test "$(total s "Invoiced in the period")" = "$I_REQ" &&
	code 0 crm-pay statement 南方贸易 --as qian.cw && mv out s &&
	test "$(total s "Closing balance")" = 9900 &&
	has s "No invoices in this period."
'

t 'text: CJK names aligned; the same in Chinese' '
	LANGUAGE=zh_CN crm-pay statement 星河科技 >z &&
	has z "对账单" && has z "期末余额" && has z "冲销回款单 3" &&
	has z "银行转账 B-2" && has z "已作废" &&
	awk "/^日期  *单据/ {on = 1} on && /^-+\$/ {n++} on && n == 2 {exit}
	    on" z >tbl &&
	perl -CSD -Mutf8 -ne "
		chomp; my \$w = 0;
		for (split //) { \$w += /[\\x{1100}-\\x{115F}\\x{2E80}-\\x{A4CF}\\x{AC00}-\\x{D7A3}\\x{F900}-\\x{FAFF}\\x{FE30}-\\x{FE4F}\\x{FF00}-\\x{FF60}\\x{FFE0}-\\x{FFE6}]/ ? 2 : 1 }
		print \"\$w\\n\" if /[0-9]\$/ || /^-+\$/;
	" tbl | sort -u >widths &&
	test "$(wc -l <widths)" = 1
'

t 'html: one page, well-formed, escaped, nothing from elsewhere' '
	crm-customer -q edit 星河科技 --contact "<b>李</b> & \"x\"" &&
	code 0 crm-pay statement 星河科技 -f html --from 2026-10-01 && mv out s.html &&
	has s.html "<!DOCTYPE html>" && has s.html "<meta charset=\"utf-8\">" &&
	has s.html "&lt;b&gt;李&lt;/b&gt; &amp; &quot;x&quot;" &&
	has s.html "<h2>Account</h2>" && has s.html "<h2>Invoices</h2>" &&
	! grep -qi "<script\|src=\|href=\|http\|@import\|url(" s.html &&
	tail -1 s.html | grep -qx "</html>" &&
	if command -v xmllint >/dev/null; then
		sed -e "/^<!DOCTYPE html>\$/d" -e "s|<meta \\([^>]*\\)>|<meta \\1/>|g" \
		    s.html | xmllint --noout - || exit 1
	else
		perl -0 -ne "
			s/<!DOCTYPE html>//; s/<meta [^>]*>//g; my @st;
			while (/<(\\/?)([a-z0-9]+)[^>]*>/g) {
				if (\$1) { die \"bad </\$2>\\n\" if pop(@st) ne \$2 }
				else { push @st, \$2 }
			}
			die \"unclosed @st\\n\" if @st;
		" s.html || exit 1
	fi &&
	crm-pay statement 星河科技 -f html --from 2026-10-01 >again &&
	cmp s.html again
'

t 'who: finance, admins, the owner and their manager; no one else' '
	code 0 crm-pay statement 1 --as li.lei && code 0 crm-pay statement 1 --as han.mei &&
	code 0 crm-pay statement 1 --as qian.cw &&
	code 65 crm-pay statement 1 --as wang.fang && has err "no customer 1" &&
	! grep -q 星河 err &&
	code 65 crm-pay statement 星河科技 --as wang.fang && ! test -s out &&
	code 65 crm-pay statement 1 --as ma.sc && has err "no customer 1" &&
	code 65 crm-pay statement 东方公司 --as li.lei && has err "no customer 3" &&
	code 0 crm-pay statement 东方公司 --as qian.cw &&
	code 0 as li.lei crm-pay statement 星河科技 && has out "Closing balance" &&
	code 65 as wang.fang crm-pay statement 1 && ! test -s out &&
	code 0 as qian.cw crm-pay statement 南方贸易 -f html && has out "<html"
'

t 'crm-report statement: the same document, over a report'\''s range' '
	crm-pay statement 星河科技 --from 2026-10-01 --to 2026-10-31 >a &&
	crm-report statement 星河科技 --period 2026-10 >b && cmp a b &&
	crm-report statement 星河科技 --from 2026-10-01 --to 2026-10-31 >b &&
	cmp a b && crm-pay statement 星河科技 -f html >a &&
	crm-report statement 星河科技 -f html >b && cmp a b &&
	code 64 crm-report statement 星河科技 --period 2026-13 &&
	code 65 crm-report statement 没有这家 && test ! -s out
'

t 'bad input: dates, the customer; usage' '
	code 64 crm-pay statement 1 --from 2026-13-01 && has err "--from" &&
	code 64 crm-pay statement 1 --to 明年 && has err "--to" &&
	code 64 crm-pay statement 1 --from 2026-11-02 --to 2026-11-01 &&
	has err "after" &&
	code 65 crm-pay statement 99 && has err "no customer 99" &&
	code 65 crm-pay statement 北方 && has err "北方" &&
	code 64 crm-pay statement && code 64 crm-pay statement 1 -f pdf &&
	! test -s out
'

done_testing
