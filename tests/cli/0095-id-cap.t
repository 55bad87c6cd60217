#!/bin/bash
# Ids are at most 2^53 - 1 (a JSON reader keeps them exact). A new record
# whose next id would pass that gets the highest free id below it — by
# add, by an import's staged path and by its direct (bulk) load — so
# that an export always imports again.
. "$(dirname "$0")/lib.sh"
crm init 2>/dev/null
MAX=9007199254740991

ids() {
	"$@" list -f csv | sed 1d | cut -d, -f1 | sort -n | tr "\n" " "
}
# id_of TOOL... NAME: the id of the record of that name
id_of() {
	"$@" -f csv | sed -n 2p | cut -d, -f1
}

t 'add after an explicit max id: the highest free ids below the cap' '
	code 0 crm-customer add --name 甲 && test "$(cat out)" = 1 &&
	code 0 crm-customer add --name 乙 --set id=$MAX &&
	test "$(cat out)" = $MAX &&
	code 0 crm-customer add --name 丙 && test "$(cat out)" = $((MAX - 1)) &&
	code 0 crm-customer add --name 丁 && test "$(cat out)" = $((MAX - 2)) &&
	code 0 crm check
'

t 'an id past the cap is refused (65), the database unchanged' '
	ids crm-customer >before &&
	code 65 crm-customer add --name 戊 --set id=$((MAX + 1)) &&
	has err "9007199254740991" &&
	ids crm-customer >after && same before after
'

t 'the next id after one below the cap is SQLite'\''s, then free ones below' '
	crm-order -q product add --sku P1 --name 一 --set id=$((MAX - 1)) &&
	code 0 crm-order product add --sku P2 --name 二 &&
	test "$(cat out)" = $MAX &&
	code 0 crm-order product add --sku P3 --name 三 &&
	test "$(cat out)" = $((MAX - 2))
'

t 'import, staged path (a table not empty): ids below the cap, in file order' '
	printf "name\n戊\n己\n" >more.csv &&
	code 0 crm-customer import more.csv &&
	test "$(id_of crm-customer show 戊)" = $((MAX - 3)) &&
	test "$(id_of crm-customer show 己)" = $((MAX - 4)) &&
	printf "id,name\n,庚\n$((MAX - 5)),辛\n,壬\n" >mixed.csv &&
	code 0 crm-customer import mixed.csv &&
	test "$(id_of crm-customer show 庚)" = $((MAX - 6)) &&
	test "$(id_of crm-customer show 辛)" = $((MAX - 5)) &&
	test "$(id_of crm-customer show 壬)" = $((MAX - 7)) &&
	code 0 crm check
'

t 'import: the next ids up to the cap, then free ones below it' '
	export CRM_DB=$T/near.db && crm init 2>/dev/null &&
	crm-order -q product add --sku N0 --name 零 --set id=$((MAX - 2)) &&
	printf "sku,name\nN1,一\nN2,二\nN3,三\nN4,四\n" >n.csv &&
	code 0 crm-order product import n.csv &&
	crm-order product list -f csv | sed 1d | cut -d, -f1,2 | sort >got &&
	printf "%s\n" "$((MAX - 1)),N1" "$((MAX - 2)),N0" "$((MAX - 3)),N3" \
	    "$((MAX - 4)),N4" "$MAX,N2" | sort >want && same want got
'

t 'import, direct load into an empty table (customers, --ignore-cap)' '
	export CRM_DB=$T/empty.db && crm init 2>/dev/null &&
	printf "id,name\n,子\n$MAX,丑\n,寅\n" >top.csv &&
	code 0 crm-customer import --ignore-cap top.csv &&
	crm-customer list -f csv | sed 1d | cut -d, -f1,2 >got &&
	printf "%s\n" "$((MAX - 2)),寅" "$((MAX - 1)),子" "$MAX,丑" >want &&
	same want got && code 0 crm check
'

t 'import, direct load into an empty table (products: no cap)' '
	export CRM_DB=$T/empty2.db && crm init 2>/dev/null &&
	printf "id,sku,name\n$MAX,A,甲\n,B,乙\n,C,丙\n" >p.csv &&
	code 0 crm-order product import p.csv &&
	crm-order product list -f csv | sed 1d | cut -d, -f1,2 >got &&
	printf "%s\n" "$((MAX - 2)),C" "$((MAX - 1)),B" "$MAX,A" >want &&
	same want got
'

t 'an import past the cap is undone by its run; a dry run writes nothing' '
	export CRM_DB=$T/empty2.db &&
	printf "sku,name\nD,丁\n" >d.csv &&
	code 0 crm-order product import -n d.csv &&
	test "$(crm-order product list -f csv | wc -l)" = 4 &&
	code 0 crm-order product import d.csv &&
	test "$(id_of crm-order product show 丁)" = $((MAX - 3)) &&
	run=$(sqlite3 "$CRM_DB" "SELECT max(id) FROM runs") &&
	code 0 crm undo "$run" &&
	test "$(crm-order product list -f csv | wc -l)" = 4
'

t 'orders: add and order import (its own writer) after an explicit max id' '
	export CRM_DB=$T/orders.db && crm init 2>/dev/null &&
	crm-customer -q add --name 客户 >/dev/null &&
	crm-order -q product add --sku X --name 货 --price 10 >/dev/null &&
	code 0 crm-order add --customer 1 --line X:1 --set id=$MAX &&
	{ echo number,date,customer,status,sku,qty &&
	  echo A-1,2026-11-20,客户,draft,X,1 &&
	  echo A-2,2026-11-20,客户,draft,X,2 &&
	  echo A-1,2026-11-20,客户,draft,X,3; } >o.csv &&
	code 0 crm-order import o.csv &&
	crm-order list -f csv | sed 1d | cut -d, -f1,2 | sort >got &&
	printf "%s\n" "$((MAX - 1)),A-1" "$((MAX - 2)),A-2" | sort >want &&
	grep -v ",SO-" got >got2 && same want got2 &&
	code 0 crm-order add --customer 1 --line X:1 &&
	test "$(cat out)" = $((MAX - 3)) && code 0 crm check
'

t 'an export with ids at the cap imports again into a fresh database' '
	crm-customer export >a.csv &&
	export CRM_DB=$T/fresh.db && crm init 2>/dev/null &&
	code 0 crm-customer import --historical --extra a.csv &&
	crm-customer export >b.csv && same a.csv b.csv &&
	code 0 crm-customer add --name 新来的 &&
	test "$(cat out)" = $((MAX - 8)) &&
	crm-customer export >c.csv && export CRM_DB=$T/fresh2.db &&
	crm init 2>/dev/null &&
	code 0 crm-customer import --historical --extra --ignore-cap c.csv &&
	crm-customer export >d.csv && same c.csv d.csv
'

done_testing
