#!/bin/bash
# crm-pay account: funds accounts (资金账户) — add, show, edit, close; the
# balance (opening + received − spent) against sums computed here, exact
# to the cent; bad input naming the field; undo; and that only finance
# and admins see or change accounts, with --as and as real OS users.
. "$(dirname "$0")/lib.sh"
team_db ||
    { echo "not ok 1 - access tests need root: $(os_users 2>&1)"; exit 1; }
os_users han.mei li.lei qian.cw
crm -q user add han.mei --name 韩梅梅 --role manager --region 华东
crm -q user add li.lei --name 李雷 --role rep --region 华东 --manager han.mei
crm -q user add qian.cw --name 钱财务 --role finance
crm -q user add ma.sc --name 马市场 --role marketing

# every row of the pay tables, to show a refusal wrote nothing
snap() {
	sqlite3 "$CRM_DB" "SELECT * FROM accounts; SELECT * FROM expenses" >"$1"
}

t 'add, show by id and name, list with balances' '
	code 0 crm-pay account add --name 招行基本户 --opening 250,000.00 \
	    --currency cny --note 基本户 && test "$(cat out)" = 1 &&
	code 0 crm-pay account add --name 现金 --kind cash && test "$(cat out)" = 2 &&
	crm-pay account show 招行 -f yaml >y && has y "name: 招行基本户" &&
	has y "kind: bank" && has y "currency: CNY" &&
	has y "opening: 250000.00" && has y "active: true" &&
	crm-pay account show 2 -f csv >c && has c ",现金,cash,,0.00,true," &&
	crm-pay account list --no-header >l &&
	printf "1,招行基本户,bank,CNY,250000.00,0.00,0.00,250000.00,true\n2,现金,cash,,0.00,0.00,0.00,0.00,true\n" >want &&
	same want l &&
	crm-pay account show 1 -f table >t && has t "balance:" &&
	has t "250,000.00" &&
	code 65 crm-pay account show 3 && has err "no account 3" &&
	code 65 crm-pay account show 农行 && has err "no account named"
'

t 'the balance is opening + received - spent, to the cent' '
	crm-pay -q account add --name 支付宝 --kind alipay --opening -0.05 >/dev/null &&
	for a in 0.01 1,234.56 ¥99.99 100元 0.33; do
		crm-pay -q expense add --category 杂费 --amount "$a" \
		    --account 支付宝 >/dev/null || exit 1
	done &&
	crm-pay -q expense add --category 杂费 --amount 7 --account 1 >/dev/null &&
	crm-pay -q expense add --category 杂费 --amount 8 >/dev/null &&
	want=$(awk "BEGIN { printf \"%.2f\", (-5 - (1 + 123456 + 9999 + 10000 + 33)) / 100 }") &&
	crm-pay account list --no-header --search 支付宝 >l &&
	has l ",-0.05,0.00,1434.89,$want,true" &&
	crm-pay account list --no-header --search 招行 >l &&
	has l ",250000.00,0.00,7.00,249993.00,true" &&
	crm-pay account list --no-header --kind cash >l &&
	test "$(wc -l <l)" = 1 && has l ",0.00,0.00,0.00,0.00," &&
	crm-pay account list --no-header --sort -balance | cut -d, -f2 >order &&
	printf "招行基本户\n现金\n支付宝\n" >want && same want order &&
	sqlite3 "$CRM_DB" "SELECT sum(amount) FROM expenses WHERE account_id = 3" >sum &&
	test "$(cat sum)" = 143489
'

t 'bad input names the field; nothing written' '
	code 0 crm-pay account add --name ICBC && test "$(cat out)" = 4 &&
	snap before &&
	code 65 crm-pay account add --name ｉｃｂｃ --opening 1 &&
	has err "account 4 '\''ICBC'\''" &&
	code 65 crm-pay account add --name 招行基本户 &&
	has err "field '\''name'\''" && has err "account 1 '\''招行基本户'\''" &&
	code 65 crm-pay account add --name 农行 --currency RMBX &&
	has err "field '\''currency'\''" &&
	code 65 crm-pay account add --name 农行 --currency 12 &&
	code 65 crm-pay account add --name 农行 --kind piggybank &&
	has err "kind" &&
	code 65 crm-pay account add --name 农行 --opening 十万 &&
	has err "opening" &&
	code 65 crm-pay account add --name 农行 --opening 1.234 &&
	code 65 crm-pay account add --kind bank && has err "name" &&
	code 65 crm-pay account add --name "!!!" &&
	code 65 crm-pay account edit 现金 --name 招行基本户 &&
	has err "account 1" &&
	code 65 crm-pay account edit 现金 --active maybe &&
	code 64 crm-pay account edit 现金 --set id=9 &&
	snap after && same before after
'

t 'edit; a closed account takes no new expense; undo' '
	code 0 crm-pay account edit 现金 --note 保险柜 --currency usd &&
	crm-pay account show 现金 -f csv >c && has c ",USD," && has c 保险柜 &&
	code 0 crm-pay account edit 现金 --active 0 &&
	crm-pay account list --active 0 --no-header >l && has l ",现金," &&
	! has l 招行 2>/dev/null &&
	snap before &&
	code 65 crm-pay expense add --category 餐费 --amount 10 --account 现金 &&
	has err "field '\''account_id'\''" && has err "closed" &&
	snap after && same before after &&
	run=$(crm log -f csv --no-header | tail -1 | cut -d, -f1) &&
	code 0 crm undo "$run" &&
	crm-pay account show 现金 -f yaml >y && has y "active: true" &&
	code 0 crm-pay account add --name 临时 &&
	run=$(crm log -f csv --no-header | tail -1 | cut -d, -f1) &&
	code 0 crm undo "$run" && code 65 crm-pay account show 临时
'

t 'only finance and admins see or change accounts (65, 77; nothing written)' '
	snap before &&
	for u in li.lei han.mei ma.sc; do
		code 65 crm-pay --as $u account show 1 &&
		has err "no account 1" && ! has err 招行 2>/dev/null &&
		crm-pay --as $u account list --no-header >l && test ! -s l &&
		code 77 crm-pay --as $u account add --name 私户 &&
		has err "only finance or an admin" &&
		code 65 crm-pay --as $u account edit 1 --opening 1 || exit 1
	done &&
	snap after && same before after &&
	code 0 crm-pay --as qian.cw account add --name 微信 --kind wechat &&
	code 0 crm-pay --as qian.cw account edit 微信 --opening 10 &&
	crm-pay --as qian.cw account list --no-header >l && has l ",微信,wechat,"
'

t 'as OS users: finance writes, a rep and a manager are refused' '
	code 0 as qian.cw crm-pay account add --name 工行 &&
	code 0 as qian.cw crm-pay account show 工行 &&
	snap before &&
	code 77 as li.lei crm-pay account add --name 李的户 &&
	code 65 as han.mei crm-pay account edit 工行 --opening 5 &&
	code 65 as li.lei crm-pay account show 工行 &&
	snap after && same before after &&
	crm log -f csv >log && has log "qian.cw" && has log "工行"
'

t 'in Chinese: the columns and the refusal' '
	LANGUAGE=zh_CN crm-pay account list -f table >t &&
	has t 期初余额 && has t 余额 && has t 支出 && has t 银行 && has t 微信 &&
	LANGUAGE=zh_CN crm-pay account list -f csv >c && has c ",wechat," &&
	LANGUAGE=zh_CN code 77 crm-pay --as li.lei account add --name 私户 &&
	has err "只有财务或管理员"
'

done_testing
