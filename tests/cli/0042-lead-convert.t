#!/bin/bash
# crm-lead convert and disqualify, crm trace: what a lead becomes (a
# customer, its contact, a deal) in one transaction and one run, who may
# convert which lead, and the chain lead → customer → deals as each user
# may see it. In a team folder, so that one write path runs as real OS
# users.
. "$(dirname "$0")/lib.sh"
team_db ||
    { echo "not ok 1 - access tests need root: $(os_users 2>&1)"; exit 1; }
os_users han.mei li.lei zhou.xun wang.fang ma.sc qian.cw
crm -q user add han.mei --name 韩梅梅 --role manager --region 华东
crm -q user add li.lei --name 李雷 --role rep --region 华东 --manager han.mei
crm -q user add zhou.xun --name 周迅 --role rep --region 华东 --manager han.mei
crm -q user add wang.fang --name 王芳 --role rep --region 华南
crm -q user add ma.sc --name 马市场 --role marketing
crm -q user add qian.cw --name 钱财务 --role finance
crm-lead -q --as li.lei add --name 张三 --company 上海某某机械 \
    --title 采购经理 --phone 13912345678 --email zs@example.cn \
    --region 华东 --industry 制造 --size large >/dev/null	# lead 1
crm-lead -q --as li.lei add --name 李四 --company 杭州甲公司 \
    --phone 13900000002 --region 华东 >/dev/null	# lead 2
crm-lead -q --as li.lei add --name 王五 --phone 13900000003 >/dev/null	# 3
crm-lead -q --as ma.sc add --name 池中线索 --region 华东 >/dev/null	# 4
crm-lead -q --as wang.fang add --name 南方线索 --company 广州乙公司 \
    >/dev/null					# lead 5

# every table a conversion writes, for before/after comparisons
snapshot() {
	{ crm-lead export; crm-customer export; crm-deal export
	  for c in $(crm-customer export --no-header | cut -d, -f1); do
		crm-customer contact list "$c"; done; } >"$1"
}

t 'convert: the customer, its contact and a deal, linked to the lead' '
	code 0 as li.lei crm-lead convert 1 --deal 一期设备 --amount 120000 \
	    --close 2026-12-31 && test "$(cat out)" = 1 &&
	has err "converted lead 1 into customer 1 and deal 1" &&
	crm-customer show 1 -f yaml >c && has c "name: 上海某某机械" &&
	has c "contact: 张三" && has c "phone: \"13912345678\"" &&
	has c "email: zs@example.cn" && has c "region: 华东" &&
	has c "industry: 制造" && has c "size: large" &&
	has c "owner: li.lei" &&
	has c "source_type: lead" && has c "source_id: \"1\"" &&
	crm-customer contact list 1 >k &&
	has k ",张三,采购经理,13912345678,zs@example.cn," &&
	crm-deal show 1 -f yaml >d && has d "customer_id: 1" &&
	has d "amount: 120000.00" && has d "close_date: \"2026-12-31\"" &&
	has d "owner: li.lei" && has d "source_type: lead" &&
	has d "source_id: \"1\"" &&
	crm-lead show 1 -f yaml >l && has l "status: converted" &&
	has l "customer_id: 1" && has l "deal_id: 1"
'

t 'the conversion is one audited run' '
	crm log --entity lead --id 1 >log &&
	has log "status,assigned,converted" &&
	run=$(tail -1 log | cut -d, -f1) &&
	crm log --run "$run" | cut -d, -f6,7,8 | sort -u >ents &&
	has ents "customer,1,create" && has ents "contact,1,create" &&
	has ents "deal,1,create" && has ents "lead,1,update"
'

t 'undo removes the customer, contact and deal, and restores the lead' '
	snapshot before &&
	code 0 as li.lei crm-lead convert 2 --deal 试用 --amount 5000 &&
	cust=$(cat out) &&
	run=$(crm log --entity lead --id 2 | tail -1 | cut -d, -f1) &&
	code 0 crm undo "$run" &&
	code 65 crm-customer show "$cust" &&
	snapshot after && same before after
'

t 'atomicity: a bad deal leaves no customer, contact or deal; lead as was' '
	snapshot before &&
	code 65 crm-lead --as li.lei convert 2 --deal 试用 --amount 5000 \
	    --close 2026-13-01 && has err "close_date" &&
	code 65 crm-lead --as li.lei convert 2 --deal 试用 --amount 五千 &&
	has err "amount" &&
	snapshot after && same before after
'

t 'a duplicate customer (撞单) is refused naming its owner; lead unchanged' '
	crm-customer -q add --name 杭州甲公司 --owner wang.fang >/dev/null &&
	snapshot before &&
	code 65 as li.lei crm-lead convert 2 && has err "wang.fang" &&
	! has err "customer 2" &&
	crm log -f csv | grep -c "(refused) crm-lead convert 2" >n &&
	test "$(cat n)" -ge 1 &&
	code 77 crm-lead --as li.lei convert 2 --allow-duplicate &&
	code 64 crm-lead convert 2 --allow-duplicate --customer 1 &&
	snapshot after && same before after
'

t '--customer attaches to the lead owner'"'"'s customer' '
	own=$(crm-customer add -q --name 李雷的老客户 --owner li.lei) &&
	code 0 crm-lead --as li.lei convert 李四 --customer 李雷的老客户 \
	    --deal 二期 --amount 8000 && test "$(cat out)" = "$own" &&
	crm-customer contact list "$own" >k && has k ",李四,," &&
	crm-lead show 2 -f yaml >l && has l "customer_id: $own" &&
	crm-customer show "$own" -f yaml >c && has c "source_type: null"
'

t '--customer: another rep'"'"'s is 77 naming them, or unknown if unseen' '
	pool=$(crm-customer add -q --name 公海客户 --region 华东) &&
	snapshot before &&
	code 65 crm-lead --as li.lei convert 3 --customer 杭州甲公司 &&
	has err "no customer named" && ! has err wang.fang &&
	code 65 crm-lead --as han.mei convert 3 --customer 999 &&
	has err "no customer 999" &&
	code 77 crm-lead convert 3 --customer 杭州甲公司 &&
	has err "belongs to '"'"'wang.fang'"'"'" && has err li.lei &&
	code 77 crm-lead convert 3 --customer "$pool" && has err "claim" &&
	snapshot after && same before after
'

t 'refusals: pool lead 77, converted or disqualified 65, deal options 64' '
	snapshot before &&
	code 77 crm-lead --as li.lei convert 4 && has err "claim it first" &&
	code 77 crm-lead convert 4 && has err "claim or assign" &&
	code 65 crm-lead --as li.lei convert 1 && has err "already converted" &&
	code 64 crm-lead --as li.lei convert 3 --amount 5 && has err "--deal" &&
	code 64 crm-lead --as li.lei convert 3 --close 2026-12-01 &&
	snapshot after && same before after
'

t 'who converts: another rep 65, finance and marketing 77, the manager yes' '
	snapshot before &&
	code 65 as wang.fang crm-lead convert 3 && has err "no lead 3" &&
	! has err 王五 &&
	code 77 as qian.cw crm-lead convert 3 &&
	code 77 as ma.sc crm-lead convert 3 && has err "add customers" &&
	snapshot after && same before after &&
	code 0 as han.mei crm-lead convert 3 && cust=$(cat out) &&
	crm-customer show "$cust" -f yaml >c && has c "name: 王五" &&
	has c "owner: li.lei"
'

t 'disqualify: a reason required; a converted lead refused' '
	id=$(crm-lead add -q --name 假号码 --owner zhou.xun) &&
	snapshot before &&
	code 64 crm-lead --as zhou.xun disqualify "$id" && has err "reason" &&
	code 64 crm-lead --as zhou.xun disqualify "$id" --reason "" &&
	code 65 crm-lead --as li.lei disqualify 1 --reason 不要了 &&
	has err "converted" &&
	code 65 crm-lead --as li.lei disqualify "$id" --reason 空号 &&
	code 77 crm-lead --as li.lei disqualify 4 --reason 空号 &&
	snapshot after && same before after &&
	code 0 crm-lead --as zhou.xun disqualify "$id" --reason 空号 &&
	crm-lead show "$id" -f yaml >l && has l "status: disqualified" &&
	has l "disqualify_reason: 空号" &&
	code 65 crm-lead --as zhou.xun convert "$id" &&
	has err "disqualified" &&
	code 65 crm-lead --as zhou.xun disqualify "$id" --reason again &&
	code 0 crm-lead --as ma.sc disqualify 4 --reason 重复
'

t 'trace: lead, customer and deal walk the same chain' '
	crm trace lead 1 >a && crm trace customer 上海某某机械 >b &&
	crm trace deal 1 >c && same a b && same a c &&
	has a "lead,1,张三,converted,li.lei,true" &&
	has a "customer,1,上海某某机械,prospect,li.lei,true" &&
	has a "deal,1,一期设备,qualify,li.lei,true" &&
	test "$(head -1 a)" = "entity,id,name,status,owner,visible"
'

t 'trace from a deal goes back, not to the customer'"'"'s other deals' '
	d2=$(crm-deal add -q --customer 1 --name 二期设备 --amount 1) &&
	crm trace deal "$d2" --no-header >t && ! has t 一期设备 &&
	has t "lead,1," && crm trace lead 1 >t && has t 二期设备
'

t 'trace leaves out a linked record the user may not see, id and all' '
	crm-customer -q assign 1 --to wang.fang &&
	as li.lei crm trace lead 1 >t &&
	! has t "customer," && ! has t 上海某某机械 && has t "lead,1,张三" &&
	as wang.fang crm trace customer 1 >t && ! has t "lead," &&
	! has t 张三 && ! has t 一期设备
'

t 'trace: unknown entity 64, unseen record 65' '
	code 64 crm trace product 1 &&
	has err "lead, customer, deal, quote, contract, order, instalment" &&
	code 65 as wang.fang crm trace lead 2 && has err "no lead 2" &&
	code 65 crm trace lead 99
'

t 'in Chinese: messages and the trace table' '
	(unset LC_ALL; LANG=zh_CN.UTF-8 crm-lead convert 1) 2>err ||
	has err "已经转化" &&
	(unset LC_ALL; LANG=zh_CN.UTF-8 crm trace lead 1 -f table) >t &&
	has t "可见"
'

t 'a converted or disqualified lead does not change hands: claim, release, assign 65, distribute skips it' '
	export CRM_DB=$T/closed.db && crm init 2>/dev/null &&
	crm -q user add han.mei --name 韩梅梅 --role manager &&
	crm -q user add li.lei --name 李雷 --role rep --manager han.mei &&
	crm -q user add zhou.xun --name 周迅 --role rep --manager han.mei &&
	printf "%s\n" name,phone,owner,status,disqualify_reason \
	    甲,13900000011,li.lei,, 乙,13900000012,li.lei,, \
	    丙,13900000013,,disqualified,spam 丁,13900000014,,, \
	    戊,13900000015,,, >closed.csv &&
	crm-lead -q import closed.csv &&
	crm-lead -q --as li.lei convert 1 >/dev/null &&
	crm-lead -q --as li.lei disqualify 2 --reason 空号 &&
	crm-lead export >before &&
	code 65 crm-lead --as li.lei claim 3 &&
	has err "lead 3 '\''丙'\'' is disqualified: it no longer changes hands" &&
	code 65 crm-lead --as li.lei release 1 --reason 不要了 &&
	has err "lead 1 '\''甲'\'' is converted" &&
	code 65 crm-lead --as han.mei assign 2 --to zhou.xun &&
	has err "lead 2 '\''乙'\'' is disqualified" &&
	code 65 crm-lead assign 3 --to zhou.xun && has err "is disqualified" &&
	crm-lead export >after && same before after &&
	code 0 crm-lead distribute --pool public --to li.lei,zhou.xun -f csv &&
	printf "%s\n" id,name,to 4,丁,li.lei 5,戊,zhou.xun >want && same want out &&
	crm-lead show 3 -f yaml >y && has y "pool: public" &&
	LANGUAGE=zh_CN code 65 crm-lead --as li.lei claim 3 &&
	has err "线索 3“丙”已是 disqualified 状态：不再变更归属" &&
	code 0 crm user deactivate li.lei --handover zhou.xun &&
	crm-lead show 1 -f yaml >y && has y "owner: zhou.xun" &&
	crm-lead show 2 -f yaml >y && has y "owner: zhou.xun"
'

done_testing
