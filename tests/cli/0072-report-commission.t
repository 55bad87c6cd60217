#!/bin/bash
# crm-report commission: data.md's worked example (150000.00 collected
# earns 5500.00 marginal, 7500.00 whole) and every tier boundary, one
# cent below, on and above it, in both modes; tiers by attainment with
# factors; --explain's arithmetic; who sees whose; bad plans refused.
. "$(dirname "$0")/lib.sh"
crm init 2>/dev/null
crm -q user add han.mei --name 韩梅梅 --role manager --region 华东
crm -q user add wang.fang --name 王芳 --role rep --region 华南
crm-order -q product add --sku P --name 服务 --price 1 >/dev/null
# collected LOGIN AMOUNT DAY: a customer of theirs, an
# order of that amount due at once, confirmed, and paid in full
nord=0
collected() {
	nord=$((nord + 1))
	crm -q user add "$1" --name "$1" --role rep --region 华东 \
	    --manager han.mei 2>/dev/null || true
	crm-customer -q add --name "客户$nord" --owner "$1" >/dev/null &&
	crm-order -q add --customer "客户$nord" --line "P:1:$2" \
	    --terms 100%:0 --date $3 >/dev/null &&
	crm-order -q confirm $nord &&
	crm-pay -q receive --customer "客户$nord" --amount "$2" \
	    --date $3 --method bank >/dev/null
}
collected r150 150000 2026-10-05
collected r100 100000 2026-10-06
collected r099 99999.99 2026-10-07
collected r101 100000.01 2026-10-08
collected r200 200000 2026-10-09
collected r200 0.01 2026-10-30		# r200: 200000.01 in all
collected r000 0.01 2026-10-10
# outside the period: not counted
collected r150 777 2026-09-30 && crm-pay -q receive --customer 客户1 --amount 5 \
    --date 2026-11-02 --method bank >/dev/null

cols() { cut -d, -f1,3,6,7,9 out; }

t 'the default plan, marginal: 3% to 100000.00, 5% above' '
	code 0 crm-report commission --period 2026-10 -f csv &&
	cols >got &&
	cat >want <<-EOF &&
	user,base,tier,rate,commission
	han.mei,0.00,1,3%,0.00
	r000,0.01,1,3%,0.00
	r099,99999.99,1,3%,3000.00
	r100,100000.00,2,5%,3000.00
	r101,100000.01,2,5%,3000.00
	r150,150000.00,2,5%,5500.00
	r200,200000.01,2,5%,8000.00
	wang.fang,0.00,1,3%,0.00
	EOF
	same want got
'

t 'whole (全额累进): the whole base at the rate reached' '
	crm config set commission.plan "{base: collected, tier_by: amount,
	    mode: whole, tiers: [{from: 0, rate: 3%}, {from: 100000.00,
	    rate: 5%}]}" &&
	code 0 crm-report commission --period 2026-10 -f csv &&
	cols >got &&
	cat >want <<-EOF &&
	user,base,tier,rate,commission
	han.mei,0.00,1,3%,0.00
	r000,0.01,1,3%,0.00
	r099,99999.99,1,3%,3000.00
	r100,100000.00,2,5%,5000.00
	r101,100000.01,2,5%,5000.00
	r150,150000.00,2,5%,7500.00
	r200,200000.01,2,5%,10000.00
	wang.fang,0.00,1,3%,0.00
	EOF
	same want got
'

t 'three tiers: on each boundary the tier above, in both modes' '
	: >got &&
	for mode in whole marginal; do
		crm config set commission.plan "{base: collected, tier_by:
		    amount, mode: $mode, tiers: [{from: 0, rate: 3%},
		    {from: 100000.00, rate: 5%}, {from: 200000.01,
		    rate: 8.5%}]}" || exit 1
		crm-report commission --period 2026-10 -f csv --no-header |
		    grep "^r" | cut -d, -f1,6,7,9 >>got
	done &&
	cat >want <<-EOF &&
	r000,1,3%,0.00
	r099,1,3%,3000.00
	r100,2,5%,5000.00
	r101,2,5%,5000.00
	r150,2,5%,7500.00
	r200,3,8.50%,17000.00
	r000,1,3%,0.00
	r099,1,3%,3000.00
	r100,2,5%,3000.00
	r101,2,5%,3000.00
	r150,2,5%,5500.00
	r200,3,8.50%,8000.00
	EOF
	same want got
'

t '--explain: the arithmetic of the worked example, tier by tier' '
	crm config unset commission.plan &&
	code 0 crm-report commission --period 2026-10 --user r150 --explain \
	    -f csv &&
	cat >want <<-EOF &&
	user,step,basis,rate,result,formula
	r150,tier 1,100000.00,3%,3000.00,(100000.00 - 0.00) x 3% = 3000.00
	r150,tier 2,50000.00,5%,2500.00,(150000.00 - 100000.00) x 5% = 2500.00
	r150,factor,5500.00,1.0,5500.00,5500.00 x 1.0 = 5500.00
	EOF
	same want out
'

t 'by attainment of the target, with factors (业绩系数)' '
	crm config set commission.plan "{base: collected, tier_by: attainment,
	    mode: marginal, tiers: [{from: 0, rate: 2%}, {from: 100%,
	    rate: 4%}], factors: [{below: 50%, factor: 0.5}, {below: 100%,
	    factor: 0.9}]}" &&
	crm -q target set --user r150 --period 2026-10 --metric collected \
	    100000 &&
	crm -q target set --user r100 --period 2026-Q4 --metric collected \
	    100000 &&
	crm -q target set --user r099 --period 2026-10 --metric collected \
	    199999.98 &&
	crm -q target set --user r101 --period 2026-10 --metric collected \
	    250000.03 &&
	code 0 crm-report commission --period 2026-10 -f csv --no-header &&
	grep "^r" out | cut -d, -f1,3-9 >got &&
	cat >want <<-EOF &&
	r000,0.01,,,1,2%,1.0,0.00
	r099,99999.99,199999.98,50.0,1,2%,0.9,1800.00
	r101,100000.01,250000.03,40.0,1,2%,0.5,1000.00
	r150,150000.00,100000.00,150.0,2,4%,1.0,4000.00
	r200,200000.01,,,1,2%,1.0,4000.00
	r100,100000.00,,,1,2%,1.0,2000.00
	EOF
	sort want >w && sort got >g && same w g
'

t 'who sees whose: a rep their own, a manager the team; --user' '
	crm config unset commission.plan &&
	code 0 crm-report commission --as r150 --period 2026-10 -f csv \
	    --no-header &&
	test "$(cut -d, -f1,9 out)" = "r150,5500.00" &&
	code 65 crm-report commission --as r150 --period 2026-10 --user r100 &&
	has err "no user r100" && test ! -s out &&
	code 0 crm-report commission --as han.mei --period 2026-10 -f csv \
	    --no-header && test "$(wc -l <out)" -eq 7 &&
	code 0 crm-report commission --as wang.fang --period 2026-10 -f csv \
	    --no-header && test "$(cut -d, -f1,3,9 out)" = "wang.fang,0.00,0.00"
'

t 'bad plans: 78 naming the setting, nothing changed' '
	crm config get commission.plan >before &&
	code 78 crm config set commission.plan "{base: profit, tier_by: amount,
	    mode: whole, tiers: [{from: 0, rate: 3%}]}" &&
	has err "commission.plan" && has err "base" &&
	code 78 crm config set commission.plan "{base: collected, tier_by:
	    amount, mode: whole, tiers: [{from: 10, rate: 3%}]}" &&
	has err "from 0" &&
	code 78 crm config set commission.plan "{base: collected, tier_by:
	    amount, mode: whole, tiers: [{from: 0, rate: 3}]}" &&
	code 78 crm config set commission.plan "{base: collected, tier_by:
	    amount, mode: half, tiers: [{from: 0, rate: 3%}]}" &&
	has err "mode" &&
	code 78 crm config set commission.plan "{base: collected, tier_by:
	    amount, mode: whole, tiers: [{from: 0, rate: 3%}], factors:
	    [{below: 80%, factor: x}]}" &&
	crm config get commission.plan >after && same before after &&
	code 64 crm-report commission --period 2026-13 && has err "--period"
'

done_testing
