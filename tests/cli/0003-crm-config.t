#!/bin/bash
# crm config: typed, validated settings; export and import as YAML.
. "$(dirname "$0")/lib.sh"
crm init 2>/dev/null

t 'every setting has its default' '
	crm config get pool.max_owned >v && test "$(cat v)" = 200 &&
	crm config get recycle.followup_days >v &&
	test "$(cat v)" = "{A: 30, B: 20, C: 15, D: 10, E: 7}" &&
	crm config list >all && has all "pool.same_region,true,true"
'

t 'set a mapping value; get prints it back' '
	crm config set recycle.followup_days "{A: 40}" &&
	test "$(crm config get recycle.followup_days)" = "{A: 40}"
'

t 'set one entry of a mapping with KEY.SUBKEY' '
	crm config set recycle.followup_days.B 25 &&
	test "$(crm config get recycle.followup_days)" = "{A: 40, B: 25}"
'

t 'get -f json prints the stored JSON' '
	test "$(crm config get -f json recycle.followup_days)" = "{\"A\":40,\"B\":25}"
'

t 'a bad value names the key and the rule, exits 78, changes nothing' '
	crm config export >before &&
	code 78 crm config set recycle.followup_days "{F: 3}" &&
	has err "bad value for '\''recycle.followup_days'\'': tier '\''F'\''" &&
	code 78 crm config set pool.max_owned lots &&
	has err "whole number" &&
	code 78 crm config set pool.same_region maybe &&
	code 78 crm config set deal.stages "[{key: a, probability: 10}]" &&
	code 78 crm config set pay.default_terms "50%:0,40%:30" &&
	has err "add up to 100" &&
	code 78 crm config set recycle.followup_days "{A: [" &&
	crm config export >after && same before after
'

t 'an unknown key is 78' '
	code 78 crm config set pool.max_ownd 3 && has err "unknown setting"
'

t 'only admins change settings (77)' '
	crm user add li.lei --name 李雷 --role rep &&
	code 77 crm --as li.lei config set pool.max_owned 5 &&
	crm --as li.lei config get pool.max_owned >v && test "$(cat v)" = 200
'

t 'export | import into a fresh database gives the same settings' '
	crm config set pool.max_owned 150 &&
	crm config set deal.lost_reasons "[price, other]" &&
	crm config export >exported.yaml &&
	crm --db fresh.db init 2>/dev/null &&
	crm --db fresh.db config import exported.yaml &&
	crm --db fresh.db config export >reexported.yaml &&
	same exported.yaml reexported.yaml
'

t 'import checks everything first: one bad key and nothing changes' '
	printf "pool.max_owned: 10\npool.bogus: 1\nremind.days_ahead: x\n" >bad.yaml &&
	crm config export >before &&
	code 78 crm config import bad.yaml &&
	has err "bad.yaml:2: unknown setting '\''pool.bogus'\''" &&
	has err "bad.yaml:3: bad value for '\''remind.days_ahead'\''" &&
	crm config export >after && same before after
'

t 'unset returns a setting to its default' '
	crm config unset pool.max_owned &&
	test "$(crm config get pool.max_owned)" = 200
'

t '--dry-run shows the change and writes nothing' '
	crm config set -n currency USD >plan &&
	has plan "setting,currency,update,value,CNY,USD" &&
	test "$(crm config get currency)" = CNY
'

t 'a value that is not one yaml value is 78 (and leaks nothing)' '
	code 78 crm config set mail.from "$(printf "a\nb: c")" &&
	code 78 crm config set pool.max_owned "$(printf "1\n---\n2")"
'

t 'distribute -n prints the ledger only, not the audit rows' '
	crm -q user add dn.rep --name D --role rep --region 东 &&
	crm-customer add -q --name 分配干跑 --region 东 >/dev/null &&
	crm-customer -n distribute --pool 东 --to dn.rep >o &&
	head -1 o >h && echo "id,name,to" >want && same want h &&
	! grep -q "customer,.*,update," o
'
done_testing
