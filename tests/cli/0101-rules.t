#!/bin/bash
# Rules that keep data from going wrong: deal.stages may not drop a stage
# open deals are in (unless they move with --move-to), and crm check
# names deals in an unknown stage.
. "$(dirname "$0")/lib.sh"
crm init 2>/dev/null
crm -q user add li.lei --name 李雷 --role rep --region 华东
crm-customer -q add --name 甲 --owner li.lei >/dev/null
crm-deal -q add --customer 甲 --name P --amount 100 --close 2026-12-20 \
    >/dev/null
crm-deal -q add --customer 甲 --name Q --amount 50 --close 2026-12-20 \
    >/dev/null
crm-deal -q move 1 needs
crm-deal -q move 2 needs
cp crm.db base.db
NONEEDS='[{key: qualify, label: 初步接洽, probability: 10},
 {key: proposal, label: 方案报价, probability: 50},
 {key: won, label: 赢单, probability: 100},
 {key: lost, label: 输单, probability: 0}]'
dump() {
	sqlite3 crm.db "SELECT * FROM settings; SELECT * FROM deal_stages;
	SELECT id, stage, stage_at, next_due, amount FROM deals"
}

t 'deal.stages dropping a stage deals are in: 65, nothing changed' '
	dump >before &&
	code 65 crm config set deal.stages "$NONEEDS" &&
	has err "deal.stages without '\''needs'\'' leaves 2 open deals in no stage" &&
	has err "--move-to STAGE" &&
	dump >after && same before after
'

t 'config import and unset are refused the same way' '
	crm config set deal.stages "[{key: a, probability: 5}, {key: won, probability: 100}, {key: lost, probability: 0}]" \
	    --move-to a 2>/dev/null &&
	code 65 crm config unset deal.stages &&
	has err "'\''a'\''" && has err "2 open deals" &&
	printf "deal.stages: %s\n" "$(echo $NONEEDS)" >s.yaml &&
	cp base.db crm.db && dump >before &&
	code 65 crm config import s.yaml &&
	has err "'\''needs'\''" && dump >after && same before after
'

t '--move-to moves them in the same run; undo takes it all back' '
	cp base.db crm.db && dump >before &&
	crm config set deal.stages "$NONEEDS" --move-to proposal &&
	test "$(sqlite3 crm.db "SELECT group_concat(stage) FROM deals")" = \
	    proposal,proposal &&
	test "$(sqlite3 crm.db "SELECT count(*) FROM deal_stages
	    WHERE from_stage = '\''needs'\'' AND to_stage = '\''proposal'\''")" = 2 &&
	crm check -q --no-header >out && test ! -s out &&
	run=$(sqlite3 crm.db "SELECT max(id) FROM runs") &&
	crm -q undo $run && dump >after && same before after
'

t '--move-to: the stage is an open one of the new value; another key 64' '
	cp base.db crm.db && dump >before &&
	code 64 crm config set deal.stages "$NONEEDS" --move-to needs &&
	has err --move-to &&
	code 64 crm config set deal.stages "$NONEEDS" --move-to won &&
	has err "not an open stage" &&
	code 64 crm config set ui.lang zh_CN --move-to proposal &&
	has err "deal.stages only" &&
	dump >after && same before after
'

t 'crm check names a deal in a stage deal.stages lacks' '
	cp base.db crm.db &&
	sqlite3 crm.db "UPDATE deals SET stage = '\''gone'\'' WHERE id = 2" &&
	code 1 crm check &&
	has out "deal,deal,2,its stage is not one of deal.stages"
'

done_testing
