#!/bin/bash
# crm-report customers (客户画像) and campaigns (ROI): counts and money
# against this test's own table; every tier and status shown, 0 too; a
# campaign's cost its own and the expenses charged to it; revenue of
# the customers its leads became; who may see what; bad input.
. "$(dirname "$0")/lib.sh"
crm init 2>/dev/null
crm -q user add han.mei --name 韩梅梅 --role manager --region 华东
crm -q user add li.lei --name 李雷 --role rep --region 华东 --manager han.mei
crm -q user add wang.fang --name 王芳 --role rep --region 华南
crm -q user add ma.sc --name 马市场 --role marketing
crm -q user add qian.cw --name 钱财务 --role finance
# name owner region tier status created
cat >customers.txt <<'EOF'
星河科技 li.lei 华东 A active 2026-11-02
东方电子 li.lei 华东 B prospect 2026-10-15
南方贸易 wang.fang 华南 A dormant 2026-11-10
北方机械 - 华东 C prospect 2026-11-20
西部能源 wang.fang 华南 - lost 2026-09-01
EOF
while read -r name owner region tier status day; do
	o=; [ "$owner" = - ] || o="--owner $owner"
	t=; [ "$tier" = - ] || t="--tier $tier"
	CRM_NOW=${day}T10:00:00 crm-customer -q add --name "$name" $o \
	    --region "$region" $t --status "$status" >/dev/null || exit 1
done <customers.txt

# the portrait by field $1 (3 region, 4 tier, 5 status) for the rows
# owner matches, as computed here: group, customers, owned, in pool,
# prospect, active, dormant, lost, new in November
portrait() {
	awk -v f="$1" -v who="$2" -v fill="$3" '
	who != "" && $2 !~ who { next }
	{
		k = $f == "-" ? "" : $f; n[k]++; seen[k] = 1
		if ($2 == "-") pool[k]++; else own[k]++
		st[k, $5]++
		if ($6 >= "2026-11-01" && $6 <= "2026-11-30") nw[k]++
	}
	function row(k) {
		return sprintf("%s,%d,%d,%d,%d,%d,%d,%d,%d", k, n[k], own[k],
		    pool[k], st[k, "prospect"], st[k, "active"],
		    st[k, "dormant"], st[k, "lost"], nw[k])
	}
	END {
		m = split(fill, w, " ")
		for (i = 1; i <= m; i++) { print row(w[i]); done[w[i]] = 1 }
		close("sort")
		for (k in seen) if (!(k in done)) print row(k) | "sort"
	}' customers.txt
}

t 'customers by region, tier and status, as computed here' '
	portrait 3 "" "" >want &&
	code 0 crm-report customers -f csv --no-header && same want out &&
	portrait 4 "" "A B C D E" >want &&
	code 0 crm-report customers --by tier -f csv --no-header &&
	same want out && grep -q "^D,0,0,0,0,0,0,0,0$" out &&
	portrait 5 "" "prospect active dormant lost" >want &&
	code 0 crm-report customers --by status -f csv --no-header &&
	same want out
'

t 'customers as a rep: their own and their region'"'"'s pool' '
	portrait 3 "li.lei|-" "" >want &&
	code 0 crm-report customers --as li.lei -f csv --no-header &&
	same want out &&
	code 0 crm-report customers --as wang.fang -f csv --no-header &&
	test "$(cat out)" = "华南,2,2,0,0,0,1,1,1" &&
	code 64 crm-report customers --by colour && has err "--by"
'

t 'campaigns: cost with expenses, leads, converted, revenue, ROI' '
	crm-lead -q campaign add --name 上海展会 --channel expo --start \
	    2026-11-05 --cost 10000 >/dev/null &&
	crm-lead -q campaign add --name 官网 --channel web --start 2026-11-01 \
	    >/dev/null &&
	crm-lead -q campaign add --name 去年活动 --start 2025-11-01 --cost 5 \
	    >/dev/null &&
	crm-pay -q expense add --category 展会 --amount 2000 --campaign 上海展会 \
	    >/dev/null &&
	crm-pay -q expense add --category 招待 --amount 500.50 --campaign 上海展会 \
	    --as li.lei >/dev/null &&
	for l in 甲 乙 丙; do crm-lead -q add --name "$l" --campaign 上海展会 \
	    --owner li.lei >/dev/null || exit 1; done &&
	cu=$(crm-lead convert 甲 --as li.lei 2>/dev/null) &&
	crm-order -q product add --sku P --name 服务 --price 1 >/dev/null &&
	crm-order -q add --customer "$cu" --line P:1:30000 >/dev/null &&
	crm-order -q add --customer "$cu" --line P:1:999 >/dev/null &&
	crm-order -q cancel 2 --reason 作废 &&
	code 0 crm-report campaigns -f csv &&
	cat >want <<-EOF &&
	campaign,id,cost,leads,converted,revenue,cost_per_lead,roi_pct
	上海展会,1,12500.50,3,1,30000.00,4166.83,140.0
	官网,2,0.00,0,0,0.00,,
	EOF
	same want out &&
	code 0 crm-report campaigns --period 2025-11 -f csv --no-header &&
	test "$(cat out)" = "去年活动,3,5.00,0,0,0.00,,-100.0"
'

t 'campaigns: marketing without revenue, reps refused (77)' '
	code 0 crm-report campaigns --as ma.sc -f csv --no-header &&
	head -1 out >got && echo "上海展会,1,12500.50,3,1,,4166.83," >want &&
	same want got &&
	code 0 crm-report campaigns --as qian.cw -f csv --no-header &&
	grep -q "^上海展会,1,12500.50,3,1,30000.00," out &&
	code 0 crm-report campaigns --as han.mei -f csv --no-header &&
	grep -q "^上海展会,1,12500.50,3,1,30000.00," out &&
	code 77 crm-report campaigns --as li.lei && test ! -s out
'

done_testing
