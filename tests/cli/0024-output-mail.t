#!/bin/bash
# The output writers and the CLI glue (--excel, `--`, empty results,
# colour), settings by KEY.SUBKEY, reminder mail (what a dry run shows,
# the headers, no injection) and the messages of a read-only database.
. "$(dirname "$0")/lib.sh"
crm init 2>/dev/null

t '--excel: a tag starting with = longer than a buffer is guarded, no crash' '
	tag="=$(printf "a%.0s" $(seq 61))" &&
	crm-customer add -q --name Planted --tag "$tag" >/dev/null &&
	code 0 crm-customer export --excel &&
	has out ",'\''$tag," && tr -d "\\000" <out | cmp -s - out
'

# Every verb of every tool, with `--` alone, with no arguments and with
# an id and a -WORD after `--`: a usage error at worst, never a crash
# (a signal is exit 128 and more). The database is empty.
t 'every verb with --, with nothing, with ID -- -x: no crash' '
	crm init --db verbs.db 2>/dev/null &&
	for tool in crm crm-customer; do
		$tool --dump-options | awk -F"\t" "\$1 == \"verb\" {print \$2}" >verbs ||
		    exit 1
		while read -r v; do
			for args in "--" "" "1 -- -x"; do
				set +e
				CRM_DB=$PWD/verbs.db $tool $v $args </dev/null >o 2>e
				rc=$?
				set -e
				if [ "$rc" -ge 128 ]; then
					echo "$tool $v $args: exit $rc"; cat e; exit 1
				fi
			done
		done <verbs
	done
'

t 'tag ID -- -TAG removes a tag starting after the --' '
	crm-customer add -q --name Tagged --tag x --tag y >/dev/null &&
	code 0 crm-customer tag 2 -- -x &&
	crm-customer show 2 -f csv >r && has r ",y," && ! grep -q "x;y" r &&
	code 0 crm-customer tag -- 2 +z && crm-customer show 2 -f csv >r &&
	has r "y;z"
'

t 'show of a customer the user may not see prints nothing on stdout' '
	crm -q user add li.lei --name 李雷 --role rep --region 华东 --email li@example.com &&
	crm-customer add -q --name Hidden --region 华北 --owner "$ME" >id &&
	id=$(cat id) &&
	for f in csv tsv json yaml jsonl table; do
		code 65 crm-customer --as li.lei show "$id" -f $f &&
		test ! -s out && has err "no customer $id" || exit 1
	done &&
	code 65 crm-customer show 999 -f csv && test ! -s out
'

# One rule for empty results: a query prints its header (csv/tsv), []
# (json/yaml) or nothing (table); a job that changes records (recycle,
# distribute) and the reminders print nothing at all when they did or
# found nothing.
t 'an empty query prints the header: list and recycle --warn alike' '
	crm-customer list --tier A -f csv >l && test "$(wc -l <l)" = 1 &&
	crm-customer recycle --warn 3 -f csv >w &&
	test "$(wc -l <w)" = 1 && grep -q "^id,name,owner," w &&
	crm-customer recycle --warn 3 -f tsv >w && test "$(wc -l <w)" = 1 &&
	crm-customer recycle --warn 3 -f json >w && echo "[]" >want && same want w &&
	crm-customer list --tier A -f json >l && same want l &&
	crm-customer recycle --warn 3 -f table >w && test ! -s w
'

t 'an empty job prints nothing at all: recycle, recycle -n, distribute' '
	code 0 crm-customer recycle -f csv && test ! -s out &&
	code 0 crm-customer recycle -n -f csv && test ! -s out &&
	code 0 crm-customer distribute --pool nowhere --to "$ME" -f csv &&
	test ! -s out &&
	code 0 crm remind -f csv && test ! -s out && test ! -s err
'

fake_sendmail
# the body of the last message in the mailbox
last_body() {
	awk '/^--- end$/ {n++} END {print n}' mailbox >count &&
	awk -v want="$(cat count)" '
		/^--- end$/ {n++; body = 0; next}
		n == want - 1 && body {print}
		n == want - 1 && /^$/ {body = 1}' mailbox
}

t 'remind --mail -n shows the messages the real run sends, and writes nothing' '
	id=$(crm-customer add -q --name M1 --region 华东 --owner li.lei) &&
	crm-customer -q --as li.lei follow $id --kind call --next +1d &&
	code 0 crm remind --all --mail -n && cp out dry &&
	has dry "To: 李雷 <li@example.com>" &&
	has dry "Subject: crm: 1 reminder (2026-11-24)" &&
	has dry "M1 — due tomorrow" && has err "would mail 1 message" &&
	test ! -e mailbox &&
	code 0 crm remind --all --mail -n && same dry out &&
	code 0 crm remind --all --mail && has err "mailed 1 message" &&
	sed "1,/^\$/d" dry >want && last_body >got && same want got
'

t 'the dry run skips what was sent: only the new reminder, and the real run agrees' '
	id=$(crm-customer add -q --name M2 --region 华东 --owner li.lei) &&
	crm-customer -q --as li.lei follow $id --kind call --next 2026-11-26 &&
	CRM_NOW=2026-11-25 code 0 crm remind --all --mail -n && cp out dry &&
	has dry "Subject: crm: 1 reminder (2026-11-25)" &&
	has dry "M2 — due tomorrow" && ! grep -q "M1" dry &&
	CRM_NOW=2026-11-25 code 0 crm remind --all --mail &&
	sed "1,/^\$/d" dry >want && last_body >got && same want got &&
	CRM_NOW=2026-11-25 code 0 crm remind --all --mail -n && test ! -s out
'

t 'mail has From, an RFC 5322 Date from the crm clock and a unique Message-ID' '
	has mailbox "From: crm <crm@$(hostname)>" &&
	has mailbox "Date: Tue, 24 Nov 2026 09:00:00 +0000" &&
	has mailbox "Date: Wed, 25 Nov 2026 00:00:00 +0000" &&
	grep "^Message-ID: <[^<>@ ]*@[^<>@ ]*>\$" mailbox | sort -u >ids &&
	test "$(wc -l <ids)" = "$(grep -c "^--- end" mailbox)"
'

t 'mail.from: the first active admin with an email, then the setting' '
	crm -q user set "$ME" --email boss@example.com &&
	CRM_NOW=2026-11-27 code 0 crm remind --all --mail &&
	grep "^From:" mailbox | tail -1 >f &&
	echo "From: crm <boss@example.com>" >want && same want f &&
	crm config set mail.from noreply@example.com &&
	test "$(crm config get -f json mail.from)" = "\"noreply@example.com\"" &&
	id=$(crm-customer add -q --name M3 --region 华东 --owner li.lei) &&
	crm-customer -q --as li.lei follow $id --kind call --next 2026-11-29 &&
	CRM_NOW=2026-11-28 code 0 crm remind --all --mail &&
	grep "^From:" mailbox | tail -1 >f &&
	echo "From: crm <noreply@example.com>" >want && same want f &&
	code 78 crm config set mail.from "a@example.com, b@example.com" &&
	code 78 crm config set mail.from "Boss <boss@example.com>" &&
	code 78 crm config set mail.from "\"x@example.com\\r\\nBcc: spy@evil.com\"" &&
	has err "one email address" &&
	test "$(crm config get -f json mail.from)" = "\"noreply@example.com\""
'

t 'a user with reminders and no email is warned about by login; the run goes on' '
	crm -q user add no.mail --name N --role rep --region 华东 &&
	id=$(crm-customer add -q --name NM --region 华东 --owner no.mail) &&
	crm-customer -q --as no.mail follow $id --kind call --next 2026-11-30 &&
	CRM_NOW=2026-11-29 code 0 crm remind --all --mail &&
	has err "no email for user '\''no.mail'\'': 2 reminders not mailed" &&
	has err "mailed"
'

t 'user add, set and import refuse a name with control characters, 65' '
	code 65 crm user add eve --name "$(printf "Eve\r\nBcc: spy@evil.com")" --role rep &&
	has err "control characters" &&
	code 65 crm user set li.lei --name "$(printf "Li\tLei")" &&
	printf "login,name,role\neve,\"Eve\nBcc: spy@evil.com\",rep\n" >u.csv &&
	code 65 crm user import u.csv && has err "u.csv:2: field '\''name'\''" &&
	! crm user list --all -f csv | grep -q "^eve,"
'

t 'an email is exactly one address: no commas, spaces, brackets, quotes, controls' '
	for bad in "a@example.com, b@example.com" "a@example.com,b@example.com" \
	    "<a@example.com>" "Eve <a@example.com>" "a b@example.com" \
	    "\"a\"@example.com" "$(printf "a@example.com\nBcc: spy@evil.com")" \
	    "$(printf "a\177@example.com")"; do
		code 65 crm user add zed --name Zed --role rep --email "$bad" || exit 1
		code 65 crm user set li.lei --email "$bad" || exit 1
	done &&
	printf "login,name,role,email\nzed,Zed,rep,\"a@example.com, spy@evil.com\"\n" >u.csv &&
	code 65 crm user import u.csv
'

t 'a name with specials is quoted in To:, a CJK one encoded, never pasted' '
	crm -q user add mal --name "Ma, \"Boss\" Lin" --role rep --region 华东 --email mal@example.com &&
	id=$(crm-customer add -q --name MX --region 华东 --owner mal) &&
	crm-customer -q --as mal follow $id --kind call --next 2026-12-02 &&
	CRM_NOW=2026-12-01 code 0 crm remind --all --mail &&
	has mailbox "To: \"Ma, \\\"Boss\\\" Lin\" <mal@example.com>" &&
	has mailbox "To: =?UTF-8?B?5p2O6Zu3?= <li@example.com>"
'

t 'a name or email already in the database with CR/LF never makes a header' '
	sqlite3 "$CRM_DB" "UPDATE users SET name = '\''Eve'\'' || char(13, 10) || '\''Bcc: spy@evil.com'\'' WHERE login = '\''mal'\''" &&
	id=$(crm-customer add -q --name MY --region 华东 --owner mal) &&
	crm-customer -q --as mal follow $id --kind call --next 2026-12-03 &&
	CRM_NOW=2026-12-02 code 0 crm remind --all --mail &&
	! grep -qi "^bcc:" mailbox && has mailbox "To: \"Eve  Bcc: spy@evil.com\" <mal@example.com>" &&
	sqlite3 "$CRM_DB" "UPDATE users SET email = '\''mal@example.com'\'' || char(10) || '\''Bcc: spy@evil.com'\'' WHERE login = '\''mal'\''" &&
	crm-customer -q --as mal follow $id --kind call --next 2026-12-04 &&
	CRM_NOW=2026-12-03 code 0 crm remind --all --mail &&
	has err "cannot mail user '\''mal'\''" && ! grep -qi "^bcc:" mailbox &&
	CRM_NOW=2026-12-03 code 0 crm remind --all --mail -n && ! grep -qi "^bcc:" out
'

# Colour only on a terminal (script(1) gives the command one), never for
# TERM=dumb or no TERM, and NO_COLOR counts only when it is not empty.
on_tty() {
	script -qec "$*" /dev/null </dev/null >tty.out 2>&1 || return 1
	grep -q "$(printf "\\033\\[1m")" tty.out && echo bold || echo plain
}

t 'a bold header on a terminal; none for TERM=dumb, no TERM or NO_COLOR=1' '
	command -v script >/dev/null || { echo "needs script(1)"; exit 1; }
	test "$(on_tty env -u NO_COLOR TERM=xterm crm-customer list)" = bold &&
	test "$(on_tty env -u NO_COLOR TERM=dumb crm-customer list)" = plain &&
	test "$(on_tty env -u NO_COLOR -u TERM crm-customer list)" = plain &&
	test "$(on_tty env NO_COLOR=1 TERM=xterm crm-customer list)" = plain &&
	test "$(on_tty env NO_COLOR= TERM=xterm crm-customer list)" = bold
'

t 'CRM_FORMAT=xml is a usage error naming CRM_FORMAT, like -f xml' '
	CRM_FORMAT=xml code 64 crm-customer list && has err "CRM_FORMAT" &&
	has err "'\''xml'\''" && test ! -s out &&
	code 64 crm-customer list -f xml && has err "'\''xml'\''" &&
	CRM_FORMAT=xml code 0 crm-customer list -f csv &&
	CRM_FORMAT=json code 0 crm-customer list --tier A && echo "[]" >want &&
	same want out
'

t 'the man pages render without markup slips (---, a lost crontab %, escapes)' '
	top=$(cd "$TESTS/../.." && pwd) &&
	sh "$top/tools/lint-man.sh" "$top"/man/*.[1-9] &&
	mandoc -Tutf8 "$top/man/crm.7" | grep -qF "\$(date +\\%a)" &&
	mandoc -Tutf8 "$top/man/crm-customer.1" | sed "s/.$(printf "\\b")//g" |
		grep -qF "release ID ...|- --reason text"
'

t 'config get and unset take KEY.SUBKEY as set does' '
	test "$(crm config get recycle.followup_days.A)" = 30 &&
	crm config set recycle.followup_days.A 45 &&
	test "$(crm config get recycle.followup_days.A)" = 45 &&
	test "$(crm config get -f json recycle.followup_days.A)" = 45 &&
	test "$(crm config get recycle.deal_days.B)" = null &&
	crm config set recycle.deal_days.B 9 &&
	test "$(crm config get recycle.deal_days)" = "{B: 9}" &&
	crm config unset recycle.followup_days.A &&
	test "$(crm config get recycle.followup_days.A)" = 30 &&
	crm config unset recycle.deal_days.B &&
	test "$(crm config get recycle.deal_days)" = "{}" &&
	code 78 crm config get pool.max_owned.A && has err "unknown setting" &&
	code 78 crm config unset pool.max_owned.A && code 78 crm config get nope.A
'

# Dormant: had an order once (last_order_at), and none for N days. The
# order tools are not there yet, so the test writes last_order_at.
t 'dormant needs an order once; remind.dormant_days 0 turns it off; list --dormant too' '
	crm -q user add dora --name Dora --role rep --region 华东 &&
	o=$(crm-customer add -q --name Ordered --region 华东 --owner dora) &&
	n=$(crm-customer add -q --name NeverOrdered --region 华东 --owner dora) &&
	sqlite3 "$CRM_DB" "UPDATE customers SET last_order_at = '\''2026-11-24T10:00:00'\'' WHERE id = $o" &&
	CRM_NOW=2027-03-01 crm --as dora remind -f csv >r &&
	has r "dora,dormant,customer,$o,Ordered,2026-11-24,no order for 97 days" &&
	! grep -q ",dormant,customer,$n," r &&
	CRM_NOW=2027-03-01 crm-customer list --dormant 90 --owner dora -f csv >l &&
	has l "$o,Ordered," && ! grep -q "^$n," l &&
	CRM_NOW=2027-03-01 crm-customer list --dormant 120 --owner dora -f csv >l &&
	test "$(wc -l <l)" = 1 &&
	crm config set remind.dormant_days 0 &&
	CRM_NOW=2027-03-01 crm --as dora remind -f csv >r && ! grep -q ",dormant," r &&
	crm config unset remind.dormant_days
'

# A reader without write access leaves DB-shm (and DB-wal) behind, made
# with its own owner; a writer is then refused: the message names the
# file to fix and its owner.
t 'a -shm file left by a read-only user: the writer is told which file and whose' '
	team_db && os_users han.mei li.lei &&
	crm -q user add han.mei --name 韩梅梅 --role admin &&
	crm -q user add li.lei --name 李雷 --role rep --region 华东 &&
	crm-customer add -q --name X >/dev/null &&
	chown han.mei "$CRM_DB" && chmod 0640 "$CRM_DB" &&
	rm -f "$CRM_DB-shm" "$CRM_DB-wal" &&
	as li.lei crm-customer list >/dev/null && test -e "$CRM_DB-shm" &&
	code 74 as han.mei crm-customer add --name Y &&
	has err "'\''$CRM_DB-shm'\'' is owned by '\''li.lei'\'' and not writable by you" &&
	has err "ask an admin to fix its mode (chmod g+w)" &&
	rm -f "$CRM_DB-shm" "$CRM_DB-wal" && chmod 0440 "$CRM_DB" &&
	code 74 as han.mei crm-customer add --name Y &&
	has err "'\''$CRM_DB'\'' is owned by '\''han.mei'\'' and not writable by you" &&
	rm -f "$CRM_DB-shm" "$CRM_DB-wal" && chmod 0640 "$CRM_DB" &&
	code 0 as han.mei crm-customer add -q --name Y
'

done_testing
