#!/bin/bash
# The files crm creates (design/quality.md, "files"): the database, its
# folder and backups are never readable by every account, never created
# through a symbolic link; a team shares a setgid folder of its group.
. "$(dirname "$0")/lib.sh"
umask 022
mode() { stat -c %a "$1"; }

t 'crm init under umask 022: the database 0600 in a folder of 0700' '
	crm --db "$T/private/crm.db" init 2>/dev/null &&
	test "$(mode "$T/private")" = 700 &&
	test "$(mode "$T/private/crm.db")" = 600 &&
	crm-customer --db "$T/private/crm.db" add -q --name 甲 >/dev/null &&
	for f in "$T"/private/crm.db*; do test "$(mode "$f")" = 600 || exit 1; done
'

t 'a backup is no more readable than the database' '
	crm --db "$T/private/crm.db" backup "$T/copy.db" 2>/dev/null &&
	test "$(mode "$T/copy.db")" = 600
'

t 'init and backup never write through a symbolic link' '
	ln -s "$T/elsewhere" "$T/link.db" &&
	code 73 crm --db "$T/link.db" init && has err "symbolic link" &&
	test ! -e "$T/elsewhere" &&
	code 73 crm --db "$T/private/crm.db" backup "$T/link.db" &&
	test ! -e "$T/elsewhere"
'

t 'crm check says when the database is readable by every account' '
	chmod 0644 "$T/private/crm.db" &&
	code 1 crm --db "$T/private/crm.db" check &&
	has out "can be read by every account" && has out "mode 0644" &&
	chmod 0600 "$T/private/crm.db"* &&
	code 0 crm --db "$T/private/crm.db" check
'

t 'crm init --group: a setgid team folder of 2770, files 0660' '
	os_users fm.rep1 &&
	crm --db "$T/team/crm.db" init --group "$TEAM_GROUP" 2>/dev/null &&
	test "$(stat -c %a:%G "$T/team")" = "2770:$TEAM_GROUP" &&
	test "$(stat -c %a:%G "$T/team/crm.db")" = "660:$TEAM_GROUP"
'

t 'a team member works in the team folder; what they create is the team'\''s' '
	chmod 0711 "$T" && export CRM_DB="$T/team/crm.db" &&
	crm config set clock.allow_override true &&
	crm -q user add fm.rep1 --name 一号 --role rep --region 华东 &&
	as fm.rep1 crm-customer add -q --name 团队客户 >/dev/null &&
	as fm.rep1 crm-customer list --no-header >o && has o 团队客户 &&
	for f in "$T"/team/crm.db*; do
		test "$(stat -c %a:%G "$f")" = "660:$TEAM_GROUP" ||
			{ ls -l "$f"; exit 1; }
	done
'

t 'an unknown group is a usage error and creates nothing' '
	code 64 crm --db "$T/t2/crm.db" init --group no-such-group &&
	has err "no group" && test ! -e "$T/t2/crm.db"
'
done_testing
