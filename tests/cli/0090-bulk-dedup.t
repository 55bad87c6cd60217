#!/bin/bash
# The copies a file has of its own records are found after the read
# (lib/import-dedup.c: one window query per key over the keys, nothing
# held in memory per record), in a direct load as in the staged path:
# the same rejects, the same words, the line of the first record, a
# loaded copy taken out of the table again.
. "$(dirname "$0")/lib.sh"
crm init 2>/dev/null
crm -q user add li.lei --name 李雷 --role rep --region 华东
cat >dup.csv <<'CSV'
name,phone,city
甲公司,13800000001,上海
乙公司,电话坏了,上海
甲公司,13800000002,上海
丙公司,13800000001,北京
乙公司,13800000003,上海
丁公司,13800000002,北京
戊公司,,上海
甲 公 司,,北京
CSV

t 'a direct load: copies of loaded and bad records, by their first key' '
	code 65 crm-customer import dup.csv &&
	has err "dup.csv:3: field '"'"'phone'"'"'" &&
	has err "dup.csv:4: duplicate of line 2 (same name)" &&
	has err "dup.csv:5: duplicate of line 2 (same phone)" &&
	has err "dup.csv:6: duplicate of line 3 (same name)" &&
	has err "dup.csv:7: duplicate of line 4 (same phone)" &&
	has err "dup.csv:9: duplicate of line 2 (same name)" &&
	test "$(grep -c "dup.csv:" err)" = 6 && cp err err1 &&
	test "$(sqlite3 crm.db "SELECT count(*) FROM customers")" = 0
'

t 'the plan of a dry run says the same; --partial imports the rest' '
	crm-customer import --dry-run -f csv dup.csv >plan.csv || true &&
	has plan.csv "4,duplicate,,duplicate of line 2 (same name)" &&
	has plan.csv "7,duplicate,,duplicate of line 4 (same phone)" &&
	has plan.csv "8,create,," &&
	code 65 crm-customer import --partial \
		--rejects rej.csv dup.csv &&
	sqlite3 crm.db "SELECT name FROM customers ORDER BY id" >names &&
	printf "甲公司\n戊公司\n" >want && same want names &&
	printf "%s\n" "name,phone,city,line,reason" \
	    "乙公司,电话坏了,上海,3,$(sed -n "s/^.*v:3: //p" err1)" \
	    "甲公司,13800000002,上海,4,duplicate of line 2 (same name)" \
	    "丙公司,13800000001,北京,5,duplicate of line 2 (same phone)" \
	    "乙公司,13800000003,上海,6,duplicate of line 3 (same name)" \
	    "丁公司,13800000002,北京,7,duplicate of line 4 (same phone)" \
	    "甲 公 司,,北京,9,duplicate of line 2 (same name)" >want.csv &&
	same want.csv rej.csv &&
	code 0 crm check
'

t 'the staged path (a table not empty) rejects the same records' '
	rm -f crm.db && crm init 2>/dev/null &&
	crm-customer -q add --name 先来的 &&
	code 65 crm-customer import --partial \
		--rejects rej2.csv dup.csv &&
	same want.csv rej2.csv
'

t 'ids: the same id twice (012 is 12), a good record after a bad one' '
	rm -f crm.db && crm init 2>/dev/null &&
	printf "id,name\n12,一号\n7,二号\n012,三号\n9,\n9,四号\n" \
		>ids.csv &&
	code 65 crm-customer import --historical ids.csv &&
	has err "ids.csv:4: duplicate of line 2 (same id)" &&
	has err "ids.csv:6: duplicate of line 5 (same id)" &&
	code 65 crm-customer import --historical --partial ids.csv &&
	sqlite3 crm.db "SELECT id, name FROM customers ORDER BY id" >rows &&
	printf "7|二号\n12|一号\n" >want && same want rows
'

t 'a key the schema keeps unique (a sku): a copy, not a failure' '
	printf "sku,name,price\nP-1,Nic,10\np-1,Nic 2,12\nP-2,Fibre,5\n" \
		>p.csv &&
	code 65 crm-order product import p.csv &&
	has err "p.csv:3: duplicate of line 2 (same sku)" &&
	code 65 crm-order product import --partial p.csv &&
	test "$(sqlite3 crm.db "SELECT count(*) FROM products")" = 2 &&
	code 0 crm check
'

t 'in Chinese, the same lines' '
	rm -f crm.db && crm init 2>/dev/null &&
	crm user set "$ME" --lang zh_CN &&
	code 65 crm-customer import dup.csv &&
	has err "dup.csv:4: 与第 2 行重复（名称相同）" &&
	has err "dup.csv:7: 与第 4 行重复（电话相同）"
'

t 'lines after a record of two lines, a blank row, a bad and a held one' '
	{
		echo "name,phone,note,owner"
		for i in $(seq 1 12); do echo "公司$i,1390000$((1000 + i)),,"; done
		printf "%s\n" "公司13,13900002013,\"两行" "的备注\","
		echo ",,,"
		echo "公司14,坏电话,,"
		echo "公司15,13900002015,,nobody"
		for i in $(seq 16 24); do echo "公司$i,1390000$((1000 + i)),,"; done
		echo "公司2,,,"
		echo "公司x,13900002013,,"
		echo "公司16,,,"
		echo "公司y,13900001024,,"
		echo "公司14,,,"
		echo "公司15,,,"
	} >shift.csv &&
	rm -f crm.db && crm init 2>/dev/null &&
	code 65 crm-customer import --partial --rejects rs1.csv shift.csv &&
	sqlite3 crm.db "SELECT name FROM customers ORDER BY id" >n1 &&
	rm -f crm.db && crm init 2>/dev/null &&
	crm-customer -q add --name 先来的 &&
	code 65 crm-customer import --partial --rejects rs2.csv shift.csv &&
	sqlite3 crm.db "SELECT name FROM customers WHERE name <> '"'"'先来的'"'"'
		ORDER BY id" >n2 &&
	same rs1.csv rs2.csv && same n1 n2 &&
	has rs1.csv "公司2,,,,28,duplicate of line 3 (same name)" &&
	has rs1.csv "公司x,13900002013,,,29,duplicate of line 14 (same phone)" &&
	has rs1.csv "公司16,,,,30,duplicate of line 19 (same name)" &&
	has rs1.csv "公司y,13900001024,,,31,duplicate of line 27 (same phone)" &&
	has rs1.csv "公司14,,,,32,duplicate of line 17 (same name)" &&
	has rs1.csv "公司15,,,,33,duplicate of line 18 (same name)" &&
	code 0 crm check
'

done_testing
