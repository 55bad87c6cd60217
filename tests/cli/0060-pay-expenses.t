#!/bin/bash
# crm-pay expense: add (today, the acting user, the account, campaign and
# customer by name), show, edit, the list's filters, bad input naming the
# field with nothing written, undo, a customer with expenses kept; and who
# sees and changes which expense — a rep their own, a manager the team's,
# finance all, marketing their own — with --as and as real OS users.
. "$(dirname "$0")/lib.sh"
team_db ||
    { echo "not ok 1 - access tests need root: $(os_users 2>&1)"; exit 1; }
os_users han.mei li.lei qian.cw
crm -q user add han.mei --name 韩梅梅 --role manager --region 华东
crm -q user add li.lei --name 李雷 --role rep --region 华东 --manager han.mei
crm -q user add liu.jl --name 刘经理 --role manager --region 华南
crm -q user add wang.fang --name 王芳 --role rep --region 华南 --manager liu.jl
crm -q user add qian.cw --name 钱财务 --role finance
crm -q user add ma.sc --name 马市场 --role marketing
crm -q user add gone --name 离职 --role rep
crm -q user deactivate gone
crm-customer -q add --name 星河科技 --owner li.lei >/dev/null
crm-customer -q add --name 南方贸易 --owner wang.fang >/dev/null
crm-lead -q campaign add --name 2026上海工博会 --channel expo >/dev/null
crm-pay -q account add --name 招行基本户 --opening 1000 >/dev/null
crm-pay -q account add --name 现金 --kind cash >/dev/null

snap() {
	sqlite3 "$CRM_DB" "SELECT * FROM expenses; SELECT * FROM accounts" >"$1"
}

t 'add: today, the acting user; account, campaign, customer by name' '
	code 0 crm-pay expense add --category 展会 --amount 18,000.00 \
	    --account 招行 --campaign 工博会 --customer 星河 --note 展位费 &&
	test "$(cat out)" = 1 &&
	crm-pay expense show 1 -f yaml >y && has y "date: \"2026-11-24\"" &&
	has y "category: 展会" && has y "amount: 18000.00" && has y "user: $ME" &&
	has y "account_id: 1" && has y "campaign_id: 1" &&
	has y "customer_id: 1" && has y "note: 展位费" &&
	code 0 crm-pay expense add --category 差旅 --amount ¥1280.5 \
	    --date yesterday --user li.lei --account 2 --campaign 1 &&
	crm-pay expense show 2 -f csv >c &&
	has c "2,2026-11-23,差旅,1280.50,li.lei,2,1,," &&
	code 0 crm-pay expense add --category 招待 --amount 300元 --date 2026/11/3 &&
	crm-pay expense show 3 -f csv >c && has c ",2026-11-03,招待,300.00," &&
	code 65 crm-pay expense show 9 && has err "no expense 9" &&
	code 65 crm-pay expense show 招待 && has err "no expense"
'

t 'bad input names the field; nothing written' '
	snap before &&
	for a in 0 -1 0.00 -0.01 abc 1.234 1.2E+5; do
		code 65 crm-pay expense add --category 杂费 --amount "$a" &&
		has err "field '\''amount'\''" || exit 1
	done &&
	code 65 crm-pay expense add --category 杂费 && has err amount &&
	code 65 crm-pay expense add --amount 5 && has err category &&
	code 65 crm-pay expense add --category 杂费 --amount 5 --date 2026-02-30 &&
	has err "field '\''date'\''" &&
	code 65 crm-pay expense add --category 杂费 --amount 5 --date 明天吧 &&
	code 65 crm-pay expense add --category 杂费 --amount 5 --account 农行 &&
	has err "field '\''account_id'\''" && has err "no account named" &&
	code 65 crm-pay expense add --category 杂费 --amount 5 --account 9 &&
	has err "no account 9" &&
	code 65 crm-pay expense add --category 杂费 --amount 5 --campaign 无此活动 &&
	has err "field '\''campaign_id'\''" &&
	code 65 crm-pay expense add --category 杂费 --amount 5 --customer 无此客户 &&
	has err "field '\''customer_id'\''" &&
	code 65 crm-pay expense add --category 杂费 --amount 5 --user nobody &&
	has err "field '\''user'\''" &&
	code 65 crm-pay expense add --category 杂费 --amount 5 --user gone &&
	has err "not an active user" &&
	code 65 crm-pay expense edit 1 --amount 0 &&
	code 65 crm-pay expense edit 1 --category "" && has err category &&
	code 64 crm-pay expense edit 1 --set created_at=2020-01-01 &&
	snap after && same before after
'

t 'edit, and undo of an add and an edit' '
	code 0 crm-pay expense edit 3 --amount 320 --category 餐费 --account 现金 &&
	crm-pay expense show 3 -f csv >c && has c ",餐费,320.00,$ME,2," &&
	run=$(crm log -f csv --no-header | tail -1 | cut -d, -f1) &&
	code 0 crm undo "$run" &&
	crm-pay expense show 3 -f csv >c && has c ",招待,300.00,$ME,,," &&
	code 0 crm-pay expense add --category 撤销 --amount 1 &&
	id=$(cat out) &&
	run=$(crm log -f csv --no-header | tail -1 | cut -d, -f1) &&
	code 0 crm undo "$run" && code 65 crm-pay expense show "$id"
'

t 'list: --from/--to take both ends, --category, --user, --account, --campaign' '
	crm-pay -q expense add --category 差旅 --amount 10 --date 2026-10-31 >/dev/null &&
	crm-pay -q expense add --category 差旅 --amount 20 --date 2026-11-01 >/dev/null &&
	crm-pay -q expense add --category 差旅 --amount 30 --date 2026-11-30 >/dev/null &&
	crm-pay -q expense add --category 差旅 --amount 40 --date 2026-12-01 >/dev/null &&
	crm-pay expense list --from 2026-11-01 --to 2026-11-30 --category 差旅 \
	    --no-header | cut -d, -f2,4 >got &&
	printf "2026-11-23,1280.50\n2026-11-01,20.00\n2026-11-30,30.00\n" >want &&
	same want got &&
	crm-pay expense list --to 2026-10-31 --no-header | cut -d, -f4 >got &&
	test "$(cat got)" = 10.00 &&
	crm-pay expense list --user li.lei --no-header | cut -d, -f1 >got &&
	test "$(cat got)" = 2 &&
	crm-pay expense list --account 现金 --no-header | cut -d, -f1 >got &&
	test "$(cat got)" = 2 &&
	crm-pay expense list --campaign 2026上海工博会 --no-header | cut -d, -f1 |
	    tr "\n" " " >got && test "$(cat got)" = "1 2 " &&
	crm-pay expense list --customer 星河科技 --no-header | cut -d, -f1 >got &&
	test "$(cat got)" = 1 &&
	crm-pay expense list --search 展位 --no-header | cut -d, -f1 >got &&
	test "$(cat got)" = 1 &&
	crm-pay expense list --sort -amount --limit 1 --no-header | cut -d, -f1 >got &&
	test "$(cat got)" = 1 &&
	code 64 crm-pay expense list --from 2026-13-01 && has err "--from:" &&
	code 64 crm-pay expense list --to soon && has err "--to:" &&
	code 65 crm-pay expense list --account 农行 && has err "--account:" &&
	code 65 crm-pay expense list --campaign 无此活动 && has err "--campaign:" &&
	crm-pay expense list -f table >t && has t 18,000.00 &&
	head -2 t | tail -1 >row && has row 招行基本户 && has row 2026上海工博会
'

t 'a rep: adds and sees their own; no one else'\''s, no account (65, 77)' '
	code 0 crm-pay --as li.lei expense add --category 差旅 --amount 88 &&
	lid=$(cat out) &&
	crm-pay expense show "$lid" -f csv >c && has c ",li.lei," &&
	crm-pay --as li.lei expense list --no-header | cut -d, -f1 |
	    tr "\n" " " >got && test "$(cat got)" = "2 $lid " &&
	crm-pay --as li.lei expense list --mine --no-header | wc -l >n &&
	test "$(cat n)" = 2 &&
	crm-pay --as li.lei expense show 2 -f table >t &&
	grep -q "^account  *2$" t && has t 2026上海工博会 &&
	snap before &&
	code 65 crm-pay --as li.lei expense show 1 && has err "no expense 1" &&
	! has err 展会 2>/dev/null &&
	code 65 crm-pay --as li.lei expense edit 1 --amount 1 &&
	code 77 crm-pay --as li.lei expense add --category 差旅 --amount 1 \
	    --user wang.fang && has err "a rep" &&
	code 77 crm-pay --as li.lei expense add --category 差旅 --amount 1 \
	    --account 现金 && has err "only finance or an admin" &&
	code 77 crm-pay --as li.lei expense edit "$lid" --account 现金 &&
	code 77 crm-pay --as li.lei expense edit "$lid" --user han.mei &&
	code 65 crm-pay --as li.lei expense add --category 差旅 --amount 1 \
	    --customer 南方贸易 && has err "field '\''customer_id'\''" &&
	code 65 crm-pay --as li.lei expense list --account 现金 &&
	snap after && same before after &&
	code 0 crm-pay --as li.lei expense edit "$lid" --amount 99 --note 打车
'

t 'a manager sees and changes the team'\''s; not another team'\''s' '
	crm-pay -q --as wang.fang expense add --category 差旅 --amount 5 >/dev/null &&
	wid=$(crm-pay expense list --user wang.fang --no-header | cut -d, -f1) &&
	crm-pay --as han.mei expense list --no-header | cut -d, -f5 | sort -u >got &&
	printf "li.lei\n" >want && same want got &&
	code 0 crm-pay --as han.mei expense add --category 招待 --amount 50 \
	    --user li.lei && hid=$(cat out) &&
	code 0 crm-pay --as han.mei expense edit "$hid" --note 经理确认 &&
	code 0 crm-pay --as han.mei expense show 2 &&
	snap before &&
	code 77 crm-pay --as han.mei expense edit 2 --note 经理确认 &&
	has err "paid from account 2" &&
	code 65 crm-pay --as han.mei expense show "$wid" &&
	code 77 crm-pay --as han.mei expense add --category 差旅 --amount 1 \
	    --user wang.fang && has err "not in your team" &&
	code 65 crm-pay --as liu.jl expense show 2 &&
	snap after && same before after &&
	crm-pay --as liu.jl expense list --no-header | cut -d, -f1 >got &&
	test "$(cat got)" = "$wid"
'

t 'finance sees and changes all, and charges accounts; marketing its own' '
	crm-pay --as qian.cw expense list --no-header | wc -l >n &&
	crm-pay expense list --no-header | wc -l >all && same all n &&
	code 0 crm-pay --as qian.cw expense edit 2 --account 招行基本户 &&
	code 0 crm-pay --as qian.cw expense add --category 手续费 --amount 2.5 \
	    --account 招行 --user li.lei &&
	code 0 crm-pay --as ma.sc expense add --category 物料 --amount 600 \
	    --campaign 2026上海工博会 && mid=$(cat out) &&
	crm-pay --as ma.sc expense list --no-header | cut -d, -f1 >got &&
	test "$(cat got)" = "$mid" &&
	code 65 crm-pay --as ma.sc expense show 1 &&
	code 77 crm-pay --as ma.sc expense add --category 物料 --amount 1 \
	    --user li.lei
'

t 'a campaign shows its cost with the expenses charged to it the user sees' '
	crm-lead -q campaign edit 2026上海工博会 --cost 1000 &&
	crm-lead campaign show 1 -f table >t && has t "cost and expenses:" &&
	tail -1 t | tr -s " " >got && test "$(cat got)" = "1,000.00 19,880.50 20,880.50" &&
	crm-lead --as ma.sc campaign show 1 -f table | tail -1 | tr -s " " >got &&
	test "$(cat got)" = "1,000.00 600.00 1,600.00" &&
	crm-lead --as li.lei campaign show 1 -f table | tail -1 | tr -s " " >got &&
	test "$(cat got)" = "1,000.00 1,280.50 2,280.50"
'

t 'as OS users: a rep writes their own and is refused the rest' '
	code 0 as li.lei crm-pay expense add --category 油费 --amount 200 &&
	oid=$(cat out) &&
	crm-pay expense show "$oid" -f csv >c && has c ",li.lei," &&
	snap before &&
	code 65 as li.lei crm-pay expense edit 1 --amount 1 &&
	code 77 as li.lei crm-pay expense add --category 油费 --amount 1 \
	    --account 现金 &&
	code 77 as li.lei crm-pay expense edit "$oid" --user han.mei &&
	snap after && same before after &&
	code 0 as han.mei crm-pay expense edit "$oid" --note 已核 &&
	code 0 as qian.cw crm-pay expense edit "$oid" --account 现金 &&
	as li.lei crm-pay expense show "$oid" -f csv >c && has c ",油费,200.00,li.lei,2,,," &&
	snap before &&
	code 77 as li.lei crm-pay expense edit "$oid" --amount 1 &&
	has err "only finance or an admin may change it" &&
	code 77 as li.lei crm-pay expense edit "$oid" --account "" &&
	printf "id,amount\n$oid,1\n" >paid.csv &&
	code 65 as li.lei crm-pay expense import --on-duplicate update paid.csv &&
	has err "paid.csv:2: expense $oid is paid from account 2" &&
	snap after && same before after &&
	code 0 as qian.cw crm-pay expense import --on-duplicate update paid.csv &&
	crm-pay expense show "$oid" -f csv >c && has c ",油费,1.00,li.lei,2," &&
	crm log -f csv >log && has log "qian.cw" && has log "expense,$oid,update"
'

t 'a customer with expenses is not deleted' '
	snap before &&
	code 65 crm-customer delete 星河科技 && has err "expenses" &&
	snap after && same before after
'

done_testing
