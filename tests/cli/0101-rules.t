#!/bin/bash
# Rules that keep data from going wrong: deal.stages may not drop a stage
# open deals are in (unless they move with --move-to); a user whose role
# or deactivation stops them owning records may own none; crm check names
# deals in an unknown stage and records of an owner who may not own them,
# and says nothing at all to cron when all is well; --excel guards phones;
# --map of one column for two fields is refused by name; import - reads
# yaml and json.
. "$(dirname "$0")/lib.sh"
crm init 2>/dev/null
crm -q user add li.lei --name 李雷 --role rep --region 华东
crm-customer -q add --name 甲 --owner li.lei >/dev/null
crm-deal -q add --customer 甲 --name P --amount 100 --close 2026-12-20 \
    >/dev/null
crm-deal -q add --customer 甲 --name Q --amount 50 --close 2026-12-20 \
    >/dev/null
crm-deal -q move 1 needs
crm-deal -q move 2 needs
cp crm.db base.db
NONEEDS='[{key: qualify, label: 初步接洽, probability: 10},
 {key: proposal, label: 方案报价, probability: 50},
 {key: won, label: 赢单, probability: 100},
 {key: lost, label: 输单, probability: 0}]'
dump_team() {
	sqlite3 crm.db "SELECT * FROM users; SELECT id, owner, pool
	FROM customers; SELECT id, owner FROM deals"
}
# has_row SQL VALUE: the query's one value is VALUE.
has_row() {
	test "$(sqlite3 crm.db "$1")" = "$2"
}
dump() {
	sqlite3 crm.db "SELECT * FROM settings; SELECT * FROM deal_stages;
	SELECT id, stage, stage_at, next_due, amount FROM deals"
}

t 'deal.stages dropping a stage deals are in: 65, nothing changed' '
	dump >before &&
	code 65 crm config set deal.stages "$NONEEDS" &&
	has err "deal.stages without '\''needs'\'' leaves 2 open deals in no stage" &&
	has err "--move-to STAGE" &&
	dump >after && same before after
'

t 'config import and unset are refused the same way' '
	crm config set deal.stages "[{key: a, probability: 5}, {key: won, probability: 100}, {key: lost, probability: 0}]" \
	    --move-to a 2>/dev/null &&
	code 65 crm config unset deal.stages &&
	has err "'\''a'\''" && has err "2 open deals" &&
	printf "deal.stages: %s\n" "$(echo $NONEEDS)" >s.yaml &&
	cp base.db crm.db && dump >before &&
	code 65 crm config import s.yaml &&
	has err "'\''needs'\''" && dump >after && same before after
'

t '--move-to moves them in the same run; undo takes it all back' '
	cp base.db crm.db && dump >before &&
	crm config set deal.stages "$NONEEDS" --move-to proposal &&
	test "$(sqlite3 crm.db "SELECT group_concat(stage) FROM deals")" = \
	    proposal,proposal &&
	test "$(sqlite3 crm.db "SELECT count(*) FROM deal_stages
	    WHERE from_stage = '\''needs'\'' AND to_stage = '\''proposal'\''")" = 2 &&
	crm check -q --no-header >out && test ! -s out &&
	run=$(sqlite3 crm.db "SELECT max(id) FROM runs") &&
	crm -q undo $run && dump >after && same before after
'

t '--move-to a stage the new value adds (a rename): undo takes it back' '
	cp base.db crm.db && dump >before &&
	crm config set deal.stages "[{key: qualify, probability: 10},
	    {key: discovery, probability: 30}, {key: won, probability: 100},
	    {key: lost, probability: 0}]" --move-to discovery &&
	has_row "SELECT group_concat(stage) FROM deals" discovery,discovery &&
	run=$(sqlite3 crm.db "SELECT max(id) FROM runs") &&
	crm -q undo $run && dump >after && same before after
'

t '--move-to: the stage is an open one of the new value; another key 64' '
	cp base.db crm.db && dump >before &&
	code 64 crm config set deal.stages "$NONEEDS" --move-to needs &&
	has err --move-to &&
	code 64 crm config set deal.stages "$NONEEDS" --move-to won &&
	has err "not an open stage" &&
	code 64 crm config set ui.lang zh_CN --move-to proposal &&
	has err "deal.stages only" &&
	dump >after && same before after
'

t 'crm check names a deal in a stage deal.stages lacks' '
	cp base.db crm.db &&
	sqlite3 crm.db "UPDATE deals SET stage = '\''gone'\'' WHERE id = 2" &&
	code 1 crm check &&
	has out "deal,deal,2,its stage is not one of deal.stages"
'

# F11: a user who may no longer own records (finance, marketing, or
# inactive by set or import) owns none of them.
t 'a role that may not own customers is refused while the user owns some' '
	crm -q user add zhang.wei --name 张伟 --role rep &&
	crm-customer -q add --name 乙 --owner zhang.wei >/dev/null &&
	cp crm.db roles.db && dump_team >before &&
	code 65 crm user set zhang.wei --role marketing &&
	has err "'\''zhang.wei'\'' owns 1 customer, and a marketing user owns none" &&
	has err "--handover LOGIN, or --to-pool" &&
	code 65 crm user set zhang.wei --active no &&
	has err "still owns 1 customer" &&
	printf "login,role\nzhang.wei,finance\n" >u.csv &&
	code 65 crm user import u.csv &&
	has err "finance user owns none" &&
	dump_team >after && same before after
'

t 'set --role with --handover or --to-pool hands them over in one run' '
	cp roles.db crm.db &&
	crm user set zhang.wei --role marketing --handover li.lei &&
	has_row "SELECT owner FROM customers WHERE name = '\''乙'\''" li.lei &&
	has_row "SELECT role FROM users WHERE login = '\''zhang.wei'\''" \
	    marketing &&
	run=$(sqlite3 crm.db "SELECT max(id) FROM runs") &&
	crm -q undo $run &&
	has_row "SELECT owner FROM customers WHERE name = '\''乙'\''" \
	    zhang.wei &&
	crm user set zhang.wei --role finance --to-pool &&
	has_row "SELECT coalesce(owner, '\''pool'\'') FROM customers
	    WHERE name = '\''乙'\''" pool
'

t '--handover goes with a change that stops the user owning (64)' '
	cp roles.db crm.db && dump_team >before &&
	code 64 crm user set zhang.wei --name 张 --handover li.lei &&
	has err "--role finance or marketing, or --active no" &&
	code 64 crm user set zhang.wei --role finance --handover zhang.wei &&
	dump_team >after && same before after
'

t 'open deals keep a role change back; won and lost ones do not' '
	cp roles.db crm.db &&
	crm-customer -q assign 乙 --to li.lei &&
	crm-deal -q add --customer 乙 --name D --owner zhang.wei >/dev/null &&
	crm-deal -q add --customer 乙 --name W --owner zhang.wei >/dev/null &&
	crm-deal -q win W && dump_team >before &&
	code 65 crm user set zhang.wei --role finance &&
	has err "owns 1 open deal, and a finance user owns none" &&
	has err "crm-deal edit ID --owner LOGIN" &&
	dump_team >after && same before after &&
	crm-deal -q lose D --reason price &&
	crm user set zhang.wei --role finance
'

t 'crm check names records whose owner may not own them' '
	cp roles.db crm.db &&
	crm-deal -q add --customer 乙 --name E >/dev/null &&
	sqlite3 crm.db "UPDATE users SET role = '\''finance'\''
	    WHERE login = '\''zhang.wei'\'';
	    UPDATE users SET active = 0 WHERE login = '\''li.lei'\''" &&
	code 1 crm check &&
	has out "owner,customer,1,its owner is not an active user" &&
	has out "owner,customer,2,its owner'\''s role may not own it" &&
	has out "owner,deal,3,its owner'\''s role may not own it" &&
	has out "owner,deal,1,its owner is not an active user"
'

# F9: --excel guards phones too; money stays a number.
t '--excel guards a phone starting with + or -, and import takes it off' '
	cp base.db crm.db &&
	crm-customer -q add --name 电话测试 --owner li.lei \
	    --phone "+86-138-0000-2222" >/dev/null &&
	crm-customer -q add --name 电话测试2 --owner li.lei \
	    --phone "-138-0000-3333" >/dev/null &&
	crm-customer export --excel >x.csv &&
	has x.csv ",'\''+86-138-0000-2222," &&
	has x.csv ",'\''-138-0000-3333," &&
	crm-customer export >plain.csv &&
	has plain.csv ",+86-138-0000-2222," &&
	phones() { sqlite3 "$1" "SELECT name, phone FROM customers
	    ORDER BY id"; } &&
	phones crm.db >a &&
	crm --db new/crm.db init 2>/dev/null &&
	crm --db new/crm.db -q user add li.lei --name 李雷 --role rep &&
	crm --db new/crm.db customer import --historical x.csv 2>/dev/null &&
	phones new/crm.db >b && same a b
'

# F7: crm check from cron is silent when all is well.
t 'crm check -q prints nothing at all without problems, exit 0' '
	cp base.db crm.db &&
	code 0 crm check -q && test ! -s out && test ! -s err &&
	code 0 crm check && test ! -s out && has err "no problems found" &&
	code 0 crm check -f json -q && test ! -s out &&
	sqlite3 crm.db "UPDATE deals SET stage = '\''gone'\'' WHERE id = 2" &&
	code 1 crm check -q && has out "check,entity,id,problem" &&
	has out "deal,deal,2,"
'

# F8: one column for two fields.
t '--map naming one column for two fields says so (64)' '
	printf "product,sales_price\nGTX Basic,550\n" >p.csv &&
	code 64 crm-order product import --map sku=product --map name=product \
	    --map price=sales_price p.csv &&
	has err "--map: the column '\''product'\'' is already mapped to the field '\''sku'\''" &&
	printf "客户ID,产品名称,日期\n11000,旅行自行车,2026-01-01\n" >b.csv &&
	code 64 crm-order import --map number=客户ID --map customer=客户ID \
	    --create-customers --create-products -n b.csv &&
	has err "already mapped to the field '\''number'\''" &&
	code 64 crm-order product import --map "sku=product,name= Product" p.csv &&
	has err "column '\'' Product'\''"
'

# F6: import - reads yaml and json from standard input.
t "'user import -' reads what user list -f yaml or json writes" '
	crm user list --all -f yaml >u.yaml &&
	crm --db y/crm.db init 2>/dev/null &&
	crm --db y/crm.db user import - <u.yaml 2>/dev/null &&
	crm --db y/crm.db user list --all -f yaml >u2.yaml &&
	same u.yaml u2.yaml &&
	crm user list --all -f json >u.json &&
	crm --db j/crm.db init 2>/dev/null &&
	crm --db j/crm.db user import - <u.json 2>/dev/null &&
	crm --db j/crm.db user list --all -f json >u2.json &&
	same u.json u2.json &&
	crm user list --all -f csv | crm --db y/crm.db user import - &&
	code 65 crm --db y/crm.db user import - <p.csv &&
	has err "unknown column"
'

done_testing
