#!/bin/bash
# What a refusal may say, as real OS users: a lead that duplicates a pool
# customer or a pool lead by a phone or email masked for the rep names
# nothing (import.max_probe counts them); crm undo's refusal shows a
# later run's command line only to whom crm log shows it.
. "$(dirname "$0")/lib.sh"
team_db
os_users han.mei li.lei zhou.xun
crm -q user add han.mei --name 韩梅梅 --role manager --region 华东
crm -q user add li.lei --name 李雷 --role rep --region 华东 --manager han.mei
crm -q user add zhou.xun --name 周迅 --role rep --region 华东 --manager han.mei
crm -q customer add --name 公海客户 --region 华东 --phone 13911112222 >/dev/null
crm -q lead add --name 池线索 --company 池公司 --phone 13755556666 \
    --email lead@corp.cn --region 华东 >/dev/null

# nothing_named: neither the pool customer nor the pool lead, their ids
# or full phone and email, is in ./out or ./err
nothing_named() {
	! grep -q "公海客户\|池线索\|池公司\|customer 1\|lead 1\|13755556666" \
	    out err
}

t 'the rep sees the pool customer and the pool lead masked' '
	as li.lei crm customer show 1 -f yaml >y &&
	has y "139****2222" &&
	as li.lei crm lead list -f csv >l &&
	has l "137****6666" && has l "l***@corp.cn"
'

t 'lead add by a pool customer'\''s masked phone names nothing' '
	code 65 as li.lei crm lead add --name 戊 --company 某 \
	    --phone 13911112222 &&
	has err "'\''戊'\'': a customer with the same phone is in the pool '\''华东'\'' (ask a manager of that region)" &&
	nothing_named
'

t 'lead add by a pool lead'\''s masked phone or email names nothing' '
	code 65 as li.lei crm lead add --name 试 --company 试公司 \
	    --email LEAD@corp.cn &&
	has err "'\''试'\'': a lead like it is in the pool '\''华东'\''" &&
	nothing_named &&
	code 65 as li.lei crm lead add --name 试 --phone 13755556666 &&
	has err "'\''试'\'': a lead like it is in the pool '\''华东'\''" &&
	nothing_named
'

t 'a refused lead add leaves a trace in the rep'\''s log' '
	as li.lei crm log -f csv >l &&
	has l "(refused) crm-lead add --name 戊"
'

t 'a company named like a pool customer still names it (names are not masked)' '
	code 65 as li.lei crm lead add --name 己 --company 公海客户 &&
	has err "is a duplicate of customer 1 '\''公海客户'\'' (in the pool 华东)"
'

t 'a manager, who sees phones in full, is told which record it is' '
	code 65 as han.mei crm lead add --name 戊 --phone 13911112222 &&
	has err "'\''戊'\'' is a duplicate of customer 1 '\''公海客户'\'' (in the pool 华东)" &&
	code 65 as han.mei crm lead add --name 试 --email lead@corp.cn &&
	has err "'\''试'\'' is a duplicate of lead 1 '\''池线索'\'' (in the pool 华东)"
'

t 'with pool.mask_contacts off the rep sees the phone, so is told too' '
	crm config set pool.mask_contacts false &&
	code 65 as li.lei crm lead add --name 戊 --phone 13911112222 &&
	has err "is a duplicate of customer 1 '\''公海客户'\''" &&
	crm config unset pool.mask_contacts
'

t 'lead edit to a pool customer'\''s masked phone names nothing' '
	id=$(as li.lei crm lead add --name 自己 --company 自己公司) &&
	code 65 as li.lei crm lead edit "$id" --phone 13911112222 &&
	has err "a customer with the same phone is in the pool '\''华东'\''" &&
	nothing_named
'

cat >probe.csv <<'CSV'
name,company,phone,email
x1,c1,13911112221,
x2,c2,13911112222,
x3,c3,13755556666,
x4,c4,,lead@corp.cn
x5,c5,13911110000,
CSV

t 'a lead import'\''s dry run names no pool record found by a masked value' '
	code 65 as li.lei crm lead import -n probe.csv &&
	nothing_named && ! grep -q "lead@corp.cn" out err &&
	has out "3,reject,,field '\''phone'\'': '\''13911112222'\'': a customer with the same phone is in the pool '\''华东'\'' (ask a manager of that region)" &&
	has out "4,duplicate,,a lead with the same phone exists in the pool '\''华东'\''" &&
	has out "5,duplicate,,a lead with the same email exists in the pool '\''华东'\''"
'

t 'import.max_probe counts a lead import'\''s masked customers and leads' '
	crm config set import.max_probe 2 &&
	code 77 as li.lei crm lead import -n probe.csv &&
	has err "3 records duplicate leads you may not see, more than import.max_probe (2) allows" &&
	test ! -s out &&
	code 77 as li.lei crm lead import --on-duplicate skip probe.csv &&
	as li.lei crm log -f csv >l &&
	has l "(refused) crm-lead import --on-duplicate skip probe.csv" &&
	crm config set import.max_probe 3 &&
	code 65 as li.lei crm lead import -n probe.csv &&
	crm config unset import.max_probe
'

t 'a manager'\''s import is told which records they are' '
	code 65 as han.mei crm lead import -n probe.csv &&
	has out "is a duplicate of customer 1 '\''公海客户'\'' (in the pool 华东)" &&
	has out "duplicate of lead 1 '\''池线索'\''"
'

# The report's F3: a rep's customer changed by a manager, then given to
# another rep; the first rep's undo of their own run is refused.
last_run() { crm log -f csv | tail -1 | cut -d, -f1; }
c=$(as li.lei crm customer add --name 秘密客户 --phone 13555550000)
mine=$(last_run)
as han.mei crm customer edit "$c" --phone 13812345678 --note 底价90万
edit=$(last_run)
as han.mei crm customer assign "$c" --to zhou.xun 2>/dev/null

t 'crm undo'\''s refusal does not show a run the user may not see in crm log' '
	code 65 as li.lei crm customer show "$c" &&
	code 65 as li.lei crm undo "$mine" &&
	echo "crm: cannot undo run $mine: customer '\''$c'\'' was changed since by run $edit, one you may not see in crm log (ask an admin)" >want &&
	same want err &&
	code 65 as li.lei crm undo -n "$mine" && same want err &&
	! grep -q "13812345678\|底价\|zhou.xun\|han.mei" out err
'

t 'whom crm log shows the later run, the refusal shows its command' '
	code 65 crm undo "$mine" &&
	has err "cannot undo run $mine: customer '\''$c'\'' was changed since by run $edit (crm-customer edit $c --phone 13812345678 --note 底价90万)" &&
	id=$(as zhou.xun crm customer add --name 周的客户) &&
	own=$(last_run) &&
	as zhou.xun crm customer edit "$id" --note 自己改的 &&
	code 65 as zhou.xun crm undo "$own" &&
	has err "was changed since by run $((own + 1)) (crm-customer edit $id --note 自己改的)"
'

done_testing
