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

t 'show does not take - : it is the name of a record' '
	echo 1 | code 65 crm-deal show - &&
	has err "'\''-'\''"
'

done_testing
