#!/bin/bash
# crm log and crm undo: every write is a run; runs can be reverted.
. "$(dirname "$0")/lib.sh"
crm init 2>/dev/null

t 'each write is a numbered run with one row per changed field' '
	crm user add li.lei --name 李雷 --role rep &&
	CRM_NOW=2026-11-25T10:00:00 crm config set pool.max_owned 150 &&
	crm log >log &&
	head -1 log >hdr &&
	echo "run,at,user,as_user,command,entity,id,action,field,old,new" >want &&
	same want hdr &&
	has log "2,2026-11-24T09:00:00,$ME,,crm user add li.lei --name 李雷 --role rep,user,li.lei,create,name,,李雷" &&
	has log "3,2026-11-25T10:00:00,$ME,,crm config set pool.max_owned 150,setting,pool.max_owned,update,value,200,150"
'

t 'log filters by entity, id, run, user and date' '
	crm log --entity setting >l && ! grep -q ",user,li.lei," l &&
	has l pool.max_owned &&
	crm log --entity user --id li.lei >l && ! grep -q setting l &&
	crm log --run 3 >l && test "$(wc -l <l)" -eq 2 &&
	crm log --since 2026-11-25 >l && test "$(wc -l <l)" -eq 2 &&
	crm log --user nobody >l && test "$(wc -l <l)" -eq 1
'

t '--as is recorded with the real user' '
	crm user add han.mei --name 韩梅梅 --role admin &&
	crm --as han.mei config set currency USD &&
	crm log --entity setting --id currency >l &&
	has l ",$ME,han.mei,"
'

t 'undo reverts a run and is itself a run' '
	crm undo 3 &&
	test "$(crm config get pool.max_owned)" = 200 &&
	crm log >l && has l "pool.max_owned,update,value,150,200"
'

t 'undo refuses a run undone already, or touched since' '
	code 65 crm undo 3 && has err "already undone" &&
	crm user set li.lei --region 华东 &&
	code 65 crm undo 2 && has err "changed since by run"
'

t 'the newest runs can be undone one by one' '
	crm user set li.lei --region 华南 &&
	last=$(crm log | tail -1 | cut -d, -f1) &&
	crm undo "$last" && crm undo $((last - 1)) &&
	crm user list >u && has u "li.lei,李雷,rep,,"
'

t 'undo of an add removes the user' '
	crm user add tmp.user --name T --role rep &&
	run=$(crm log --id tmp.user | tail -1 | cut -d, -f1) &&
	crm undo "$run" &&
	crm user list --all >u && ! grep -q tmp.user u
'

t 'only the maker or an admin may undo (77); a missing run is 65' '
	crm user add li.rep --name R --role rep &&
	run=$(crm log --id li.rep | tail -1 | cut -d, -f1) &&
	code 77 crm --as li.lei undo "$run" &&
	code 65 crm undo 999 && has err "no run 999" &&
	code 64 crm undo abc
'

t 'a rep sees only their own runs in the log' '
	crm --as li.lei log >l && test "$(wc -l <l)" -eq 1
'

done_testing
