#!/bin/bash
# The files the tools write at a name the user gives — an import's
# --rejects (with --force), the --html/--svg/--xlsx files of the reports
# and charts, crm backup — are never the database itself nor the files
# SQLite and crm keep beside it, whatever name leads there (73, nothing
# written, the database as it was).
. "$(dirname "$0")/lib.sh"
crm init 2>/dev/null
crm-customer -q add --name 甲公司 --phone 13500000001 >/dev/null
crm-order -q product add --sku A1 --name 路由器 --price 100 >/dev/null
printf 'name,phone\n甲公司,13500000001\n乙公司,13500000002\n' >in.csv
printf 'number,customer,sku,qty\nS1,甲公司,A1,1\nS2,无名,A1,1\n' >orders.csv
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

done_testing
