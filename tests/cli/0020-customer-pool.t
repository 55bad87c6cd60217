#!/bin/bash
# The public pool: claim (every rule), release, assign, lock, distribute,
# recycle; the job lock.
. "$(dirname "$0")/lib.sh"
crm init 2>/dev/null
crm -q user add han.mei --name 韩梅梅 --role manager --region 华东
crm -q user add li.lei --name 李雷 --role rep --region 华东 --manager han.mei
crm -q user add zhou.xun --name 周迅 --role rep --region 华东 --manager han.mei
crm -q user add wang.fang --name 王芳 --role rep --region 华南
crm -q user add qian.cai --name 钱财 --role finance
printf 'name,region,tier\nP1,华东,A\nP2,华东,B\nP3,华南,C\nP4,,E\nP5,华东,E\nP6,华东,D\n' |
	crm-customer import -q -

owner_of() {
	crm-customer show "$1" -f json | sed -n 's/.*"owner":\([^,]*\).*/\1/p'
}

t 'a rep claims pool customers of their region; history and log record it' '
	code 0 crm-customer --as li.lei claim 1 2 && has err "claimed 2 customers" &&
	test "$(owner_of 1)" = "\"li.lei\"" &&
	crm log --entity customer --id 1 >l && has l "customer,1,update,owner,,li.lei" &&
	has l "customer,1,update,pool,华东,"
'

t 'claim refusals name the rule (77) or the state (65), and change nothing' '
	crm-customer export >before &&
	code 65 crm-customer --as li.lei claim 3 &&
	has err "argument 1: no customer 3" && ! grep -q 华南 err &&
	code 65 crm-customer --as li.lei claim 1 && has err "is already yours" &&
	code 65 crm-customer --as zhou.xun claim 1 && has err "no customer 1" &&
	code 65 crm-customer --as han.mei claim 1 && has err "it belongs to '\''li.lei'\''" &&
	code 65 crm-customer --as li.lei claim 99 && has err "no customer 99" &&
	code 77 crm-customer --as qian.cai claim 4 && has err "only an admin or a manager or a rep may claim" &&
	crm-customer export >after && same before after
'

t 'the public pool is open to every region' '
	code 0 crm-customer --as wang.fang claim 4 &&
	crm-customer --as wang.fang release 4 --reason test
'

t 'cap: pool.max_owned' '
	crm config set pool.max_owned 2 &&
	code 77 crm-customer --as li.lei claim 5 &&
	has err "you hold 2 customers, the cap is 2 (pool.max_owned)" &&
	crm config unset pool.max_owned
'

t 'daily limit: pool.claims_per_day' '
	crm config set pool.claims_per_day 2 &&
	code 77 crm-customer --as li.lei claim 5 &&
	has err "you claimed 2 customers today, the limit is 2 (pool.claims_per_day)" &&
	CRM_NOW=2026-11-25T09:00:00 crm-customer --as li.lei claim 5 &&
	crm config unset pool.claims_per_day
'

t 'cool-down: pool.reclaim_cooldown_days' '
	CRM_NOW=2026-11-25T10:00:00 crm-customer --as li.lei release 5 --reason 不合适 &&
	CRM_NOW=2026-11-28 code 77 crm-customer --as li.lei claim 5 &&
	has err "it left you on 2026-11-25; you may claim it again from 2026-12-02 (pool.reclaim_cooldown_days is 7)" &&
	CRM_NOW=2026-11-28 code 0 crm-customer --as zhou.xun claim 5 &&
	CRM_NOW=2026-11-28 crm-customer --as zhou.xun release 5 --reason x &&
	CRM_NOW=2026-12-02 code 0 crm-customer --as li.lei claim 5
'

t 'claim of several ids is all or nothing' '
	crm-customer export >before &&
	code 65 crm-customer --as zhou.xun claim 6 3 &&
	has err "argument 2: no customer 3" &&
	crm-customer export >after && same before after
'

t 'two reps claiming the same customer at once: exactly one gets it' '
	for i in 1 2 3 4 5; do
		crm-customer --as li.lei claim 6 >/dev/null 2>l.err &
		crm-customer --as zhou.xun claim 6 >/dev/null 2>z.err &
		wait
		o=$(owner_of 6)
		case $o in
		"\"li.lei\"") has z.err "no customer 6" || exit 1 ;;
		"\"zhou.xun\"") has l.err "no customer 6" || exit 1 ;;
		*) echo "owner: $o"; exit 1 ;;
		esac
		crm-customer release 6 --reason again >/dev/null 2>&1
		crm config set pool.reclaim_cooldown_days 0 2>/dev/null
	done &&
	crm config unset pool.reclaim_cooldown_days
'

t 'release needs a reason and the owner, their manager or an admin' '
	code 64 crm-customer --as li.lei release 1 && has err "missing --reason" &&
	code 77 crm-customer --as zhou.xun release 1 --reason x ||
	code 65 crm-customer --as zhou.xun release 1 --reason x &&
	code 0 crm-customer --as han.mei release 2 --reason 团队调整 &&
	crm-customer show 2 -f csv >c && has c ",华东," &&
	code 65 crm-customer release 2 --reason x && has err "already in the pool"
'

t 'assign: managers within their team, admins anywhere' '
	code 77 crm-customer --as li.lei assign 2 --to li.lei &&
	code 77 crm-customer --as han.mei assign 2 --to wang.fang &&
	has err "'\''wang.fang'\'' is not in your team" &&
	code 0 crm-customer --as han.mei assign 2 --to zhou.xun &&
	test "$(owner_of 2)" = "\"zhou.xun\"" &&
	code 65 crm-customer assign 2 --to nobody && has err "not an active user" &&
	code 0 crm-customer assign 3 --to wang.fang
'

t 'lock and unlock: managers and admins' '
	code 77 crm-customer --as li.lei lock 1 --reason x &&
	code 64 crm-customer --as han.mei lock 1 && has err "missing --reason" &&
	code 0 crm-customer --as han.mei lock 1 --reason 战略客户 &&
	crm-customer show 1 -f csv >c && has c ",true,战略客户"
'

t 'recycle moves owned customers past their tier'\''s limit, not locked ones' '
	CRM_NOW=2026-12-20 crm-customer recycle >moved &&
	cut -d, -f1,4 moved >got &&
	printf "id,rule\n2,recycle.followup_days.B\n3,recycle.followup_days.C\n5,recycle.followup_days.E\n" >want &&
	same want got &&
	crm-customer show 2 -f csv >c && has c ",华东," &&
	crm-customer show 1 -f csv >c && has c ",li.lei,"
'

t 'recycle is idempotent: a second run the same day prints nothing' '
	CRM_NOW=2026-12-20 crm-customer recycle >again && test ! -s again
'

t 'recycle records the history and starts the cool-down of the former owner' '
	crm log --entity customer --id 2 | tail -3 >l &&
	has l ",customer,2,update,owner,zhou.xun," &&
	CRM_NOW=2026-12-20 code 77 crm-customer --as zhou.xun claim 2 &&
	has err "it left you on 2026-12-20"
'

t 'recycle --dry-run lists and moves nothing; --warn lists what will go' '
	CRM_NOW=2026-12-20 crm-customer --as wang.fang claim 4 &&
	CRM_NOW=2026-12-28 crm-customer recycle -n >plan &&
	has plan "4,P4,wang.fang,recycle.followup_days.E,8" &&
	test "$(owner_of 4)" = "\"wang.fang\"" &&
	CRM_NOW=2026-12-24 crm-customer recycle --warn 5 >w &&
	has w "4,P4,wang.fang,recycle.followup_days.E," &&
	CRM_NOW=2026-12-24 crm-customer recycle --warn 1 >w && test "$(wc -l <w)" = 1 &&
	grep -q "^id,name,owner," w
'

t 'recycle.deal_days returns customers without a won deal' '
	crm config set recycle.deal_days "{E: 3}" &&
	CRM_NOW=2026-12-25 crm-customer --as wang.fang follow 4 --kind call &&
	CRM_NOW=2026-12-26 crm-customer recycle >m &&
	has m "4,P4,wang.fang,recycle.deal_days.E," &&
	crm config unset recycle.deal_days
'

t 'only admins recycle; undo of a recycle gives the customers back' '
	code 77 crm-customer --as han.mei recycle &&
	run=$(crm log --entity customer --id 4 | tail -1 | cut -d, -f1) &&
	crm undo "$run" && test "$(owner_of 4)" = "\"wang.fang\""
'

t 'the same job twice at once: one runs, the other exits 75' '
	exec 9>"$CRM_DB.recycle.lock" && flock -n 9 &&
	code 75 crm-customer recycle && has err "already running" &&
	flock -u 9 && exec 9>&- &&
	code 0 crm-customer recycle
'

t 'recycle over a generated set matches the rules computed here' '
	rm -f gen.db && crm --db gen.db init 2>/dev/null &&
	for i in $(seq -w 1 20); do echo "rep$i,Rep $i,rep,华东"; done |
		sed "1i login,name,role,region" | crm --db gen.db -q user import - &&
	"$CRM_BUILD/tools/gen-customers" 2000 --seed 5 --dup-pct 0 --bad-pct 0 |
		CRM_NOW=2026-08-01 crm-customer --db gen.db import -q --historical - &&
	crm-customer --db gen.db lock 7 11 13 --reason test -q &&
	crm-customer --db gen.db export -f tsv >gen.tsv &&
	now=2026-11-10 &&
	for t in A:30 B:20 C:15 D:10 E:7; do
		echo "${t%:*} $(date -d "$now - ${t#*:} days" +%F)"
	done >cutoffs &&
	# the columns of the export, found by name
	awk "
		NR == FNR { cut[\$1] = \$2; next }
		FNR == 1 { for (i = 1; i <= NF; i++) col[\$i] = i; next }
		{
			owner = \$col[\"owner\"]; if (owner == \"\" ||
			    \$col[\"locked\"] == \"true\") next
			idle = \$col[\"last_followup_at\"]
			if (idle == \"\") idle = \$col[\"claimed_at\"]
			if (idle == \"\") idle = \$col[\"created_at\"]
			tier = \$col[\"tier\"]; if (tier == \"\") tier = \"E\"
			if (substr(idle, 1, 10) < cut[tier]) print \$1
		}" FS=" " cutoffs FS="\t" gen.tsv | sort -n >expected &&
	test -s expected &&
	CRM_NOW=$now crm-customer --db gen.db recycle --no-header | cut -d, -f1 |
		sort -n >got &&
	same expected got &&
	CRM_NOW=$now crm-customer --db gen.db recycle >again && test ! -s again
'

t 'distribute deals evenly, never past the cap, and is reproducible' '
	for i in $(seq 1 10); do echo "D$i,华东,C"; done |
		sed "1i name,region,tier" | crm-customer import -q - &&
	crm -q user add gone.rep --name G --role rep --region 华东 &&
	crm user deactivate -q gone.rep &&
	crm config set pool.max_owned 5 &&
	crm-customer distribute -n --pool 华东 --to li.lei,zhou.xun,gone.rep \
		--method random --seed 7 >a 2>/dev/null &&
	crm-customer distribute -n --pool 华东 --to li.lei,zhou.xun,gone.rep \
		--method random --seed 7 >b 2>/dev/null && same a b &&
	crm-customer distribute --pool 华东 --to li.lei,zhou.xun >ledger &&
	! grep -q gone.rep ledger &&
	crm-customer list --owner li.lei --no-header | wc -l >nl &&
	crm-customer list --owner zhou.xun --no-header | wc -l >nz &&
	test "$(cat nl)" -le 5 && test "$(cat nz)" -le 5 &&
	crm config unset pool.max_owned
'

t 'distribute --per-rep and --region; round-robin is even' '
	for i in $(seq 1 9); do echo "S$i,华南,C"; done |
		sed "1i name,region,tier" | crm-customer import -q - &&
	crm -q user add lin.na --name 林娜 --role rep --region 华南 &&
	crm-customer distribute --pool 华南 --region 华南 --per-rep 3 >l &&
	tail -n +2 l | cut -d, -f3 | sort | uniq -c | awk "{print \$1}" | sort -u >counts &&
	test "$(cat counts)" = 3 &&
	code 64 crm-customer distribute --pool x && has err "usage"
'

t 'the cap leaves out customers with a won deal unless pool.cap_counts_won' '
	export CRM_DB=$T/won.db && crm init 2>/dev/null &&
	crm -q user add li.lei --name 李雷 --role rep &&
	crm -q user add zhou.xun --name 周迅 --role rep &&
	printf "name\nW1\nW2\nW3\nW4\nW5\n" | crm-customer import -q - &&
	crm-customer -q --as li.lei claim 1 2 &&
	crm-deal -q --as li.lei add --customer 1 --name 大单 --stage won >/dev/null &&
	crm config set pool.max_owned 2 &&
	crm-customer -q --as li.lei claim 3 &&
	code 77 crm-customer --as li.lei claim 4 &&
	has err "you hold 2 customers, the cap is 2 (pool.max_owned)" &&
	crm config set pool.cap_counts_won true &&
	code 77 crm-customer --as li.lei claim 4 &&
	has err "you hold 3 customers, the cap is 2 (pool.max_owned)" &&
	crm -q config unset pool.cap_counts_won &&
	crm config set pool.max_owned 3 &&
	code 0 crm-customer distribute --pool public --to li.lei,zhou.xun -f csv &&
	printf "%s\n" id,name,to 4,W4,li.lei 5,W5,zhou.xun >want && same want out &&
	printf "name,owner\nW6,li.lei\n" >six.csv &&
	code 65 crm-customer import six.csv &&
	has err "owner '\''li.lei'\'' would hold 4 customers, the cap is 3" &&
	crm config set pool.max_owned 4 && code 0 crm-customer import six.csv
'

done_testing
