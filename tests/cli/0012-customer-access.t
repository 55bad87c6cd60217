#!/bin/bash
# Who sees and changes which customers (design/data.md): two reps, their
# manager, a rep of another region, finance; masking of pool contacts.
. "$(dirname "$0")/lib.sh"
crm init 2>/dev/null
crm -q user add han.mei --name 韩梅梅 --role manager --region 华东
crm -q user add li.lei --name 李雷 --role rep --region 华东 --manager han.mei
crm -q user add zhou.xun --name 周迅 --role rep --region 华东 --manager han.mei
crm -q user add wang.fang --name 王芳 --role rep --region 华南
crm -q user add qian.cai --name 钱财 --role finance
cat >seed.csv <<'CSV'
name,phone,email,region,owner
Lei One,13100000001,one@lei.cn,华东,li.lei
Lei Two,13100000002,,华东,li.lei
Xun One,13100000003,,华东,zhou.xun
Fang One,13100000004,,华南,wang.fang
East Pool,13912345678,pool@east.cn,华东,
South Pool,13100000006,,华南,
Public Pool,13100000007,,,
CSV
crm-customer import -q seed.csv

ids() {
	crm-customer --as "$1" list --no-header | cut -d, -f1 | tr '\n' ' '
}

t 'admin and finance see everyone' '
	test "$(ids "$ME")" = "1 2 3 4 5 6 7 " &&
	test "$(ids qian.cai)" = "1 2 3 4 5 6 7 "
'

t 'a rep sees their own, their region'\''s pool and the public pool' '
	test "$(ids li.lei)" = "1 2 5 7 " &&
	test "$(ids zhou.xun)" = "3 5 7 " &&
	test "$(ids wang.fang)" = "4 6 7 "
'

t 'a manager sees their team'\''s and their region'\''s pool' '
	test "$(ids han.mei)" = "1 2 3 5 7 "
'

t 'show, export and history keep to the same scope' '
	code 65 crm-customer --as li.lei show 3 && has err "no customer 3" &&
	code 65 crm-customer --as li.lei history 4 &&
	crm-customer --as li.lei export >e && test "$(wc -l <e)" -eq 5 &&
	code 0 crm-customer --as han.mei show 3
'

t 'pool contacts are masked for reps, not for managers or owners' '
	crm-customer --as li.lei show 5 -f csv >c &&
	has c ",139****5678,p***@east.cn," &&
	crm-customer --as li.lei show 1 -f csv >c && has c ",13100000001,one@lei.cn," &&
	crm-customer --as han.mei show 5 -f csv >c && has c ",13912345678,pool@east.cn," &&
	crm config set pool.mask_contacts false &&
	crm-customer --as li.lei show 5 -f csv >c && has c ",13912345678," &&
	crm config unset pool.mask_contacts
'

t 'a rep cannot find a pool customer by its masked phone' '
	crm-customer --as li.lei list --search 13912345678 --no-header >s && test ! -s s &&
	crm-customer --as han.mei list --search 13912345678 --no-header >s && test -s s
'

t 'with pool.same_region false a rep sees every pool' '
	crm config set pool.same_region false &&
	test "$(ids li.lei)" = "1 2 5 6 7 " &&
	crm config unset pool.same_region
'

t 'a rep changes only their own customers (77), and nothing is written' '
	crm-customer export >before &&
	code 65 crm-customer --as zhou.xun edit 1 --city X &&
	has err "no customer 1" &&
	code 77 crm-customer --as li.lei edit 5 --city X &&
	has err "is in the pool '\''华东'\'': claim it first" &&
	code 77 crm-customer --as li.lei tag 5 +x &&
	code 77 crm-customer --as li.lei follow 5 --kind call &&
	code 65 crm-customer --as li.lei edit 4 --city X &&
	crm-customer export >after && same before after &&
	code 0 crm-customer --as li.lei edit 1 --city 杭州
'

t 'a manager changes their team'\''s, not another region'\''s' '
	code 0 crm-customer --as han.mei edit 3 --city 苏州 &&
	crm -q user add rep.x --name X --role rep --region 华东 &&
	crm-customer add -q --name "Not Team" --owner rep.x >/dev/null &&
	code 65 crm-customer --as han.mei edit "Not Team" --city X &&
	has err "no customer named '\''Not Team'\''" &&
	code 65 crm-customer --as han.mei edit 4 --city X
'

t 'finance reads but may not change or add (77)' '
	code 77 crm-customer --as qian.cai edit 1 --city X &&
	code 77 crm-customer --as qian.cai add --name "F Co"
'

t 'a rep adds for themselves only; a manager for their team' '
	code 77 crm-customer --as li.lei add --name "For Xun" --owner zhou.xun &&
	code 0 crm-customer --as han.mei add --name "For Xun" --owner zhou.xun &&
	code 77 crm-customer --as han.mei add --name "For Fang" --owner wang.fang
'

t 'import obeys the same rules' '
	printf "name,owner\nImp One,zhou.xun\n" >i.csv &&
	code 65 crm-customer --as li.lei import i.csv &&
	has err "you may not give customers to '\''zhou.xun'\''"
'

done_testing
