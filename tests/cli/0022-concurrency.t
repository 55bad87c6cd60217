#!/bin/bash
# The concurrency bar (design/quality.md): 2 recyclers, 4 writers and 2
# readers for 30 seconds. No "database is busy" reaches anyone (75 would
# only come past the busy timeout), and the invariants hold after.
. "$(dirname "$0")/lib.sh"
crm init 2>/dev/null
for i in $(seq -w 1 20); do echo "rep$i,Rep $i,rep,华东"; done |
	sed '1i login,name,role,region' | crm -q user import -
"$CRM_BUILD/tools/gen-customers" 3000 --seed 11 --dup-pct 0 --bad-pct 0 |
	crm-customer import -q --historical --ignore-cap -
crm config set recycle.followup_days '{A: 60, B: 60, C: 60, D: 60, E: 60}'
total=$(sqlite3 crm.db "SELECT count(*) FROM customers")
seconds=${CRM_CONCURRENCY_SECONDS:-30}
end=$(( $(date +%s) + seconds ))

recycler() {
	while [ "$(date +%s)" -lt "$end" ]; do
		crm-customer recycle -q >/dev/null 2>>"recycler$1.err"
		echo "$?" >>"recycler$1.codes"
	done
}
writer() {
	k=0
	while [ "$(date +%s)" -lt "$end" ]; do
		id=$(( (RANDOM * 32768 + RANDOM) % total + 1 ))
		k=$((k + 1))
		case $((k % 4)) in
		0) crm-customer -q edit "$id" --note "writer $1, $k" ;;
		1) crm-customer -q assign "$id" --to "rep0$1" ;;
		2) crm-customer -q follow "$id" --kind call --next +3d \
			--at "2026-0$(( k % 9 + 1 ))-01" ;;
		3) crm-customer -q release "$id" --reason "writer $1" ;;
		esac 2>>"writer$1.err" >/dev/null
		echo "$?" >>"writer$1.codes"
	done
}
reader() {
	while [ "$(date +%s)" -lt "$end" ]; do
		crm-customer list --stale 30 >/dev/null 2>>"reader$1.err"
		crm-customer show $(( RANDOM % total + 1 )) >/dev/null 2>>"reader$1.err"
		echo "$?" >>"reader$1.codes"
	done
}

recycler 1 & recycler 2 &
writer 1 & writer 2 & writer 3 & writer 4 &
reader 1 & reader 2 &
wait

t "$seconds seconds of 2 recyclers, 4 writers, 2 readers: no one saw busy" '
	cat *.err | sort | uniq -c | sort -rn | head -5 &&
	! grep -h "busy" *.err
'

t 'everyone got work done' '
	for f in recycler1 recycler2 writer1 writer2 writer3 writer4 reader1 reader2; do
		grep -qx 0 "$f.codes" || { echo "$f never succeeded"; exit 1; }
	done
'

t 'the only failures are the ones the rules allow' '
	! grep -hv -e "already running" -e "already in the pool" \
		-e "already yours" -e "claim it first" *.err
'

t 'crm check passes after' '
	code 0 crm check
'

done_testing
