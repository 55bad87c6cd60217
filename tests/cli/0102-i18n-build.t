#!/bin/bash
# Chinese from a clone, before `make install`: a tool finds the catalogue
# make built beside it (build/locale for build/bin), through a symbolic
# link too, and CRM_LOCALEDIR still wins; a tool elsewhere uses its own
# folder's catalogue only when there is one. And the headers whose
# English name means two things (a forecast's method, not a payment's;
# customers active, lost and new, not a user's flag, lost deals or an
# old and new value): each its own Chinese, csv the same bytes.
. "$(dirname "$0")/lib.sh"
unset CRM_LOCALEDIR
crm init 2>/dev/null
crm -q user add li.lei --name 李雷 --role rep --region 华东
crm-customer -q add --name 星河科技 --owner li.lei >/dev/null

t 'built tools speak Chinese without CRM_LOCALEDIR or make install' '
	(unset LC_ALL; LANG=zh_CN.UTF-8 crm-customer --help) >h &&
	has h "用法：crm-customer" &&
	LANGUAGE=zh_CN crm --help >h && has h "用法：crm " &&
	LANGUAGE=zh_CN crm customer --help >h &&
	has h "用法：crm-customer" &&
	LANGUAGE=zh_CN crm-customer list -f table >l && has l "负责人" &&
	crm user set "$ME" --lang zh_CN && crm-customer list -f table >l &&
	has l "负责人" && crm user set "$ME" --lang en &&
	crm-customer --help >h && has h "usage: crm-customer"
'

t 'through a symbolic link to the built tool' '
	mkdir -p elsewhere/bin &&
	ln -s "$CRM_BUILD/bin/crm-customer" elsewhere/bin/crm-customer &&
	LANGUAGE=zh_CN elsewhere/bin/crm-customer --help >h &&
	has h "用法：crm-customer"
'

cat >copy.po <<'PO'
msgid ""
msgstr "Content-Type: text/plain; charset=UTF-8\n"

msgid "usage: %s VERB [OPTIONS] [ARGS]\n"
msgstr "COPY %s\n"
PO

# A copy with a catalogue of its own beside it: the copy's words, or
# those of CRM_LOCALEDIR when it is set.
t 'the catalogue beside the tool, and CRM_LOCALEDIR before it' '
	mkdir -p copy/bin copy/locale/zh_CN/LC_MESSAGES &&
	cp "$CRM_BUILD/bin/crm-customer" copy/bin/ &&
	msgfmt -o copy/locale/zh_CN/LC_MESSAGES/crm.mo copy.po &&
	LANGUAGE=zh_CN copy/bin/crm-customer --help >h &&
	has h "COPY crm-customer" &&
	LANGUAGE=zh_CN CRM_LOCALEDIR="$CRM_BUILD/locale" \
	    copy/bin/crm-customer --help >h && has h "用法：crm-customer"
'

t 'a locale folder beside the tool without a crm catalogue is not used' '
	mkdir -p other/bin other/locale/zh_CN/LC_MESSAGES &&
	cp "$CRM_BUILD/bin/crm-customer" other/bin/ &&
	cp copy/locale/zh_CN/LC_MESSAGES/crm.mo \
	    other/locale/zh_CN/LC_MESSAGES/not-crm.mo &&
	LANGUAGE=zh_CN CRM_LOCALEDIR="$PWD/copy/locale" \
	    other/bin/crm-customer --help >h && has h "COPY crm-customer" &&
	LANGUAGE=zh_CN other/bin/crm-customer --help >h &&
	! has h "COPY"
'

# Data for the reports: orders, one paid by bank, a receipt reversed, a
# target; a quote and a disqualified lead.
crm-order -q product add --sku P --name 服务 --price 1 >/dev/null
{
	echo number,date,customer,status,sku,qty,price,discount
	for i in $(seq 1 30); do	# 30 months: enough for a backtest
		d=$(date -d "2024-04-10 + $i months" +%F)
		echo "S-$i,$d,星河科技,confirmed,P,1,$((100 + i % 7)),"
		echo "N-$i,$d,南方贸易,confirmed,P,1,$((50 + i % 5)),"
	done
} >orders.csv
crm-customer -q add --name 南方贸易 --owner li.lei >/dev/null
crm-order -q import orders.csv
crm-pay -q receive --customer 星河科技 --amount 50 --method bank \
    --date 2026-11-20 >/dev/null
crm-pay -q receive --customer 星河科技 --amount 5 --method cash \
    --date 2026-11-21 >/dev/null
crm-pay -q receipt reverse 2 --reason 错账
crm -q target set 1000 --user li.lei --period 2026-11 \
    --metric revenue >/dev/null
crm-order -q quote add --customer 星河科技 --line P:1 >/dev/null
crm-lead -q add --name 张三 --company 某公司 >/dev/null
crm-lead -q disqualify 1 --reason 重复
zh() { LANGUAGE=zh_CN "$@" -f table >out && head -1 out >head; }

t 'a forecast method is 预测方法, a receipt method 付款方式' '
	zh crm-forecast sales && has head "预测方法" &&
	! has head "付款方式" &&
	zh crm-forecast backtest && has head "预测方法" &&
	zh crm-pay receipt list && has head "付款方式" &&
	crm-forecast sales -f csv 2>/dev/null | head -1 | grep -q ",method,"
'

t 'report customers: 活跃 流失 新增; users, deals, log keep theirs' '
	crm-customer -q edit 星河科技 --status active &&
	zh crm-report customers --by status &&
	has head "活跃" && has head "流失" && has head "新增" &&
	grep -q "^活跃 *1 " out && ! grep -q "^active" out &&
	! has head "启用" && ! has head "输单" && ! has head "新值" &&
	zh crm user list && has head "启用" &&
	zh crm log && has head "新值" &&
	zh crm-deal funnel --summary && has head "输单" &&
	crm-report customers --by status -f csv >en &&
	LANGUAGE=zh_CN crm-report customers --by status -f csv >zh &&
	same en zh && head -1 en | grep -q ",active,dormant,lost,new$"
'

t 'report commission: the tier reached is 提成档, a customer tier 等级' '
	zh crm-report commission --period 2026-11 &&
	has head "提成档" && has head "系数" && ! has head "等级" &&
	! has head "因素" &&
	zh crm-customer list --all-columns && has head "等级"
'

t 'receipt method and status, target metric: in Chinese in tables' '
	zh crm-pay receipt list && has out "银行转账" && has out "现金" &&
	has out "已收款" && has out "已冲销" && ! has out received &&
	zh crm target list && has out "销售额" && ! has out revenue &&
	zh crm-report targets --period 2026-11 && has out "销售额" &&
	crm-pay receipt list -f csv >c && has c ",bank," && has c received &&
	crm target list -f csv >c && has c revenue
'

t 'a quote approver is 审批人, a lead disqualify reason 无效原因' '
	zh crm-order quote list --all-columns && has head "审批人" &&
	zh crm-lead list --all-columns && has head "无效原因" &&
	! has head "作废原因"
'

t 'csv the same in every language: the total and mean rows' '
	for v in "crm-forecast sales" "crm-forecast backtest --by customer" \
	    "crm-pay aging" "crm-report aging" "crm-forecast backtest"; do
		$v -f csv >en 2>/dev/null &&
		LANGUAGE=zh_CN $v -f csv >zh 2>/dev/null && same en zh ||
		exit 1
	done &&
	crm-forecast sales -f csv 2>/dev/null | grep -q "^total,2026-12," &&
	crm-forecast backtest --by customer -f csv 2>/dev/null >b &&
	grep -q "^mean," b &&
	grep -q ",yes$" b && crm-pay aging -f csv | tail -1 | grep -q "^total,"
'

t 'in a table the total and the mean rows in Chinese' '
	LANGUAGE=zh_CN crm-forecast sales -f table 2>/dev/null >out &&
	grep -q "^合计 " out && ! has out total &&
	LANGUAGE=zh_CN crm-forecast backtest --by customer -f table \
	    2>/dev/null >out &&
	grep -q "^平均 " out && has out "是" && ! has out yes &&
	LANGUAGE=zh_CN crm-forecast backtest -f table 2>/dev/null >out &&
	grep -q "^合计 " out &&
	LANGUAGE=zh_CN crm-pay aging -f table >out &&
	tail -1 out | grep -q "^合计 " &&
	LANGUAGE=zh_CN crm-report aging -f table >out &&
	tail -1 out | grep -q "^合计 "
'

t 'a qualified lead is 有效, not the 已确认 of an order' '
	crm-lead -q add --name 李四 --company 另一家 >/dev/null &&
	crm-lead -q edit 2 --status qualified &&
	zh crm-lead list && has out "有效" && ! has out "已确认" &&
	zh crm-report leads && has head "有效" && ! has head "已确认" &&
	zh crm-order list && has out "已确认"
'

# English sets no LC_CTYPE (lib/i18n.c); Chinese must, or the C
# library's own words (strerror) come out as question marks
t 'the C library'\''s words in Chinese are words, not question marks' '
	code 66 env -u LC_ALL LANG=zh_CN.UTF-8 crm-customer import nosuch.csv &&
	has err "无法打开" && ! grep -q "??" err &&
	crm user set "$ME" --lang zh_CN &&
	code 66 env LANG=C crm-customer import nosuch.csv &&
	has err "无法打开" && ! grep -q "??" err &&
	crm user set "$ME" --lang en &&
	code 66 crm-customer import nosuch.csv &&
	has err "No such file or directory"
'

done_testing
