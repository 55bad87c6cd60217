#!/bin/bash
# crm remind: what is due, for people and for scripts; mail through a
# fake sendmail, once a day, and each missed reminder once after a gap.
. "$(dirname "$0")/lib.sh"
crm init 2>/dev/null
crm -q user add han.mei --name 韩梅梅 --role manager --region 华东 --email han@example.com
crm -q user add li.lei --name 李雷 --role rep --region 华东 --manager han.mei --email li@example.com
crm -q user add no.mail --name N --role rep --region 华东
printf 'name,region,tier,owner\nR1,华东,A,li.lei\nR2,华东,B,li.lei\nR3,华东,A,li.lei\nR4,华东,A,no.mail\n' |
	crm-customer import -q -
crm-customer --as li.lei follow 1 --kind call --next +1d
CRM_NOW=2026-11-20T10:00:00 crm-customer --as li.lei follow 2 --kind call --next 2026-11-21
fake_sendmail

t 'nothing due: nothing at all is printed' '
	code 0 crm --as no.mail remind && test ! -s out && test ! -s err
'

t 'text for people, grouped by kind, with the due spelled out' '
	crm --as li.lei remind -f table >r &&
	has r "Follow-ups due:" && has r "R1 — due tomorrow" &&
	has r "Overdue follow-ups:" && has r "R2 — overdue by 3 days"
'

t 'csv for scripts, with a kind column' '
	crm --as li.lei remind >r &&
	head -1 r >h && echo "user,kind,entity,id,name,due,note,owner" >want && same want h &&
	has r "li.lei,followup_due,customer,1,R1,2026-11-25,due tomorrow,li.lei" &&
	has r "li.lei,followup_overdue,customer,2,R2,2026-11-21,overdue by 3 days,li.lei"
'

t 'overdue past remind.escalate_days also shows in the manager'\''s list' '
	crm --as han.mei remind >r &&
	has r "han.mei,followup_overdue,customer,2,R2,2026-11-21,overdue by 3 days,li.lei" &&
	crm config set remind.escalate_days 5 &&
	crm --as han.mei remind >r && test ! -s r &&
	crm config unset remind.escalate_days
'

t 'customers about to be recycled and dormant ones' '
	CRM_NOW=2026-12-21 crm --as li.lei remind >r &&
	! grep -q ",recycle_soon,customer,3," r &&
	has r "li.lei,recycle_soon,customer,2,R2,2026-12-21,back to the pool today,li.lei" &&
	CRM_NOW=2026-12-22 crm --as li.lei remind >r &&
	has r "li.lei,recycle_soon,customer,3,R3,2026-12-25,back to the pool in 3 days,li.lei" &&
	CRM_NOW=2026-12-24 crm-customer recycle -n >m && ! grep -q ",R3," m &&
	CRM_NOW=2026-12-25 crm-customer recycle -n >m && has m "3,R3,li.lei" &&
	CRM_NOW=2027-03-01 crm --as li.lei remind >r && ! grep -q ",dormant," r &&
	sqlite3 "$CRM_DB" "UPDATE customers SET last_order_at = '\''2026-11-24T10:00:00'\'' WHERE id = 1" &&
	CRM_NOW=2027-03-01 crm --as li.lei remind >r &&
	has r ",dormant,customer,1,R1,2026-11-24,no order for 97 days,li.lei"
'

t '--fail-if-any exits 1 when something is due, 0 when not' '
	code 1 crm --as li.lei remind --fail-if-any &&
	code 0 crm --as no.mail remind --fail-if-any
'

t '--all is for admins and lists everyone'\''s' '
	code 77 crm --as li.lei remind --all &&
	crm remind --all >r && has r "li.lei," && has r "han.mei,"
'

t '--mail sends one message per user, UTF-8 with an RFC 2047 subject' '
	crm -q user set li.lei --lang zh_CN &&
	code 0 crm remind --all --mail && has err "mailed 2 messages" &&
	test "$(grep -c "^--- end" mailbox)" -eq 2 &&
	has mailbox "To: =?UTF-8?B?5p2O6Zu3?= <li@example.com>" &&
	has mailbox "Subject: =?UTF-8?B?" &&
	has mailbox "Content-Type: text/plain; charset=UTF-8" &&
	has mailbox "R2 — 已逾期 3 天" &&
	subject=$(grep -m1 "^Subject:" mailbox | sed "s/.*?B?\\(.*\\)?=/\\1/" | base64 -d) &&
	test "$subject" = "crm 提醒：2 项（2026-11-24）" &&
	crm -q user set li.lei --lang ""
'

t 'a second run the same day sends nothing' '
	code 0 crm remind --all --mail && test ! -s err &&
	test "$(grep -c "^--- end" mailbox)" -eq 2
'

t 'after a gap of days each missed reminder goes out once' '
	before=$(grep -c "R2 .*— overdue" mailbox) &&
	CRM_NOW=2026-11-27 crm remind --all --mail &&
	test "$(grep -c "^--- end" mailbox)" -eq 4 &&
	has mailbox "R1 — overdue by 2 days" &&
	has mailbox "R1 (li.lei) — overdue by 2 days" &&
	test "$(grep -c "R2 .*— overdue" mailbox)" -eq "$before" &&
	CRM_NOW=2026-11-28 crm remind --all --mail &&
	test "$(grep -c "^--- end" mailbox)" -eq 4
'

t 'a missing sendmail is 69; a failing one is reported and retried' '
	CRM_NOW=2026-12-22 CRM_SENDMAIL=/nonexistent/sendmail code 69 crm remind --all --mail &&
	has err "is missing" &&
	CRM_NOW=2026-12-22 CRM_SENDMAIL=false code 74 crm remind --all --mail &&
	CRM_NOW=2026-12-22 code 0 crm remind --all --mail &&
	has mailbox "R3 — back to the pool in 3 days"
'

t '--mail takes the job lock: two at once, one exits 75' '
	exec 9>"$CRM_DB.remind.lock" && flock -n 9 &&
	code 75 crm remind --all --mail && has err "already running" &&
	exec 9>&-
'

done_testing
