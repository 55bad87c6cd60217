#!/bin/bash
# Who sees and changes what, run as real OS users in a team folder (the
# security issue): the log, dupes, duplicate refusals and deletes show a
# user exactly what data.md allows, and masked contacts stay masked.
. "$(dirname "$0")/lib.sh"
team_db || { echo "not ok 1 - access tests need root: $(os_users 2>&1)"; exit 1; }
os_users ac.mgr ac.rep1 ac.rep2 ac.south ac.fin ac.mkt
crm -q user add ac.mgr --name 经理 --role manager --region 华东
crm -q user add ac.rep1 --name 一号 --role rep --region 华东 --manager ac.mgr
crm -q user add ac.rep2 --name 二号 --role rep --region 华东 --manager ac.mgr
crm -q user add ac.south --name 南方 --role rep --region 华南
crm -q user add ac.fin --name 财务 --role finance
crm -q user add ac.mkt --name 市场 --role marketing
cat >seed.csv <<'CSV'
name,phone,email,region,owner
一号客户,13100000001,one@a.cn,华东,ac.rep1
二号客户,13100000002,,华东,ac.rep2
南方客户,13100000003,s@south.cn,华南,ac.south
东区公海,13912345678,pool@east.cn,华东,
南区公海,13100000005,,华南,
CSV
crm-customer import -q seed.csv
# a pool customer that ac.rep1 once owned: claimed, its phone edited, released
as ac.rep1 crm-customer claim -q 4
as ac.rep1 crm-customer edit -q 4 --phone 13912340000
as ac.rep1 crm-customer release -q 4 --reason 没预算

t 'a rep'\''s log masks the phone of a customer now in the pool' '
	as ac.rep1 crm log --entity customer --id 4 >l &&
	has l "phone,139****5678,139****0000" &&
	cut -d, -f6- l >fields && ! grep -q 1391234 fields
'

t 'a manager'\''s log keeps to their scope: no customer of another team' '
	crm-customer -q --as ac.south edit 3 --phone 13100000033 &&
	as ac.mgr crm log >l && ! grep -q 13100000033 l && ! grep -q 南方客户 l &&
	has l 一号客户 &&
	crm log >all && has all 13100000033
'

t 'dupes do not pair a rep'\''s customer with a masked pool phone' '
	as ac.rep1 crm-customer add -q --name 另一家 --phone 13100000099 >/dev/null &&
	crm-customer -q add --name 撞号公海 --phone 13100000099 --region 华东 --allow-duplicate >/dev/null &&
	as ac.rep1 crm-customer dupes --allowed >d && ! grep -q ",phone" d &&
	as ac.mgr crm-customer dupes --allowed >d && has d ",phone"
'

t 'a duplicate refusal against an unseen customer names no id, name or phone' '
	crm-customer export >before &&
	code 65 as ac.rep1 crm-customer add --name 新公司 --phone 13100000033 &&
	! grep -q "南方客户" err && ! grep -q "customer 3" err &&
	has err "belongs to '\''ac.south'\''" &&
	code 65 as ac.rep1 crm-customer add --name 新公司二 --phone 13100000005 &&
	has err "is in the pool '\''华南'\''" && ! grep -q 南区公海 err &&
	crm-customer export >after && same before after
'

t 'a duplicate of a customer the rep sees is named' '
	code 65 as ac.rep1 crm-customer add --name 一号客户 &&
	has err "duplicate of customer 1 '\''一号客户'\''"
'

t 'denied deletes are 77 or 65 and delete nothing' '
	crm-customer export >before &&
	code 77 as ac.rep1 crm-customer delete 4 &&
	code 65 as ac.rep1 crm-customer delete 5 &&
	code 65 as ac.rep1 crm-customer delete 3 && has err "no customer 3" &&
	! grep -q 南方 err &&
	code 77 as ac.fin crm-customer delete 1 &&
	code 77 as ac.mkt crm-customer delete 1 &&
	crm-customer export >after && same before after
'

t 'a rep cannot see or undo someone else'\''s run' '
	run=$(crm log --entity customer --id 3 | tail -1 | cut -d, -f1) &&
	code 77 as ac.rep1 crm undo "$run" &&
	as ac.rep1 crm log --run "$run" >l && test "$(wc -l <l)" -eq 1
'
t 'only managers and admins add or keep a duplicate' '
	crm-customer export >before &&
	code 77 as ac.rep1 crm-customer add --name 抢单 --phone 13100000002 --allow-duplicate &&
	has err "--allow-duplicate" &&
	crm-customer export >after && same before after &&
	code 0 as ac.mgr crm-customer add --name 经理允许 --phone 13100000002 --allow-duplicate
'

t 'the former owner sees why a customer went back to the pool' '
	as ac.rep1 crm-customer show 4 -f table >s &&
	has s "owners:" && has s "release" && has s "没预算" &&
	as ac.rep1 crm-customer history 4 --owners >h &&
	has h ",ac.rep1,,ac.rep1,release,没预算"
'
done_testing
