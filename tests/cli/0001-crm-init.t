#!/bin/bash
# crm init, the database checks every tool does on open, migrate, backup.
. "$(dirname "$0")/lib.sh"

t 'a missing database names the fix and exits 66' '
	code 66 crm user list &&
	has err "cannot open database" &&
	has err "(run: crm init)"
'

t 'init creates the database and its folder, with me as admin' '
	code 0 crm --db "$T/sub/dir/crm.db" init &&
	has err "as its admin" &&
	crm --db "$T/sub/dir/crm.db" user list >users &&
	has users "$ME,"  && has users ",admin,"
'

t 'init refuses an existing database (73) and leaves it alone' '
	crm init &&
	cp crm.db before.db &&
	code 73 crm init &&
	has err "already exists" &&
	cmp crm.db before.db
'

t 'a newer schema is refused with 69' '
	cp crm.db newer.db &&
	sqlite3 newer.db "PRAGMA user_version = 999" &&
	code 69 crm --db newer.db user list &&
	has err "newer than this crm knows"
'

t 'an older schema asks for crm migrate (69)' '
	cp crm.db older.db &&
	sqlite3 older.db "PRAGMA user_version = 0; PRAGMA application_id = 1129467185" &&
	code 69 crm --db older.db user list &&
	has err "(run: crm migrate)"
'

t 'a file that is not a crm database is refused with 66' '
	sqlite3 other.db "CREATE TABLE t (x)" &&
	code 66 crm --db other.db user list &&
	has err "is not a crm database" &&
	echo "name,phone" >text.db &&
	code 66 crm --db text.db user list && has err "'\''text.db'\'' is not a crm database" &&
	head -c 4096 /dev/zero | tr "\0" x >junk.db &&
	code 66 crm-customer --db junk.db list && has err "is not a crm database"
'

t 'migrate --check exits 1 when migrations are pending, 0 when not' '
	code 0 crm migrate --check &&
	code 1 crm --db older.db migrate --check &&
	has out "001-core"
'

t 'migrate on an up-to-date database changes nothing' '
	cp crm.db before.db &&
	code 0 crm migrate &&
	has err "up to date" &&
	cmp crm.db before.db
'

t 'the database uses WAL and foreign keys are enforced on open' '
	test "$(sqlite3 crm.db "PRAGMA journal_mode")" = wal
'

t 'a busy database gives 75 after the busy timeout' '
	( echo "BEGIN IMMEDIATE; INSERT INTO settings VALUES (\"k\", \"1\");"
	  sleep 3; echo "ROLLBACK;" ) | sqlite3 crm.db &
	sleep 1 &&
	CRM_BUSY_TIMEOUT_MS=200 code 75 crm user add busy.one --name B --role rep &&
	has err "is busy" && has err "try again" &&
	wait &&
	crm user list >users && ! grep -q busy.one users
'

t 'backup makes a consistent copy and refuses to overwrite (73)' '
	crm user add li.lei --name 李雷 --role rep &&
	code 0 crm backup copy.db &&
	crm --db copy.db user list >copied &&
	has copied li.lei &&
	code 73 crm backup copy.db &&
	has err "cannot create"
'

t 'check passes on a good database and exits 1 with problems listed' '
	code 0 crm check &&
	echo "INSERT INTO settings VALUES ('\''pool.max_owned'\'', '\''\"x\"'\'');" >bad.sql &&
	sqlite3 crm.db <bad.sql &&
	code 1 crm check &&
	has out "pool.max_owned" &&
	sqlite3 crm.db "DELETE FROM settings"
'

t 'CRM_NOW must be a date or time (78)' '
	CRM_NOW=yesterdayish code 78 crm user list &&
	has err "CRM_NOW"
'

done_testing
