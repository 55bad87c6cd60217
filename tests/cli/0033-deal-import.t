#!/bin/bash
# crm-deal import: a file shaped like Maven's CRM Sales Opportunities
# (made by bench/gen-deals), with a stage map, customers and owners by
# name, --create-customers, the plan, partial and rejects, encodings,
# undo, and who may import what (with --as and as real OS users). The
# figures checked are counted from the file with awk.
. "$(dirname "$0")/lib.sh"
GEN=$CRM_BUILD/tools/gen-deals
MAP='Prospecting=qualify,Engaging=needs,Won=won,Lost=lost'
crm init 2>/dev/null
crm -q user add han.mei --name 韩梅梅 --role manager
crm -q user add wang.fang --name 王芳 --role rep
crm -q user add qian.cw --name 钱财务 --role finance
"$GEN" --users --agents 4 >users.csv
tail -n +2 users.csv | while IFS=, read -r login name; do
	crm -q user add "$login" --name "$name" --role rep --manager han.mei
done
"$GEN" 300 --agents 4 --accounts 15 --seed 3 >deals.csv
# the agents' logins by name, for awk
tail -n +2 users.csv | awk -F, '{ print $2 "," $1 }' >agents.csv
count() { crm-deal list --no-header "$@" | wc -l; }
run_of() { sed -n 's/.*run \([0-9]*\) (crm undo.*/\1/p' err; }

t 'the generator: the same arguments give the same bytes' '
	"$GEN" 300 --agents 4 --accounts 15 --seed 3 >again.csv &&
	same deals.csv again.csv &&
	test "$(head -1 deals.csv)" = "opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value"
'

t 'a bad --stage-map is 64 before anything is read' '
	code 64 crm-deal import nosuch.csv --stage-map "Won=winning" &&
	has err "--stage-map: '\''Won'\'': no stage '\''winning'\''" &&
	code 64 crm-deal import nosuch.csv --stage-map "Won" &&
	has err "'\''Won'\'' is not NAME=STAGE" &&
	code 64 crm-deal import nosuch.csv --stage-map "Won=won,,Lost=lost" &&
	code 64 crm-deal import nosuch.csv --stage-map "=won" &&
	code 64 crm-deal import nosuch.csv --stage-map "won=won,WON=lost" &&
	has err "mapped twice" && test "$(count)" = 0
'

t 'a stage neither mapped nor ours is a rejected record: file:line, field, value' '
	line=$(awk -F, "\$5 == \"Prospecting\" { print NR; exit }" deals.csv) &&
	code 65 crm-deal import deals.csv --extra --create-customers &&
	has err "deals.csv:$line: field '\''stage'\'': no stage '\''Prospecting'\''" &&
	has err "nothing imported" && test "$(count)" = 0 &&
	test "$(crm-customer list --no-header | wc -l)" = 0
'

t 'an unknown customer is rejected by name without --create-customers' '
	name=$(awk -F, "NR == 2 { print \$4 }" deals.csv) &&
	code 65 crm-deal import deals.csv --extra --stage-map "$MAP" &&
	has err "deals.csv:2: field '\''customer_id'\'': no customer named '\''$name'\''" &&
	test "$(count)" = 0
'

t 'an unknown column names --extra; an unknown owner is rejected by name' '
	code 65 crm-deal import deals.csv --stage-map "$MAP" --create-customers &&
	has err "unknown column '\''opportunity_id'\''" &&
	sed "3s/^\([^,]*\),[^,]*,/\1,Nobody Here,/" deals.csv >noowner.csv &&
	code 65 crm-deal import noowner.csv --extra --stage-map "$MAP" \
	    --create-customers &&
	has err "noowner.csv:3: field '\''owner'\'': no user '\''Nobody Here'\''" &&
	test "$(count)" = 0
'

t 'a dry run plans and writes nothing' '
	crm log >log.before &&
	code 0 crm-deal import deals.csv --extra --stage-map "$MAP" \
	    --create-customers --historical --dry-run -f csv &&
	test "$(grep -c ",create,," out)" = 300 &&
	has err "would have imported 300" &&
	test "$(count)" = 0 && test "$(crm-customer list --no-header | wc -l)" = 0 &&
	test "$(sqlite3 "$CRM_DB" "SELECT count(*) FROM deal_stages")" = 0
'

t 'import: stage map, owners by name, customers created once each' '
	code 0 crm-deal import deals.csv --extra --stage-map "$MAP" \
	    --create-customers --historical &&
	has err "imported 300" &&
	n=$(tail -n +2 deals.csv | cut -d, -f4 | sort -u | wc -l) &&
	has err "created $n customers" &&
	test "$(crm-customer list --no-header | wc -l)" = "$n" &&
	crm-customer list -f csv | cut -d, -f13,14 | sort -u >pools &&
	test "$(grep -v owner pools)" = ",public" &&
	for s in Prospecting:qualify Engaging:needs Won:won Lost:lost; do
		want=$(awk -F, -v s=${s%:*} "\$5 == s" deals.csv | wc -l)
		test "$(count --stage ${s#*:})" = "$want" || exit 1
	done
'

t 'the figures: amounts won, owners, dates and custom fields as in the file' '
	awk -F, "\$5 == \"Won\" { s += \$8 } END { printf \"%.2f\n\", s }" \
	    deals.csv >want &&
	crm-deal list --won -f csv | awk -F, "NR > 1 { s += \$6 } END { printf \"%.2f\n\", s }" >got &&
	same want got &&
	awk -F, "NR == FNR { login[\$1] = \$2; next } FNR > 1 { print login[\$2] }" \
	    agents.csv deals.csv | sort | uniq -c >want &&
	crm-deal list -f csv | awk -F, "NR > 1 { print \$9 }" | sort | uniq -c >got &&
	same want got &&
	line=$(awk -F, "\$5 == \"Won\" { print NR; exit }" deals.csv) &&
	row=$(sed -n "${line}p" deals.csv) && id=$((line - 1)) &&
	crm-deal show $id -f yaml >y &&
	has y "won_at: \"$(echo "$row" | cut -d, -f7)\"" &&
	has y "created_at: $(echo "$row" | cut -d, -f6)T00:00:00" &&
	has y "opportunity_id: $(echo "$row" | cut -d, -f1)" &&
	line=$(awk -F, "\$5 == \"Lost\" { print NR; exit }" deals.csv) &&
	crm-deal show $((line - 1)) -f yaml >y && has y "lost_reason: other"
'

t 'every imported deal has its first stage row, in the import run' '
	test "$(sqlite3 "$CRM_DB" "SELECT count(*) FROM deal_stages WHERE from_stage IS NULL AND run IS NOT NULL")" = 300 &&
	test "$(sqlite3 "$CRM_DB" "SELECT count(*) FROM deals d JOIN deal_stages s ON s.deal_id = d.id AND s.to_stage = d.stage AND s.at = d.stage_at")" = 300
'

t 'undo removes the deals, their stage rows and the customers made' '
	run=$(crm log | awk -F, "NR > 1 { r = \$1 } END { print r }") &&
	crm -q undo "$run" &&
	test "$(count)" = 0 &&
	test "$(crm-customer list --no-header | wc -l)" = 0 &&
	test "$(sqlite3 "$CRM_DB" "SELECT count(*) FROM deal_stages")" = 0
'

t '--partial with --rejects: the good ones in, the rest with line and reason' '
	"$GEN" 120 --agents 4 --accounts 15 --seed 5 --no-account-pct 40 >holes.csv &&
	bad=$(awk -F, "NR > 1 && \$4 == \"\"" holes.csv | wc -l) &&
	test "$bad" -gt 0 &&
	code 65 crm-deal import holes.csv --extra --stage-map "$MAP" \
	    --create-customers --historical --partial --rejects rej.csv &&
	has err "imported $((120 - bad)), updated 0, skipped 0 duplicates, rejected $bad" &&
	test "$(tail -n +2 rej.csv | wc -l)" = "$bad" &&
	has rej.csv "line,reason" && has rej.csv "field '\''customer_id'\'': missing" &&
	test "$(count)" = $((120 - bad)) &&
	crm -q undo "$(run_of)" && test "$(count)" = 0
'

t 'several spellings of one new customer make one; known ones resolve by name or id' '
	crm-customer -q add --name Cancity --owner agent02 &&
	printf "%s\n" "customer,name,stage,owner" "Newco  Ltd,A,won,agent01" \
	    "newco ltd,B,qualify,agent01" "CANCITY,C,needs," "1,D,,agent01" \
	    "Newco Ltd,E,lost,agent03" >few.csv &&
	code 0 crm-deal import few.csv --create-customers &&
	has err "created 1 customer " &&
	test "$(crm-customer list --no-header | wc -l)" = 2 &&
	crm-deal list -f csv | cut -d, -f2,3,5,9 >got &&
	printf "%s\n" customer_id,name,stage,owner 2,A,won,agent01 2,B,qualify,agent01 \
	    1,C,needs,agent02 1,D,qualify,agent01 2,E,lost,agent03 >want &&
	same want got &&
	crm -q undo "$(run_of)" && test "$(crm-customer list --no-header | wc -l)" = 1
'

t 'stage labels, the map case-insensitive, --map to source_id, GBK' '
	printf "%s\n" "opportunity_id,account,product,deal_stage" \
	    "X1,Cancity,GTX,方案报价" "X2,Cancity,GTX,prospecting" >labels.csv &&
	code 0 crm-deal import labels.csv --map source_id=opportunity_id \
	    --stage-map PROSPECTING=needs &&
	crm-deal list -f csv | cut -d, -f5,17 >got &&
	printf "%s\n" stage,source_id proposal,X1 needs,X2 >want && same want got &&
	crm -q undo "$(run_of)" &&
	printf "account,product,deal_stage\r\nCancity,\xb7\xfe\xce\xf1,\xd3\xae\xb5\xa5\r\n" >gbk.csv &&
	code 0 crm-deal import --encoding gbk gbk.csv &&
	crm-deal list -f csv | cut -d, -f3,5 >got &&
	printf "%s\n" name,stage 服务,won >want && same want got &&
	crm -q undo "$(run_of)"
'

t 'a customer the user may not see is not resolved; creating it meets the duplicate check' '
	crm-customer -q add --name 南方贸易 --owner wang.fang &&
	printf "%s\n" "account,product" "南方贸易,X" >hidden.csv &&
	code 65 crm-deal --as han.mei import hidden.csv &&
	has err "no customer named '\''南方贸易'\''" &&
	code 65 crm-deal --as han.mei import hidden.csv --create-customers &&
	has err "a customer with the same name belongs to '\''wang.fang'\''" &&
	test "$(count)" = 0
'

t 'a manager: the owner defaults to the customer owner, within the team' '
	printf "%s\n" "account,product" "Cancity,X" >mgr.csv &&
	code 0 crm-deal --as han.mei import mgr.csv &&
	crm-deal list -f csv | cut -d, -f9 | tail -1 >got && echo agent02 >want &&
	same want got && crm -q undo "$(run_of)" &&
	printf "%s\n" "account,product,owner" "Cancity,X,wang.fang" >give.csv &&
	code 65 crm-deal --as han.mei import give.csv &&
	has err "may not give deals to '\''wang.fang'\''" && test "$(count)" = 0
'

t 'a rep imports their own deals only; their new customers are theirs' '
	crm-customer -q add --name Poolco &&
	printf "%s\n" "account,product,sales_agent" "Poolco,Mine,Moses Frase" >own.csv &&
	printf "%s\n" "account,product,sales_agent" "Poolco,Yours,Darcel Frase" >other.csv &&
	code 65 crm-deal --as agent01 import other.csv &&
	has err "other.csv:2: field '\''owner'\'': you may not give deals to '\''agent02'\''" &&
	test "$(count)" = 0 &&
	code 0 crm-deal --as agent01 import own.csv &&
	crm-deal list -f csv | cut -d, -f3,9 | tail -1 >got &&
	echo Mine,agent01 >want && same want got && crm -q undo "$(run_of)" &&
	printf "%s\n" "account,product" "Repco,X" >repco.csv &&
	code 0 crm-deal --as agent01 import repco.csv --create-customers &&
	crm-customer show Repco -f yaml >y && has y "owner: agent01" &&
	crm -q undo "$(run_of)" && code 65 crm-customer show Repco &&
	code 77 crm-deal --as qian.cw import own.csv && test "$(count)" = 0
'

t 'as real OS users: a rep for another is refused, for themselves imported' '
	team_db &&
	os_users agent01 agent02 &&
	crm -q user add agent01 --name "Moses Frase" --role rep &&
	crm -q user add agent02 --name "Darcel Frase" --role rep &&
	crm-customer -q add --name Poolco &&
	code 65 as agent01 crm-deal import "$T/other.csv" &&
	has err "may not give deals to '\''agent02'\''" &&
	test "$(crm-deal list --no-header | wc -l)" = 0 &&
	code 0 as agent01 crm-deal import "$T/own.csv" &&
	crm-deal list -f csv | cut -d, -f3,9 | tail -1 >got &&
	echo Mine,agent01 >want && same want got &&
	code 0 as agent01 crm undo "$(run_of)" &&
	test "$(crm-deal list --no-header | wc -l)" = 0 &&
	test "$(sqlite3 "$CRM_DB" "SELECT count(*) FROM deal_stages")" = 0
'

t 'undo of an import is refused while a later run changed one of its deals' '
	printf "customer,name,stage\n撤销后客户,撤销后商机,qualify\n" >late.csv &&
	code 0 crm-deal import --create-customers late.csv &&
	run=$(crm log --entity deal -f csv | tail -1 | cut -d, -f1) &&
	id=$(crm-deal list --search 撤销后商机 --no-header | cut -d, -f1) &&
	crm-deal -q move "$id" proposal &&
	crm-deal -q lose "$id" --reason price &&
	lose=$(crm log --entity deal --id "$id" -f csv | tail -1 | cut -d, -f1) &&
	crm -q undo "$lose" &&
	code 65 crm undo "$run" && has err "changed since by run" &&
	has err "move"
'

# The median of whole days given one a line, as the funnel prints it.
median() {
	sort -n | awk '{ v[NR] = $1 } END { m = int((NR + 1) / 2)
		printf "%.1f\n", NR % 2 ? v[m] : (v[m] + v[m + 1]) / 2 }'
}

t 'a closed deal imported: made in the first stage, then closed; the funnel cycle is real' '
	export CRM_DB=$T/history.db && crm init 2>/dev/null &&
	tail -n +2 users.csv | while IFS=, read -r login name; do
		crm -q user add "$login" --name "$name" --role rep
	done &&
	"$GEN" 25 --agents 4 --accounts 6 --seed 11 >small.csv &&
	code 0 crm-deal import small.csv --extra --stage-map "$MAP" \
	    --create-customers --historical &&
	won=$(grep -c ",Won," small.csv) && lost=$(grep -c ",Lost," small.csv) &&
	test "$won" -gt 0 && test "$lost" -gt 0 &&
	test "$(sqlite3 "$CRM_DB" "SELECT count(*) FROM deal_stages")" = \
	    $((25 + won + lost)) &&
	test "$(sqlite3 "$CRM_DB" "SELECT count(*) FROM deal_stages WHERE from_stage = '\''qualify'\'' AND to_stage IN ('\''won'\'', '\''lost'\'')")" = $((won + lost)) &&
	awk -F, "\$5 == \"Won\" || \$5 == \"Lost\" { print \$6, \$7 }" small.csv |
	while read -r from to; do
		echo $(( ($(date -ud "$to" +%s) - $(date -ud "$from" +%s)) / 86400 ))
	done | median >cycle &&
	test "$(cat cycle)" != 0.0 &&
	code 0 crm-deal funnel --summary -f csv &&
	echo "25,$((25 - won - lost)),$won,$lost,$(cat cycle)" >want &&
	tail -1 out | cut -d, -f1-4,7 >got && same want got &&
	code 0 crm-deal funnel -f csv && grep "^qualify," out | cut -d, -f3,6 >got &&
	echo "25,$(cat cycle)" >want && same want got
'

t 'a won deal imported makes its customer active in the same run; an open one has its next step' '
	export CRM_DB=$T/won.db && crm init 2>/dev/null &&
	crm-customer -q add --name Acme >/dev/null &&
	crm-customer -q add --name Beta >/dev/null &&
	printf "%s\n" "customer,name,stage,next_action,next_due" \
	    "Acme,A,won,," "Beta,B,proposal,," "Beta,C,needs,," \
	    "Beta,D,proposal,call Li,2026-12-01" "Newco,E,won,," >won.csv &&
	code 0 crm-deal import won.csv --create-customers && run=$(run_of) &&
	crm-customer list -f csv | cut -d, -f2,12 >got &&
	printf "%s\n" name,status Acme,active Beta,prospect Newco,active >want &&
	same want got &&
	crm log --entity customer -f csv | grep ",update,status," >got &&
	test "$(wc -l <got)" = 2 && test "$(cut -d, -f1 got | sort -u)" = "$run" &&
	has got ",1,update,status,prospect,active" &&
	crm-deal list -f csv | cut -d, -f3,10,11 >got &&
	printf "%s\n" name,next_action,next_due A,, "B,follow up (方案报价),2026-11-27" \
	    C,, "D,call Li,2026-12-01" E,, >want && same want got &&
	crm -q undo "$run" &&
	crm-customer list -f csv | cut -d, -f2,12 >got &&
	printf "%s\n" name,status Acme,prospect Beta,prospect >want && same want got
'

# Everything of an import that deals record: the deals but the seed, their
# stage rows, the customers and the custom fields.
dump() {
	sqlite3 "$1" "SELECT customer_id, name, kind, stage, amount,
		probability, close_date, owner, next_action, next_due, won_at,
		lost_at, lost_reason, stage_at, created_at, updated_at, extra
		FROM deals WHERE name <> 'seed' ORDER BY id;
	SELECT d.name, from_stage, to_stage, at, by_login, s.note FROM
		deal_stages s JOIN deals d ON d.id = s.deal_id WHERE d.name <>
		'seed' ORDER BY s.id;
	SELECT id, name, owner, pool, status FROM customers ORDER BY id;
	SELECT * FROM custom_fields ORDER BY 1, 2"
}
# both ARGS...: an import into a database without deals (loaded
# directly, lib/import.c) and into one with a deal (staged): the same
# exit, rejects, records and checks.
both() {
	cp base.db direct.db && cp seeded.db staged.db &&
	rm -f rej1.csv rej2.csv &&
	code 0 crm-deal --db seeded.db list && test "$(wc -l <out)" = 2 &&
	set +e
	crm-deal --db direct.db import "$@" --rejects rej1.csv 2>err1
	echo $? >rc1
	crm-deal --db staged.db import "$@" --rejects rej2.csv 2>err2
	echo $? >rc2
	set -e
	sed -i "/^crm-deal: run [0-9]* (/d" err1 err2 &&
	same rc1 rc2 && same rej1.csv rej2.csv && same err1 err2 &&
	dump direct.db >direct.txt && dump staged.db >staged.txt &&
	same direct.txt staged.txt &&
	crm --db direct.db check && crm --db staged.db check
}

t 'loaded directly or staged: the same deals, stage rows and customers' '
	export CRM_DB=$T/base.db && crm init 2>/dev/null &&
	tail -n +2 users.csv | while IFS=, read -r login name; do
		crm -q user add "$login" --name "$name" --role rep
	done &&
	crm-customer -q add --name Acme --owner agent02 &&
	crm-customer -q add --name Beta &&
	cp base.db seeded.db &&
	crm-deal --db seeded.db -q add --customer Acme --name seed &&
	"$GEN" 200 --agents 4 --accounts 8 --seed 13 --no-account-pct 10 \
	    >mixed.csv &&
	both mixed.csv --extra --stage-map "$MAP" --create-customers \
	    --historical --partial &&
	test "$(cat rc1)" = 65 && test "$(wc -l <rej1.csv)" -gt 1 &&
	grep -q "|won|" direct.txt && grep -q "|lost|" direct.txt &&
	printf "%s\n" "customer,name,stage,owner,close_date" \
	    "Acme,A,won,," "Beta,B,proposal,," "Newco,C,lost,,2026-10-01" \
	    "Acme,D,,agent01," "Newco,E,proposal,agent03," >blanks.csv &&
	both blanks.csv --create-customers --partial && test "$(cat rc1)" = 0 &&
	me=$(id -un) && now=2026-11-24T09:00:00 &&
	next="follow up (方案报价)|2026-11-27" &&
	printf "%s\n" "1|A|standard|won||||agent02|||2026-11-24|||$now|$now|$now|" \
	    "2|B|standard|proposal||||$me|$next||||$now|$now|$now|" \
	    "3|C|standard|lost|||2026-10-01|$me||||2026-10-01|other|$now|$now|$now|" \
	    "1|D|standard|qualify||||agent01||||||$now|$now|$now|" \
	    "3|E|standard|proposal||||agent03|$next||||$now|$now|$now|" >want &&
	head -5 direct.txt >got && same want got
'

t 'an update that moves a deal to another stage writes its stage row; undo takes it back' '
	export CRM_DB=$T/upd.db && crm init 2>/dev/null &&
	crm-customer -q add --name Acme &&
	CRM_NOW=2026-11-20T09:00:00 crm-deal -q add --customer Acme --name A &&
	CRM_NOW=2026-11-20T09:00:00 crm-deal -q add --customer Acme --name B &&
	printf "%s\n" "id,customer,name,stage" "1,Acme,A,proposal" \
	    "2,Acme,B,qualify" >upd.csv &&
	crm-deal import upd.csv --on-duplicate update 2>err &&
	run=$(run_of) && test -n "$run" &&
	test "$(sqlite3 "$CRM_DB" "SELECT deal_id, from_stage, to_stage, at FROM deal_stages WHERE run = $run")" = \
	    "1|qualify|proposal|2026-11-24T09:00:00" &&
	test "$(sqlite3 "$CRM_DB" "SELECT stage, stage_at FROM deals WHERE id = 1")" = \
	    "proposal|2026-11-24T09:00:00" &&
	test "$(sqlite3 "$CRM_DB" "SELECT stage_at FROM deals WHERE id = 2")" = \
	    2026-11-20T09:00:00 &&
	crm -q undo "$run" &&
	test "$(sqlite3 "$CRM_DB" "SELECT stage, stage_at FROM deals WHERE id = 1")" = \
	    "qualify|2026-11-20T09:00:00" &&
	test "$(sqlite3 "$CRM_DB" "SELECT count(*) FROM deal_stages WHERE run = $run")" = 0 &&
	crm check >/dev/null
'

done_testing
