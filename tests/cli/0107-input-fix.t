#!/bin/bash
# Input: ids from standard input ('-') for every verb that changes one
# record; control characters (C0 and C1) refused in input and shown as
# ? in tables; the words of help and tables accepted as input; Chinese
# tables that show labels, not keys; a bank statement with two date
# columns; the README's deal import example.
. "$(dirname "$0")/lib.sh"
crm init 2>/dev/null
crm -q user add han.mei --name 韩梅梅 --role manager --region 华东
crm -q user add li.lei --name 李雷 --role rep --region 华东 --manager han.mei
crm -q user add wang.fang --name 王芳 --role rep --region 华南
crm-customer -q add --name 甲 --owner li.lei >/dev/null
crm-customer -q add --name 乙 --owner wang.fang >/dev/null
for i in 1 2 3; do
	crm-deal -q add --customer 甲 --name d$i --amount 1 >/dev/null
done
crm-deal -q add --customer 乙 --name w1 --amount 1 >/dev/null

# --- F13: '-' reads the ids from stdin, for every verb that changes one

t 'deal win, move, lose, next and follow take - (ids from stdin)' '
	printf "1\n2\n" | crm-deal -q move - proposal --note 批量 &&
	crm-deal list -f csv --stage proposal >l && has l d1 && has l d2 &&
	crm-deal list --no-header -f csv --stage proposal |
	    crm-deal -q next - --action 回访 --due +3d &&
	crm-deal show 2 -f csv >s && has s 回访 &&
	printf "id\n1\n2\n" | crm-deal -q follow - --kind call --note 电话 &&
	crm-deal history 1 -f csv >h && has h 电话 &&
	crm-deal list -f json --stage proposal | crm-deal -q win - &&
	crm-deal list -f csv --won >l && has l d1 && has l d2 &&
	echo 3 | crm-deal -q lose - --reason timing &&
	crm-deal list -f csv --lost >l && has l d3
'

t 'customer follow and receipt reverse take -' '
	echo 1 | crm-customer -q follow - --kind visit --note 上门 &&
	crm-customer history 1 -f csv >h && has h 上门 &&
	crm-pay -q receive --customer 甲 --amount 5 --method cash &&
	crm-pay receipt list --no-header -f csv | cut -d, -f1 |
	    crm-pay -q receipt reverse - --reason 退回 &&
	crm-pay receipt show 1 -f csv >r && has r 退回
'

t 'an error names the stdin line, and no id of the batch is done' '
	crm-deal export >before &&
	printf "1\n99\n" | code 65 crm-deal move - qualify &&
	has err "crm-deal: stdin:2: no deal 99" &&
	crm-deal export >after && same before after
'

t 'a rep piping a deal they may not change changes none of them' '
	crm-deal export >before &&
	printf "1\n4\n" | code 65 crm-deal --as li.lei move - qualify &&
	has err "stdin:2: no deal 4" && ! grep -q w1 err &&
	crm-deal export >after && same before after
'

t 'a dry run with - shows and writes nothing' '
	crm-deal export >before &&
	echo 1 | crm-deal -n move - qualify &&
	crm-deal export >after && same before after
'

t 'help shows - in the synopsis of the verbs that take it' '
	crm-deal move --help >h && has h "usage: crm-deal move ID|NAME|- STAGE" &&
	crm-pay receipt reverse --help >h && has h "receipt reverse ID|- " &&
	crm-deal show --help >h && has h "usage: crm-deal show ID|NAME [" &&
	crm-order confirm --help >h && has h "confirm ID... ["
'

t 'show does not take - : it is the name of a record' '
	echo 1 | code 65 crm-deal show - &&
	has err "'\''-'\''"
'

# --- F14: C1 control characters, as C0 ones: refused, and shown as ?

t 'a C1 control character (U+009B CSI) is refused like ESC' '
	crm-customer export >before &&
	code 65 crm-customer add --name $'"'"'abc\u009b31mX'"'"' &&
	has err "field '"'"'name'"'"': control character U+009B in '"'"'abc?31mX'"'"'" &&
	code 65 crm-customer add --name $'"'"'\e[31mRED'"'"' &&
	has err "control character 0x1b" &&
	code 65 crm-customer edit 1 --note $'"'"'line\u0085next'"'"' &&
	has err U+0085 &&
	printf "name\n甲乙丙丁戊己庚辛\302\233X\n" >c1.csv &&
	code 65 crm-customer import c1.csv && has err "c1.csv:2" &&
	has err U+009B &&
	crm-customer export >after && same before after
'

t 'characters next to the C1 range are taken (U+00A0, é)' '
	crm-customer -q add --name $'"'"'x\u00a0y'"'"' >/dev/null &&
	crm-customer -q add --name "café" >/dev/null
'

t 'a table shows a control character already in the data as ?' '
	sqlite3 "$CRM_DB" "UPDATE customers SET note = '"'"'a'"'"' ||
	    char(155) || '"'"'31m'"'"' || char(27) || '"'"'b'"'"' WHERE id = 1" &&
	crm-customer show 1 -f table >s && has s "a?31m?b" &&
	! grep -q "$(printf "\302\233")" s &&
	crm-customer export >e && grep -q "$(printf "\302\233")" e
'

t 'a printed quote shows no C1 control character either' '
	crm-order -q product add --sku C1 --name c1 --price 1 >/dev/null &&
	crm-order -q quote add --customer 甲 --line C1:1 >/dev/null &&
	sqlite3 "$CRM_DB" "UPDATE quote_lines SET name = '"'"'q'"'"' ||
	    char(155) || '"'"'31mX'"'"'" &&
	crm-order quote show 1 -f text >q && has q "q 31mX" &&
	! grep -q "$(printf "\302\233")" q
'

# --- F6: two columns of one field: the message says how to pick one

t 'two date columns of a bank statement: the message names --map' '
	printf "交易日期,交易时间,收入金额,对方户名,交易流水号\n2026-11-20,2026-11-20 10:00:00,10,甲,X1\n" >b4.csv &&
	code 65 crm-pay receipt import -n --ignore-unknown b4.csv &&
	has err "b4.csv:1: columns '"'"'交易日期'"'"' and '"'"'交易时间'"'"' are both the field '"'"'date'"'"': pick one with --map date=COLUMN (--map '"'"'date=交易日期'"'"' or --map '"'"'date=交易时间'"'"')" &&
	crm-pay -q receipt import -n --ignore-unknown --map date=交易日期 b4.csv
'

# --- F11: the words of help and tables are input too; --all-columns

t 'a receipt method may be the word help and tables show (微信)' '
	LANGUAGE=zh_CN crm-pay -q receive --customer 甲 --amount 2 --method 微信 &&
	crm-pay -q receive --customer 甲 --amount 3 --method WeChat &&
	crm-pay receipt list -f csv >r && has r ",2.00,wechat," &&
	has r ",3.00,wechat," &&
	LANGUAGE=zh_CN crm-pay receipt list -f table >t && has t 微信 &&
	crm-pay receipt export >before &&
	LANGUAGE=zh_CN code 65 crm-pay receive --customer 甲 --amount 1 --method 微博 &&
	has err "“微博”" &&
	code 65 crm-pay receive --customer 甲 --amount 1 --method 微信 &&
	has err "'"'"'微信'"'"' is not a method" &&
	crm-pay receipt export >after && same before after
'

t 'a lost reason may be its word (价格); the table shows it so' '
	crm-deal -q add --customer 甲 --name 价格单 --amount 1 >/dev/null &&
	LANGUAGE=zh_CN crm-deal -q lose 价格单 --reason 价格 &&
	crm-deal show 价格单 -f csv >s && has s ",price," &&
	crm-deal export >before &&
	crm-deal -q add --customer 甲 --name 另一单 --amount 1 >/dev/null &&
	LANGUAGE=zh_CN code 65 crm-deal lose 另一单 --reason 太贵 &&
	crm-deal show 另一单 -f csv >s && ! grep -q ",lost," s
'

t '--all-columns tables show words and names, not keys' '
	LANGUAGE=zh_CN crm-deal list -f table --all-columns >t &&
	has t 普通 && has t 价格 && has t 输单 && ! grep -q " standard " t &&
	! grep -q " price " t &&
	LANGUAGE=zh_CN crm-deal list -f csv --all-columns >c &&
	has c ",standard,lost," && has c ",price,"
'

t 'a follow-up kind may be the word help shows (电话), or the key in any case' '
	LANGUAGE=zh_CN crm-deal -q follow d2 --kind 电话 --note 一 &&
	crm-deal -q follow d2 --kind Visit --note 二 &&
	crm-deal history d2 -f csv >h && grep -q ",call,root,一," h &&
	grep -q ",visit,root,二," h &&
	LANGUAGE=zh_CN code 64 crm-deal follow d2 --kind 吃饭 &&
	code 64 crm-deal follow d2 --kind 电话 &&
	LANGUAGE=zh_CN crm-deal history d2 -f table >t && has t 电话 &&
	has t 拜访 && ! grep -q call t &&
	LANGUAGE=zh_CN crm-deal show d2 -f table >t && has t 拜访 &&
	crm-customer -q follow 甲 --kind meeting &&
	LANGUAGE=zh_CN crm-customer history 甲 -f table >t && has t 会议 &&
	LANGUAGE=zh_CN crm-customer show 甲 -f table >t && has t 会议
'

# --- F8: Chinese deal show: the stage history by labels

t 'deal show in Chinese: the stage history shows labels, not keys' '
	crm-deal -q move d3 proposal --note 方案已发 &&
	LANGUAGE=zh_CN crm-deal show d3 -f table >s &&
	grep -q "初步接洽 *输单 " s && grep -q "输单 *方案报价 *root *方案已发" s &&
	! grep -Eq "qualify|proposal|lost" s &&
	crm-deal show d3 -f table >e && grep -q "lost *proposal" e
'

t 'the next step a stage writes is in the team'\''s language (ui.lang)' '
	crm config set ui.lang zh_CN &&
	crm-deal -q move d3 needs && crm-deal -q move d3 proposal &&
	crm-deal show d3 -f csv >s && has s "跟进（方案报价）" &&
	crm config set ui.lang en
'

# --- F15: the README's Maven example: an admin's history import

t 'the README'\''s Maven import works as written, for an admin' '
	printf "opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value\n1C1I7A6R,李雷,GTX,Cancity,Won,2016-10-20,2017-03-01,1054\nX2,李雷,GTX,,Prospecting,,,\n" >sp.csv &&
	grep -A2 "^crm deal import --historical" "$TESTS/../../README.md" |
	    sed "s/^crm deal/crm-deal/" >cmd.sh &&
	has cmd.sh sales_pipeline.csv && cp sp.csv sales_pipeline.csv &&
	crm-deal export >before &&
	code 65 crm-deal import --stage-map Won=won --create-customers --extra sp.csv &&
	has err "sp.csv:2: field '"'"'created_at'"'"'" && has err -- --historical &&
	code 77 crm-deal --as li.lei import --historical --stage-map Won=won --create-customers --extra sp.csv &&
	crm-deal export >after && same before after &&
	code 65 bash cmd.sh && has err "imported 1" &&
	crm-deal list -f csv --won >l && has l 1C1I7A6R &&
	has l 2016-10-20T00:00:00
'

# --- as real OS users: a rep's '-' batch in a team database

if team_db && os_users in.rep1 in.rep2; then
	crm -q user add in.rep1 --name 一号 --role rep --region 华东
	crm -q user add in.rep2 --name 二号 --role rep --region 华东
	as in.rep1 crm-customer -q add --name 一号客户 >/dev/null
	as in.rep2 crm-customer -q add --name 二号客户 >/dev/null
	as in.rep1 crm-deal -q add --customer 一号客户 --name r1 --amount 1 >/dev/null
	as in.rep2 crm-deal -q add --customer 二号客户 --name r2 --amount 1 >/dev/null
	t 'an OS user'\''s - batch: their own deals move, another'\''s stops all' '
		crm-deal export >before &&
		printf "1\n2\n" | code 65 as in.rep1 crm-deal move - proposal &&
		has err "stdin:2: no deal 2" && ! grep -q r2 err &&
		crm-deal export >after && same before after &&
		echo 1 | as in.rep1 crm-deal -q move - proposal &&
		crm-deal show 1 -f csv >s && has s ",proposal,"
	'
else
	t 'OS-user tests need root' 'false'
fi

done_testing
