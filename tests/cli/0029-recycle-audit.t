#!/bin/bash
# A recycle writes one row per moved record, in the ownership history,
# and no per-field events (schema/013): crm log shows the events that row
# stands for, crm undo puts back exactly what the run changed, and a
# later recycle counts as a change for the undo of an earlier run.
. "$(dirname "$0")/lib.sh"
crm init 2>/dev/null
crm -q user add han.mei --name 韩梅梅 --role manager --region 华东
crm -q user add li.lei --name 李雷 --role rep --region 华东 --manager han.mei
crm -q user add wang.fang --name 王芳 --role rep --region 华南
printf '%s\n' name,region,tier,owner,claimed_at,created_at \
	R1,华东,E,li.lei,2026-11-01T10:00:00,2026-10-01T09:00:00 \
	R2,华南,E,wang.fang,,2026-10-01T09:00:00 \
	R3,,E,li.lei,2026-11-02T10:00:00,2026-10-01T09:00:00 \
	R4,华东,E,li.lei,2026-11-20T10:00:00,2026-10-01T09:00:00 |
	crm-customer import -q --historical -
# an owner without a claim (data from before claims were kept)
sqlite3 crm.db "UPDATE customers SET claimed_at = NULL WHERE name = 'R2'"
# the fields a recycle changes, one line a customer
state() {
	sqlite3 crm.db "SELECT id, owner, pool, claimed_at FROM customers
		ORDER BY id"
}
run_of() {
	sqlite3 crm.db "SELECT max(id) FROM runs WHERE command LIKE '%$1%'"
}

t 'the recycle moves three customers and writes one history row each' '
	state >before &&
	CRM_NOW=2026-11-20 crm-customer recycle --no-header | cut -d, -f1 >m &&
	printf "1\n2\n3\n" >want && same want m &&
	r=$(run_of recycle) &&
	test "$(sqlite3 crm.db "SELECT count(*) FROM events WHERE run = $r")" = 0 &&
	sqlite3 crm.db "SELECT subject_id, from_owner, to_pool,
		coalesce(from_claimed_at, \"-\"), replace(note,
		\"recycle.followup_days.\", \"\") FROM ownership
		WHERE run = $r ORDER BY subject_id" >h &&
	printf "%s\n" "1|li.lei|华东|2026-11-01T10:00:00|E: 19 days" \
		"2|wang.fang|华南|-|E: 50 days" \
		"3|li.lei|public|2026-11-02T10:00:00|E: 18 days" >want &&
	same want h
'

t 'crm log shows the events of each move, without a claim that was none' '
	r=$(run_of recycle) &&
	crm log --run "$r" --no-header | cut -d, -f6- >l &&
	printf "%s\n" customer,1,update,owner,li.lei, customer,1,update,pool,,华东 \
		customer,1,update,claimed_at,2026-11-01T10:00:00, \
		customer,2,update,owner,wang.fang, customer,2,update,pool,,华南 \
		customer,3,update,owner,li.lei, customer,3,update,pool,,public \
		customer,3,update,claimed_at,2026-11-02T10:00:00, >want &&
	same want l &&
	crm log --entity customer --id 2 --no-header | tail -2 | cut -d, -f6- >l &&
	printf "%s\n" customer,2,update,owner,wang.fang, \
		customer,2,update,pool,,华南 >want && same want l
'

t 'an earlier change cannot be undone past the recycle; the recycle can' '
	crm-customer -q assign 4 --to wang.fang &&
	a=$(run_of assign) &&
	CRM_NOW=2026-12-30 crm-customer recycle --no-header >m && has m "4,R4," &&
	code 65 crm undo "$a" && has err "changed since by run" &&
	has err "recycle" &&
	state >mid &&
	r=$(run_of "recycle") && crm -q undo "$r" &&
	crm -q undo "$a" && test "$(sqlite3 crm.db "SELECT owner FROM customers
		WHERE id = 4")" = li.lei
'

t 'undo of the first recycle puts back owner, pool and claim exactly' '
	r=$(sqlite3 crm.db "SELECT min(id) FROM runs WHERE command LIKE
		\"%recycle%\"") &&
	crm -q undo "$r" && state >after && same before after &&
	code 65 crm undo "$r" && has err "already undone"
'

t 'a move after the recycle blocks its undo (events of a later run)' '
	CRM_NOW=2026-11-20 crm-customer -q recycle &&
	r=$(run_of recycle) &&
	crm-customer -q assign 1 --to li.lei &&
	code 65 crm undo "$r" && has err "customer '\''1'\'' was changed since"
'

t 'a recycle of the old kind (its events written) shows once, undoes' '
	crm-customer -q assign 2 --to wang.fang &&
	CRM_NOW=2026-12-30 crm-customer -q recycle &&
	r=$(run_of recycle) &&
	sqlite3 crm.db "INSERT INTO events (run, entity, entity_id, action,
		field, old, new) SELECT run, entity, entity_id, action, field,
		old, new FROM move_events WHERE run = $r ORDER BY seq;
		UPDATE ownership SET to_pool = NULL, from_claimed_at = NULL
		WHERE run = $r" &&
	crm log --run "$r" --no-header | cut -d, -f6- >l &&
	test "$(wc -l <l)" = "$(sort -u l | wc -l)" && has l customer,2,update,owner &&
	crm -q undo "$r" &&
	test "$(sqlite3 crm.db "SELECT owner FROM customers WHERE id = 2")" = wang.fang
'

t 'a lead: undo gives back its owner and its status' '
	id=$(crm-lead add -q --name 没人理 --owner li.lei --region 华东) &&
	sqlite3 crm.db "SELECT owner, pool, status, claimed_at FROM leads
		WHERE id = $id" >lb &&
	CRM_NOW=2026-11-28T09:00:00 crm-lead recycle --no-header >r &&
	has r 没人理 && r=$(run_of "crm-lead recycle") &&
	test "$(sqlite3 crm.db "SELECT count(*) FROM events WHERE run = $r")" = 1 &&
	crm log --run "$r" --no-header | cut -d, -f6- >l &&
	printf "%s\n" "lead,$id,update,owner,li.lei," "lead,$id,update,pool,,华东" \
		"lead,$id,update,claimed_at,2026-11-24T09:00:00," \
		"lead,$id,update,status,assigned,new" >want && same want l &&
	crm -q undo "$r" &&
	sqlite3 crm.db "SELECT owner, pool, status, claimed_at FROM leads
		WHERE id = $id" >la && same lb la
'

t 'crm check passes after all of it' '
	code 0 crm check
'

done_testing
