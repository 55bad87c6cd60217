#!/bin/bash
# crm-report leads: per source, campaign, owner or region, the leads added
# in the range, how far they went, the reasons of the disqualified, the
# conversion rate and the median days to convert, against this test's own
# table; who sees which; bad input.
. "$(dirname "$0")/lib.sh"
crm init 2>/dev/null
crm -q user add li.lei --name 李雷 --role rep --region 华东
crm -q user add wang.fang --name 王芳 --role rep --region 华南
crm -q user add ma.sc --name 马市场 --role marketing
crm-lead -q campaign add --name 上海展会 --start 2026-10-01 >/dev/null
at() { CRM_NOW=$1T10:00:00 "${@:2}"; }
# name source owner added then (status@day | disqualified:reason)
cat >leads.txt <<'EOF'
L1 web li.lei 2026-11-02 converted@2026-11-06
L2 web li.lei 2026-11-03 qualified@2026-11-04
L3 expo li.lei 2026-11-04 contacted@2026-11-04
L4 expo wang.fang 2026-11-05 disqualified:price
L5 expo wang.fang 2026-11-05 disqualified:price
L6 web wang.fang 2026-11-06 disqualified:timing
L7 expo li.lei 2026-11-01 converted@2026-11-11
L8 web li.lei 2026-10-20 new
L9 referral - 2026-11-07 new
EOF
while read -r name src owner day then; do
	o="--owner $owner"; [ "$owner" != - ] || o="--region 华北"
	c=; [ "$src" != expo ] || c="--campaign 上海展会"
	at "$day" crm-lead -q add --name "$name" --source "$src" $o $c \
	    --company "$name 公司" >/dev/null || exit 1
	case $then in
	converted@*) at "${then#*@}" crm-lead -q convert "$name" \
	    --as "$owner" >/dev/null ;;
	qualified@*|contacted@*) at "${then#*@}" crm-lead -q edit "$name" \
	    --status "${then%@*}" ;;
	disqualified:*) crm-lead -q disqualify "$name" --reason "${then#*:}" ;;
	esac || exit 1
done <leads.txt

t 'by source, in November: as this test counts them' '
	code 0 crm-report leads --period 2026-11 -f csv &&
	cat >want <<-EOF &&
	group,leads,contacted,qualified,converted,disqualified,reasons,conversion_pct,median_days
	expo,4,2,1,1,2,price 2,25.0,10
	referral,1,0,0,0,0,,0.0,
	web,3,2,2,1,1,timing 1,33.3,4
	EOF
	same want out
'

t 'by campaign and owner; the median of two is their mean' '
	code 0 crm-report leads --period 2026-11 --by campaign -f csv \
	    --no-header &&
	printf ",4,2,2,1,1,timing 1,25.0,4\n上海展会,4,2,1,1,2,price 2,25.0,10\n" \
	    >want && same want out &&
	code 0 crm-report leads --period 2026-11 --by owner -f csv --no-header &&
	printf ",1,0,0,0,0,,0.0,\nli.lei,4,4,3,2,0,,50.0,7\nwang.fang,3,0,0,0,3,\"price 2, timing 1\",0.0,\n" \
	    >want && same want out &&
	code 0 crm-report leads --from 2026-10-01 --by owner -f csv \
	    --no-header && grep -q "^li.lei,5,4,3,2,0,,40.0,7$" out
'

t 'who sees which: a rep their own, marketing all' '
	code 0 crm-report leads --as wang.fang --period 2026-11 --by owner \
	    -f csv --no-header && test "$(cut -d, -f1,2 out)" = "wang.fang,3" &&
	code 0 crm-report leads --as ma.sc --period 2026-11 -f csv \
	    --no-header && test "$(wc -l <out)" -eq 3 &&
	code 64 crm-report leads --by colour && has err "--by"
'

done_testing
