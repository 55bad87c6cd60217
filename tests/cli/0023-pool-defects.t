#!/bin/bash
# The pool's scope and rules, as real OS users: managers over several
# regions, distribution within scope and the cool-down, who may own
# customers, what a refusal may name, undo, recycle warnings, and the
# job lock files.
. "$(dirname "$0")/lib.sh"
team_db
os_users boss dir.zhang han.mei li.lei zhou.xun wang.fang zhao.si qian.cai \
    ma.ke
# dir.zhang directs two regions and has none; han.mei runs 华东 under her
crm -q user add boss --name 老板 --role admin
crm -q user add dir.zhang --name 张总 --role manager
crm -q user add han.mei --name 韩梅梅 --role manager --region 华东 --manager dir.zhang
crm -q user add li.lei --name 李雷 --role rep --region 华东 --manager han.mei
crm -q user add zhou.xun --name 周迅 --role rep --region 华东 --manager han.mei
crm -q user add wang.fang --name 王芳 --role rep --region 华南 --manager dir.zhang
crm -q user add zhao.si --name 赵四 --role rep --region 西北
crm -q user add qian.cai --name 钱财 --role finance
crm -q user add ma.ke --name 马克 --role marketing
cat >seed.csv <<'CSV'
name,phone,region,owner
甲公司,13100000001,华东,li.lei
乙公司,13100000002,华东,zhou.xun
丙公司,13100000003,华南,wang.fang
丁公司,13100000004,华东,
戊公司,13100000005,华南,
己公司,13100000006,,
庚公司,13100000007,西北,
辛公司,13100000008,西北,zhao.si
CSV
crm-customer import -q seed.csv

ids() {
	as "$1" crm-customer list --no-header | cut -d, -f1 | tr '\n' ' '
}

# hidden USER VERB ID [ARGS]: the customer is unknown to USER: 65 and
# nothing but its id
hidden() {
	u=$1 verb=$2 id=$3
	shift 3
	code 65 as "$u" crm-customer "$verb" "$id" "$@" &&
	echo "crm-customer: no customer $id" >want &&
	sed "s/^crm-customer: argument 1: /crm-customer: /" err >got &&
	same want got
}

# denied CODE USER TEXT VERB ARGS...: refused with CODE, saying TEXT
denied() {
	want=$1 u=$2 text=$3
	shift 3
	code "$want" as "$u" crm-customer "$@" && has err "$text"
}

t 'a regionless manager sees the pools of every region under them' '
	test "$(ids dir.zhang)" = "1 2 3 4 5 6 " &&
	test "$(ids han.mei)" = "1 2 4 6 " &&
	as dir.zhang crm-customer list --pool=华南 --no-header >p &&
	test "$(cut -d, -f1 p)" = 5 &&
	code 0 as dir.zhang crm-customer show 5 &&
	code 0 as dir.zhang crm-customer show 戊公司 &&
	hidden han.mei show 5
'

t 'a refused claim, release, assign or lock names nothing the user may not see' '
	crm-customer export >before &&
	hidden zhou.xun claim 1 && hidden zhou.xun release 1 --reason x &&
	code 65 as zhou.xun crm-customer claim 甲公司 &&
	has err "no customer named '\''甲公司'\''" && ! grep -q li.lei err &&
	hidden wang.fang claim 4 && hidden wang.fang release 2 --reason x &&
	hidden li.lei claim 5 && hidden li.lei claim 7 &&
	hidden li.lei release 3 --reason x && hidden zhao.si claim 4 &&
	hidden han.mei claim 5 && hidden han.mei release 3 --reason x &&
	hidden han.mei assign 3 --to li.lei && hidden han.mei lock 3 --reason x &&
	hidden han.mei lock 8 --reason x && hidden han.mei unlock 5 &&
	hidden dir.zhang claim 7 && hidden dir.zhang release 8 --reason x &&
	hidden dir.zhang assign 7 --to wang.fang &&
	hidden boss claim 99 && hidden boss release 99 --reason x &&
	crm-customer export >after && same before after
'

t 'what the user may see but not do is 77 naming the rule, or 65 naming the state' '
	crm-customer export >before &&
	denied 77 li.lei "only an admin or a manager may assign" assign 4 --to li.lei &&
	denied 77 li.lei "only an admin or a manager may lock" lock 1 --reason x &&
	denied 77 han.mei "'\''wang.fang'\'' is not in your team" assign 4 --to wang.fang &&
	denied 77 qian.cai "may claim customers" claim 4 &&
	denied 77 qian.cai "may release customers" release 1 --reason x &&
	denied 77 ma.ke "may release customers" release 6 --reason x &&
	denied 77 qian.cai "may assign customers" assign 4 --to li.lei &&
	denied 77 ma.ke "may lock customers" lock 1 --reason x &&
	denied 65 li.lei "customer 1 '\''甲公司'\'' is already yours" claim 1 &&
	denied 65 dir.zhang "it belongs to '\''li.lei'\''" claim 1 &&
	denied 65 li.lei "is already in the pool '\''华东'\''" release 4 --reason x &&
	denied 65 wang.fang "is already in the pool '\''public'\''" release 6 --reason x &&
	crm config set pool.max_owned 1 &&
	denied 77 li.lei "the cap is 1 (pool.max_owned)" claim 4 &&
	crm config unset pool.max_owned &&
	crm-customer export >after && same before after
'

t 'a regionless manager assigns and distributes within the regions under them' '
	crm config set pool.reclaim_cooldown_days 0 &&
	code 0 as dir.zhang crm-customer assign 5 --to wang.fang &&
	crm-customer show 5 -f csv >c && has c ",wang.fang," &&
	crm-customer release 5 --reason back -q &&
	code 0 as dir.zhang crm-customer distribute --pool 华南 --region 华南 &&
	has out "5,戊公司,wang.fang" &&
	crm-customer release 5 --reason back -q
'

t 'a manager distributes only pools they see, only to their team' '
	crm-customer export >before &&
	code 65 as han.mei crm-customer distribute --pool 华东 --region 华南 &&
	has err "no active reps in your team to distribute to" &&
	code 77 as han.mei crm-customer distribute --pool 华东 --to li.lei,wang.fang &&
	has err "'\''wang.fang'\'' is not in your team" &&
	code 65 as han.mei crm-customer distribute --pool 华南 --to li.lei &&
	test ! -s out && echo "crm-customer: no pool '\''华南'\''" >want &&
	same want err &&
	code 65 as dir.zhang crm-customer distribute --pool 西北 --region 西北 &&
	test ! -s out && has err "no pool '\''西北'\''" &&
	crm-customer export >after && same before after &&
	code 0 as han.mei crm-customer distribute --pool 华东 --region 华东 &&
	has out "4,丁公司,li.lei"
'

t 'only reps, managers and admins own customers' '
	crm-customer export >before &&
	denied 65 boss "'\''qian.cai'\'' is finance: only reps, managers and admins own customers" \
	    assign 6 --to qian.cai &&
	denied 65 boss "'\''ma.ke'\'' is marketing" assign 6 --to ma.ke &&
	code 65 as boss crm-customer distribute --pool public --to wang.fang,qian.cai &&
	test ! -s out && has err "'\''qian.cai'\'' is finance" &&
	crm-customer export >after && same before after &&
	code 0 as boss crm-customer assign 6 --to dir.zhang
'

t 'undo of a release by a rep obeys the claim rules (cap, cool-down)' '
	crm config unset pool.reclaim_cooldown_days &&
	crm-customer release 6 --reason setup -q &&
	crm-customer add -q --name 壬公司 --region 华东 >/dev/null &&
	crm config set pool.max_owned 2 &&
	as li.lei crm-customer release 1 --reason 不要了 -q &&
	run=$(crm log | tail -1 | cut -d, -f1) &&
	as li.lei crm-customer claim 壬公司 -q &&
	crm-customer export >before &&
	code 77 as li.lei crm undo "$run" && has err "(pool.max_owned)" &&
	crm-customer export >after && same before after &&
	crm config unset pool.max_owned &&
	code 77 as li.lei crm undo "$run" &&
	has err "(pool.reclaim_cooldown_days is 7)" &&
	crm-customer export >after && same before after
'

t 'a rep undoes their claim; managers and admins undo releases' '
	as li.lei crm-customer claim 6 -q &&
	run=$(crm log | tail -1 | cut -d, -f1) &&
	code 0 as li.lei crm undo "$run" &&
	crm-customer show 6 -f csv >c && has c ",public," &&
	as han.mei crm-customer release 2 --reason 调整 -q &&
	run=$(crm log | tail -1 | cut -d, -f1) &&
	code 0 as han.mei crm undo "$run" &&
	crm-customer show 2 -f csv >c && has c ",zhou.xun,"
'

# distributing and warning, on databases of their own
t 'distribute never deals a customer back to the rep it just left' '
	d=d4.db && crm --db $d init 2>/dev/null &&
	crm --db $d -q user add a.rep --name A --role rep --region 东 &&
	crm --db $d -q user add b.rep --name B --role rep --region 东 &&
	printf "name,region,owner\nK1,东,a.rep\nK2,东,a.rep\nK3,东,b.rep\nK4,东,\n" |
		crm-customer --db $d import -q - &&
	export CRM_NOW=2026-12-10 &&
	crm-customer --db $d recycle >m && test "$(wc -l <m)" = 4 &&
	for m in round-robin least-loaded random; do
		rm -f $m.db && crm --db $d -q backup $m.db &&
		crm-customer --db $m.db distribute --pool 东 --region 东 \
			--method $m >l || exit 1
		test "$(wc -l <l)" = 5 || exit 1
		! grep -E "K[12],a.rep|K3,b.rep" l || exit 1
	done &&
	rm -f one.db && crm --db $d -q backup one.db &&
	crm-customer --db one.db distribute --pool 东 --to a.rep >l &&
	! grep -E "K[12]" l && has l "3,K3,a.rep" && has l "4,K4,a.rep" &&
	crm-customer --db $d assign 4 --to b.rep -q &&
	crm-customer --db $d --as b.rep release 4 --reason 不要 -q &&
	crm-customer --db $d distribute --pool 东 --to b.rep >l &&
	! grep -E "K3|K4" l &&
	CRM_NOW=2026-12-17 crm-customer --db $d distribute --pool 东 --to b.rep >l &&
	has l "4,K4,b.rep" && has l "3,K3,b.rep"
'

t 'recycle --warn and the reminder list those that go tonight' '
	d=d5.db && crm --db $d init 2>/dev/null &&
	crm --db $d -q user add r.one --name R --role rep --region 东 &&
	printf "name,region,tier,owner\nW1,东,A,r.one\nW2,东,E,r.one\nW3,东,E,r.one\n" |
		crm-customer --db $d import -q - &&
	CRM_NOW=2026-11-26T10:00:00 crm-customer --db $d --as r.one follow 3 --kind call &&
	export CRM_NOW=2026-12-02T08:00:00 &&
	crm-customer --db $d recycle -n --no-header | cut -d, -f1 >due &&
	test "$(cat due)" = 2 &&
	crm-customer --db $d --as r.one recycle --warn 3 >w &&
	has w "2,W2,r.one,recycle.followup_days.E,0" &&
	has w "3,W3,r.one,recycle.followup_days.E,2" && ! grep -q W1 w &&
	crm-customer --db $d --as r.one recycle --warn 0 --no-header >w &&
	test "$(cut -d, -f1 w)" = 2 &&
	crm --db $d --as r.one remind >r &&
	has r "r.one,recycle_soon,customer,2,W2,2026-12-02,back to the pool today" &&
	has r "r.one,recycle_soon,customer,3,W3,2026-12-04,back to the pool in 2 days" &&
	CRM_NOW=2026-12-05 crm --db $d --as r.one remind >r &&
	has r "r.one,recycle_soon,customer,2,W2,2026-12-05,back to the pool today" &&
	CRM_NOW=2026-12-05 crm-customer --db $d recycle --warn 1 >w &&
	has w "2,W2,r.one,recycle.followup_days.E,0"
'

# the lock files of the cron jobs
lock=$CRM_DB.recycle.lock

t 'a refused recycle leaves no lock file' '
	rm -f "$lock" "$CRM_DB.distribute.lock" &&
	code 77 as li.lei crm-customer recycle && test ! -e "$lock" &&
	code 77 as li.lei crm-customer distribute --pool 华东 --to li.lei &&
	test ! -e "$CRM_DB.distribute.lock"
'

t 'a lock file is made 0660 whatever the umask, and never through a symlink' '
	rm -f "$lock" &&
	(umask 077 && crm-customer recycle) &&
	test "$(stat -c %a "$lock")" = 660 &&
	rm -f "$lock" "$CRM_DB.distribute.lock" && echo keep >"$T/victim" &&
	ln -s "$T/victim" "$lock" && ln -s "$T/made" "$CRM_DB.distribute.lock" &&
	crm-customer recycle && crm-customer distribute --pool 西北 --to zhao.si &&
	test "$(cat "$T/victim")" = keep && test ! -e "$T/made" &&
	test ! -L "$lock" && test -f "$lock"
'

t 'a lock file of another user does not stop the admin'\''s run' '
	rm -f "$lock" &&
	as li.lei sh -c "umask 077 && : >\"$lock\"" &&
	test "$(stat -c %U "$lock")" = li.lei &&
	code 0 as boss crm-customer recycle &&
	rm -f "$lock" && as li.lei sh -c "umask 022 && : >\"$lock\"" &&
	code 0 as boss crm-customer recycle && code 0 crm-customer recycle
'

t 'the job lock is the real database'\''s, whatever path names it' '
	ln -s team/crm.db "$T/link.db" &&
	exec 9>>"$lock" && flock -n 9 &&
	code 75 crm-customer --db ./link.db recycle && has err "already running" &&
	code 75 crm-customer --db "$T/team/../team/crm.db" recycle &&
	flock -u 9 && exec 9>&- &&
	code 0 crm-customer --db ./link.db recycle
'

done_testing
