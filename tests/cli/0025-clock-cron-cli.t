#!/bin/bash
# What a tester found playing every role against a team database: who may
# move the clock (CRM_NOW), who may mail the reminders and run crm check,
# two members writing at once under umask 022, optional option values,
# signed config values, messages, the reminders' owner column and user
# import's report. Run as real OS users.
. "$(dirname "$0")/lib.sh"
team_db || { echo "not ok 1 - these tests need root: $(os_users 2>&1)"; exit 1; }
os_users ck.mgr ck.rep1 ck.rep2 ck.fin ck.mkt
crm -q user add ck.mgr --name 经理 --role manager --region 华东 --email mgr@example.com
crm -q user add ck.rep1 --name 一号 --role rep --region 华东 --manager ck.mgr --email r1@example.com
crm -q user add ck.rep2 --name 二号 --role rep --region 华东 --manager ck.mgr --email r2@example.com
crm -q user add ck.fin --name 财务 --role finance
crm -q user add ck.mkt --name 市场 --role marketing
cat >seed.csv <<'CSV'
name,phone,region,owner
Alfreds Futterkiste,13100000001,华东,ck.rep1
二号客户,13100000002,华东,ck.rep2
公海一,13100000003,华东,
公海二,13100000004,华东,
公海三,13100000005,华东,
CSV
crm-customer import -q seed.csv
# a pool customer that shares a phone with customer 2 (a tester's guess)
crm-customer add -q --name 隐藏客户 --phone 13100000002 --allow-duplicate >/dev/null
fake_sendmail

# runs: how many runs the log holds
runs() {
	crm log -f csv | awk -F, 'NR > 1 {print $1}' | sort -u | wc -l
}

t 'clock.allow_override is false by default; team_db turns it on for tests' '
	crm --db "$T/fresh.db" init 2>/dev/null &&
	test "$(crm --db "$T/fresh.db" config get clock.allow_override)" = false &&
	test "$(crm config get clock.allow_override)" = true
'

t 'a rep with CRM_NOW set is refused (77, naming CRM_NOW); without it, works' '
	crm config set clock.allow_override false &&
	crm config set pool.claims_per_day 1 &&
	CRM_NOW= code 0 as ck.rep1 crm-customer claim 3 &&
	CRM_NOW= code 77 as ck.rep1 crm-customer claim 4 &&
	has err pool.claims_per_day &&
	before=$(runs) &&
	CRM_NOW=2026-12-06T09:00:00 code 77 as ck.rep1 crm-customer claim 4 &&
	has err CRM_NOW && has err clock.allow_override && test ! -s out &&
	CRM_NOW=2030-01-01 code 77 as ck.rep1 crm-customer follow 1 --kind call &&
	has err CRM_NOW &&
	CRM_NOW=2030-01-01 code 77 as ck.rep1 crm-customer list &&
	test "$(runs)" = "$before" &&
	crm log -f csv >log && ! grep -q ",2030-01-01T" log && ! grep -q ",2026-12-06T" log &&
	crm-customer show 4 -f csv >c && ! grep -q ck.rep1 c &&
	crm-customer show 1 -f csv >c && ! grep -q 2030 c
'

t 'a manager, finance and marketing may not move the clock either' '
	for u in ck.mgr ck.fin ck.mkt; do
		code 77 as $u crm-customer list && has err CRM_NOW || exit 1
	done
'

t 'an admin may move the clock, also acting as someone else (--as)' '
	CRM_NOW=2026-12-06T09:00:00 code 0 crm-customer list &&
	CRM_NOW=2026-12-06T09:00:00 code 0 crm-customer --as ck.rep2 follow 2 --kind call --note 回访 &&
	crm log -f csv >log && has log "2026-12-06T09:00:00,$ME,ck.rep2"
'

t 'with clock.allow_override true, anyone may set the clock (test databases)' '
	crm config set clock.allow_override true &&
	crm config unset pool.claims_per_day &&
	CRM_NOW=2026-11-25T09:00:00 code 0 as ck.rep1 crm-customer claim 4 &&
	crm log -f csv >log && has log "2026-11-25T09:00:00,ck.rep1,,crm-customer claim 4"
'

# customer 1 of ck.rep1 is overdue; the manager sees it escalated
CRM_NOW=2026-11-10 crm-customer -q --as ck.rep1 follow 1 --kind call --next 2026-11-20

t 'remind --mail is the admin'\''s: 77 for a rep and a manager, nothing marked sent' '
	code 77 as ck.rep1 crm remind --mail && has err "only an admin" &&
	code 77 as ck.mgr crm remind --mail && has err "only an admin" &&
	code 77 crm --as ck.rep1 remind --mail &&
	test ! -e mailbox &&
	code 0 as ck.rep1 crm remind && has out "ck.rep1,followup_overdue,customer,1," &&
	code 0 crm remind --all --mail && has err "mailed 2 messages" &&
	has mailbox "To: =?UTF-8?B?5LiA5Y+3?= <r1@example.com>" &&
	has mailbox "To: =?UTF-8?B?57uP55CG?= <mgr@example.com>"
'

t 'crm check is the admin'\''s: a rep learns nothing about hidden customers' '
	code 77 as ck.rep1 crm check && test ! -s out && has err "only an admin" &&
	code 77 as ck.mgr crm check && test ! -s out &&
	code 77 crm --as ck.rep1 check &&
	code 77 as ck.mgr crm check --allowed && test ! -s out &&
	code 0 crm check --allowed && has out ",phone,6,"
'

t 'two reps writing at once under umask 022: no readonly database' '
	umask 022 &&
	rm -f fails &&
	for round in $(seq 1 10); do
		for u in ck.rep1 ck.rep2; do
			id=$([ $u = ck.rep1 ] && echo 1 || echo 2)
			(for i in $(seq 1 25); do
				as $u crm-customer follow -q $id --kind call \
				    --note "$round.$i" 2>>fails.$u || echo "$u failed: $?" >>fails
			done) &
		done
		wait
	done &&
	cat fails.* >>fails 2>/dev/null; test ! -s fails || { cat fails; exit 1; }
'

t 'crm init still makes the folders above the database by the user'\''s umask' '
	(umask 022 && crm --db "$T/up/per/crm.db" init 2>/dev/null) &&
	test "$(stat -c %a "$T/up")" = 755 &&
	test "$(stat -c %a "$T/up/per")" = 700 &&
	test "$(stat -c %a "$T/up/per/crm.db")" = 600
'

t 'a -shm file the writer may not write: fix its mode; remove it only when idle' '
	umask 022 &&
	touch "$CRM_DB-shm" && chown ck.rep1 "$CRM_DB-shm" && chmod 0640 "$CRM_DB-shm" &&
	code 74 as ck.rep2 crm-customer follow 2 --kind call &&
	has err "'\''$CRM_DB-shm'\'' is owned by '\''ck.rep1'\''" &&
	has err "chmod g+w" && has err "only when no crm command runs" &&
	! grep -q "ask an admin to remove it" err &&
	rm -f "$CRM_DB-shm" "$CRM_DB-wal"
'

t 'list --pool NAME takes the next word as its value; --pool alone: any pool' '
	crm-customer list --pool=华东 >eq && crm-customer list --pool 华东 >sp &&
	same eq sp && has sp 公海三 && ! grep -q 隐藏客户 sp &&
	crm-customer list --pool >any && has any 公海三 && has any 隐藏客户 &&
	crm-customer list --pool --tier A >none && test "$(wc -l <none)" = 1 &&
	code 64 crm-customer list --pool 华东 extra && has err "'\''extra'\''"
'

t 'a verb without positional arguments has a usage hint, never an empty one' '
	code 64 crm-customer list stray &&
	has err "unexpected argument '\''stray'\''" &&
	! grep -q "list )" err && has err "takes no arguments"
'

t 'config set VALUE may start with -: the value is checked (78)' '
	code 78 crm config set pool.max_owned -1 &&
	has err "bad value for '\''pool.max_owned'\''" &&
	code 78 crm config set remind.days_ahead -5 &&
	code 0 crm config set -q pool.max_owned 300 &&
	test "$(crm config get pool.max_owned)" = 300 && crm config unset pool.max_owned
'

t 'a refusal by role says the role readably' '
	code 77 as ck.fin crm-customer add --name 新客户 &&
	has err "('\''ck.fin'\'' has the role finance)" &&
	code 77 as ck.mkt crm-customer claim 5 &&
	has err "('\''ck.mkt'\'' has the role marketing)" &&
	! grep -q "is a finance\|is a marketing" err
'

t 'assign --to an unknown user blames --to, once, not the id' '
	code 65 crm-customer assign 3 4 --to nobody &&
	has err "--to" && has err "'\''nobody'\''" &&
	! grep -q "argument 1" err && test "$(wc -l <err)" = 1
'

t 'ids from a csv without a header: the first column' '
	crm-customer list --owner ck.rep1 --no-header -f csv >ids.csv &&
	code 0 crm-customer assign --to ck.rep2 - <ids.csv &&
	has err "assigned 3 customers" &&
	test "$(crm-customer list --owner ck.rep1 --no-header | wc -l)" = 0 &&
	crm-customer list --owner ck.rep2 --no-header -f tsv | head -2 |
		code 0 crm-customer assign --to ck.rep1 - &&
	has err "assigned 2 customers" &&
	{ echo; crm-customer list --no-header -f csv | head -1; echo 99,x; } |
		code 65 crm-customer tag - +x && has err "stdin:3: 2 fields" &&
	{ echo; crm-customer list --no-header -f csv | head -1; echo 99; } |
		code 65 crm-customer tag - +x && has err "stdin:3: 1 field"
'

t 'tag prints a summary unless -q' '
	code 0 crm-customer tag 1 2 +vip && has err "tagged 2 customers" &&
	code 0 crm-customer tag -q 1 -vip && test ! -s err &&
	code 0 crm-customer tag 1 -- -vip && has err "tagged 1 customer"
'

t 'a manager'\''s reminders: the name stays plain, the owner in its own column' '
	id=$(CRM_NOW=2026-11-10 crm-customer add --name "Berglunds snabbköp" --owner ck.rep1) &&
	CRM_NOW=2026-11-10 crm-customer -q --as ck.rep1 follow $id --kind call --next 2026-11-20 &&
	as ck.mgr crm remind -f csv >r &&
	head -1 r >h && echo "user,kind,entity,id,name,due,note,owner" >want && same want h &&
	has r "ck.mgr,followup_overdue,customer,$id,Berglunds snabbköp,2026-11-20,overdue by 4 days,ck.rep1" &&
	! grep -q "(ck.rep1)" r &&
	as ck.rep1 crm remind -f json >j && has j "\"owner\":\"ck.rep1\"" &&
	as ck.mgr crm remind -f table >txt && has txt "Berglunds snabbköp (ck.rep1) — overdue" &&
	as ck.rep1 crm remind -f table >txt && has txt "Berglunds snabbköp — overdue"
'

t 'user import: each bad record once, with its own reason, counted as records' '
	printf "login,name,role,region,manager,email\n" >u.csv &&
	printf "ok1,Ok One,rep,E,,ok1@example.com\n" >>u.csv &&
	printf "b1,Bad Role,boss,E,,\n" >>u.csv &&
	printf "b2,Bad Mail,rep,E,,not-an-email\n" >>u.csv &&
	printf "b 3,Space,rep,E,,\n" >>u.csv &&
	printf "b4,No Manager,rep,E,ghost,\n" >>u.csv &&
	printf "c1,Cycle One,manager,E,c2,\n" >>u.csv &&
	printf "c2,Cycle Two,manager,E,c1,\n" >>u.csv &&
	printf "b6,Ctl\001Name,rep,E,,\n" >>u.csv &&
	printf "ok1,Again,rep,E,,\n" >>u.csv &&
	printf "ok2,Ok Two,rep,E,ok1,\n" >>u.csv &&
	crm user list --all >before &&
	code 65 crm user import u.csv &&
	crm user list --all >after && same before after &&
	test "$(grep -c "^crm: u.csv:" err)" = 7 &&
	for l in 3 4 5 6 8 9 10; do
		test "$(grep -c "^crm: u.csv:$l:" err)" = 1 ||
			{ echo "line $l:"; cat err; exit 1; }
	done &&
	has err "u.csv:3: field '\''role'\'': '\''boss'\'' is not a role" &&
	has err "u.csv:6: field '\''manager'\'': manager '\''ghost'\'' is not a user" &&
	has err "u.csv:8: field '\''manager'\'': '\''c1'\'' cannot be the manager of '\''c2'\''" &&
	has err "u.csv:10: field '\''login'\'': '\''ok1'\'' appears twice (first on line 2)" &&
	! grep -q "no user\|no active admin" err &&
	has err "7 bad records in '\''u.csv'\''"
'

t 'user import: only the record that removes the last admin is refused' '
	printf "login,name,role\n%s,Boss,rep\nnew.rep,New,rep\n" "$ME" >demote.csv &&
	code 65 crm user import demote.csv &&
	has err "demote.csv:2: " && has err "no active admin would be left" &&
	! grep -q "demote.csv:3:" err && has err "1 bad record in"
'

t 'user import: an identical file again changes nothing and says so' '
	printf "login,name,role,manager\nim.a,A,manager,\nim.b,B,rep,im.a\n" >same.csv &&
	code 0 crm user import same.csv && has err "2 users added, 0 updated" &&
	before=$(runs) &&
	code 0 crm user import same.csv && has err "0 users added, 0 updated, 2 unchanged" &&
	test "$(runs)" = "$before" &&
	printf "login,name,role,manager\nim.a,A2,manager,\nim.b,B,rep,\n" >two.csv &&
	code 0 crm user import two.csv && has err "0 users added, 2 updated"
'

t 'a flag given a value says it takes none; --from names only readable formats' '
	code 64 crm user list --all=yes && has err "option '\''--all'\'' takes no value" &&
	code 64 crm-customer list --quiet=3 && has err "takes no value" &&
	printf "name\nx\n" >in.csv &&
	code 64 crm-customer import --from xml in.csv &&
	has err "unknown input format '\''xml'\'' (use csv, tsv, yaml, json or jsonl)"
'

done_testing
