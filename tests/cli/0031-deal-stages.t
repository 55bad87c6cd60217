#!/bin/bash
# crm-deal move, win, lose, next, follow, history: the stage history,
# their refusals, who may do them, undo, and what they do to the
# customer (active on a win, a follow-up for recycling).
. "$(dirname "$0")/lib.sh"
crm init 2>/dev/null
crm -q user add han.mei --name 韩梅梅 --role manager --region 华东
crm -q user add li.lei --name 李雷 --role rep --region 华东 --manager han.mei
crm -q user add wang.fang --name 王芳 --role rep --region 华南
crm -q user add qian.cw --name 钱财务 --role finance
crm-customer -q add --name 北京星河科技有限公司 --owner li.lei >/dev/null
crm-customer -q add --name 深圳南方贸易 --owner wang.fang >/dev/null
crm-deal -q add --customer 1 --name 官网改版 --amount 120000 >/dev/null
crm-deal -q add --customer 2 --name 南方大单 --amount 50000 >/dev/null
crm-deal -q add --customer 1 --name ERP >/dev/null

# stages ID: "from>to" of its history, one a line
stages() {
	sqlite3 "$CRM_DB" "SELECT coalesce(from_stage, '') || '>' || to_stage
	    || '|' || at || '|' || by_login || '|' || coalesce(note, '')
	    FROM deal_stages WHERE deal_id = $1 ORDER BY id"
}
field() {
	crm-deal show "$1" -f yaml | sed -n "s/^  $2: //p" | tr -d '"'
}

t 'move records from, to, at, by and the note; the follow-up is scheduled' '
	code 0 crm-deal --as li.lei move 官网改版 proposal --note 发了方案 &&
	stages 1 >h &&
	has h ">qualify|2026-11-24T09:00:00|root|" &&
	has h "qualify>proposal|2026-11-24T09:00:00|li.lei|发了方案" &&
	test "$(field 1 stage)" = proposal &&
	test "$(field 1 next_due)" = 2026-11-27 &&
	has <(field 1 next_action) "方案报价"
'

t 'move --at: a past time is the history time and the follow-up counts from it' '
	CRM_NOW=2026-11-30T10:00:00 code 0 crm-deal move 1 needs \
	    --at "2026-11-28 15:30" &&
	stages 1 | tail -1 >h &&
	has h "proposal>needs|2026-11-28T15:30:00|root|" &&
	test "$(field 1 stage_at)" = 2026-11-28T15:30:00 &&
	CRM_NOW=2026-11-30T10:00:00 code 0 crm-deal move 1 proposal \
	    --at 2026-11-29T09:00 &&
	test "$(field 1 next_due)" = 2026-12-02
'

t 'move --at in the future or before the current stage is refused' '
	crm-deal export >before &&
	code 65 crm-deal move 1 negotiation --at 2026-11-25 &&
	has err "--at: '\''2026-11-25T00:00:00'\'' is in the future" &&
	CRM_NOW=2026-11-30T10:00:00 code 65 crm-deal move 1 negotiation \
	    --at 2026-11-28 && has err "before the deal entered its stage" &&
	code 64 crm-deal move 1 negotiation --at 2026-13-01 && has err "--at" &&
	code 64 crm-deal move 1 negotiation --at xx && has err "is not a time" &&
	code 64 crm-deal follow 1 --kind call --at xx &&
	code 64 crm-deal follow 1 --kind call --next 2026-02-30 &&
	code 64 crm-deal list --closing-before tomorrowish &&
	crm-deal export >after && same before after
'

t 'moving backwards is allowed and recorded' '
	CRM_NOW=2026-12-01T09:00:00 code 0 crm-deal move 1 qualify &&
	stages 1 | tail -1 >h && has h "proposal>qualify|2026-12-01T09:00:00" &&
	test "$(field 1 stage)" = qualify
'

t 'move refusals: unknown stage names them, same stage, lost needs lose' '
	crm-deal export >before &&
	code 65 crm-deal move 1 prospecting &&
	has err "no stage '\''prospecting'\''" &&
	has err "qualify, needs, proposal, negotiation, won, lost" &&
	code 65 crm-deal move 1 qualify && has err "already at stage" &&
	code 64 crm-deal move 1 lost && has err "crm-deal lose 1 --reason" &&
	code 64 crm-deal move 1 && code 65 crm-deal move 99 needs &&
	has err "no deal 99" &&
	crm-deal export >after && same before after
'

t 'win: won_at, amount, history; the customer becomes active' '
	crm-customer set 1 status=prospect &&
	code 0 crm-deal win ERP --amount "¥88,000" --note 签约 &&
	test "$(field 3 stage)" = won && test "$(field 3 won_at)" = 2026-11-24 &&
	test "$(field 3 amount)" = 88000.00 &&
	stages 3 | tail -1 >h && has h "qualify>won|2026-11-24T09:00:00|root|签约" &&
	crm-customer show 1 -f yaml >y && has y "status: active" &&
	crm log --entity customer --id 1 | tail -1 >l && has l "status" &&
	has l "crm-deal win ERP"
'

t 'win refusals: won twice, a lost deal, a future date, a bad amount' '
	crm-deal -q add --customer 1 --name 丢单 >/dev/null &&
	crm-deal lose 丢单 --reason competitor && crm-deal export >before &&
	code 65 crm-deal win 3 && has err "deal 3 is already won" &&
	code 65 crm-deal win 丢单 && has err "reopen it with move first" &&
	code 65 crm-deal win 1 --date 2026-12-31 && has err "in the future" &&
	CRM_NOW=2026-12-02T09:00:00 code 65 crm-deal win 1 --amount 1.234 &&
	has err "--amount" &&
	code 65 crm-deal lose 3 --reason price && has err "is won: reopen" &&
	crm-deal export >after && same before after
'

t 'win --date: a past day is its won_at; move ID won wins the deal' '
	crm-deal -q add --customer 1 --name 旧单 >/dev/null &&
	CRM_NOW=2026-12-05T09:00:00 code 0 crm-deal win 旧单 --date 2026-12-02 &&
	id=$(crm-deal list --search 旧单 --no-header | cut -d, -f1) &&
	test "$(field "$id" won_at)" = 2026-12-02 &&
	stages "$id" | tail -1 >h && has h "qualify>won|2026-12-02T00:00:00" &&
	crm-deal -q add --customer 1 --name 移动赢单 >/dev/null &&
	code 0 crm-deal move 移动赢单 won &&
	id=$(crm-deal list --search 移动赢单 --no-header | cut -d, -f1) &&
	test "$(field "$id" won_at)" = 2026-11-24
'

t 'lose: the reason is from deal.lost_reasons; lost_at today' '
	crm-deal -q add --customer 1 --name 输单 >/dev/null &&
	id=$(crm-deal list --search 输单 --no-header | cut -d, -f1) &&
	crm-deal export >before &&
	code 64 crm-deal lose 输单 && has err "missing --reason" &&
	code 65 crm-deal lose 输单 --reason 太贵 &&
	has err "not a lost reason (deal.lost_reasons: price, competitor" &&
	crm-deal export >after && same before after &&
	code 0 crm-deal lose 输单 --reason price --note 预算砍了 &&
	test "$(field "$id" stage)" = lost &&
	test "$(field "$id" lost_reason)" = price &&
	test "$(field "$id" lost_at)" = 2026-11-24 &&
	stages "$id" | tail -1 >h && has h "qualify>lost|" && has h "|预算砍了" &&
	crm config set deal.lost_reasons "[price, relation]" &&
	crm-deal -q add --customer 1 --name 关系单 >/dev/null &&
	code 65 crm-deal lose 关系单 --reason timing &&
	code 0 crm-deal lose 关系单 --reason relation &&
	crm config unset deal.lost_reasons
'

t 'reopen: move a lost or won deal to an open stage clears its close' '
	id=$(crm-deal list --search 输单 --no-header | cut -d, -f1) &&
	code 0 crm-deal move "$id" negotiation &&
	crm-deal show "$id" -f yaml >y && has y "stage: negotiation" &&
	has y "lost_reason: null" && has y "lost_at: null" &&
	code 0 crm-deal move 3 proposal && test "$(field 3 won_at)" = "null" &&
	stages 3 | tail -1 >h && has h "won>proposal"
'

t 'next: sets the next step; a past date and missing options are refused' '
	code 0 crm-deal --as li.lei next 1 --action 约客户演示 --due +2d &&
	test "$(field 1 next_action)" = 约客户演示 &&
	test "$(field 1 next_due)" = 2026-11-26 &&
	crm-deal export >before &&
	code 65 crm-deal next 1 --action x --due 2026-11-23 &&
	has err "--due: '\''2026-11-23'\'' is in the past" &&
	code 64 crm-deal next 1 --action x && has err "--due" &&
	code 64 crm-deal next 1 --clear --due +1d &&
	code 65 crm-deal next 3x --action x --due +1d &&
	crm-deal export >after && same before after &&
	code 0 crm-deal next 2 --clear && test "$(field 2 next_due)" = null
'

t 'follow: an activity of the deal and a follow-up of its customer' '
	code 0 crm-deal --as li.lei follow 1 --kind visit --note 上门 \
	    --at "2026-11-24 08:00" --next +3d &&
	crm-deal history 1 -f csv >h && has h ",visit,li.lei,上门,2026-11-27" &&
	test "$(field 1 last_followup_at)" = 2026-11-24T08:00:00 &&
	test "$(field 1 next_due)" = 2026-11-27 &&
	test "$(field 1 next_action)" = 约客户演示 &&
	crm-customer show 1 -f yaml >y &&
	has y "last_followup_at: 2026-11-24T08:00:00" &&
	code 0 crm-deal follow 1 --kind call &&
	test "$(field 1 next_due)" = null &&
	crm-deal history 1 --limit 1 --no-header | wc -l >n &&
	test "$(cat n)" = 1 &&
	code 64 crm-deal follow 1 && has err "--kind" &&
	code 65 crm-deal follow 1 --kind call --at 2027-01-01 &&
	has err "in the future"
'

t 'a late follow-up does not move the customer'\''s last follow-up back' '
	code 0 crm-deal follow 1 --kind note --at 2026-11-01 &&
	crm-customer show 1 -f yaml >y &&
	has y "last_followup_at: 2026-11-24T09:00:00"
'

t 'who may: another rep'\''s deal is not found; finance may not; a manager may' '
	crm-deal export >before &&
	for v in "move 2 needs" "win 2" "lose 2 --reason price" \
	    "next 2 --action x --due +1d" "follow 2 --kind call"; do
		code 65 crm-deal --as li.lei $v && has err "no deal 2" &&
		! has err 南方 || exit 1
	done &&
	code 77 crm-deal --as qian.cw move 1 needs &&
	code 77 crm-deal --as qian.cw win 1 &&
	code 77 crm-deal --as qian.cw follow 1 --kind call &&
	crm-deal --as qian.cw history 1 >/dev/null &&
	code 65 crm-deal --as li.lei history 2 &&
	crm-deal export >after && same before after &&
	code 0 crm-deal --as han.mei move 1 needs &&
	stages 1 | tail -1 >h && has h "|han.mei|"
'

# last run of the deal's log
last_run() {
	crm log --entity deal --id "$1" | tail -1 | cut -d, -f1
}

t 'undo of a move removes its stage row and puts the fields back' '
	crm-deal show 1 -f csv >before && stages 1 >hb &&
	code 0 crm-deal move 1 negotiation --note 谈价 &&
	crm -q undo "$(last_run 1)" &&
	crm-deal show 1 -f csv >after && same before after &&
	stages 1 >ha && same hb ha
'

t 'undo of a win puts the deal and the customer back' '
	crm-customer set 1 status=prospect &&
	crm-deal show 1 -f csv >before && stages 1 >hb &&
	crm-customer show 1 -f csv >cb &&
	code 0 crm-deal win 1 --amount 1 &&
	crm -q undo "$(last_run 1)" &&
	crm-deal show 1 -f csv >after && same before after &&
	stages 1 >ha && same hb ha &&
	crm-customer show 1 -f csv >ca && same cb ca
'

t 'undo of a lose, and of a follow' '
	crm-deal show 1 -f csv >before && stages 1 >hb &&
	crm-customer show 1 -f csv >cb &&
	code 0 crm-deal lose 1 --reason timing &&
	crm -q undo "$(last_run 1)" &&
	crm-deal show 1 -f csv >after && same before after &&
	stages 1 >ha && same hb ha &&
	code 0 crm-deal follow 1 --kind call --next +1d &&
	crm -q undo "$(last_run 1)" &&
	crm-deal show 1 -f csv >after && same before after &&
	crm-customer show 1 -f csv >ca && same cb ca &&
	crm-deal history 1 -f csv >h && ! grep -q ",call,root,,2026-11-25" h
'

t 'a dry run writes nothing' '
	crm-deal export >before && stages 1 >hb &&
	code 0 crm-deal move 1 proposal --dry-run &&
	code 0 crm-deal win 1 --dry-run &&
	crm-deal export >after && same before after && stages 1 >ha &&
	same hb ha
'

t 'show lists the stage history and the follow-ups' '
	crm-deal show 1 -f table >s &&
	has s "发了方案" && has s "from_stage" && has s "recent follow-ups:" && has s visit
'

t 'in Chinese: the verbs, their refusals' '
	LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 crm-deal --help >h &&
	has h "赢单" && ! grep -q "move a deal" h &&
	LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 code 65 crm-deal move 1 nope &&
	! grep -q "stages" err &&
	LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 code 64 crm-deal lose 1 &&
	! grep -q "missing" err &&
	LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 code 65 crm-deal lose 1 --reason x &&
	! grep -q "lost reason" err
'

t 'a stage by its label: move 1 方案报价; the history in Chinese' '
	CRM_NOW=2026-12-03T09:00:00 code 0 crm-deal move 1 方案报价 &&
	test "$(field 1 stage)" = proposal &&
	LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 crm-deal show 1 -f table >s &&
	has s "原阶段" && has s "新阶段" && ! grep -q "原负责人" s &&
	LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 crm-deal list -f table >l &&
	has l "方案报价" && crm-deal list -f table >l && has l proposal &&
	! grep -q "方案报价" l && crm-deal list -f csv >l && has l proposal
'

t 'a team whose labels are ASCII reads them in every language' '
	crm config set deal.stages "[{key: proposal, label: Proposal, \
	    probability: 50}, {key: won, label: Won, probability: 100}, \
	    {key: lost, label: Lost, probability: 0}]" --move-to proposal &&
	crm-deal list -f table >l && has l Proposal &&
	crm-deal list -f csv >l && ! grep -q Proposal l
'

done_testing
