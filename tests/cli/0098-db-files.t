#!/bin/bash
# The database's folder and files against other accounts on the machine
# (ut-report F14, F16, F17, F5, F12): crm init changes no folder that is
# not its own, never adopts a file another account made, and refuses a
# folder others can write; a -wal or -shm planted beside the database is
# refused; a read-only copy can be read; no HOME is no relative path.
. "$(dirname "$0")/lib.sh"
os_users fdb.one fdb.two ||
	{ echo "not ok 1 - these tests need root: $(os_users 2>&1)"; exit 1; }
# an account outside the team's group
id fdb.out >/dev/null 2>&1 ||
	useradd -M -N -g users -s /usr/sbin/nologin fdb.out
chmod 0711 "$T"
st() { stat -c '%A %U:%G' "$1"; }

t 'init --group refuses a folder of the user'\''s that holds files' '
	mkdir -m 0755 "$T/home1" && chown fdb.one: "$T/home1" &&
	as fdb.one sh -c "echo hi >$T/home1/.profile" &&
	before=$(st "$T/home1") &&
	code 73 as fdb.one crm --db "$T/home1/crm.db" init --group crmtest &&
	has err "already exists and is not a team folder" &&
	test "$(st "$T/home1")" = "$before" && test ! -e "$T/home1/crm.db"
'

t 'init --group keeps its hands off a shared sticky folder' '
	mkdir -m 1777 "$T/pub" && touch "$T/pub/other" &&
	code 73 crm --db "$T/pub/crm.db" init --group crmtest &&
	test "$(stat -c %a:%G "$T/pub")" = 1777:root &&
	test ! -e "$T/pub/crm.db"
'

t 'init --group refuses an empty folder of another account' '
	mkdir -m 0755 "$T/theirs" && chown fdb.one: "$T/theirs" &&
	code 73 crm --db "$T/theirs/crm.db" init --group crmtest &&
	test "$(stat -c %a:%U "$T/theirs")" = 755:fdb.one
'

t 'an empty folder of the user'\''s is made the team'\''s, a sticky bit kept' '
	mkdir -m 0755 "$T/empty" &&
	crm -q --db "$T/empty/crm.db" init --group crmtest &&
	test "$(stat -c %a:%G "$T/empty")" = 2770:crmtest &&
	mkdir -m 1777 "$T/sticky" &&
	crm -q --db "$T/sticky/crm.db" init --group crmtest &&
	test "$(stat -c %a:%G "$T/sticky")" = 3770:crmtest
'

t 'a folder that already is the team'\''s is taken as it is' '
	mkdir "$T/ready" && chgrp crmtest "$T/ready" && chmod 2770 "$T/ready" &&
	touch "$T/ready/notes" &&
	crm -q --db "$T/ready/crm.db" init --group crmtest &&
	test "$(stat -c %a:%G "$T/ready/crm.db")" = 660:crmtest
'

t 'init refuses an empty file another account put there first' '
	mkdir "$T/team2" && chgrp crmtest "$T/team2" && chmod 2770 "$T/team2" &&
	as fdb.one sh -c "umask 0; : >$T/team2/crm.db" &&
	code 73 crm --db "$T/team2/crm.db" init --group crmtest &&
	has err "an empty file that is not yours" &&
	test "$(stat -c %U:%s "$T/team2/crm.db")" = fdb.one:0 &&
	mkdir -m 0700 "$T/own" && : >"$T/own/crm.db" &&
	crm -q --db "$T/own/crm.db" init && test -s "$T/own/crm.db"
'

t 'init refuses a folder other accounts can write, sticky or not' '
	mkdir -m 1777 "$T/pub2" &&
	code 73 crm --db "$T/pub2/crm.db" init &&
	has err "can be written by accounts other than you" &&
	has err "mode 1777" && test ! -e "$T/pub2/crm.db" &&
	mkdir -m 0770 "$T/grp" && chgrp crmtest "$T/grp" &&
	code 73 crm --db "$T/grp/crm.db" init && test ! -e "$T/grp/crm.db"
'

t 'a -wal planted by another account is refused, nothing written to it' '
	export CRM_DB="$T/p/crm.db" &&
	crm -q init && crm-customer add -q --name 机密 >/dev/null &&
	chmod 1777 "$T/p" &&
	test -e "$T/p/crm.db-wal" && test ! -s "$T/p/crm.db-wal" &&
	test "$(stat -c %U "$T/p/crm.db-shm")" = root &&
	! as fdb.out sh -c ": >$T/p/crm.db-wal" 2>/dev/null &&
	rm "$T/p/crm.db-wal" "$T/p/crm.db-shm" &&
	as fdb.out sh -c "umask 0; : >$T/p/crm.db-wal" &&
	code 74 crm-customer add --name 机密三 --phone 13912349999 &&
	has err "crm.db-wal'\'' is a link or belongs to '\''fdb.out'\''" && test ! -s "$T/p/crm.db-wal" &&
	code 74 crm-customer list && test ! -s "$T/p/crm.db-wal" &&
	rm "$T/p/crm.db-wal" && ln -s /dev/null "$T/p/crm.db-shm" &&
	code 74 crm-customer list && has err "crm.db-shm" &&
	rm "$T/p/crm.db-shm"
'

t 'crm check reports a folder that other accounts can write' '
	export CRM_DB="$T/p/crm.db" &&
	code 1 crm check && has out "folder '\''$T/p'\'' can be written" &&
	has out "mode 1777" &&
	chmod 0700 "$T/p" && code 0 crm check
'

t 'in a team folder a member'\''s -wal and -shm are the team'\''s' '
	export CRM_DB="$T/team3/crm.db" &&
	crm -q init --group crmtest && crm -q config set clock.allow_override true &&
	crm -q user add fdb.one --name 一 --role rep --region 华东 &&
	crm -q user add fdb.two --name 二 --role rep --region 华东 &&
	test "$(stat -c %U:%G:%a "$T/team3/crm.db-wal")" = root:crmtest:660 &&
	rm "$T"/team3/crm.db-wal "$T"/team3/crm.db-shm &&
	as fdb.one sh -c "umask 007; : >$T/team3/crm.db-wal; : >$T/team3/crm.db-shm" &&
	test "$(stat -c %U:%G "$T/team3/crm.db-wal")" = fdb.one:crmtest &&
	as fdb.two crm-customer add -q --name 团队 >/dev/null &&
	crm-customer list --no-header >o && has o 团队
'

t 'a read-only team folder: reads work, a write says why (74)' '
	export CRM_DB="$T/team3/crm.db" &&
	crm -q user set fdb.two --role admin &&
	crm-customer add -q --name 只读 >/dev/null && crm-customer export >before &&
	rm -f "$T"/team3/crm.db-* && chmod 2550 "$T/team3" &&
	as fdb.one crm-customer list --no-header >o && has o 只读 &&
	as fdb.two crm check >o &&
	mkdir "$T/bk" && chown fdb.two "$T/bk" &&
	as fdb.two crm backup "$T/bk/copy.db" && test -s "$T/bk/copy.db" &&
	code 74 as fdb.one crm-customer add --name 新 &&
	has err "its folder cannot be written (a read-only folder or mount)" &&
	has err "it can be read, not changed" &&
	test ! -e "$T/team3/crm.db-wal" &&
	as fdb.two crm-customer export >after && same before after &&
	chmod 2770 "$T/team3"
'

t 'a read-only folder with a -wal of commits: the message says what to copy' '
	mkdir -m 0700 "$T/snap" && cp "$T/team3/crm.db" "$T/snap/" &&
	sqlite3 "$T/snap/crm.db" ".dbconfig no_ckpt_on_close on" \
	    "CREATE TABLE scratch(x)" && test -s "$T/snap/crm.db-wal" &&
	rm -f "$T/snap/crm.db-shm" && chown -R fdb.one "$T/snap" &&
	chmod 0500 "$T/snap" &&
	code 74 as fdb.one crm-customer --db "$T/snap/crm.db" list &&
	has err "crm.db-wal'\'' beside it holds changes" &&
	has err "copy the database and its -wal"
'

t 'a database on a read-only mount can be read and backed up' '
	# a container without mount namespaces has the folder test above
	unshare -m true 2>/dev/null || exit 0
	cp "$T/team3/crm.db" "$T/ro.db" &&
	unshare -m sh -ec "
		mkdir $T/mnt && mount -t tmpfs tmpfs $T/mnt &&
		cp $T/ro.db $T/mnt/crm.db && mount -o remount,ro $T/mnt &&
		crm-customer --db $T/mnt/crm.db list --no-header >$T/o &&
		crm --db $T/mnt/crm.db backup $T/ro-copy.db &&
		! crm-customer --db $T/mnt/crm.db add --name 新 2>$T/e" &&
	has o 只读 && test -s ro-copy.db &&
	has e "its folder cannot be written"
'

# nohome LOGIN CMD...: CMD as LOGIN with no environment but PATH, from
# the folder $T/wd
nohome() {
	u=$1
	shift
	setpriv --reuid "$u" --regid users --clear-groups \
	    env -i PATH="$PATH" CRM_LOCALEDIR="$CRM_LOCALEDIR" \
	    sh -c 'cd "$0" && exec "$@"' "$T/wd" "$@"
}

t 'without HOME the database is in the home of the password database' '
	mkdir -m 0777 "$T/wd" && mkdir "$T/h1" &&
	{ id fdb.home >/dev/null 2>&1 ||
		useradd -M -N -g users -s /usr/sbin/nologin fdb.home; } &&
	usermod -d "$T/h1" fdb.home && chown fdb.home "$T/h1" &&
	nohome fdb.home crm init 2>err && has err "$T/h1/.local/share/crm" &&
	test -s "$T/h1/.local/share/crm/crm.db" && test ! -e "$T/wd/.local" &&
	nohome fdb.home crm-customer add -q --name 家 >/dev/null &&
	nohome fdb.home env XDG_DATA_HOME=rel crm-customer list >o &&
	has o 家 && test ! -e "$T/wd/rel"
'

t 'no HOME and no home folder: a clear error (78), no relative path' '
	code 78 nohome 54321 crm init &&
	has err "no database: HOME is not set" && test -z "$(ls -A "$T/wd")" &&
	code 78 nohome 54321 env HOME=relative crm-customer list &&
	has err "set CRM_DB or give --db"
'

# Every command would make the -wal and -shm and remove them at close;
# the last to close leaves them for the next, the -wal emptied.
t 'the last command leaves an empty -wal and the -shm; the next uses them' '
	mkdir "$T/keep" && export CRM_DB="$T/keep/crm.db" && crm -q init &&
	test -e "$CRM_DB-wal" && test ! -s "$CRM_DB-wal" && test -s "$CRM_DB-shm" &&
	ino=$(stat -c %i "$CRM_DB-shm") &&
	printf "name,phone\n留一,13800000001\n留二,13800000002\n" >k.csv &&
	crm-customer import -q k.csv && crm-customer add -q --name 留三 >/dev/null &&
	test ! -s "$CRM_DB-wal" && test "$(stat -c %i "$CRM_DB-shm")" = "$ino" &&
	test "$(sqlite3 "file:$CRM_DB?mode=ro" "PRAGMA journal_mode")" = wal &&
	crm-customer list --no-header >o && test "$(wc -l <o)" = 3 &&
	crm check >/dev/null
'

done_testing
