#!/bin/bash
# crm-lead: campaigns, leads, the lead pool, follow-ups, dedup (撞单),
# who sees and changes which lead.
. "$(dirname "$0")/lib.sh"
crm init 2>/dev/null
crm -q user add han.mei --name 韩梅梅 --role manager --region 华东
crm -q user add li.lei --name 李雷 --role rep --region 华东 --manager han.mei
crm -q user add wang.fang --name 王芳 --role rep --region 华南
crm -q user add ma.sc --name 马市场 --role marketing
crm -q user add qian.cw --name 钱财务 --role finance
crm-customer -q add --name 北京星河科技有限公司 --phone 13800138000 --owner li.lei

t 'campaign add, list, show, edit; bad dates and channels refused' '
	code 0 crm-lead --as ma.sc campaign add --name 2026上海工博会 \
	    --channel expo --start 2026-09-20 --end 2026-09-24 --cost 50000 &&
	test "$(cat out)" = 1 &&
	crm-lead campaign show 工博会 -f yaml >y && has y "channel: expo" &&
	has y "cost: 50000.00" && has y "owner: ma.sc" &&
	code 65 crm-lead campaign add --name X --start 2026-09-20 --end 2026-09-01 &&
	has err "end_date" &&
	code 65 crm-lead campaign add --name X --channel tv && has err "channel" &&
	code 0 crm-lead --as ma.sc campaign edit 1 --place 上海国家会展中心 &&
	crm-lead campaign list --no-header >l && has l 上海国家会展中心 &&
	code 77 crm-lead --as li.lei campaign add --name 我的活动 &&
	code 0 crm-lead --as li.lei campaign list
'

t 'a lead without an owner goes to its region'"'"'s pool, new' '
	code 0 crm-lead --as ma.sc add --name 张三 --company 上海某某机械 \
	    --phone 13912345678 --region 华东 --campaign 工博会 --source expo &&
	crm-lead show 1 -f yaml >y && has y "status: new" && has y "pool: 华东" &&
	has y "campaign_id: 1" && has y "owner: null"
'

t 'a rep'"'"'s lead is their own, assigned' '
	code 0 crm-lead --as li.lei add --name 李雷的线索 --phone 13700000001 &&
	id=$(cat out) && crm-lead show "$id" -f yaml >y &&
	has y "owner: li.lei" && has y "status: assigned" &&
	code 77 crm-lead --as li.lei add --name 给别人 --owner wang.fang
'

t 'dedup: same phone or email as a lead, phone or company of a customer' '
	crm-lead export >before &&
	code 65 crm-lead add --name 李四 --phone 139-1234-5678 &&
	has err "duplicate of lead 1" &&
	code 65 crm-lead add --name 王五 --company 北京星河科技有限公司 &&
	has err "duplicate of customer 1" &&
	code 65 crm-lead add --name 赵六 --phone 13800138000 &&
	has err "customer 1" &&
	crm-lead export >after && same before after
'

t 'dedup against what a rep may not see names only whom to ask' '
	code 65 crm-lead --as wang.fang add --name 李四 --phone 13700000001 &&
	has err "li.lei" && ! has err 李雷的线索 && ! has err "lead 2"
'

t 'claim, follow (contacted), release, assign; the pool'"'"'s rules' '
	code 0 crm-lead --as li.lei claim 1 &&
	crm-lead show 1 -f yaml >y && has y "status: assigned" &&
	code 0 crm-lead --as li.lei follow 1 --kind call --note 有意向 &&
	crm-lead show 1 -f yaml >y && has y "status: contacted" &&
	code 0 crm-lead --as li.lei release 1 --reason 没兴趣 &&
	crm-lead show 1 -f yaml >y && has y "status: contacted" &&
	has y "pool: 华东" &&
	code 65 crm-lead --as wang.fang claim 1 && has err "no lead 1" &&
	code 0 crm-lead --as han.mei assign 1 --to li.lei
'

t 'lead claims are counted apart from customer claims' '
	crm -q config set lead.claims_per_day 2 &&
	crm -q config set pool.claims_per_day 1 &&
	crm-lead -q --as ma.sc add --name 池中一 --region 华东 >/dev/null &&
	crm-lead -q --as ma.sc add --name 池中二 --region 华东 >/dev/null &&
	crm-customer -q add --name 公海客户 --region 华东 >/dev/null &&
	code 0 crm-lead --as li.lei claim 池中一 &&
	code 77 crm-lead --as li.lei claim 池中二 && has err "lead.claims_per_day" &&
	code 0 crm-customer --as li.lei claim 公海客户 &&
	crm -q config unset lead.claims_per_day &&
	crm -q config unset pool.claims_per_day
'

t 'recycle: an assigned lead not contacted in lead.recycle_days is new again' '
	id=$(crm-lead add -q --name 没人理 --owner li.lei --region 华东) &&
	CRM_NOW=2026-11-26T09:00:00 crm-lead recycle >r &&
	! has r 没人理 &&
	CRM_NOW=2026-11-28T09:00:00 crm-lead recycle --no-header >r &&
	has r 没人理 && crm-lead show "$id" -f yaml >y &&
	has y "status: new" && has y "pool: 华东" &&
	CRM_NOW=2026-11-28T09:00:00 crm-lead recycle >r && ! has r 没人理
'

t 'edit: status contacted or qualified only; owner and score refused' '
	code 0 crm-lead edit 1 --status qualified &&
	code 64 crm-lead edit 1 --status converted && has err convert &&
	code 64 crm-lead set 1 owner=wang.fang && has err assign &&
	code 64 crm-lead set 1 score=99 && has err score
'

t 'who sees which lead: marketing and finance all, reps own and pool' '
	crm-lead --as ma.sc list --no-header | wc -l >n &&
	crm-lead list --no-header | wc -l >all && same n all &&
	crm-lead --as qian.cw list --no-header | wc -l >n && same n all &&
	code 77 crm-lead --as qian.cw edit 1 --title 经理 &&
	id=$(crm-lead add -q --name 私有线索 --owner li.lei) &&
	code 65 crm-lead --as wang.fang show "$id" && has err "no lead $id" &&
	! has err 私有 && code 0 crm-lead --as ma.sc edit "$id" --title 经理
'

t 'pool phones are masked for reps until they claim' '
	crm-lead -q --as ma.sc add --name 掩码 --phone 13611112222 --region 华东 >/dev/null &&
	crm-lead --as li.lei list --search 掩码 -f csv >c && has c "136****2222" &&
	! has c 13611112222
'

t 'delete and undo' '
	id=$(crm-lead add -q --name 删除我) &&
	crm-lead show "$id" -f csv >before &&
	code 0 crm-lead delete "$id" && has err "deleted 1 lead" &&
	run=$(crm log --entity lead --id "$id" | tail -1 | cut -d, -f1) &&
	crm -q undo "$run" && crm-lead show "$id" -f csv >after && same before after
'

t 'import: Chinese headers, into a campaign'"'"'s pool, all or nothing' '
	printf "姓名,公司,手机,地区,来源,活动\n甲,甲公司,13500000001,华东,expo,1\n乙,乙公司,13500000002,华南,expo,1\n" >leads.csv &&
	code 0 crm-lead --as ma.sc import leads.csv &&
	crm-lead list --search 甲公司 -f csv >c && has c ",new," &&
	printf "姓名,手机\n丙,13500000003\n丁,13500000001\n" >bad.csv &&
	crm-lead export >before &&
	code 65 crm-lead import bad.csv && has err "bad.csv:3" &&
	crm-lead export >after && same before after
'

t 'import: a campaign by name; a customer'"'"'s phone or company is rejected' '
	printf "姓名,公司,手机,活动\n戊,戊公司,13500000009,2026上海工博会\n己,北京星河科技有限公司,13500000010,1\n庚,庚公司,13800138000,1\n" >c.csv &&
	crm-lead export >before &&
	code 65 crm-lead --as ma.sc import c.csv &&
	has err "c.csv:3: field '"'"'company'"'"'" && has err "customer 1" &&
	has err "c.csv:4: field '"'"'phone'"'"'" &&
	crm-lead export >after && same before after &&
	code 65 crm-lead --as wang.fang import c.csv &&
	has err "li.lei" && ! has err "customer 1" &&
	code 65 crm-lead --as ma.sc import --partial c.csv &&
	crm-lead list --search 戊公司 -f csv >l && has l ",1,new," &&
	printf "姓名,活动\n辛,没有这个活动\n" >d.csv &&
	code 65 crm-lead import d.csv && has err "d.csv:2: field '"'"'campaign_id'"'"'"
'

t 'remind: new leads in the rep'"'"'s region'"'"'s pool, and leads to contact' '
	crm-lead -q --as ma.sc add --name 提醒新线索 --region 华东 >/dev/null &&
	id=$(crm-lead add -q --name 提醒待联系 --owner li.lei) &&
	crm remind --as li.lei -f csv >r &&
	has r "li.lei,lead_pool_new,lead," && has r 提醒新线索 &&
	has r "lead_uncontacted,lead,$id,提醒待联系,2026-11-27,due in 3 days" &&
	crm remind --as wang.fang -f csv >r && ! has r 提醒新线索 &&
	crm-lead --as li.lei follow "$id" --kind call &&
	crm remind --as li.lei -f csv >r && ! has r 提醒待联系
'

t 'crm log shows a lead'"'"'s events only to those who see the lead' '
	crm -q user add zhou.mgr --name 周经理 --role manager --region 华南 &&
	id=$(crm-lead --as li.lei add -q --name 秘密线索 --phone 13911112222 --note 内部备注) &&
	crm log --as zhou.mgr -f csv >l && ! has l 秘密线索 && ! has l 13911112222 &&
	! has l 内部备注 &&
	crm log --as han.mei -f csv >l && has l 秘密线索
'

t 'an id given again: the deleted lead'"'"'s trail is not the new one'"'"'s' '
	crm -q user add zhao.rep --name 赵 --role rep --region 华南 --manager zhou.mgr &&
	a=$(crm-lead --as li.lei add -q --name 旧的秘密 --phone 13933334444) &&
	crm-lead -q delete "$a" &&
	b=$(crm-lead --as zhao.rep add -q --name 新的线索) && test "$a" = "$b" &&
	crm log --as zhou.mgr -f csv >l && ! has l 旧的秘密 && ! has l 13933334444 &&
	has l 新的线索
'

t 'lead import checks every value; an unknown campaign is a rejected record' '
	printf "姓名,邮箱,手机,活动\n甲乙,a@@bad,,\n丙丁,x@y.cn,abc,\n戊,,,99\n" >le.csv &&
	code 65 crm-lead import -n le.csv &&
	has out "2,reject,,field '"'"'email'"'"'" &&
	has out "3,reject,,field '"'"'phone'"'"'" &&
	has out "4,reject,,field '"'"'campaign_id'"'"': no campaign 99" &&
	code 65 crm-lead import --partial le.csv
'

t 'lead import: duplicates of customers a rep may not see count toward import.max_probe' '
	crm -q config set import.max_probe 0 &&
	printf "姓名,手机\n探测,13800138000\n" >p.csv &&
	code 77 crm-lead --as wang.fang import -n p.csv && has err "import.max_probe" &&
	crm -q config unset import.max_probe
'

t 'a no-op edit or set of a lead writes nothing and makes no run' '
	crm-lead export >before &&
	runs=$(sqlite3 "$CRM_DB" "SELECT count(*) FROM runs") &&
	name=$(sqlite3 "$CRM_DB" "SELECT name FROM leads WHERE id = 1") &&
	CRM_NOW=2026-11-30T09:00:00 code 0 crm-lead edit 1 --name "$name" &&
	CRM_NOW=2026-11-30T09:00:00 code 0 crm-lead set 1 name="$name" &&
	test "$(sqlite3 "$CRM_DB" "SELECT count(*) FROM runs")" = "$runs" &&
	crm-lead export >after && same before after
'

t 'lead import caps an owner by lead.max_owned, not pool.max_owned' '
	crm -q config set pool.max_owned 1 &&
	printf "姓名,负责人\n上限甲,li.lei\n上限乙,li.lei\n" >cap.csv &&
	code 0 crm-lead import -n cap.csv &&
	crm -q config set lead.max_owned 1 &&
	code 65 crm-lead import -n cap.csv && has out "(lead.max_owned)" &&
	crm -q config unset lead.max_owned && crm -q config unset pool.max_owned
'

done_testing
