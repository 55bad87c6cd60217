#!/bin/bash
# crm-deal: add, show, list and its filters, edit, set, delete, stages,
# undo, and who sees and changes which deal.
. "$(dirname "$0")/lib.sh"
crm init 2>/dev/null
crm -q user add han.mei --name 韩梅梅 --role manager --region 华东
crm -q user add li.lei --name 李雷 --role rep --region 华东 --manager han.mei
crm -q user add wang.fang --name 王芳 --role rep --region 华南
crm -q user add qian.cw --name 钱财务 --role finance
crm -q user add ma.sc --name 马市场 --role marketing
crm-customer -q add --name 北京星河科技有限公司 --owner li.lei
crm-customer -q add --name 深圳南方贸易 --owner wang.fang
crm-customer -q add --name 公海客户

t 'add: by customer name, amount as money, defaults from the stage' '
	code 0 crm-deal add --customer 星河 --name 官网改版 --amount "¥120,000.50" &&
	test "$(cat out)" = 1 &&
	crm-deal show 1 -f yaml >y &&
	has y "customer_id: 1" && has y "amount: 120000.50" &&
	has y "stage: qualify" && has y "owner: li.lei" && has y "kind: standard"
'

t 'add: the stage with follow-up days schedules the next step' '
	code 0 crm-deal add --customer 1 --name ERP --stage proposal --kind project &&
	crm-deal show ERP -f yaml >y &&
	has y "next_due: \"2026-11-27\"" && has y "方案报价"
'

t 'add: an unknown stage names the stages; nothing is written' '
	crm-deal export >before &&
	code 65 crm-deal add --customer 1 --name X --stage prospecting &&
	has err "no stage '\''prospecting'\''" && has err "qualify, needs" &&
	crm-deal export >after && same before after
'

t 'add: refusals name the field' '
	code 65 crm-deal add --customer 1 --name X --probability 101 &&
	has err "probability" &&
	code 65 crm-deal add --customer 1 --name X --urgency 0 && has err "urgency" &&
	code 65 crm-deal add --customer 1 --name X --amount 1.234 && has err "amount" &&
	code 65 crm-deal add --name X && has err "customer_id" &&
	code 65 crm-deal add --customer 99 --name X && has err "no customer 99" &&
	code 65 crm-deal add --customer 1 --name X --kind big && has err "kind"
'

t 'a rep adds deals for themselves, on customers they see' '
	code 0 crm-deal --as li.lei add --customer 1 --name 李雷的单 &&
	id=$(cat out) && crm-deal show "$id" -f csv >c && has c ",li.lei," &&
	code 77 crm-deal --as li.lei add --customer 1 --name 给别人 --owner wang.fang &&
	code 65 crm-deal --as li.lei add --customer 2 --name 别人的客户 &&
	has err "no customer 2"
'

t 'set and edit change fields; stage and close fields are refused' '
	code 0 crm-deal edit 1 --amount 99 --close 2026-12-31 &&
	crm-deal show 1 -f yaml >y && has y "amount: 99.00" &&
	has y "close_date: \"2026-12-31\"" &&
	code 64 crm-deal set 1 stage=won && has err "move" &&
	code 64 crm-deal set 1 lost_reason=price && has err "win and lose" &&
	code 0 crm-deal set 1 budget=4 竞品=华为 &&
	crm-deal show 1 -f yaml >y && has y "budget: 4" && has y "竞品: 华为"
'

t 'list filters: stage, kind, owner, customer by name, open, closing-before' '
	crm-deal list --stage proposal --no-header | cut -d, -f1 >l &&
	test "$(cat l)" = 2 &&
	crm-deal list --kind project --no-header | cut -d, -f1 >l &&
	test "$(cat l)" = 2 &&
	crm-deal list --customer 星河 --no-header | wc -l >l && test "$(cat l)" = 3 &&
	crm-deal list --closing-before 2027-01-01 --no-header | cut -d, -f1 >l &&
	test "$(cat l)" = 1 &&
	crm-deal list --open --no-header | wc -l >l && test "$(cat l)" = 3 &&
	crm-deal list --won --no-header | wc -l >l && test "$(cat l)" = 0 &&
	code 64 crm-deal list --won --lost
'

t 'list --idle: no stage change nor follow-up in DAYS days' '
	crm-deal list --idle 0 --no-header | wc -l >l && test "$(cat l)" = 0 &&
	CRM_NOW=2026-12-30T09:00:00 crm-deal list --idle 30 --no-header | wc -l >l &&
	test "$(cat l)" = 3 &&
	CRM_NOW=2026-12-20T09:00:00 crm-deal list --idle 30 --no-header | wc -l >l &&
	test "$(cat l)" = 0
'

t 'who sees which deal: owner, manager, finance; marketing none' '
	crm-deal add -q --customer 2 --name 南方大单 >/dev/null &&
	crm-deal --as li.lei list --no-header | cut -d, -f1 | tr "\n" " " >l &&
	test "$(cat l)" = "1 2 3 " &&
	crm-deal --as han.mei list --no-header | wc -l >l && test "$(cat l)" = 3 &&
	crm-deal --as qian.cw list --no-header | wc -l >l && test "$(cat l)" = 4 &&
	crm-deal --as ma.sc list --no-header | wc -l >l && test "$(cat l)" = 0 &&
	code 65 crm-deal --as li.lei show 4 && has err "no deal 4" &&
	! has err 南方 && code 65 crm-deal --as li.lei show 南方大单 &&
	code 65 crm-deal --as li.lei edit 4 --amount 1 && has err "no deal 4" &&
	code 77 crm-deal --as qian.cw edit 1 --amount 1 &&
	code 65 crm-deal --as han.mei edit 4 --owner li.lei
'

t 'a manager hands a deal within the team; a rep may not' '
	code 0 crm-deal --as han.mei edit 1 --owner han.mei &&
	code 0 crm-deal --as han.mei edit 1 --owner li.lei &&
	code 77 crm-deal --as li.lei edit 1 --owner han.mei
'

t 'stages lists deal.stages in order' '
	crm-deal stages --no-header | cut -d, -f1 | tr "\n" " " >l &&
	test "$(cat l)" = "qualify needs proposal negotiation won lost " &&
	crm-deal stages -f csv >c && has c "proposal,方案报价,50,3"
'

t 'undo of an add removes the deal and its stage history' '
	id=$(crm-deal add -q --customer 3 --name 撤销单 --stage needs) &&
	run=$(crm log --entity deal --id "$id" | tail -1 | cut -d, -f1) &&
	crm -q undo "$run" && code 65 crm-deal show "$id" &&
	sqlite3 "$CRM_DB" "SELECT count(*) FROM deal_stages WHERE deal_id = $id" >n &&
	test "$(cat n)" = 0
'

t 'delete, then undo brings the deal back with its history' '
	id=$(crm-deal add -q --customer 3 --name 删除单) &&
	crm-deal show "$id" -f csv >before &&
	code 0 crm-deal delete "$id" && has err "deleted 1 deal" &&
	code 65 crm-deal show "$id" &&
	run=$(crm log --entity deal --id "$id" | tail -1 | cut -d, -f1) &&
	crm -q undo "$run" && crm-deal show "$id" -f csv >after &&
	same before after && crm-deal show "$id" -f table >t && has t qualify
'

t 'a customer with deals cannot be deleted' '
	code 65 crm-customer delete 1 && has err "has deals"
'

t 'the log shows a rep their deals only' '
	crm log --as li.lei --entity deal >l 2>/dev/null ||
	crm --as li.lei log --entity deal >l &&
	! grep -q ",deal,4," l && grep -q ",deal,3," l
'

t 'list: a bad --closing-before or an unknown --stage is 64; a label is its stage' '
	code 64 crm-deal list --closing-before garbage && has err "closing-before" &&
	code 64 crm-deal list --stage bogus && has err "no stage" &&
	code 0 crm-deal list --stage 方案报价 --no-header && has out ",proposal," &&
	code 0 crm-deal add --customer 3 --name 标签阶段 --stage 商务谈判 &&
	crm-deal show 标签阶段 -f csv >c && has c ",negotiation,"
'

t 'amounts are from 0 to 100000000000.00' '
	code 65 crm-deal add --customer 1 --name 负数 --amount -5 && has err amount &&
	code 65 crm-deal add --customer 1 --name 太大 --amount 92233720368547758.07 &&
	has err amount
'

t 'a rep claims a pool customer before adding a deal to it' '
	crm-customer -q add --name 华东池客户 --region 华东 >/dev/null &&
	code 77 crm-deal --as li.lei add --customer 华东池客户 --name 池中商机 &&
	has err "claim it first"
'

t 'the next step crm writes is in the team'"'"'s language, whoever moves' '
	a=$(crm-deal add -q --customer 3 --name 语言甲 --stage proposal) &&
	b=$(LANGUAGE=zh_CN crm-deal add -q --customer 3 --name 语言乙 \
	    --stage proposal) &&
	crm-deal show "$a" -f csv | tail -1 | cut -d, -f10 >x &&
	crm-deal show "$b" -f csv | tail -1 | cut -d, -f10 >y && same x y &&
	crm -q config set ui.lang zh_CN &&
	c=$(crm-deal add -q --customer 3 --name 语言丙 --stage proposal) &&
	crm-deal show "$c" -f csv >z && has z "跟进（方案报价）" &&
	crm -q config unset ui.lang
'

t 'a no-op edit or set (every value the same) writes nothing and makes no run: deals and customers' '
	crm-deal export >deals.before && crm-customer export >customers.before &&
	runs=$(sqlite3 "$CRM_DB" "SELECT count(*) FROM runs") &&
	name=$(sqlite3 "$CRM_DB" "SELECT name FROM deals WHERE id = 1") &&
	CRM_NOW=2026-11-30T09:00:00 code 0 crm-deal edit 1 --name "$name" &&
	CRM_NOW=2026-11-30T09:00:00 code 0 crm-deal set 1 name="$name" &&
	CRM_NOW=2026-11-30T09:00:00 code 0 crm-customer edit 2 --name 深圳南方贸易 &&
	CRM_NOW=2026-11-30T09:00:00 code 0 crm-customer set 2 name=深圳南方贸易 &&
	test "$(sqlite3 "$CRM_DB" "SELECT count(*) FROM runs")" = "$runs" &&
	crm-deal export >deals.after && same deals.before deals.after &&
	crm-customer export >customers.after && same customers.before customers.after &&
	CRM_NOW=2026-11-30T09:00:00 code 0 crm-deal edit 1 --name "$name" --note 变了 &&
	test "$(sqlite3 "$CRM_DB" "SELECT count(*) FROM runs")" = $((runs + 1)) &&
	crm-deal show 1 -f yaml >y && has y "updated_at: 2026-11-30T09:00:00" &&
	crm -q undo $((runs + 1))
'

t 'a table shows the customer by name, only to who sees it (else its id)' '
	crm-deal list -f table >tab && has tab "customer" && has tab 北京星河 &&
	! has tab customer_id &&
	crm-deal show 1 -f table >tab && has tab 北京星河科技有限公司 &&
	crm-deal list -f csv >c && has c customer_id && ! has c 星河 &&
	code 0 crm-customer assign 1 --to wang.fang &&
	run=$(crm log -f csv --no-header | tail -1 | cut -d, -f1) &&
	crm-deal --as li.lei show 3 -f table >tab && ! has tab 星河 &&
	grep -q "^customer  *1$" tab &&
	crm-deal --as wang.fang list -f table >tab && ! has tab 星河 &&
	code 0 crm -q undo "$run"
'

done_testing
