#!/bin/bash
# The files the tools write at a name the user gives — an import's
# --rejects (with --force), the --html/--svg/--xlsx files of the reports
# and charts, crm backup — are never the database itself nor the files
# SQLite and crm keep beside it, whatever name leads there (73, nothing
# written, the database as it was). --rejects --force that cannot
# replace the old file (another's, in a sticky folder) imports nothing.
# The files have the database's group and mode, whatever the umask and
# the writer's primary group, wherever they are written.
. "$(dirname "$0")/lib.sh"
crm init 2>/dev/null
crm-customer -q add --name 甲公司 --phone 13500000001 >/dev/null
crm-order -q product add --sku A1 --name 路由器 --price 100 >/dev/null
printf 'name,phone\n甲公司,13500000001\n乙公司,13500000002\n' >in.csv
printf '%s\n' number,date,customer,sku,qty S1,2026-11-20,甲公司,A1,1 \
    S2,2026-11-20,无名,A1,1 >orders.csv
mkdir sub
ln -s .. sub/up
ln crm.db hard.db

# intact: one customer, no order, and crm check content
intact() {
	test "$(sqlite3 "$CRM_DB" 'SELECT count(*) FROM customers')" = 1 &&
	test "$(sqlite3 "$CRM_DB" 'SELECT count(*) FROM orders')" = 0 &&
	code 0 crm check
}

# refused WHY CMD...: 73 naming why (err kept in why.err), nothing written
refused() {
	why=$1
	shift
	code 73 "$@" && has err "$why" && cp err why.err && intact &&
	test "$(ls -A | grep -c crm-)" = 0
}

for f in crm.db hard.db sub/up/crm.db "$T/crm.db" crm.db-wal crm.db-shm \
    crm.db-journal sub/up/crm.db-journal crm.db.remind.lock; do
	case ${f##*/} in
	*-*|*.lock) why="it is one of the database's own files" ;;
	*) why="it is the database" ;;
	esac
	t "customer import --rejects $f --force: 73" '
		refused "$why" crm-customer import --partial --rejects "$f" \
		    --force in.csv &&
		has why.err "cannot create the rejects file '\''$f'\''"
	'
	t "order import --rejects $f --force: 73" '
		refused "$why" crm-order import --partial --rejects "$f" \
		    --force orders.csv
	'
	t "report dashboard --html $f: 73" '
		refused "$why" crm report dashboard --html "$f" &&
		has why.err "cannot create '\''$f'\''"
	'
	t "report sales --xlsx $f, deal pipeline --svg $f: 73" '
		refused "$why" crm report sales --xlsx "$f" &&
		refused "$why" crm deal pipeline --svg "$f" &&
		refused "$why" crm deal funnel --xlsx "$f"
	'
done

t 'crm backup to the files of the database: 73' '
	for f in crm.db-journal sub/up/crm.db-wal crm.db.vacuum.lock; do
		refused "it is one of the database'\''s own files" \
		    crm backup "$f" || exit 1
	done
'

t 'names that only look alike are written' '
	code 65 crm-customer import --partial --rejects crm.db.csv in.csv &&
	has crm.db.csv 'duplicate of customer 1' &&
	code 0 crm report dashboard --html crm.db.html &&
	code 0 crm report sales --xlsx crm.db-sales.xlsx &&
	code 0 crm backup crm.db.lock &&
	code 0 crm backup sub/crm.db-wal
'

# --- the same rules as OS users of a team (a rep may not back up, so
# the admin is an account of its own)
team_db
os_users boss zhou.xun
crm -q user add boss --name 老板 --role admin
crm -q user add zhou.xun --name 周迅 --role rep
as boss crm-customer -q add --name 甲公司 --phone 13500000001 >/dev/null
chmod 644 in.csv orders.csv
mkdir -m 1777 pub
as zhou.xun ln -s /nowhere pub/link.csv
as zhou.xun sh -c 'echo theirs >pub/theirs.csv'

# customers: the names in the team's database, one per line
names() {
	sqlite3 "$CRM_DB" 'SELECT name FROM customers ORDER BY id' | paste -sd,
}

for f in link.csv theirs.csv; do
	t "--rejects --force over another's $f in a sticky folder: 73" '
		code 73 as boss crm-customer import --partial \
		    --rejects pub/'$f' --force in.csv &&
		has err "rejects file '\''pub/'$f''\'': Operation not permitted" &&
		! has err "imported all the same" &&
		test "$(names)" = 甲公司 &&
		test -z "$(find pub -name ".crm-*")" &&
		test "$(find pub -user boss)" = "" &&
		code 73 as boss crm-order import --partial \
		    --rejects pub/'$f' --force orders.csv &&
		has err "Operation not permitted" &&
		test "$(sqlite3 "$CRM_DB" "SELECT count(*) FROM orders")" = 0 &&
		test -z "$(find pub -user boss)"
	'
done

t 'the link and the file of the other are as they were' '
	test "$(readlink pub/link.csv)" = /nowhere &&
	test "$(cat pub/theirs.csv)" = theirs
'

t '--rejects --force over a file of ones own: replaced, the old one gone' '
	as boss sh -c "echo mine >pub/mine.csv" &&
	code 65 as boss crm-customer import --partial \
	    --rejects pub/mine.csv --force in.csv &&
	has pub/mine.csv "duplicate of customer" && ! has pub/mine.csv mine &&
	test "$(names)" = 甲公司,乙公司 &&
	test -z "$(find pub -name ".crm-*")"
'

t '--rejects --force: an import that fails keeps the old file' '
	as boss sh -c "echo mine >pub/mine.csv" &&
	printf "name,phone\n\"丙公司,1\n" >bad.csv &&
	code 65 as boss crm-customer import --partial \
	    --rejects pub/mine.csv --force bad.csv &&
	test "$(cat pub/mine.csv)" = mine &&
	test -z "$(find pub -name ".crm-*")" &&
	test "$(names)" = 甲公司,乙公司
'

# --- who may read the files: the database's group and mode wherever
# they are written and whatever the umask, never the writer's own group
# (here a shared primary group, users, as on a site without user groups)
getent group users >/dev/null || groupadd users
# as_users CMD...: as boss, primary group users, umask 077
as_users() {
	runuser -u boss -g users -G "$TEAM_GROUP" -- env -i PATH="$PATH" \
	    CRM_DB="$CRM_DB" CRM_NOW="$CRM_NOW" LC_ALL=C.UTF-8 TZ=UTC \
	    HOME="$T" CRM_LOCALEDIR="$CRM_LOCALEDIR" sh -c 'umask 077; "$@"' \
	    sh "$@"
}
# perm FILE: its mode and group
perm() {
	stat -c '%a %G' "$1"
}

t 'rejects, charts, pages, backups outside the team folder: the team'\''s' '
	rm -f pub/out.* &&
	code 65 as_users crm-customer import --partial --rejects pub/out.csv \
	    in.csv &&
	code 65 as_users crm-customer import --partial --rejects pub/out.csv \
	    --force in.csv &&
	code 0 as_users crm report dashboard --html pub/out.html &&
	code 0 as_users crm deal pipeline --svg pub/out.svg &&
	code 0 as_users crm backup pub/out.db &&
	for f in pub/out.csv pub/out.html pub/out.svg pub/out.db; do
		test "$(perm $f)" = "660 $TEAM_GROUP" ||
		{ echo "$f: $(perm $f)"; exit 1; }
	done
'

t 'and the same in the team folder, as a rep' '
	code 65 as zhou.xun sh -c "umask 077; crm-customer import --partial \
	    --rejects \"$T/team/rep.csv\" \"$T/in.csv\"" &&
	test "$(perm team/rep.csv)" = "660 $TEAM_GROUP"
'

t 'a database whose group the writer is not in: the files 0600' '
	mkdir -m 0755 own && chown boss own &&
	CRM_DB="$T/own/crm.db" as boss crm init 2>/dev/null &&
	chgrp root own/crm.db && chmod 660 own/crm.db &&
	CRM_DB="$T/own/crm.db" as boss crm-customer -q import in.csv &&
	CRM_DB="$T/own/crm.db" code 65 as boss crm-customer import --partial \
	    --rejects pub/own.csv in.csv &&
	CRM_DB="$T/own/crm.db" code 0 as boss crm report sales --xlsx \
	    pub/own.xlsx &&
	CRM_DB="$T/own/crm.db" code 0 as boss crm backup pub/own.db &&
	for f in pub/own.csv pub/own.xlsx pub/own.db; do
		test "$(stat -c %a $f)" = 600 ||
		{ echo "$f: $(perm $f)"; exit 1; }
	done
'

done_testing
