#!/bin/bash
# A direct load holds back a record whose key its filters may have seen
# (lib/import-stage.c, hold): staged with the id it would have had, it
# is a copy of an earlier record, or goes in once the copies are found.
# CRM_IMPORT_FILTER_BITS=9 makes the filters so small that most records
# are held back, as false hits would be: the records, their ids, the
# rejects and the summary must be what the full filters give.
. "$(dirname "$0")/lib.sh"
crm init 2>/dev/null
{
	echo login,name,role,region
	for i in $(seq -w 1 20); do echo "rep$i,Rep $i,rep,华东"; done
} | crm -q user import -
"$CRM_BUILD/tools/gen-customers" 3000 --seed 5 --bad-pct 3 --dup-pct 5 \
	>big.csv
for d in small one empty; do cp crm.db $d.db; done
opts="--partial --on-duplicate skip --historical --ignore-cap"

t 'small filters: the same records, ids, rejects and summary' '
	code 65 crm-customer import $opts --rejects rej.full big.csv &&
	cp err sum.full &&
	code 65 env CRM_IMPORT_FILTER_BITS=9 crm-customer --db small.db \
		import $opts --rejects rej.small big.csv &&
	same sum.full err && same rej.full rej.small &&
	test "$(wc -l <rej.full)" -gt 80 &&
	crm-customer export >a.csv &&
	crm-customer --db small.db export >b.csv &&
	same a.csv b.csv && test "$(wc -l <a.csv)" -gt 2500
'

t 'on one thread too' '
	code 65 env CRM_IMPORT_FILTER_BITS=9 CRM_IMPORT_THREADS=1 \
		crm-customer --db one.db import $opts big.csv &&
	same sum.full err &&
	crm-customer --db one.db export >c.csv && same a.csv c.csv
'

cat >ids.csv <<'CSV'
name,phone,city
甲公司,13800000001,上海
乙公司,13800000002,上海
甲公司,13800000003,上海
丙公司,13800000004,北京
丁公司,13800000002,北京
戊公司,13800000005,北京
CSV

t 'ids in the order of the file, a copy skipped, whatever the filters' '
	for b in 9 26; do
		rm -f i$b.db && cp empty.db i$b.db &&
		code 65 env CRM_IMPORT_FILTER_BITS=$b crm-customer --db i$b.db \
			import --partial --ignore-cap --rejects r$b.csv ids.csv &&
		has r$b.csv "4,duplicate of line 2 (same name)" &&
		has r$b.csv "6,duplicate of line 3 (same phone)" &&
		sqlite3 i$b.db "SELECT id, name FROM customers ORDER BY id" \
			>ids.$b || exit 1
	done &&
	printf "1|甲公司\n2|乙公司\n4|丙公司\n6|戊公司\n" >ids.want &&
	same ids.want ids.9 && same ids.want ids.26
'

cat >mixed.csv <<'CSV'
id,name
,乙公司
1,甲公司
,丁公司
3,丙公司
CSV

t 'ids of their own and none: the file'"'"'s first, the others after' '
	cp empty.db m1.db && cp empty.db m2.db &&
	crm-customer --db m1.db -q import --ignore-cap mixed.csv &&
	crm-customer --db m2.db -q import mixed.csv &&
	printf "1|甲公司\n3|丙公司\n4|乙公司\n5|丁公司\n" >mixed.want &&
	sqlite3 m1.db "SELECT id, name FROM customers ORDER BY id" >m1.out &&
	sqlite3 m2.db "SELECT id, name FROM customers ORDER BY id" >m2.out &&
	same mixed.want m1.out && same mixed.want m2.out
'

cat >extra.csv <<'CSV'
name,phone,微信
甲公司,13800000001,
乙公司,13800000002,
丙公司,13800000003,wx-c
CSV

t 'a record held back brings its custom field; undo takes it out' '
	cp empty.db x.db &&
	code 0 env CRM_IMPORT_FILTER_BITS=9 crm-customer --db x.db import \
		--extra --ignore-cap extra.csv &&
	has err "imported 3," &&
	test "$(sqlite3 x.db "SELECT name FROM custom_fields")" = 微信 &&
	crm-customer --db x.db show 丙公司 >show.out &&
	has show.out wx-c &&
	run=$(sqlite3 x.db "SELECT max(created_run) FROM customers") &&
	crm --db x.db -q undo "$run" &&
	test "$(sqlite3 x.db "SELECT count(*) FROM customers")" = 0
'

# refused VAR WORDS VALUE...: an import with each VALUE of VAR exits 64
# saying VAR: 'VALUE' WORDS, nothing imported
refused() {
	var=$1 words=$2
	shift 2
	for v in "$@"; do
		cp empty.db bad.db &&
		code 64 env "$var=$v" crm-customer --db bad.db import ids.csv &&
		has err "$var: '$v' $words" &&
		test "$(sqlite3 bad.db "SELECT count(*) FROM customers")" = 0 ||
			return 1
	done
}

t 'CRM_IMPORT_THREADS other than 1 or 2: 64, nothing read' '
	refused CRM_IMPORT_THREADS "is not 1 or 2" x 3 "1 " &&
	code 0 env CRM_IMPORT_THREADS=2 crm-customer --db bad.db -q import \
		--ignore-cap mixed.csv
'

t 'CRM_IMPORT_FILTER_BITS that is not a number of bits: 64, nothing read' '
	refused CRM_IMPORT_FILTER_BITS "is not a number of bits (9 to 30)" \
		x 8 31 "9 "
'
done_testing
