#!/bin/bash
# crm-order contract: add (numbered by contract.number_format, or given;
# from a deal or an approved quote), every bad field named with nothing
# written, every status move legal and illegal (expired is computed when
# read), renew and its chain, edit, list filters, the reminder on both
# sides of 30 days, undo of every write, crm check, and who sees and
# changes which contract, with --as and as real OS users.
. "$(dirname "$0")/lib.sh"
team_db ||
    { echo "not ok 1 - access tests need root: $(os_users 2>&1)"; exit 1; }
os_users han.mei li.lei wang.fang
crm -q user add han.mei --name 韩梅梅 --role manager --region 华东
crm -q user add li.lei --name 李雷 --role rep --region 华东 --manager han.mei
crm -q user add zhang.wei --name 张伟 --role rep --region 华东 \
    --manager han.mei
crm -q user add liu.jl --name 刘经理 --role manager --region 华南
crm -q user add wang.fang --name 王芳 --role rep --region 华南 --manager liu.jl
crm -q user add qian.cw --name 钱财务 --role finance
crm -q user add ma.sc --name 马市场 --role marketing
crm-customer -q add --name 星河科技 --owner li.lei >/dev/null
crm-customer -q add --name 南方贸易 --owner wang.fang >/dev/null
crm-customer -q add --name 公海客户 --region 华东 >/dev/null
crm-order -q product add --sku AB-100 --name 工业路由器 --price 1299.50 >/dev/null
crm-deal -q add --customer 星河科技 --name 组网 >/dev/null
crm-deal -q add --customer 南方贸易 --name 南方组网 >/dev/null
crm-deal -q add --customer 星河科技 --name 维保 >/dev/null
# quote 1: approved (li.lei, deal 1); quote 2: a draft
crm-order -q --as li.lei quote add --customer 1 --deal 1 \
    --line AB-100:2 >/dev/null
crm-order -q --as li.lei quote submit 1
crm-order -q --as li.lei quote add --customer 1 --line AB-100:1 >/dev/null

# every row of contracts, to show a refusal wrote nothing
snap() {
	sqlite3 "$CRM_DB" "SELECT * FROM contracts" >"$1"
}
# k ARGS...: a contract of li.lei's customer 1 (2026, 1000.00) with
# ARGS; prints its id
k() {
	crm-order --as li.lei contract add --customer 1 --start 2026-01-01 \
	    --end 2026-12-31 --amount 1000 "$@"
}
get() {
	crm-order contract show "$1" -f yaml | sed -n "s/^[- ]*$2: //p" |
	    tr -d '"'
}
at() {
	d=$1
	shift
	CRM_NOW=${d}T09:00:00 "$@"
}
# the last run
last() {
	crm log -f csv --no-header | tail -1 | cut -d, -f1
}

t 'add: active, numbered CT-YYYY-NNNN, the customer'\''s owner' '
	code 0 crm-order --as li.lei contract add --customer 星河 \
	    --start 2026-01-01 --end 2026-12-31 --amount "¥120,000.50" \
	    --name 年度维保 &&
	test "$(cat out)" = 1 &&
	crm-order contract show 1 -f yaml >y &&
	has y "number: CT-2026-0001" && has y "owner: li.lei" &&
	has y "status: active" && has y "amount: 120000.50" &&
	has y "name: 年度维保" && has y "customer_id: 1" &&
	test "$(sqlite3 "$CRM_DB" "SELECT amount FROM contracts")" = 12000050
'

t 'add: signed today, or on the start when that is earlier; or --signed' '
	test "$(get 1 signed_at)" = 2026-01-01 &&
	a=$(k --start 2026-12-01 --end 2027-11-30) &&
	test "$(get $a signed_at)" = 2026-11-24 &&
	b=$(k --signed 2025-12-20) && test "$(get $b signed_at)" = 2025-12-20 &&
	test "$(get $b number)" = CT-2026-0003
'

t 'add --status draft: a draft, not signed' '
	a=$(k --status draft) && test "$(get $a status)" = draft &&
	test "$(get $a signed_at)" = null &&
	test "$(get $a number)" = CT-2026-0004
'

t 'add: an admin or manager gives it to the customer'\''s owner' '
	code 0 crm-order contract add --customer 1 --start 2026-01-01 \
	    --end 2026-06-30 --amount 1 && test "$(get $(cat out) owner)" = li.lei &&
	code 0 crm-order --as han.mei contract add --customer 公海 \
	    --start 2026-01-01 --end 2026-06-30 --amount 1 &&
	test "$(get $(cat out) owner)" = han.mei &&
	code 0 crm-order --as han.mei contract add --customer 1 \
	    --start 2026-01-01 --end 2026-06-30 --amount 1 --owner zhang.wei &&
	test "$(get $(cat out) owner)" = zhang.wei &&
	crm-deal -q add --customer 公海 --name 公海项目 --owner zhang.wei \
	    >/dev/null &&
	code 0 crm-order contract add --customer 3 --deal 4 \
	    --start 2026-01-01 --end 2026-06-30 --amount 1 &&
	test "$(get $(cat out) owner)" = zhang.wei &&
	code 0 crm-order contract add --customer 1 --quote 1 \
	    --start 2026-01-01 --end 2026-06-30 && test "$(get $(cat out) owner)" = li.lei
'

t 'add: a number given, unique case- and width-folded' '
	a=$(k --number HT-2026-A01) && test "$(get $a number)" = HT-2026-A01 &&
	test "$(get HT-2026-A01 id)" = "$a" &&
	snap before &&
	code 65 k --number "ht 2026 a01" &&
	has err "field '\''number'\'': '\''ht 2026 a01'\'' is the number of contract $a" &&
	code 65 k --number ＨＴ-2026-Ａ01 && has err "contract $a" &&
	code 65 crm-order --as wang.fang contract add --customer 2 \
	    --start 2026-01-01 --end 2026-12-31 --amount 1 \
	    --number HT-2026-A01 &&
	has err "another contract'\''s number" && ! has err "contract $a" &&
	code 65 k --number 20260001 && has err "only digits" &&
	code 65 k --number "--" && has err "number" &&
	snap after && same before after
'

t 'a bad field is named, the exit is 65 or 64, nothing is written' '
	snap before &&
	code 65 k --end 2025-12-31 &&
	has err "field '\''end_date'\'': 2025-12-31 is before the start" &&
	code 65 k --start 2026-02-30 && has err "field '\''start_date'\''" &&
	code 65 k --end 明年 && has err "field '\''end_date'\''" &&
	for m in abc -5 1.234 1e5 100000000000.01; do
		code 65 k --amount "$m" && has err "field '\''amount'\''" ||
		    exit 1
	done &&
	code 65 k --signed 2026-11-25 &&
	has err "field '\''signed_at'\'': 2026-11-25 is after today" &&
	code 65 k --signed soon && has err "field '\''signed_at'\''" &&
	code 64 crm-order contract add --customer 1 --start 2026-01-01 \
	    --end 2026-12-31 && has err "--amount" &&
	code 64 crm-order contract add --customer 1 --end 2026-12-31 \
	    --amount 1 && has err "--start" &&
	code 64 crm-order contract add --start 2026-01-01 --end 2026-12-31 \
	    --amount 1 && has err "--customer" &&
	for s in expired terminated nonsense; do
		code 64 k --status $s && has err "field '\''status'\''" || exit 1
	done &&
	for f in renewed_from=1 terminated_at=2026-01-01 terminate_reason=x \
	    id=99 created_at=2026-01-01; do
		code 64 k --set "$f" && has err "cannot be set here" || exit 1
	done &&
	code 65 k --customer 无此客户 && has err "customer" &&
	code 65 crm-order contract add --customer 1 --start 2026-01-01 \
	    --end 2026-12-31 --amount 1 --deal 2 &&
	has err "deal 2 is not customer 1" &&
	code 65 k --deal 2 && has err "field '\''deal_id'\'': no deal 2" &&
	code 65 k --deal 99 && has err "field '\''deal_id'\'': no deal 99" &&
	code 65 k --quote 2 &&
	has err "field '\''quote_id'\'': quote 2 is draft, not approved" &&
	code 65 k --quote 99 && has err "no quote 99" &&
	code 65 k --quote 1 --deal 3 && has err "prices deal 1, not deal 3" &&
	snap after && same before after
'

t 'add --quote: its total is the amount, its deal the deal' '
	code 0 crm-order --as li.lei contract add --customer 1 --quote 1 \
	    --start 2026-12-01 --end 2027-11-30 && a=$(cat out) &&
	test "$(get $a amount)" = 2599.00 && test "$(get $a deal_id)" = 1 &&
	test "$(get $a quote_id)" = 1 &&
	b=$(k --quote 1 --amount 2000) && test "$(get $b amount)" = 2000.00 &&
	snap before &&
	code 65 crm-order --as li.lei contract edit $a --deal 3 &&
	has err "quote 1 prices deal 1, not deal 3" &&
	code 65 crm-order --as li.lei contract edit $a --quote 2 &&
	has err "quote 2 is draft, not approved" &&
	snap after && same before after &&
	code 0 crm-order --as li.lei contract edit $a --amount 2600
'

t 'the number follows contract.number_format, per year, after typed ones' '
	crm config set contract.number_format "HT%Y%m-%03n" &&
	a=$(k) && test "$(get $a number)" = HT202611-001 &&
	b=$(k --number HT202611-041) && c=$(k) &&
	test "$(get $c number)" = HT202611-042 &&
	crm config set contract.number_format "合同%Y第%n号" &&
	a=$(k) && b=$(k) && test "$(get $b number)" = 合同2026第2号 &&
	crm config set contract.number_format "\"%n/%Y%%\"" &&
	a=$(k) && b=$(k) && test "$(get $b number)" = 2/2026% &&
	crm config unset contract.number_format &&
	last=$(sqlite3 "$CRM_DB" "SELECT max(number) FROM contracts
	    WHERE number LIKE '\''CT-2026-%'\''") &&
	d=$(k) && test "$(get $d number)" = "CT-2026-$(printf %04d \
	    $((10#${last#CT-2026-} + 1)))" &&
	e=$(at 2027-01-02 k) && test "$(get $e number)" = CT-2027-0001 &&
	code 78 crm config set contract.number_format "CT-%Y" &&
	has err "exactly once" &&
	code 78 crm config set contract.number_format "CT-%x-%n"
'

t 'numbers under concurrent adds: consecutive, none twice' '
	crm config set contract.number_format "P%Y-%n" &&
	for i in 1 2 3 4 5 6 7 8; do
		(k --name "p$i" >/dev/null 2>"c$i.err"; echo $? >"c$i.rc") &
	done && wait &&
	cat c*.rc | sort -u >rcs && echo 0 >want && same want rcs &&
	sqlite3 "$CRM_DB" "SELECT number FROM contracts WHERE number LIKE
	    '\''P2026-%'\'' ORDER BY 1" >got &&
	printf "P2026-%s\n" 1 2 3 4 5 6 7 8 >want && same want got &&
	crm config unset contract.number_format
'

t 'expired is read: active past its end, stored active' '
	a=$(k --start 2025-11-24 --end 2026-11-23 --name 去年) &&
	test "$(get $a status)" = expired &&
	test "$(sqlite3 "$CRM_DB" "SELECT status FROM contracts
	    WHERE id = $a")" = active &&
	test "$(at 2026-11-23 get $a status)" = active &&
	crm-order contract list --status expired -f csv --no-header >l &&
	has l "$a,CT-" && ! grep -q ",active," l &&
	crm-order contract list --status active -f csv --no-header >l &&
	! grep -q "^$a," l &&
	crm-order contract list --sort status -f csv --no-header >l &&
	test -s l &&
	b=$(k --status draft --end 2026-01-31) &&
	test "$(get $b status)" = draft
'

t 'activate: a draft becomes active (signed); nothing else does' '
	a=$(k --status draft --start 2026-12-01 --end 2027-11-30) &&
	code 0 crm-order --as li.lei contract activate $a &&
	test "$(get $a status)" = active &&
	test "$(get $a signed_at)" = 2026-11-24 &&
	b=$(k --status draft) &&
	code 0 crm-order --as li.lei contract activate $b --signed 2026-11-01 &&
	test "$(get $b signed_at)" = 2026-11-01 &&
	c=$(k --status draft) && x=$(k --end 2026-11-01) && snap before &&
	code 65 crm-order --as li.lei contract activate $c --signed 2026-12-01 &&
	has err "after today" &&
	code 65 crm-order --as li.lei contract activate $a &&
	has err "contract $a is active, not draft" &&
	code 65 crm-order --as li.lei contract activate $x &&
	has err "contract $x is expired, not draft" &&
	code 65 crm-order --as li.lei contract activate $c $a &&
	snap after && same before after
'

t 'terminate: a draft or active one, with the reason and the day' '
	a=$(k --end 2027-06-30) &&
	code 0 crm-order --as li.lei contract terminate $a --reason 客户破产 &&
	test "$(get $a status)" = terminated &&
	test "$(get $a terminate_reason)" = 客户破产 &&
	test "$(get $a terminated_at)" = 2026-11-24 &&
	b=$(k --status draft) &&
	code 0 crm-order --as li.lei contract terminate $b --reason 未签 &&
	test "$(get $b status)" = terminated &&
	c=$(k --end 2027-06-30) && x=$(k --end 2026-11-01) && snap before &&
	code 64 crm-order --as li.lei contract terminate $c &&
	has err "--reason" &&
	code 65 crm-order --as li.lei contract terminate $a --reason again &&
	has err "contract $a is terminated, not draft or active" &&
	code 65 crm-order --as li.lei contract terminate $x --reason late &&
	has err "contract $x is expired, not draft or active" &&
	code 65 crm-order --as li.lei contract activate $a &&
	has err "contract $a is terminated, not draft" &&
	code 65 crm-order --as li.lei contract terminate $c $a --reason x &&
	snap after && same before after
'

t 'renew: from the day after the end, as long a term, the same amount' '
	a=$(k --name 维保2026 --amount 5000) &&
	code 0 crm-order --as li.lei contract renew $a && r=$(cat out) &&
	crm-order contract show $r -f yaml >y &&
	has y "start_date: \"2027-01-01\"" && has y "end_date: \"2027-12-31\"" &&
	has y "amount: 5000.00" && has y "renewed_from: $a" &&
	has y "name: 维保2026" && has y "status: active" &&
	has y "owner: li.lei" && has y "customer_id: 1" &&
	test "$(get $a end_date)" = 2026-12-31 &&
	test "$(get $a status)" = active &&
	crm-order contract show $r -f table >s && has s renewals &&
	has s "$(get $a number)" &&
	crm-order contract show $a -f table >s && has s "$(get $r number)"
'

t 'renew: --end, --amount, --status draft; a term of days stays days' '
	a=$(k --start 2026-03-05 --end 2026-03-14) &&
	r=$(crm-order --as li.lei contract renew $a) &&
	test "$(get $r start_date)" = 2026-03-15 &&
	test "$(get $r end_date)" = 2026-03-24 &&
	b=$(k --start 2026-01-15 --end 2026-04-14) &&
	r=$(crm-order --as li.lei contract renew $b --end 2026-10-31 \
	    --amount 3000 --status draft --number HT-R1) &&
	test "$(get $r start_date)" = 2026-04-15 &&
	test "$(get $r end_date)" = 2026-10-31 &&
	test "$(get $r amount)" = 3000.00 && test "$(get $r status)" = draft &&
	test "$(get $r signed_at)" = null && test "$(get $r number)" = HT-R1 &&
	c=$(k --start 2026-01-15 --end 2026-04-14) &&
	r=$(crm-order --as li.lei contract renew $c) &&
	test "$(get $r end_date)" = 2026-07-14
'

t 'renew: only active or expired, once, its start is the chain'\''s' '
	a=$(k) && r=$(crm-order --as li.lei contract renew $a) &&
	d=$(k --status draft) &&
	x=$(k) && crm-order -q --as li.lei contract terminate $x --reason x &&
	snap before &&
	code 65 crm-order --as li.lei contract renew $a &&
	has err "contract $a is renewed already by contract $r" &&
	code 65 crm-order --as li.lei contract renew $d &&
	has err "contract $d is draft, not active or expired" &&
	code 65 crm-order --as li.lei contract renew $x &&
	has err "contract $x is terminated, not active or expired" &&
	y=$(k --end 2026-06-30) &&
	code 65 crm-order --as li.lei contract renew $y --end 2026-06-30 &&
	has err "field '\''end_date'\'': 2026-06-30 is before the start 2026-07-01" &&
	code 64 crm-order --as li.lei contract renew $y --set start_date=2026-08-01 &&
	has err "renewal starts the day after" &&
	code 64 crm-order --as li.lei contract renew $y --set owner=han.mei &&
	code 65 crm-order --as li.lei contract edit $a --end 2027-03-31 &&
	has err "continued by a renewal" &&
	code 65 crm-order --as li.lei contract edit $r --start 2027-02-01 &&
	has err "continues contract $a" &&
	snap after && grep -v "^$y|" before >b1 && grep -v "^$y|" after >a1 &&
	same b1 a1 &&
	crm-order -q --as li.lei contract terminate $r --reason 不续了 &&
	stop=$(last) &&
	code 0 crm-order --as li.lei contract renew $a && r2=$(cat out) &&
	code 65 crm undo $stop &&
	has err "contract $a is renewed by contract $r2 since: undo that first" &&
	test "$(get $r status)" = terminated && code 0 crm check
'

t 'renew an expired contract' '
	a=$(k --start 2025-06-01 --end 2026-05-31) &&
	test "$(get $a status)" = expired &&
	r=$(crm-order --as li.lei contract renew $a) &&
	test "$(get $r start_date)" = 2026-06-01 &&
	test "$(get $r end_date)" = 2027-05-31 && test "$(get $r status)" = active
'

t 'edit: fields, owner within the team; what it does not set' '
	a=$(k) &&
	code 0 crm-order --as li.lei contract edit $a --name 新名称 \
	    --amount 2500 --end 2027-03-31 --note 备注 --set 付款方式=月结 &&
	crm-order contract show $a -f yaml >y && has y "name: 新名称" &&
	has y "amount: 2500.00" && has y "end_date: \"2027-03-31\"" &&
	has y "付款方式: 月结" &&
	code 0 crm-order --as li.lei contract edit $(get $a number) --deal 3 &&
	test "$(get $a deal_id)" = 3 &&
	snap before &&
	code 64 crm-order --as li.lei contract edit $a --customer 2 &&
	code 64 crm-order --as li.lei contract edit $a --set customer_id=3 &&
	has err "stays with its customer" &&
	code 64 crm-order --as li.lei contract edit $a --set status=draft &&
	has err "activate and terminate" &&
	code 65 crm-order --as li.lei contract edit $a --end 2025-01-01 &&
	has err "field '\''end_date'\''" &&
	code 65 crm-order --as li.lei contract edit $a --number 1 &&
	code 65 crm-order --as li.lei contract edit $a --number "" &&
	has err "field '\''number'\''" &&
	code 65 crm-order --as li.lei contract edit $a --amount "" &&
	has err "field '\''amount'\''" &&
	code 77 crm-order --as li.lei contract edit $a --owner zhang.wei &&
	code 65 crm-order --as li.lei contract edit $a --owner qian.cw &&
	code 65 crm-order --as liu.jl contract edit $a --note x &&
	has err "no contract $a" &&
	snap after && same before after &&
	code 0 crm-order --as han.mei contract edit $a --owner zhang.wei &&
	test "$(get $a owner)" = zhang.wei
'

t 'list: --customer, --owner, --mine, --status, --ending-within, --search' '
	crm-order contract list --customer 星河 -f csv --no-header >l &&
	test "$(cut -d, -f3 l | sort -u)" = 1 &&
	crm-order contract list --customer 南方 -f csv --no-header >l &&
	test ! -s l &&
	crm-order contract list --owner zhang.wei -f csv --no-header >l &&
	has l zhang.wei && ! has l li.lei &&
	crm-order --as li.lei contract list --mine -f csv --no-header >l &&
	! grep -qv li.lei l &&
	crm-order contract list --status draft -f csv --no-header >l &&
	! grep -qv ",draft," l &&
	crm-order contract list --search 维保 -f csv --no-header >l &&
	has l 年度维保 && has l 维保2026 &&
	code 64 crm-order contract list --status nonsense &&
	code 64 crm-order contract list --ending-within x &&
	code 64 crm-order contract list --ending-within -1
'

t 'list --ending-within DAYS: active, ending from today to DAYS on' '
	crm config set contract.number_format "E%Y-%n" &&
	a=$(k --end 2026-11-24 --name 今天到期) &&
	b=$(k --end 2026-12-24 --name 三十天) &&
	c=$(k --end 2026-12-25 --name 三十一天) &&
	d=$(k --end 2026-11-23 --name 昨天) &&
	f=$(k --end 2026-12-01 --status draft --name 草稿) &&
	crm config unset contract.number_format &&
	crm-order contract list --ending-within 30 -f csv --no-header >l &&
	has l 今天到期 && has l 三十天 && ! has l 三十一天 && ! has l 昨天 &&
	! has l 草稿 &&
	crm-order contract list --ending-within 0 -f csv --no-header >l &&
	has l 今天到期 && ! has l 三十天
'

t 'remind: active contracts ending within 30 days, to their owner' '
	crm remind --as li.lei -f csv >r &&
	grep "^li.lei,contract_ending,contract," r >c &&
	has c "今天到期" && has c "ends today" && has c "三十天" &&
	has c "2026-12-24,ends in 30 days" &&
	! has c 三十一天 && ! has c 昨天 && ! has c 草稿 &&
	at 2026-11-25 crm remind --as li.lei -f csv >r &&
	grep contract_ending r >c && has c 三十一天 && ! has c 今天到期 &&
	crm remind --as han.mei -f csv >r && ! grep -q contract_ending r &&
	crm remind --as li.lei -f table >t && has t "Contracts ending:" &&
	has t "ends in 30 days" &&
	LANGUAGE=zh_CN crm remind --as li.lei -f table >t &&
	has t "合同即将到期：" && has t "30 天后到期" && has t "今天到期" &&
	LANGUAGE=zh_CN crm remind --as li.lei -f csv >r &&
	has r "ends in 30 days"
'

t 'remind: a terminated or renewed contract is not' '
	a=$(k --end 2026-12-10 --name 将终止) && b=$(k --end 2026-12-11 --name 将续签) &&
	crm remind --as li.lei -f csv >r && has r 将终止 && has r 将续签 &&
	crm-order -q --as li.lei contract terminate $a --reason 换供应商 &&
	crm-order -q --as li.lei contract renew $b >/dev/null &&
	crm remind --as li.lei -f csv >r && ! has r 将终止 && ! has r 将续签
'

t 'who sees contracts: owner and managers, finance all, marketing none' '
	w=$(crm-order --as wang.fang contract add --customer 2 \
	    --start 2026-01-01 --end 2026-12-31 --amount 1 --deal 2) &&
	crm-order --as li.lei contract list -f csv --no-header >l &&
	! grep -qv li.lei l &&
	crm-order --as han.mei contract list -f csv --no-header >l &&
	has l li.lei && has l zhang.wei && ! has l wang.fang &&
	crm-order --as qian.cw contract list -f csv --no-header >l &&
	has l wang.fang && has l li.lei &&
	code 0 crm-order --as ma.sc contract list -f csv --no-header &&
	test ! -s out &&
	code 65 crm-order --as ma.sc contract show 1 && has err "no contract 1" &&
	code 65 crm-order --as wang.fang contract show 1 &&
	has err "no contract 1" && ! has err li.lei &&
	code 65 crm-order --as wang.fang contract show CT-2026-0001 &&
	! has err li.lei &&
	code 0 crm-order --as qian.cw contract show 1 &&
	code 0 crm-order --as liu.jl contract show $w
'

t 'who changes them: the owner, the owner'\''s managers, admins' '
	a=$(k --status draft) && b=$(k) && snap before &&
	for u in qian.cw ma.sc; do
		code 77 crm-order --as $u contract add --customer 1 \
		    --start 2026-01-01 --end 2026-12-31 --amount 1 || exit 1
	done &&
	code 77 crm-order --as qian.cw contract activate $a &&
	code 77 crm-order --as qian.cw contract terminate $b --reason x &&
	code 77 crm-order --as qian.cw contract renew $b &&
	code 77 crm-order --as qian.cw contract edit $b --note x &&
	code 65 crm-order --as ma.sc contract activate $a &&
	code 65 crm-order --as wang.fang contract activate $a &&
	has err "no contract $a" &&
	code 65 crm-order --as wang.fang contract renew $b &&
	code 65 crm-order --as wang.fang contract add --customer 1 \
	    --start 2026-01-01 --end 2026-12-31 --amount 1 &&
	has err "no customer 1" &&
	code 77 crm-order --as li.lei contract add --customer 公海 \
	    --start 2026-01-01 --end 2026-12-31 --amount 1 &&
	has err "claim it first" &&
	code 65 crm-order --as wang.fang contract add --customer 2 \
	    --start 2026-01-01 --end 2026-12-31 --amount 1 --deal 1 &&
	has err "no deal 1" &&
	code 65 crm-order --as wang.fang contract add --customer 2 \
	    --start 2026-01-01 --end 2026-12-31 --amount 1 --quote 1 &&
	has err "no quote 1" &&
	snap after && same before after &&
	code 0 crm-order --as han.mei contract activate $a &&
	code 0 crm-order --as han.mei contract terminate $b --reason 经理终止
'

t 'a customer or deal with contracts is not deleted' '
	c=$(crm-customer add -q --name 只有合同 --owner li.lei) &&
	k --customer $c >/dev/null &&
	crm-customer export >before &&
	code 65 crm-customer delete $c && has err "has contracts" &&
	code 65 crm-deal delete 3 && has err "has contracts" &&
	crm-customer export >after && same before after
'

t 'undo of each write: add, edit, activate, terminate, renew' '
	a=$(k --status draft --end 2027-06-30) && run=$(last) &&
	code 0 crm undo "$run" && code 65 crm-order contract show $a &&
	a=$(k --status draft --end 2027-06-30) &&
	crm-order -q --as li.lei contract edit $a --amount 77 && run=$(last) &&
	code 0 crm undo "$run" && test "$(get $a amount)" = 1000.00 &&
	crm-order -q --as li.lei contract activate $a && run=$(last) &&
	code 0 crm undo "$run" && test "$(get $a status)" = draft &&
	test "$(get $a signed_at)" = null &&
	crm-order -q --as li.lei contract terminate $a --reason 取消 &&
	run=$(last) && code 0 crm undo "$run" &&
	test "$(get $a status)" = draft &&
	test "$(get $a terminate_reason)" = null &&
	crm-order -q --as li.lei contract activate $a &&
	r=$(crm-order --as li.lei contract renew $a) && run=$(last) &&
	code 0 crm undo "$run" && code 65 crm-order contract show $r &&
	crm log -f csv >log && has log ",contract,$a," && code 0 crm check
'

t 'undo: not the add or the end of a contract a renewal continues' '
	a=$(k --end 2026-12-15) && add=$(last) &&
	crm-order -q --as li.lei contract edit $a --end 2026-12-20 &&
	edit=$(last) &&
	r=$(crm-order --as li.lei contract renew $a) && renew=$(last) &&
	b=$(k --end 2026-12-16) && addb=$(last) &&
	rb=$(crm-order --as li.lei contract renew $b) && renewb=$(last) &&
	snap before &&
	code 65 crm undo "$edit" &&
	has err "contract $a is continued by contract $r since: undo its renewal first" &&
	code 65 crm undo "$addb" &&
	has err "contract $b is continued by contract $rb since" &&
	code 65 crm undo "$add" && has err "changed since by run $edit" &&
	snap after && same before after &&
	code 0 crm undo "$renew" && code 0 crm undo "$edit" &&
	test "$(get $a end_date)" = 2026-12-15 && code 0 crm undo "$add" &&
	code 65 crm-order contract show $a &&
	code 0 crm undo "$renewb" && code 0 crm undo "$addb" &&
	code 65 crm-order contract show $b && code 0 crm check
'

t 'crm check: a broken chain of renewals, a number key, two renewals' '
	a=$(k --end 2026-12-31) && r=$(crm-order --as li.lei contract renew $a) &&
	code 0 crm check &&
	key=$(sqlite3 "$CRM_DB" "SELECT number_key FROM contracts
	    WHERE id = $a") &&
	sqlite3 "$CRM_DB" "UPDATE contracts SET start_date = '\''2027-01-05'\''
	    WHERE id = $r; UPDATE contracts SET number_key = '\''x'\''
	    WHERE id = $a" &&
	code 1 crm check -f csv &&
	has out "contract,contract,$r,does not start the day after" &&
	has out "contract,contract,$a,its number key does not match" &&
	sqlite3 "$CRM_DB" "UPDATE contracts SET start_date = '\''2027-01-01'\'',
	    customer_id = 2 WHERE id = $r;
	    UPDATE contracts SET number_key = '\''$key'\'' WHERE id = $a" &&
	code 1 crm check -f csv && has out "$r,is of another customer" &&
	! has out "$a," &&
	LANGUAGE=zh_CN code 1 crm check -f table && has out "不属于同一客户" &&
	sqlite3 "$CRM_DB" "UPDATE contracts SET customer_id = 1
	    WHERE id = $r" && code 0 crm check
'

t 'messages and help in Chinese' '
	a=$(k) &&
	LANGUAGE=zh_CN code 65 crm-order --as li.lei contract activate $a &&
	has err "合同 $a 的状态是 active，不是 draft" &&
	LANGUAGE=zh_CN code 65 k --end 2025-01-01 &&
	has err "早于开始日期" &&
	LANGUAGE=zh_CN crm-order contract --help >h && has h renew &&
	LANGUAGE=zh_CN crm-order contract show $a -f table >s &&
	has s 签订日期 && has s 续签 && has s 生效中 && has s 星河科技 &&
	x=$(k --end 2026-11-01) &&
	LANGUAGE=zh_CN crm-order contract list --status expired -f table >t &&
	has t 已到期 && ! has t 生效中 &&
	crm-order contract list --status expired -f csv >c && has c ",expired,"
'

t 'as OS users: a rep adds and terminates, the manager activates' '
	code 0 as li.lei crm-order contract add --customer 1 \
	    --start 2026-12-01 --end 2027-11-30 --amount 800 --status draft &&
	a=$(cat out) && test "$(get $a owner)" = li.lei &&
	code 65 as wang.fang crm-order contract activate $a &&
	has err "no contract $a" && ! has err li.lei &&
	code 65 as wang.fang crm-order contract show $a &&
	code 0 as han.mei crm-order contract activate $a &&
	test "$(get $a status)" = active &&
	code 0 as li.lei crm-order contract renew $a --amount 900 &&
	r=$(cat out) && test "$(get $r amount)" = 900.00 &&
	code 0 as li.lei crm-order contract terminate $r --reason 改签 &&
	code 0 as li.lei crm-order contract list -f csv --no-header &&
	! grep -qv li.lei out &&
	crm log -f csv >log && has log "han.mei" && has log "li.lei" &&
	code 0 crm check
'

done_testing
