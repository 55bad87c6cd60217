#!/bin/bash
# Masked pool contacts stay masked however a rep asks (design/data.md,
# quality.md "masking"): the duplicate check of import, add, edit and set
# does not give a masked phone away, masks hide at least half of a
# number, a sort by phone orders what the rep sees; and --search and the
# import's plan do what the man page says. Run as real OS users.
. "$(dirname "$0")/lib.sh"
team_db || { echo "not ok 1 - access tests need root: $(os_users 2>&1)"; exit 1; }
os_users pm.mgr pm.rep
crm -q user add pm.mgr --name 经理 --role manager --region 华东
crm -q user add pm.rep --name 代表 --role rep --region 华东 --manager pm.mgr
cat >seed.csv <<'CSV'
id,name,phone,email,region,owner
3011,宁波港口物流有限公司,13900139003,ningbo@port.cn,华东,
3012,Rep Own Two,13900139002,,华东,pm.rep
3014,Rep Own Four,13900139004,,华东,pm.rep
3020,Short Pool,62345678,ab@short.cn,华东,
3021,Paren Pool,(5) 555-3932,x@paren.cn,华东,
3022,Ten Pool,0571888812,,华东,
3023,Six Pool,553932,,华东,
3024,Ext Pool,0571-88881234-801,,华东,
CSV
crm-customer import -q seed.csv

# nothing in ./out or ./err names the pool customer 3011 or shows its
# phone or email
clean() {
	if grep -n "3011\|宁波\|13900139003\|ningbo" out err; then
		echo "the masked pool customer leaked"
		return 1
	fi
}

# the rep's runs in the log whose command starts with $1
runs() {
	as pm.rep crm log | cut -d, -f5 | grep -c "^$1" || true
}

t 'the pool customer is visible to the rep, its phone masked' '
	as pm.rep crm-customer show 3011 -f csv >c &&
	has c ",139****9003,n***@port.cn,"
'

t 'import -n: a masked phone hit names no id, name or phone, and is logged' '
	printf "name,phone\nCand 1,13900139001\nCand 2,13900139003\nCand 3,13900139005\n" >probe.csv &&
	before=$(runs "(dry run)") &&
	code 65 as pm.rep crm-customer import -n probe.csv && clean &&
	has out "3,duplicate,,a customer with the same phone exists in the pool '\''华东'\''" &&
	test "$(runs "(dry run)")" -eq $((before + 1)) &&
	code 0 as pm.rep crm-customer import -n --on-duplicate skip probe.csv && clean &&
	has out "3,duplicate,,a customer with the same phone exists in the pool" &&
	code 65 as pm.rep crm-customer import -n --on-duplicate update probe.csv && clean &&
	has out "3,duplicate,,a customer with the same phone exists in the pool"
'

t 'masked phone hits count toward import.max_probe (77, logged)' '
	printf "name,phone\nCand 1,13900139003\nCand 2,62345678\n" >two.csv &&
	crm config set import.max_probe 1 &&
	code 77 as pm.rep crm-customer import -n two.csv && clean &&
	has err "2 records duplicate customers you may not see" &&
	before=$(runs "(refused)") &&
	code 77 as pm.rep crm-customer import --on-duplicate skip two.csv && clean &&
	test "$(runs "(refused)")" -eq $((before + 1)) &&
	crm config unset import.max_probe
'

t 'an import that only skips a masked hit writes nothing but a trace' '
	printf "name,phone\nCand 2,13900139003\n" >one.csv &&
	before=$(runs "(no change)") &&
	code 0 as pm.rep crm-customer import --on-duplicate skip one.csv && clean &&
	has err "skipped 1 duplicate," &&
	test "$(runs "(no change)")" -eq $((before + 1))
'

t 'an update row taking a masked phone names nothing, counts and is logged' '
	printf "id,phone\n3012,13900139003\n" >upd.csv &&
	before=$(runs "(refused)") &&
	code 65 as pm.rep crm-customer import --on-duplicate update upd.csv && clean &&
	has err "upd.csv:2: field '\''phone'\'': another customer has the same phone" &&
	test "$(runs "(refused)")" -eq $((before + 1)) &&
	crm config set import.max_probe 0 &&
	code 77 as pm.rep crm-customer import -n --on-duplicate update upd.csv && clean &&
	crm config unset import.max_probe
'

t 'add and add -n: a masked phone hit names nothing, and is logged' '
	crm-customer export >before.csv &&
	before=$(runs "(refused)") &&
	code 65 as pm.rep crm-customer add -n --name z --phone 13900139003 && clean &&
	has err "a customer with the same phone is in the pool '\''华东'\''" &&
	code 65 as pm.rep crm-customer add --name z --phone "139 0013 9003" && clean &&
	test "$(runs "(refused)")" -eq $((before + 2)) &&
	as pm.rep crm log | grep "(refused) crm-customer add -n --name z" &&
	crm-customer export >after.csv && same before.csv after.csv
'

t 'edit and set: a masked phone hit names nothing, and is logged' '
	crm-customer export >before.csv &&
	before=$(runs "(refused)") &&
	code 65 as pm.rep crm-customer edit 3012 --phone 13900139003 && clean &&
	has err "a customer with the same phone is in the pool '\''华东'\''" &&
	code 65 as pm.rep crm-customer set 3012 phone=13900139003 && clean &&
	code 65 as pm.rep crm-customer edit -n 3012 --phone 13900139003 && clean &&
	test "$(runs "(refused)")" -eq $((before + 3)) &&
	crm-customer export >after.csv && same before.csv after.csv
'

t 'a hit by name on a visible pool customer still names it' '
	code 65 as pm.rep crm-customer add --name 宁波港口物流有限公司 &&
	has err "duplicate of customer 3011 '\''宁波港口物流有限公司'\''" &&
	! grep -q 13900139003 err
'

t 'without masking (a manager, or mask_contacts off) the hit is named' '
	code 65 as pm.mgr crm-customer add -n --name z --phone 13900139003 &&
	has err "duplicate of customer 3011" &&
	crm config set pool.mask_contacts false &&
	code 65 as pm.rep crm-customer add -n --name z --phone 13900139003 &&
	has err "duplicate of customer 3011" &&
	crm config unset pool.mask_contacts
'

t 'masks hide at least half of the digits; 11 digits stay 138****5678' '
	as pm.rep crm-customer list --pool -f csv --no-header | cut -d, -f1,4,5 >m &&
	printf "%s\n" "3011,139****9003,n***@port.cn" "3020,62****78,a***@short.cn" \
		"3021,55****32,***@paren.cn" "3022,05****12," "3023,****32," \
		"3024,057****1234," >want &&
	same want m
'

t 'a sort by phone orders what the rep sees, both ways' '
	as pm.rep crm-customer list --sort phone -f csv --no-header | cut -d, -f4 >s &&
	printf "%s\n" "****32" "05****12" "057****1234" "139****9003" \
		"13900139002" "13900139004" "55****32" "62****78" >want &&
	same want s &&
	as pm.rep crm-customer list --sort -phone -f csv --no-header | cut -d, -f4 >s &&
	sort -r want >rwant && same rwant s
'

t '--search looks in each field on its own' '
	crm-customer add -q --name Alpha --contact Beta >/dev/null &&
	crm-customer add -q --name "Cook贸易" --phone 15100000001 >/dev/null &&
	crm-customer list --search habe --no-header >s && test ! -s s &&
	crm-customer list --search ok1 --no-header >s && test ! -s s &&
	crm-customer list --search "贸易1" --no-header >s && test ! -s s &&
	crm-customer list --search lph --no-header >s && test "$(wc -l <s)" -eq 1 &&
	crm-customer list --search eta --no-header >s && has s Alpha &&
	crm-customer list --search 1510000 --no-header >s && has s Cook &&
	crm-customer list --search port.cn --no-header >s && has s 3011 &&
	as pm.rep crm-customer list --search port.cn --no-header >s && test ! -s s
'

t 'the plan says what the real run does to each duplicate, in the file or not' '
	printf "name,phone\nNew Co,13700000001\nNew Co,13700000002\nRep Own Two,13700000003\n" >d.csv &&
	code 65 crm-customer import -n d.csv &&
	has out "3,duplicate,,duplicate of line 2 (same name)" &&
	has out "4,duplicate,3012,duplicate of customer 3012" &&
	code 65 crm-customer import --partial --rejects r.csv d.csv &&
	has err "imported 1, updated 0, skipped 0 duplicates, rejected 2" &&
	crm undo "$(crm log | tail -1 | cut -d, -f1)" &&
	code 0 crm-customer import -n --on-duplicate skip d.csv &&
	has out "3,duplicate,,duplicate of line 2 (same name)" &&
	has out "4,duplicate,3012,duplicate of customer 3012"
'

t 'a later copy of a rejected record is a duplicate of it' '
	printf "name,tier,phone,email\nBad Tier,Z,13700000011,\nGood,,13700000011,a@b.cn\nBAD tier,,,c@d.cn\nOther,,13700000012,\n" >b.csv &&
	code 65 crm-customer import -n b.csv &&
	has out "2,reject,,\"field '\''tier'\'': '\''Z'\'' is not a tier" &&
	has out "3,duplicate,,duplicate of line 2 (same phone)" &&
	has out "4,duplicate,,duplicate of line 2 (same name)" &&
	has out "5,create,," &&
	code 65 crm-customer import -n --on-duplicate skip --partial b.csv &&
	has out "3,duplicate,,duplicate of line 2 (same phone)" &&
	code 65 crm-customer import -n --on-duplicate update --partial b.csv &&
	has out "3,duplicate,,duplicate of rejected line 2 (same phone)" &&
	has out "4,duplicate,,duplicate of rejected line 2 (same name)"
'
done_testing
