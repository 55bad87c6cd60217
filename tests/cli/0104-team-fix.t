#!/bin/bash
# Settings list and the leaver's handover: config list shows a setting
# nobody set with the same text as value and default; a leaver's open
# deals are handed over with their customers (or the leave is refused),
# and crm check names open deals held by a user who may not hold them.
. "$(dirname "$0")/lib.sh"
# the settings on a database of their own: team_db sets one
crm --db "$T/fresh.db" init 2>/dev/null

# changed FMT: the keys whose value is not the same text as their
# default, from config list -f FMT (csv: key,X,X; json: one row a line;
# yaml: a value line, then its default's)
changed() {
	local CRM_DB=$T/fresh.db
	case $1 in
	csv) crm config list -f csv --no-header |
	    grep -Ev '^([^,]*),(.*),\2$' | cut -d, -f1 ;;
	json) crm config list -f json | grep '"key"' |
	    grep -Ev '"value":(".*"),"default":\1}' | cut -d'"' -f4 ;;
	yaml) crm config list -f yaml | awk '
	    /^- key: / { k = $3 }
	    /^  value: / { v = substr($0, 10) }
	    /^  default: / && substr($0, 12) != v { print k }' ;;
	esac
}

t 'config list: a setting nobody set has value = default (csv, json, yaml)' '
	export CRM_DB=$T/fresh.db &&
	test -z "$(sqlite3 "$CRM_DB" "SELECT key FROM settings")" &&
	for f in csv json yaml; do
		changed $f >ch.$f && test ! -s ch.$f || { cat ch.$f; exit 1; }
	done &&
	code 0 crm config list -f csv &&
	has out "pay.default_terms,\"\"\"100%:30\"\"\",\"\"\"100%:30\"\"\""
'

t 'config list: a changed setting differs, one set back to its default not' '
	export CRM_DB=$T/fresh.db &&
	crm -q config set pay.default_terms 50%:0,50%:30 &&
	crm -q config set quote.approval.finance "{total: 600000.00}" &&
	changed csv >ch && printf "%s\n" pay.default_terms quote.approval >want &&
	same want ch &&
	crm -q config set pay.default_terms 100%:30 &&
	crm -q config unset quote.approval.finance &&
	changed json >ch && test ! -s ch &&
	test -z "$(sqlite3 "$CRM_DB" "SELECT key FROM settings")"
'

# F5: a leaver's open deals. The team: a manager, two reps of one region
# and a finance user; tm.rep2 leaves with a customer, a lead, two open
# deals (one on a customer of tm.rep1's), a won one and a lost one.
team_db || exit 1
os_users tm.mgr tm.rep1 tm.rep2 tm.fin || exit 1
crm -q user add tm.mgr --name 王经理 --role manager --region 华东
crm -q user add tm.rep1 --name 李雷 --role rep --region 华东 --manager tm.mgr
crm -q user add tm.rep2 --name 韩梅梅 --role rep --region 华东 --manager tm.mgr
crm -q user add tm.fin --name 财务 --role finance
c1=$(crm-customer add -q --as tm.rep1 --name 星河科技 --phone 13800000001)
c2=$(crm-customer add -q --as tm.rep2 --name 园区创新 --phone 13800000003)
crm-lead add -q --as tm.rep2 --name 展会线索 --phone 13900000001 >/dev/null
deal() {
	crm-deal add -q --as "$1" --customer "$2" --name "$3" --amount 1000 \
	    --close 2026-12-20
}
d1=$(deal tm.rep2 "$c2" 园区网络)
d2=$(deal tm.rep2 "$c2" 二期)
d3=$(deal tm.rep2 "$c2" 已赢)
d4=$(deal tm.rep2 "$c2" 已输)
d5=$(deal tm.rep1 "$c1" 一期)
crm-deal -q move "$d1" proposal
crm-deal -q win "$d3"
crm-deal -q lose "$d4" --reason price
sqlite3 "$CRM_DB" "UPDATE deals SET owner = 'tm.rep2' WHERE id = $d5"
cp "$CRM_DB" team.db
team() {
	sqlite3 "$CRM_DB" "SELECT login, role, active FROM users ORDER BY 1;
	    SELECT id, owner, pool FROM customers ORDER BY 1;
	    SELECT id, owner FROM leads ORDER BY 1;
	    SELECT id, owner, stage FROM deals ORDER BY 1"
}
deal_owners() {
	sqlite3 "$CRM_DB" "SELECT group_concat(id || ':' || owner, ' ')
	    FROM (SELECT id, owner FROM deals ORDER BY id)"
}
last_run() {
	sqlite3 "$CRM_DB" "SELECT max(id) FROM runs"
}

t 'deactivate --handover hands the open deals over too, in the same run' '
	cp team.db "$CRM_DB" &&
	code 0 crm user deactivate tm.rep2 --handover tm.rep1 &&
	has err "deactivated 1 user; 1 customer, 1 lead, 3 open deals handed over to '\''tm.rep1'\''" &&
	test "$(deal_owners)" = "$d1:tm.rep1 $d2:tm.rep1 $d3:tm.rep2 $d4:tm.rep2 $d5:tm.rep1" &&
	run=$(last_run) &&
	code 0 crm log --run "$run" -f csv &&
	has out ",deal,$d1,update,owner,tm.rep2,tm.rep1" &&
	has out ",deal,$d5,update,owner,tm.rep2,tm.rep1" &&
	code 0 crm-deal pipeline --by owner -f csv && ! grep -q tm.rep2 out &&
	code 0 as tm.mgr crm-forecast pipeline --by owner -f csv &&
	has out "tm.rep1,2026-12,0.00,0.00,1000.00,2000.00," &&
	! grep -q "^tm.rep2,2026-12" out &&
	code 0 crm check && test ! -s out
'

t 'crm undo of the leave gives the deals, customers and leads back' '
	team >before && cp team.db "$CRM_DB" && team >before &&
	crm -q user deactivate tm.rep2 --handover tm.rep1 &&
	code 0 crm undo "$(last_run)" && team >after && same before after
'

t 'set --role with --handover hands the open deals over too' '
	cp team.db "$CRM_DB" &&
	code 0 crm user set tm.rep2 --role marketing --handover tm.mgr &&
	has err "1 customer, 1 lead, 3 open deals handed over" &&
	test "$(deal_owners)" = "$d1:tm.mgr $d2:tm.mgr $d3:tm.rep2 $d4:tm.rep2 $d5:tm.mgr"
'

t 'open deals refuse a plain leave and --to-pool (65, nothing changed)' '
	cp team.db "$CRM_DB" && team >before &&
	crm-customer -q assign "$c2" --to tm.rep1 &&
	crm-lead -q assign 1 --to tm.rep1 && team >mid &&
	code 65 crm user deactivate tm.rep2 &&
	has err "'\''tm.rep2'\'' still owns 3 open deals: hand them over first (--handover LOGIN, or crm-deal edit ID --owner LOGIN" &&
	printf "login,active\ntm.rep2,no\n" >u.csv &&
	code 65 crm user import u.csv && has err "3 open deals" &&
	team >after && same mid after &&
	cp team.db "$CRM_DB" &&
	code 65 crm user deactivate tm.rep2 --to-pool &&
	has err "still owns 3 open deals" && has err "deals have no pool" &&
	code 65 crm user set tm.rep2 --role finance --to-pool &&
	has err "'\''tm.rep2'\'' owns 3 open deals, and a finance user owns none" &&
	team >after && same before after
'

t '--to-pool once the open deals have another owner; won and lost stay' '
	cp team.db "$CRM_DB" &&
	for d in $d1 $d2 $d5; do crm-deal -q edit $d --owner tm.rep1; done &&
	code 0 crm user deactivate tm.rep2 --to-pool &&
	has err "deactivated 1 user; 1 customer, 1 lead back in the pool" &&
	test "$(deal_owners)" = "$d1:tm.rep1 $d2:tm.rep1 $d3:tm.rep2 $d4:tm.rep2 $d5:tm.rep1" &&
	code 0 crm check && test ! -s out
'

t 'a handover to a user who may not own deals: 65, nothing changed' '
	cp team.db "$CRM_DB" && team >before &&
	code 65 crm user deactivate tm.rep2 --handover tm.fin &&
	team >after && same before after &&
	crm-customer -q assign "$c2" --to tm.rep1 &&
	crm-lead -q assign 1 --to tm.rep1 && team >before &&
	code 65 crm user deactivate tm.rep2 --handover tm.fin &&
	has err "handover of '\''tm.rep2'\'': deal $d1:" && has err finance &&
	team >after && same before after
'

t 'only an admin hands over: a manager 77, nothing changed' '
	cp team.db "$CRM_DB" && team >before &&
	code 77 as tm.mgr crm user deactivate tm.rep2 --handover tm.rep1 &&
	code 77 as tm.rep2 crm user deactivate tm.rep2 --handover tm.rep1 &&
	team >after && same before after
'

t 'crm check names open deals of an inactive or non-owning user' '
	cp team.db "$CRM_DB" &&
	sqlite3 "$CRM_DB" "UPDATE users SET active = 0 WHERE login = '\''tm.rep2'\''" &&
	code 1 crm check -f csv &&
	has out "owner,deal,$d1,its owner is not an active user" &&
	has out "owner,deal,$d5,its owner is not an active user" &&
	! grep -q "owner,deal,$d3," out && ! grep -q "owner,deal,$d4," out &&
	sqlite3 "$CRM_DB" "UPDATE users SET active = 1, role = '\''finance'\''
	    WHERE login = '\''tm.rep2'\''" &&
	code 1 crm check -f csv &&
	has out "owner,deal,$d2,its owner'\''s role may not own it" &&
	LANGUAGE=zh_CN code 1 crm check -f table &&
	grep "deal.* $d2 " out | grep -qv "may not own"
'

t 'the notes and refusals in Chinese' '
	cp team.db "$CRM_DB" &&
	LANGUAGE=zh_CN code 0 crm user deactivate tm.rep2 --handover tm.rep1 &&
	has err "1 个客户、1 条线索、3 个进行中的商机已交接给“tm.rep1”" &&
	cp team.db "$CRM_DB" &&
	LANGUAGE=zh_CN code 65 crm user deactivate tm.rep2 --to-pool &&
	has err "进行中的商机" && ! grep -q "open deal" err
'

done_testing
