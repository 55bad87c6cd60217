#!/bin/bash
# crm log shows an order's, a quote's, a contract's, a receipt's events
# to whom its entity's scope shows the record: a manager of another team
# sees none of them (not the number, not the customer, not the total),
# their own team's they see; one's own runs show whole. As real OS users.
. "$(dirname "$0")/lib.sh"
team_db ||
    { echo "not ok 1 - access tests need root: $(os_users 2>&1)"; exit 1; }
os_users han.mei li.lei zhao.gang wang.fang qian.cw
crm -q user add han.mei --name 韩梅梅 --role manager
crm -q user add li.lei --name 李雷 --role rep --manager han.mei
crm -q user add zhao.gang --name 赵刚 --role manager
crm -q user add wang.fang --name 王芳 --role rep --manager zhao.gang
crm -q user add qian.cw --name 钱财务 --role finance
crm-customer -q add --name 星河科技 --owner li.lei >/dev/null
crm-customer -q add --name 南方贸易 --owner wang.fang >/dev/null
crm-order -q product add --sku AB-100 --name 工业路由器 --price 1299.50 \
    >/dev/null
as wang.fang crm-order -q add --customer 南方贸易 --line AB-100:7 \
    --terms 100%:30 >/dev/null
as li.lei crm-order -q add --customer 星河科技 --line AB-100:3 \
    --terms 100%:30 >/dev/null
as wang.fang crm-order -q quote add --customer 南方贸易 --line AB-100:2 \
    >/dev/null

t 'a manager of another team sees no event of their orders or quotes' '
	as han.mei crm log -f csv >l &&
	! grep -q 南方贸易 l && ! grep -q "SO-2026-000001" l &&
	! grep -q "9096.50" l && ! grep -q ",quote," l &&
	grep -q "SO-2026-000002" l
'

t 'their own manager sees them' '
	as zhao.gang crm log -f csv >l &&
	grep -q ",order,1,create,number,,SO-2026-000001" l &&
	grep -q ",quote,1,create," l && ! grep -q "SO-2026-000002" l
'

t 'a rep sees their own runs whole, and nothing of another rep'\''s' '
	as li.lei crm log -f csv >l && grep -q "SO-2026-000002" l &&
	! grep -q "SO-2026-000001" l &&
	as li.lei crm log --entity order --id 1 -f csv >l &&
	test "$(wc -l <l)" -le 1
'

t 'the admin sees every event' '
	crm log -f csv >l && grep -q "SO-2026-000001" l &&
	grep -q "SO-2026-000002" l
'

done_testing
