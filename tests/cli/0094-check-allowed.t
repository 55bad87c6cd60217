#!/bin/bash
# crm check and the duplicates a manager allowed (--allow-duplicate):
# recorded with the run, left out of the check until the group gains a
# member nobody allowed, undone with the run, for managers only.
. "$(dirname "$0")/lib.sh"
team_db || exit 1
os_users al.mgr al.rep
crm -q user add al.mgr --name 经理 --role manager --region 华东
crm -q user add al.rep --name 业务 --role rep --region 华东 --manager al.mgr
crm-customer add -q --name "Acme Corp" --phone 13800000001 >/dev/null

# allowances: the table's rows as "run kind grp customer" lines
rows() {
	sqlite3 "$CRM_DB" "SELECT run, kind, grp, customer_id FROM
	    customer_dupes_allowed ORDER BY 1, 2, 3, 4"
}
last_run() {
	sqlite3 "$CRM_DB" "SELECT max(id) FROM runs"
}
# id_of TOOL... NAME: the id of the record of that name
id_of() {
	"$@" -f csv | sed -n 2p | cut -d, -f1
}

t 'an allowed pair is not reported; --allowed lists it with its run' '
	code 0 as al.mgr crm-customer add --name "ACME corp." \
	    --allow-duplicate && test "$(cat out)" = 2 &&
	run=$(last_run) &&
	code 0 crm check && test ! -s out &&
	code 0 crm check --allowed &&
	has out "1,name,2,$run,al.mgr" && ! has out phone 2>/dev/null &&
	code 0 crm log --run "$run" && has out "duplicate,2,create,name,,allowed"
'

t 'a member that joins the group behind crm'\''s back is reported, named' '
	sqlite3 "$CRM_DB" "INSERT INTO customers (name, pool, created_at,
	    updated_at, name_key, core_key) SELECT '\''acme  corp'\'', pool,
	    created_at, updated_at, name_key, core_key FROM customers
	    WHERE id = 1" &&
	run=$(sqlite3 "$CRM_DB" "SELECT max(run) FROM customer_dupes_allowed") &&
	code 1 crm check &&
	w="shares its name with customers 2, 3 (run $run allowed the others;" &&
	has out "customer,customer,1,\"$w not allowed: 3)\"" &&
	code 0 crm check --allowed && test "$(wc -l <out)" = 1 &&
	LANGUAGE=zh_CN code 1 crm check -f table && has out "未经允许：3"
'

t 'a manager allows the group as it is now: edit ID --allow-duplicate' '
	code 0 crm-customer edit 3 --allow-duplicate &&
	run=$(last_run) && code 0 crm check &&
	code 0 crm check --allowed && has out "1,name,\"2, 3\",$run," &&
	code 0 crm undo "$run" && code 1 crm check && has out "not allowed: 3" &&
	code 0 crm-customer edit 3 --allow-duplicate
'

t 'a rep cannot allow: 77, nothing written' '
	rows >before && n=$(last_run) &&
	crm-customer list -f csv >list1 &&
	code 77 as al.rep crm-customer add --name "Acme Corp." --allow-duplicate &&
	has err "--allow-duplicate" && test ! -s out &&
	code 77 as al.rep crm-customer edit 1 --allow-duplicate &&
	code 77 crm-customer --as al.rep add --name "Acme Corp." --phone 1 \
	    --allow-duplicate &&
	code 77 as al.rep crm check --allowed && test ! -s out &&
	rows >after && same before after && test "$(last_run)" = "$n" &&
	crm-customer list -f csv >list2 && same list1 list2
'

t 'undo of the add removes its allowance; the group is reported again' '
	code 0 as al.mgr crm-customer add --name "Acme Corp Ltd." \
	    --phone 138-0000-0001 --allow-duplicate && id=$(cat out) &&
	run=$(last_run) && code 0 crm check &&
	grep -c "^$run " <(rows | tr "|" " ") >n && test "$(cat n)" -ge 2 &&
	code 0 crm undo "$run" &&
	! rows | grep -q "^$run|" &&
	code 0 crm check && code 65 crm-customer show "$id"
'

t 'a phone group is allowed; a new member of it is reported' '
	code 0 as al.mgr crm-customer add --name 别的公司 --phone 13800000001 \
	    --allow-duplicate && b=$(cat out) && code 0 crm check &&
	code 0 crm check --allowed && has out "1,phone,$b," &&
	c=$(crm-customer add -q --name 第三公司 --phone 13800000009) &&
	sqlite3 "$CRM_DB" "UPDATE customers SET phone_key = (SELECT
	    phone_key FROM customers WHERE id = 1) WHERE id = $c" &&
	code 1 crm check && has out "shares its phone with customers $b, $c" &&
	has out "not allowed: $c)" &&
	sqlite3 "$CRM_DB" "DELETE FROM customers WHERE id = $c"
'

t 'a deleted member leaves its allowance: its id given again is not allowed' '
	code 0 crm check &&
	last=$(sqlite3 "$CRM_DB" "SELECT max(id) FROM customers") &&
	code 0 crm-customer delete "$last" &&
	! rows | grep -q "|$last\$" &&
	sqlite3 "$CRM_DB" "INSERT INTO customers (name, phone, pool,
	    created_at, updated_at, name_key, core_key, phone_key) SELECT
	    '\''重来'\'', phone, pool, created_at, updated_at, '\''重来'\'',
	    '\''重来'\'', phone_key FROM customers WHERE id = 1" &&
	test "$(sqlite3 "$CRM_DB" "SELECT max(id) FROM customers")" = "$last" &&
	code 1 crm check && has out "shares its phone with customer $last" &&
	sqlite3 "$CRM_DB" "DELETE FROM customers WHERE id = $last"
'

t 'a merge drops the allowance of the dropped customer' '
	code 0 crm check &&
	code 0 crm-customer merge 1 3 && ! rows | grep -q "|3\$" &&
	code 0 crm check && code 0 crm check --allowed && has out "1,name,2," &&
	run=$(last_run) && crm -q undo "$run" &&
	code 1 crm check && has out "shares its name with customers 2, 3"
'

t 'a customer that leaves its group for another is not allowed there' '
	code 0 crm-customer edit 3 --allow-duplicate && code 0 crm check &&
	b=$(crm-customer add -q --name 乙方公司) &&
	sqlite3 "$CRM_DB" "UPDATE customers SET name = '\''乙方公司'\'',
	    name_key = (SELECT name_key FROM customers WHERE id = $b)
	    WHERE id = 3" &&
	code 1 crm check &&
	has out "customer,customer,3,shares its name with customer $b" &&
	! has out "not allowed" 2>/dev/null &&
	sqlite3 "$CRM_DB" "UPDATE customers SET name = '\''acme  corp'\'',
	    name_key = (SELECT name_key FROM customers WHERE id = 1)
	    WHERE id = 3; DELETE FROM customers WHERE id = $b" &&
	code 0 crm check
'

t 'crm-lead convert --allow-duplicate allows the new customer'"'"'s group' '
	l=$(crm-lead add --name 王五 --company 转化公司 --owner al.rep) &&
	k=$(crm-customer add -q --name 转化公司) &&
	code 65 crm-lead convert "$l" &&
	code 0 as al.mgr crm-lead convert "$l" --allow-duplicate &&
	c=$(cat out) && run=$(last_run) &&
	code 0 crm check && code 0 crm check --allowed &&
	has out "$k,name,$c,$run,al.mgr" && test "$(wc -l <out)" = 3
'

t 'import --on-duplicate allow records what it allowed; undo takes it back' '
	printf "name,phone\nacme corp,\n第三个,13800000001\n新公司,\n" >dup.csv &&
	code 77 as al.rep crm-customer import --on-duplicate allow dup.csv &&
	n=$(last_run) && rows >before &&
	code 0 as al.mgr crm-customer import --on-duplicate allow dup.csv &&
	run=$(last_run) && code 0 crm check &&
	a=$(id_of crm-customer show "第三个") &&
	code 0 crm check --allowed && has out ",phone," && has out "$a,$run,al.mgr" &&
	! rows | grep "^$run|" | grep -q "|$(id_of crm-customer show 新公司)\$" &&
	code 0 crm undo "$run" && rows >after && same before after &&
	code 0 crm check
'

t 'an older database: the migration reads the allowances from the log' '
	cp "$CRM_DB" old.db && crm check --allowed -f csv | cut -d, -f1-3 >al &&
	sqlite3 old.db "DROP TRIGGER customer_dupes_allowed_gone;
	    DROP TABLE customer_dupes_allowed; DELETE FROM events
	    WHERE entity = '\''duplicate'\''; PRAGMA user_version = 21" &&
	CRM_DB=$T/old.db code 0 crm migrate &&
	CRM_DB=$T/old.db code 0 crm check &&
	CRM_DB=$T/old.db code 0 crm check --allowed &&
	cut -d, -f1-3 out >al2 && same al al2 &&
	sqlite3 old.db "UPDATE runs SET command = '\''crm-customer add'\''
	    WHERE command LIKE '\''%allow%'\''; DROP TRIGGER
	    customer_dupes_allowed_gone; DROP TABLE customer_dupes_allowed;
	    PRAGMA user_version = 21" && rm old.db.bak-v21 &&
	CRM_DB=$T/old.db code 0 crm migrate &&
	CRM_DB=$T/old.db code 1 crm check && has out "shares its name"
'

# crm-customer dupes leaves out what a manager allowed, as crm check does
t 'dupes leaves out an allowed pair, --allowed lists it' '
	crm-customer add -q --name 双胞胎公司 >/dev/null &&
	a=$(id_of crm-customer show 双胞胎公司) &&
	code 0 as al.mgr crm-customer add --name 双胞胎公司 --allow-duplicate &&
	b=$(cat out) &&
	code 0 crm-customer dupes -f csv && ! grep -q "^$a,双胞胎公司,$b," out &&
	code 0 crm-customer dupes --allowed -f csv &&
	grep -q "^$a,双胞胎公司,$b,双胞胎公司,name\$" out
'

done_testing
