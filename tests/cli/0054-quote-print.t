#!/bin/bash
# crm-order quote edit (legal and illegal, audited, undone), validity
# (quote.valid_days) and expiry on both sides of valid_until, the printed
# quote (-f text with Chinese names aligned, -f html escaped), the
# approval reminder for managers and finance, and who may print what,
# with --as and as real OS users.
. "$(dirname "$0")/lib.sh"
team_db ||
    { echo "not ok 1 - access tests need root: $(os_users 2>&1)"; exit 1; }
os_users han.mei li.lei wang.fang
crm -q user add zhou.zong --name 周总 --role manager --region 华东
crm -q user add han.mei --name 韩梅梅 --role manager --region 华东 \
    --manager zhou.zong
crm -q user add li.lei --name 李雷 --role rep --region 华东 --manager han.mei \
    --email li.lei@example.com
crm -q user add liu.jl --name 刘经理 --role manager --region 华南
crm -q user add wang.fang --name 王芳 --role rep --region 华南 --manager liu.jl
crm -q user add qian.cw --name 钱财务 --role finance
crm -q user add ma.sc --name 马市场 --role marketing
crm-customer -q add --name 星河科技 --owner li.lei --contact 张三 \
    --phone 13800001111 --email zs@xinghe.cn >/dev/null
crm-customer -q add --name 南方贸易 --owner wang.fang >/dev/null
crm-order -q product add --sku AB-100 --name 工业路由器 --unit 台 \
    --price 1299.50 >/dev/null
crm-order -q product add --sku X-1 --name '网线 <&">' --unit 米 \
    --price 0.35 >/dev/null
crm-order -q product add --sku SW-24 --name 'Switch 24-port' --unit pc \
    --price 2000 >/dev/null
crm-order -q product add --sku OLD-1 --name 旧型号 --price 10 >/dev/null
crm-order -q product retire OLD-1
crm-deal -q add --customer 星河科技 --name 组网 >/dev/null

# every row of the quote tables (not which run wrote a quote last), to
# show that a refusal wrote nothing and an undo put all back
snap() {
	sqlite3 "$CRM_DB" "SELECT id, customer_id, deal_id, owner, status,
	    valid_until, gross, total, max_discount, submitted_at, approved_by,
	    created_at, updated_at, note, extra FROM quotes;
	    SELECT * FROM quote_lines; SELECT * FROM quote_approvals" >"$1"
}
field() {
	crm-order quote show "$1" -f yaml | sed -n "s/^ *$2: //p"
}
# q LINE...: a new quote of li.lei's; prints its id
q() {
	args=
	for l in "$@"; do args="$args --line $l"; done
	crm-order --as li.lei quote add --customer 1 $args
}
last_run() {
	crm log -f csv --no-header | tail -1 | cut -d, -f1
}

t 'add: valid for quote.valid_days (30) from today unless told' '
	a=$(q X-1:1) && test "$(field $a valid_until)" = "\"2026-12-24\"" &&
	crm config set quote.valid_days 7 && b=$(q X-1:1) &&
	test "$(field $b valid_until)" = "\"2026-12-01\"" &&
	crm config set quote.valid_days 0 && c=$(q X-1:1) &&
	test "$(field $c valid_until)" = null &&
	crm config unset quote.valid_days &&
	code 78 crm config set quote.valid_days -1 &&
	d=$(crm-order --as li.lei quote add --customer 1 --line X-1:1 \
	    --valid-until 2027-01-31) &&
	test "$(field $d valid_until)" = "\"2027-01-31\""
'

t 'add and edit refuse what crm keeps (status, totals, owner); nothing written' '
	snap before &&
	for kv in status=approved approved_by=han.mei total=1 owner=han.mei \
	    submitted_at=2026-11-24T09:00:00 id=99; do
		code 64 crm-order --as li.lei quote add --customer 1 \
		    --line X-1:1 --set "$kv" && has err "cannot be set here" &&
		code 64 crm-order --as li.lei quote edit 1 --set "$kv" &&
		has err "cannot be set here" || exit 1
	done &&
	snap after && same before after
'

t 'edit a draft: lines replaced, exact totals, valid_until, note, deal' '
	a=$(q AB-100:1) &&
	code 0 crm-order --as li.lei quote edit $a --line AB-100:3::12.5% \
	    --line X-1:100 --line SW-24:2:1999.99:33.33 \
	    --valid-until 2026-12-31 --note 月底前确认 --deal 1 &&
	test ! -s out &&
	crm-order quote show $a -f yaml >y &&
	has y "total: 6112.98" && has y "gross: 7933.48" &&
	# 1999.99 less 33.33% is 33.34% (rounded up) off the catalogue 2000
	has y "max_discount: 33.34" && has y "status: draft" &&
	has y "valid_until: \"2026-12-31\"" && has y "note: 月底前确认" &&
	has y "deal_id: 1" && has y "owner: li.lei" &&
	test "$(sqlite3 "$CRM_DB" "SELECT group_concat(line || \":\" || sku ||
	    \":\" || amount, \" \") FROM quote_lines WHERE quote_id = $a")" = \
	    "1:AB-100:341119 2:X-1:3500 3:SW-24:266679" &&
	code 0 crm check
'

t 'edit: every line change is audited, and crm undo puts the lines back' '
	a=$(q AB-100:1 X-1:7) && snap before &&
	code 0 crm-order --as li.lei quote edit $a --line AB-100:1 \
	    --line SW-24:1 --line X-1:2 &&
	run=$(last_run) &&
	crm log --run $run -f csv >log &&
	has log "quote_line,$a:2,delete,sku,X-1," &&
	has log "quote_line,$a:2,create,sku,,SW-24" &&
	has log "quote_line,$a:3,create,qty,,2" &&
	! grep -qF "quote_line,$a:1," log &&
	has log "quote,$a,update,total" &&
	code 0 crm undo $run && snap after && same before after &&
	code 0 crm check
'

t 'crm check: a quote'\''s totals are its lines'\'', and it has lines' '
	a=$(q X-1:3 AB-100:1::10) && b=$(q X-1:1) &&
	code 0 crm check &&
	sqlite3 "$CRM_DB" "UPDATE quotes SET total = total + 1 WHERE id = $a;
	    DELETE FROM quote_lines WHERE quote_id = $b" &&
	code 1 crm check -f csv --no-header &&
	printf "%s\n" "quote,quote,$a,its gross, total or largest discount is not its lines'\''" \
	    "quote,quote,$b,has no lines" >want &&
	sed "s/\"//g" out >got && same want got &&
	crm-order --as li.lei quote edit $a --line X-1:3 --line AB-100:1::10 &&
	crm-order --as li.lei quote edit $b --line X-1:1 && code 0 crm check
'

t 'edit refuses a bad line, a customer, nothing, naming why; nothing written' '
	a=$(q X-1:1) && snap before &&
	code 65 crm-order --as li.lei quote edit $a --line X-1:1 --line NOPE:1 &&
	has err "--line 2 '\''NOPE:1'\''" && has err "no product" &&
	code 65 crm-order --as li.lei quote edit $a --line OLD-1:1 &&
	has err "retired" &&
	code 65 crm-order --as li.lei quote edit $a --line X-1:0 &&
	has err quantity &&
	code 64 crm-order --as li.lei quote edit $a --line X-1 &&
	has err "SKU:QTY" &&
	code 65 crm-order --as li.lei quote edit $a --valid-until 明天 &&
	has err valid_until &&
	code 64 crm-order --as li.lei quote edit $a --customer 2 &&
	has err "customer does not change" &&
	code 64 crm-order --as li.lei quote edit $a && has err "nothing to change" &&
	code 65 crm-order --as li.lei quote edit 999 --note x &&
	has err "no quote 999" &&
	snap after && same before after
'

t 'edit: a submitted or approved quote is refused naming its status' '
	a=$(q X-1:1:1:20) && crm-order --as li.lei quote submit $a &&
	b=$(q X-1:1) && crm-order --as li.lei quote submit $b &&
	snap before &&
	code 65 crm-order --as li.lei quote edit $a --note x &&
	has err "quote $a is submitted: only a draft or a rejected quote" &&
	code 65 crm-order --as li.lei quote edit $b --line X-1:2 &&
	has err "quote $b is approved" &&
	code 65 crm-order --as han.mei quote edit $b --note x &&
	snap after && same before after
'

t 'a rejected quote edited is a draft; its old approvals no longer count' '
	a=$(q X-1:1:600000) && crm-order --as li.lei quote submit $a &&
	crm-order --as han.mei quote approve $a &&
	crm-order --as qian.cw quote reject $a --reason 太贵 &&
	test "$(field $a status)" = rejected &&
	code 0 crm-order --as li.lei quote edit $a --line X-1:1:550000 &&
	crm-order quote show $a -f yaml >y && has y "status: draft" &&
	! grep -q "approved_by: manager" y && ! grep -q "submitted_at: 2" y &&
	crm-order --as li.lei quote submit $a &&
	test "$(field $a status)" = submitted &&
	code 0 crm-order --as qian.cw quote approve $a &&
	test "$(field $a status)" = submitted &&
	code 0 crm-order --as han.mei quote approve $a &&
	test "$(field $a status)" = approved &&
	crm-order quote show $a -f table >s && has s 太贵
'

t 'who edits: owner and managers; another rep, finance, marketing not' '
	a=$(q X-1:1) && snap before &&
	code 65 crm-order --as wang.fang quote edit $a --note x &&
	has err "no quote $a" && ! has err li.lei &&
	code 65 crm-order --as liu.jl quote edit $a --note x &&
	code 77 crm-order --as qian.cw quote edit $a --note x &&
	code 65 crm-order --as ma.sc quote edit $a --note x &&
	snap after && same before after &&
	code 0 crm-order --as han.mei quote edit $a --note 经理改 &&
	code 0 crm-order --as zhou.zong quote edit $a --note 总监改 &&
	test "$(field $a note)" = 总监改
'

t 'expiry: valid on its last day, expired the day after (CRM_NOW)' '
	a=$(crm-order --as li.lei quote add --customer 1 --line X-1:1 \
	    --valid-until 2026-11-30) && crm-order --as li.lei quote submit $a &&
	b=$(crm-order --as li.lei quote add --customer 1 --line X-1:1:1:20 \
	    --valid-until 2026-11-30) && crm-order --as li.lei quote submit $b &&
	c=$(crm-order --as li.lei quote add --customer 1 --line X-1:1 \
	    --valid-until 2026-11-30) &&
	export CRM_NOW=2026-11-30T23:59:59 &&
	test "$(field $a status)" = approved &&
	test "$(field $b status)" = submitted &&
	crm-order quote list --expired -f csv --no-header >l && test ! -s l &&
	export CRM_NOW=2026-12-01T00:00:00 &&
	test "$(field $a status)" = expired &&
	test "$(field $b status)" = expired &&
	test "$(field $c status)" = draft &&
	crm-order quote list --expired -f csv --no-header | cut -d, -f1 >l &&
	printf "%s\n" $a $b >want && same want l &&
	crm-order quote list --status expired -f csv --no-header |
	    cut -d, -f1 >l && same want l &&
	crm-order quote list --status approved -f csv --no-header |
	    cut -d, -f1 >l && ! grep -qx $a l &&
	crm-order quote list --sort status -f csv --no-header >/dev/null &&
	test "$(sqlite3 "$CRM_DB" "SELECT status FROM quotes WHERE id = $a")" \
	    = approved &&
	code 65 crm-order --as han.mei quote approve $b &&
	has err "valid until 2026-11-30" &&
	crm-order quote show $a -f text >p && has p "expired after 2026-11-30" &&
	has p "Status       expired"
'

t 'list: --customer by name, --mine, --status' '
	crm-order quote list --customer 星河 -f csv --no-header >l &&
	crm-order quote list --customer 1 -f csv --no-header >l1 &&
	test -s l && same l1 l && ! cut -d, -f2 l | grep -vx 1 &&
	code 65 crm-order quote list --customer 无此客户 &&
	code 65 crm-order --as wang.fang quote list --customer 星河 &&
	crm-order --as li.lei quote list --mine --status draft -f csv \
	    --no-header >l && test -s l && ! grep -v ",li.lei,draft," l
'

# The quote every print step shows: Chinese and wide names, discounts,
# a deal, a note.
P=$(crm-order --as li.lei quote add --customer 1 --deal 1 \
    --line AB-100:3::12.5% --line X-1:100 --line SW-24:2:1999.99:33.33 \
    --valid-until 2026-12-31 --note '请于月底前确认')

# The table of a printed quote: from its header to the rule under the
# lines, every line as wide on a terminal (wc -L counts 工 as two).
table_widths() {
	sed -n '/^#  /,/^---/p' "$1" | sed '$d' | sed -n '1p;3,$p' |
	    while IFS= read -r l; do printf '%s' "$l" | wc -L; done | sort -u
}

t 'show -f text: every byte of the printed quote, Chinese names aligned' '
	code 0 crm-order --as li.lei quote show $P -f text && mv out got &&
	cat >want <<-EOF &&
	Quotation
	=========

	Quote no.    $P
	Customer     星河科技
	Contact      张三
	Phone        13800001111
	Email        zs@xinghe.cn
	Sales rep    李雷 <li.lei@example.com>
	Date         2026-11-24
	Valid until  2026-12-31
	Status       draft
	Currency     CNY

	#  SKU     Product         Qty  Unit  Unit price  Discount    Amount
	--------------------------------------------------------------------
	1  AB-100  工业路由器        3  台      1,299.50    12.50%  3,411.19
	2  X-1     网线 <&">       100  米          0.35               35.00
	3  SW-24   Switch 24-port    2  pc      1,999.99    33.33%  2,666.79
	--------------------------------------------------------------------
	                                                    Gross   7,933.48
	                                                Discounts  -1,820.50
	                                                    Total   6,112.98

	Prices are valid until 2026-12-31.

	Not yet approved: for information only.

	Note: 请于月底前确认
	EOF
	same want got &&
	test "$(table_widths got)" = 68 &&
	crm-order --as li.lei quote show $P -f text >again && cmp got again
'

t 'show -f text in Chinese: labels, status and validity, still aligned' '
	LANGUAGE=zh_CN crm-order --as li.lei quote show $P -f text >got &&
	cat >want <<-EOF &&
	报价单
	======

	报价单号  $P
	客户      星河科技
	联系人    张三
	电话      13800001111
	邮箱      zs@xinghe.cn
	销售代表  李雷 <li.lei@example.com>
	报价日期  2026-11-24
	有效期至  2026-12-31
	状态      草稿
	币种      CNY

	#  型号    产品名称        数量  单位      单价    折扣      金额
	-----------------------------------------------------------------
	1  AB-100  工业路由器         3  台    1,299.50  12.50%  3,411.19
	2  X-1     网线 <&">        100  米        0.35             35.00
	3  SW-24   Switch 24-port     2  pc    1,999.99  33.33%  2,666.79
	-----------------------------------------------------------------
	                                              原价合计   7,933.48
	                                              折扣合计  -1,820.50
	                                              报价总计   6,112.98

	本报价有效期至 2026-12-31。

	尚未审批，仅供参考。

	备注：请于月底前确认
	EOF
	same want got && test "$(table_widths got)" = 65
'

t 'show -f html: one page, every text escaped, nothing from elsewhere' '
	crm-order --as li.lei quote edit $P \
	    --note "<script>alert(1)</script> & \"x\"" &&
	code 0 crm-order --as li.lei quote show $P -f html && mv out p.html &&
	has p.html "<!DOCTYPE html>" && has p.html "<html lang=\"en\">" &&
	has p.html "<meta charset=\"utf-8\">" && has p.html "<style>" &&
	has p.html "@page{size:A4" &&
	has p.html "<title>Quotation $P</title>" &&
	has p.html "<td>网线 &lt;&amp;&quot;&gt;</td>" &&
	has p.html "<td>工业路由器</td>" &&
	has p.html "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;" &&
	has p.html "李雷 &lt;li.lei@example.com&gt;" &&
	has p.html "<tr class=\"strong\"><th>Total</th><td class=\"num\">6,112.98</td></tr>" &&
	! grep -qi "<script\|src=\|href=\|http\|@import\|url(" p.html &&
	test "$(grep -c "^<tr><td class=\"r num\">" p.html)" = 3 &&
	tail -1 p.html | grep -qx "</html>" &&
	LANGUAGE=zh_CN crm-order --as li.lei quote show $P -f html >z.html &&
	has z.html "<html lang=\"zh-CN\">" && has z.html "<th>产品名称</th>" &&
	has z.html "<title>报价单 $P</title>" &&
	crm-order --as li.lei quote show $P -f html >again && cmp p.html again
'

t 'the printed quote says expired past valid_until, on both sides' '
	export CRM_NOW=2026-12-31T18:00:00 &&
	crm-order quote show $P -f text >p && has p "valid until 2026-12-31" &&
	crm-order --as li.lei quote submit $P &&
	crm-order --as han.mei quote approve $P &&
	crm-order quote show $P -f text >p &&
	has p "Status       approved" && ! grep -q "Not yet approved" p &&
	export CRM_NOW=2027-01-01T08:00:00 &&
	crm-order quote show $P -f text >p && has p "Status       expired" &&
	has p "This quote expired after 2026-12-31: its prices no longer hold." &&
	LANGUAGE=zh_CN crm-order quote show $P -f html >z.html &&
	has z.html "<td>已过期</td>" && has z.html "已于 2026-12-31 后过期"
'

t 'printing is for who sees the quote: "no quote N", nothing on stdout' '
	for u in wang.fang liu.jl ma.sc; do
		for f in text html; do
			code 65 crm-order --as $u quote show $P -f $f &&
			has err "no quote $P" && test ! -s out &&
			! grep -q 星河 err && ! grep -q li.lei err ||
			exit 1
		done
	done &&
	code 0 crm-order --as han.mei quote show $P -f text &&
	code 0 crm-order --as zhou.zong quote show $P -f html &&
	code 0 crm-order --as qian.cw quote show $P -f text &&
	code 65 crm-order quote show 999 -f text && has err "no quote 999"
'

t 'as OS users: the owner prints, another rep gets "no quote N"' '
	code 0 as li.lei crm-order quote show $P -f text && has out 工业路由器 &&
	code 65 as wang.fang crm-order quote show $P -f html &&
	has err "no quote $P" && test ! -s out &&
	code 0 as han.mei crm-order quote show $P -f html && has out "<h1>"
'

t 'a pool customer'\''s phone is masked on a rep'\''s printed quote' '
	code 0 crm-customer --as li.lei release 星河科技 --reason 测试 &&
	crm-order --as li.lei quote show $P -f text >p &&
	has p "138****1111" && ! grep -q 13800001111 p &&
	crm-order --as han.mei quote show $P -f text >p &&
	has p 13800001111 &&
	crm-customer -q assign 星河科技 --to li.lei &&
	crm-order --as li.lei quote show $P -f text >p && has p 13800001111
'

t '-f text and html are only for documents; CRM_FORMAT leaves others be' '
	code 64 crm-order quote list -f text && has err "prints a document" &&
	code 64 crm-order product list -f html &&
	code 64 crm-order quote show $P -f html --excel &&
	code 64 crm-order quote show $P -f pdf && has err "unknown format" &&
	CRM_FORMAT=html code 0 crm-order quote list --no-header &&
	grep -q "^$P," out &&
	CRM_FORMAT=text code 0 crm-order quote show $P && has out "Quote no." &&
	CRM_FORMAT=html code 0 crm-order quote show $P -f yaml &&
	has out "status:" &&
	LANGUAGE=zh_CN code 64 crm-order quote list -f text &&
	has err "用于打印单据"
'

# Reminders of quotes awaiting approval: a manager in the owner's line
# (han.mei, her manager zhou.zong), finance over its limit, never a rep
# nor another line's manager.
# the approval reminders of quotes $a and $b for "$@" (crm remind's
# options): user, id, name, due, note, owner
approvals() {
	crm remind "$@" -f csv --no-header |
	    grep -E "^[^,]*,quote_approval,quote,($a|$b)," | cut -d, -f1,4-8
}

t 'remind: managers in the owner'\''s line and finance, not a rep' '
	a=$(q X-1:1:200000) && crm-order --as li.lei quote submit $a &&
	b=$(q X-1:1:600000) && crm-order --as li.lei quote submit $b &&
	approvals --as han.mei >got &&
	printf "%s\n" "han.mei,$a,星河科技,2026-11-24,submitted today,li.lei" \
	    "han.mei,$b,星河科技,2026-11-24,submitted today,li.lei" >want &&
	same want got &&
	approvals --as zhou.zong | cut -d, -f2 >got &&
	printf "%s\n" $a $b >want && same want got &&
	approvals --as qian.cw | cut -d, -f2 >got && echo $b >want &&
	same want got &&
	for u in li.lei liu.jl wang.fang ma.sc; do
		approvals --as $u >got && test ! -s got || exit 1
	done &&
	approvals >got && test ! -s got &&
	approvals --all | cut -d, -f1 | sort | uniq -c | tr -s " " >got &&
	printf " 2 han.mei\n 1 qian.cw\n 2 zhou.zong\n" >want && same want got &&
	export CRM_NOW=2026-11-27T09:00:00 &&
	LANGUAGE=zh_CN crm remind --as qian.cw -f table >t &&
	has t "待您审批的报价单：" && has t "星河科技 (li.lei) — 已等待 3 天" &&
	crm remind --as qian.cw -f table >t &&
	has t "Quotes awaiting your approval:" && has t "waiting for 3 days" &&
	crm-order --as han.mei quote approve $a $b &&
	approvals --as han.mei >got && test ! -s got &&
	approvals --as zhou.zong >got && test ! -s got &&
	approvals --as qian.cw | cut -d, -f2 >got && echo $b >want &&
	same want got &&
	export CRM_NOW=2026-12-25T09:00:00 &&
	approvals --as qian.cw >got && test ! -s got
'

t 'remind --mail: the approval reminder goes to the approver, once' '
	fake_sendmail &&
	crm user set han.mei --email han@example.com &&
	a=$(q X-1:1:1:30) && crm-order --as li.lei quote submit $a &&
	code 0 crm remind --all --mail &&
	has mailbox "To: " && has mailbox "Quotes awaiting your approval:" &&
	has mailbox "$a" &&
	: >mailbox && code 0 crm remind --all --mail && ! grep -q "$a" mailbox
'

t 'zh_CN: edit'\''s messages and help' '
	LANGUAGE=zh_CN code 65 crm-order --as li.lei quote edit $P --note x &&
	has err "只能修改草稿或已驳回的报价单" &&
	LANGUAGE=zh_CN code 64 crm-order quote edit $P &&
	has err "没有要修改的内容" &&
	LANGUAGE=zh_CN crm-order quote --help >h && has h "修改草稿或已驳回的报价单" &&
	LANGUAGE=zh_CN crm-order quote list --help >h && has h "已过有效期"
'

done_testing
