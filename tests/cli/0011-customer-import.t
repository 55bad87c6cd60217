#!/bin/bash
# crm-customer import: headers and aliases, the bad-input catalogue end
# to end (database unchanged), duplicates, --partial, --dry-run plans,
# encodings, undo, and the round trip through every format.
. "$(dirname "$0")/lib.sh"
crm init 2>/dev/null
crm -q user add li.lei --name 李雷 --role rep --region 华东

# unchanged: the export equals the one taken before ($1 names the step)
unchanged() {
	crm-customer export >now.csv && same before.csv now.csv
}

t 'Chinese headers map to fields; rows without owner go to the pool' '
	cat >cn.csv <<-\EOF &&
	客户名称,联系人,手机,城市,战区,级别,负责人,标签,备注
	北京东方科技有限公司,张三,13800138000,北京,华北,A,li.lei,vip;重点,老客户
	"ACME, Inc.",John,+1 415 555 0100,SF,华东,b,,,"says ""hi"""
	EOF
	code 0 crm-customer import cn.csv &&
	has err "imported 2, updated 0, skipped 0 duplicates, rejected 0" &&
	crm-customer export >all.csv &&
	has all.csv "1,北京东方科技有限公司,张三,13800138000,,,北京,华北,,,A,prospect,li.lei,," &&
	has all.csv ",vip;重点" &&
	has all.csv "2,\"ACME, Inc.\",John,+1 415 555 0100,,,SF,华东,,,B,prospect,,华东," &&
	crm-customer export >before.csv
'

t 'the whole import is one run: log shows it, undo takes it back' '
	run=$(crm log --entity customer | tail -1 | cut -d, -f1) &&
	crm log --run "$run" >l && test "$(wc -l <l)" -eq 3 &&
	has l ",customer,2,create,name,,\"ACME, Inc.\"" &&
	crm undo "$run" && crm-customer export >e &&
	test "$(wc -l <e)" -eq 1 &&
	crm-customer import -q cn.csv && crm-customer export >before.csv
'

# The bad-input catalogue: each ends in a clear message with the line,
# exit 65, and the database as it was.
bad() {
	# bad WHAT EXPECTED-MESSAGE FILE
	what=$1 msg=$2 file=$3
	t "bad input: $what" '
		code 65 crm-customer import '"$file"' &&
		has err "'"$msg"'" && unchanged
	'
}

printf 'name,phone\nX1,13100000001\nab"c,2\n' >stray.csv
bad 'a stray quote' 'stray.csv:3: malformed quotes in field 1' stray.csv
printf 'name,phone\nX1,13100000001\nX2,"open\nmore\n' >unterminated.csv
bad 'an unterminated quote' 'opened on line 3 is never closed' unterminated.csv
printf 'name,phone\nX1,13100000001\nX2\n' >ragged.csv
bad 'a ragged row' 'ragged.csv:3: 1 field, but the header has 2' ragged.csv
: >empty.csv
bad 'an empty file' 'empty.csv: empty input, expected a header row' empty.csv
printf 'name,,phone\nX1,,1\n' >blank.csv
bad 'a blank header' 'blank.csv:1: column 2 of the header has no name' blank.csv
printf 'name,phone,Phone\nX1,1,2\n' >duphdr.csv
bad 'a duplicate header' "column 'Phone' appears twice" duphdr.csv
printf 'name,phone\nX1,131\0000001\n' >nul.csv
bad 'a NUL byte' 'nul.csv:2: NUL byte' nul.csv
printf 'name,phone\nX1,13100000001\nX\377,2\n' >latin.csv
bad 'invalid UTF-8' 'latin.csv:3: not valid UTF-8' latin.csv
printf '\xbf\xcd\xbb\xa7\xc3\xfb\xb3\xc6,\xca\xd6\xbb\xfa\r\n\xd5\xc5\xc8\xfd,13100000009\r\n' >gbk.csv
bad 'GB18030 without --encoding' 'gbk.csv:1: not valid UTF-8' gbk.csv
head -c 2200000 /dev/zero | tr '\0' x | sed '1s/^/name,note\nX1,/' >big.csv
bad 'a 2 MiB field' 'big.csv:2: field 2 is longer than 1 MiB' big.csv
printf 'name,phnoe\nX1,1\n' >typo.csv
bad 'an unknown column' "unknown column 'phnoe'" typo.csv
printf 'name,phone\nX1,1.38E+10\n' >sci.csv
bad 'a phone in scientific notation' "sci.csv:2: field 'phone': '1.38E+10' is a number in scientific notation" sci.csv
printf -- '- name: X1\n  phone: [[[[1]]]]\n' >nest.yaml
bad 'nested yaml' 'nest.yaml:2:' nest.yaml
printf -- '- &a {name: X1}\n- *a\n' >alias.yaml
bad 'yaml aliases' 'anchors and aliases are not supported' alias.yaml
printf '%100000s' '' | tr ' ' '[' >deep.json
bad '100 000 nested brackets' 'deep.json:1:' deep.json
printf 'name,phone,tier\nGood One,13100000001,A\nBad Phone,12x,A\nBad Tier,13100000003,F\n,13100000004,B\n' >mixed.csv
bad 'several bad records: every one named' \
	"mixed.csv:3: field 'phone': '12x' is not a phone number" mixed.csv

t 'every bad record is reported, then a count' '
	code 65 crm-customer import mixed.csv &&
	has err "mixed.csv:4: field '\''tier'\'': '\''F'\'' is not a tier" &&
	has err "mixed.csv:5: field '\''name'\'': missing" &&
	has err "3 bad records in '\''mixed.csv'\''; nothing imported"
'

t 'the right records: BOM, CRLF, bare CR, no final newline, embedded quotes' '
	printf "\357\273\277name,note\r\nBOM Co,\"a \"\"q\"\"\r\nline\"\r\nCR Co,x" >ok.csv &&
	code 0 crm-customer import ok.csv &&
	crm-customer list --search "bom co" -f json >j &&
	has j "\"note\":\"a \\\"q\\\"\\r\\nline\"" &&
	printf "name\rBare CR Co\rLast Co" >cr.csv &&
	code 0 crm-customer import cr.csv && crm-customer show "Last Co" -f csv >/dev/null &&
	crm-customer export >before.csv
'

t 'a header-only file imports nothing, successfully' '
	printf "name,phone\n" >hdr.csv &&
	code 0 crm-customer import hdr.csv && has err "imported 0" && unchanged
'

t 'GB18030 with --encoding gbk (and auto)' '
	code 0 crm-customer import --encoding gbk gbk.csv &&
	crm-customer show 张三 -f csv >c && has c ",张三,,13100000009," &&
	crm-customer delete 张三 &&
	code 0 crm-customer import --encoding auto gbk.csv &&
	crm-customer delete 张三
'

t 'duplicates of existing customers: error, skip, update' '
	printf "name,phone,city\nACME Inc,,Boston\nNew Co,13800138000,\nFresh Co,13500000000,\n" >dup.csv &&
	code 65 crm-customer import dup.csv &&
	has err "dup.csv:2: duplicate of customer 2 '\''ACME, Inc.'\'' (in the pool 华东): same name" &&
	has err "dup.csv:3: duplicate of customer 1" && unchanged &&
	code 0 crm-customer import --on-duplicate skip dup.csv &&
	has err "imported 1, updated 0, skipped 2 duplicates" &&
	crm-customer show "Fresh Co" -f csv >/dev/null &&
	code 0 crm-customer import --on-duplicate update dup.csv &&
	has err "updated 3, skipped 0" &&
	crm-customer show 2 -f csv >c && has c ",Boston," &&
	crm-customer show 1 -f csv >c && has c "1,New Co,"
'

t 'duplicates within the file name the earlier line' '
	printf "name,phone\nSame Co,13300000001\nSAME  co.,13300000002\nOther,13300000001\n" >inner.csv &&
	crm-customer export >before.csv &&
	code 65 crm-customer import inner.csv &&
	has err "inner.csv:3: duplicate of line 2 (same name)" &&
	has err "inner.csv:4: duplicate of line 2 (same phone)" && unchanged
'

t '--dry-run prints the plan and writes nothing' '
	printf "name,phone\nPlan A,13300000011\nACME Inc,\nPlan B,bad\n" >plan.csv &&
	code 65 crm-customer import -n plan.csv && unchanged &&
	printf "line,action,id,reason\n2,create,,\n3,duplicate,2,duplicate of customer 2 '\''ACME Inc'\'' (in the pool 华东): same name\n4,reject,,field '\''phone'\'': '\''bad'\'' is not a phone number\n" >want &&
	same want out &&
	code 65 crm-customer import -n --on-duplicate skip --partial plan.csv &&
	has out "3,duplicate,2," && unchanged
'

t '--partial imports the good ones and writes the rejects with line and reason' '
	code 65 crm-customer import --partial --rejects rej.csv mixed.csv &&
	has err "imported 1" &&
	head -1 rej.csv >h && echo "name,phone,tier,line,reason" >want && same want h &&
	has rej.csv "Bad Phone,12x,A,3,field '\''phone'\'': '\''12x'\'' is not a phone number" &&
	has rej.csv ",13100000004,B,5,field '\''name'\'': missing" &&
	code 64 crm-customer import --rejects r.csv mixed.csv
'

t '--map names columns; --extra keeps and --ignore-unknown drops unknown ones' '
	printf "Company,Tel,WeChat\nMap Co,13300000021,mapwx\n" >map.csv &&
	code 65 crm-customer import --map "name=Company,phone=Tel" map.csv &&
	has err "unknown column '\''WeChat'\''" &&
	code 0 crm-customer import --map "name=Company,phone=Tel" --extra map.csv &&
	crm-customer show "Map Co" -f json >j && has j "\"WeChat\":\"mapwx\"" &&
	printf "name: Company\nphone: Tel\n" >map.yaml &&
	printf "Company,Tel,Junk\nMap Two,13300000022,x\n" >map2.csv &&
	code 0 crm-customer import --map map.yaml --ignore-unknown map2.csv &&
	printf "Company,Tel,WeChat\nMap Three,13300000023,w3\n" >map3.csv &&
	code 0 crm-customer import --map map.yaml map3.csv &&
	code 64 crm-customer import --map "colour=Company" map.csv
'

t 'an owner must be an active user; a rep imports for themselves' '
	printf "name,owner\nOwned Co,nobody\n" >o.csv &&
	code 65 crm-customer import o.csv && has err "'\''nobody'\'' is not an active rep, manager or admin" &&
	printf "name\nRep Co\n" >r.csv &&
	crm-customer --as li.lei import r.csv &&
	crm-customer show "Rep Co" -f csv >c && has c ",li.lei,,"
'

t 'undo of an import is refused once its customers were touched' '
	printf "name\nTouch Co\n" >touch.csv && crm-customer import touch.csv &&
	run=$(crm log --entity customer | tail -1 | cut -d, -f1) &&
	crm-customer edit "Touch Co" --city X &&
	code 65 crm undo "$run" && has err "was changed since"
'

t 'round trip: export, import into a fresh database, export: identical' '
	crm-customer set 1 微信=wx_1 "note=Line1
Line2 \"q\", x" &&
	crm-customer add --name "😀 Emoji Co" --phone 01388881234 --set "QQ号=0012" >/dev/null &&
	for f in csv tsv yaml json; do
		rm -f fresh.db &&
		crm --db fresh.db init 2>/dev/null &&
		crm user list --all -f yaml | crm --db fresh.db -q user import --from yaml - &&
		crm-customer export -f $f >exp.$f &&
		crm-customer --db fresh.db import -q --historical --extra exp.$f &&
		crm-customer --db fresh.db export -f $f >again.$f &&
		same exp.$f again.$f || exit 1
	done &&
	has exp.csv ",0012," && has exp.csv "😀 Emoji Co,,01388881234"
'

done_testing
