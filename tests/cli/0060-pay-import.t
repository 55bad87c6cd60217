#!/bin/bash
# crm-pay expense import: a GBK sheet with Chinese headers (日期, 类别,
# 金额, 经办人, 账户, 活动), the plan of a dry run, every bad record named
# FILE:LINE and field with nothing imported, --partial with rejects,
# undo, update by id, whose records a rep and finance may import, and
# export then import into a new database being the identity.
. "$(dirname "$0")/lib.sh"
team_db ||
    { echo "not ok 1 - access tests need root: $(os_users 2>&1)"; exit 1; }
os_users li.lei
crm -q user add han.mei --name 韩梅梅 --role manager --region 华东
crm -q user add li.lei --name 李雷 --role rep --region 华东 --manager han.mei
crm -q user add qian.cw --name 钱财务 --role finance
crm -q user add ma.sc --name 马市场 --role marketing
crm-customer -q add --name 星河科技 --owner li.lei >/dev/null
crm-lead -q campaign add --name 2026上海工博会 --channel expo >/dev/null
crm-pay -q account add --name 招行基本户 --opening 1000 >/dev/null
crm-pay -q account add --name 现金 --kind cash >/dev/null

snap() {
	sqlite3 "$CRM_DB" "SELECT * FROM expenses; SELECT * FROM accounts" >"$1"
}

t 'a GBK sheet with Chinese headers; the plan of a dry run writes nothing' '
	printf "日期,类别,金额,经办人,账户,活动,客户,事由\n2026-11-01,展会,\"18,000.00\",li.lei,招行基本户,2026上海工博会,星河科技,展位\n2026/11/2,差旅,1280.5元,,现金,,,\n" |
	    iconv -f UTF-8 -t GBK >sheet.csv &&
	snap before &&
	code 0 crm-pay expense import -n --encoding gbk sheet.csv &&
	has out "2,create" && has out "3,create" &&
	has err "would have imported 2" &&
	snap after && same before after &&
	code 0 crm-pay expense import --encoding gbk sheet.csv &&
	crm-pay expense export --no-header | cut -d, -f1-8,11 >got &&
	printf "1,2026-11-01,展会,18000.00,li.lei,1,1,1,展位\n2,2026-11-02,差旅,1280.50,$ME,2,,,\n" >want &&
	same want got &&
	crm-pay account list --no-header --search 招行 >l &&
	has l ",1000.00,0.00,18000.00,-17000.00,"
'

t 'every bad record is named with its line and field; nothing imported' '
	snap before &&
	printf "日期,类别,金额,经办人,账户,活动\n2026-02-30,差旅,5,,,\n2026-11-03,差旅,0,,,\n2026-11-03,差旅,-5,,,\n2026-11-03,差旅,五块,,,\n2026-11-03,差旅,5,nobody,,\n2026-11-03,差旅,5,,农行,\n2026-11-03,差旅,5,,,无此活动\n2026-11-03,,5,,,\n2026-11-03,差旅,5,,现金,2026上海工博会\n" >bad.csv &&
	code 65 crm-pay expense import bad.csv &&
	has err "bad.csv:2: field '\''date'\''" &&
	has err "bad.csv:3: field '\''amount'\''" &&
	has err "bad.csv:4: field '\''amount'\''" &&
	has err "bad.csv:5: field '\''amount'\''" &&
	has err "bad.csv:6: field '\''user'\''" &&
	has err "bad.csv:7: field '\''account_id'\''" &&
	has err "bad.csv:8: field '\''campaign_id'\''" &&
	has err "bad.csv:9:" && has err "category" &&
	! grep -q "bad.csv:10" err &&
	has err "nothing imported" &&
	snap after && same before after
'

t '--partial imports the good ones and writes the rejects; undo takes them back' '
	code 65 crm-pay expense import --partial --rejects rej.csv bad.csv &&
	crm-pay expense list --no-header | wc -l >n && test "$(cat n)" = 3 &&
	crm-pay expense show 3 -f csv >c && has c ",差旅,5.00,$ME,2,1,," &&
	test "$(wc -l <rej.csv)" = 9 && has rej.csv "2026-02-30" &&
	run=$(crm log -f csv --no-header | tail -1 | cut -d, -f1) &&
	crm log -f csv | grep -q "expense,3,create" &&
	code 0 crm undo "$run" && code 65 crm-pay expense show 3 &&
	crm-pay expense list --no-header | wc -l >n && test "$(cat n)" = 2
'

t 'update by id; allow is a usage error; an import by id of one unseen' '
	printf "id,amount,note\n2,1300.00,改\n" >upd.csv &&
	code 65 crm-pay expense import upd.csv && has err "upd.csv:2" &&
	code 0 crm-pay expense import --on-duplicate update upd.csv &&
	crm-pay expense show 2 -f csv >c && has c ",1300.00," && has c ",改" &&
	code 64 crm-pay expense import --on-duplicate allow upd.csv &&
	snap before &&
	code 65 crm-pay --as li.lei expense import --on-duplicate update upd.csv &&
	snap after && same before after
'

t 'a rep imports their own, no one else'\''s and no account; finance anyone'\''s' '
	printf "date,category,amount\n2026-11-05,差旅,12\n" >mine.csv &&
	code 0 crm-pay --as li.lei expense import mine.csv &&
	crm-pay expense list --user li.lei --no-header | cut -d, -f4 >got &&
	has got 12.00 &&
	snap before &&
	printf "date,category,amount,user\n2026-11-05,差旅,12,han.mei\n" >other.csv &&
	code 65 crm-pay --as li.lei expense import other.csv &&
	has err "other.csv:2: field '\''user'\''" &&
	printf "date,category,amount,account\n2026-11-05,差旅,12,现金\n" >acct.csv &&
	code 65 crm-pay --as li.lei expense import acct.csv &&
	has err "acct.csv:2: field '\''account_id'\''" &&
	has err "only finance or an admin" &&
	code 65 as li.lei crm-pay expense import other.csv &&
	snap after && same before after &&
	code 0 crm-pay --as qian.cw expense import other.csv &&
	code 0 crm-pay --as qian.cw expense import acct.csv &&
	printf "date,category,amount,user\n2026-11-05,物料,30,ma.sc\n" >mkt.csv &&
	code 0 crm-pay --as ma.sc expense import mkt.csv &&
	code 0 as li.lei crm-pay expense import mine.csv &&
	crm-pay expense list --user li.lei --no-header | wc -l >n &&
	test "$(cat n)" = 3
'

t 'export then import into a new database is the identity' '
	crm-pay expense export >all.csv &&
	CRM_DB=$PWD/fresh.db crm init 2>/dev/null &&
	for u in han.mei:manager li.lei:rep qian.cw:finance ma.sc:marketing; do
		CRM_DB=$PWD/fresh.db crm -q user add ${u%%:*} --name x \
		    --role ${u#*:} || exit 1
	done &&
	CRM_DB=$PWD/fresh.db crm-customer -q add --name 星河科技 \
	    --owner li.lei >/dev/null &&
	CRM_DB=$PWD/fresh.db crm-lead -q campaign add --name 2026上海工博会 >/dev/null &&
	CRM_DB=$PWD/fresh.db crm-pay -q account add --name 招行基本户 >/dev/null &&
	CRM_DB=$PWD/fresh.db crm-pay -q account add --name 现金 >/dev/null &&
	CRM_DB=$PWD/fresh.db crm-pay expense import --historical all.csv &&
	CRM_DB=$PWD/fresh.db crm-pay expense export >again.csv &&
	same all.csv again.csv
'

done_testing
