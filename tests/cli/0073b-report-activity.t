#!/bin/bash
# crm-report activity: follow-ups, customers touched, customers added,
# claims and recycles per person, per day (every day, 0 too) and per
# kind, against this test's own table of what it did and what the
# recycle job said it moved; who sees whose; bad input.
. "$(dirname "$0")/lib.sh"
crm init 2>/dev/null
crm -q user add han.mei --name 韩梅梅 --role manager --region 华东
crm -q user add li.lei --name 李雷 --role rep --region 华东 --manager han.mei
crm -q user add wang.fang --name 王芳 --role rep --region 华南
at() { CRM_NOW=$1T10:00:00; export CRM_NOW; shift; "$@" >/dev/null; }
at 2026-10-01 crm-customer -q add --name 公海一 --region 华东
at 2026-11-02 crm-customer -q add --name 星河科技 --owner li.lei
at 2026-11-03 crm-customer -q add --name 东方电子 --owner li.lei
at 2026-11-03 crm-customer -q add --name 南方贸易 --owner wang.fang
# who customer kind day
cat >follow.txt <<'EOF'
li.lei 星河科技 call 2026-11-02
li.lei 星河科技 visit 2026-11-02
li.lei 东方电子 email 2026-11-04
wang.fang 南方贸易 call 2026-11-04
li.lei 星河科技 call 2026-10-30
EOF
while read -r who cu kind day; do
	at "$day" crm-customer -q follow "$cu" --as "$who" --kind "$kind" \
	    --note x || exit 1
done <follow.txt
at 2026-11-05 crm-customer -q claim 公海一 --as li.lei
export CRM_NOW=2026-11-24T09:00:00
crm-customer recycle -f csv >recycled.csv 2>/dev/null

t 'by person: as counted here from what was done' '
	test "$(tail -n +2 recycled.csv | wc -l)" -ge 1 &&
	for who in han.mei li.lei wang.fang; do
		f=$(awk -v w=$who "\$1 == w && \$4 >= \"2026-11-01\"" follow.txt |
		    wc -l)
		c=$(awk -v w=$who "\$1 == w && \$4 >= \"2026-11-01\" { print \$2 }" \
		    follow.txt | sort -u | wc -l)
		n=$(case $who in li.lei) echo 2;; wang.fang) echo 1;; *) echo 0;; esac)
		k=$(case $who in li.lei) echo 1;; *) echo 0;; esac)
		r=$(grep -c ",$who," recycled.csv || true)
		echo "$who,$f,$c,$n,$k,$r"
	done >want &&
	code 0 crm-report activity -f csv --no-header &&
	cut -d, -f1,3- out >got && same want got
'

t 'by day: every day of the range, 0 too; by kind: every kind' '
	code 0 crm-report activity --by day --from 2026-11-01 --to 2026-11-05 \
	    -f csv --no-header &&
	cut -d, -f1-5 out >got &&
	cat >want <<-EOF &&
	2026-11-01,0,0,0,0
	2026-11-02,2,1,1,0
	2026-11-03,0,0,2,0
	2026-11-04,2,2,0,0
	2026-11-05,0,0,0,1
	EOF
	same want got &&
	code 0 crm-report activity --by kind -f csv --no-header &&
	printf "%s\n" call,2,2 visit,1,1 email,1,1 im,0,0 meeting,0,0 \
	    note,0,0 >want && same want out
'

t 'who sees whose: a rep their own, a manager the team' '
	code 0 crm-report activity --as li.lei -f csv --no-header &&
	test "$(cut -d, -f1,3 out)" = "li.lei,3" &&
	code 0 crm-report activity --as han.mei -f csv --no-header &&
	test "$(cut -d, -f1 out | tr "\n" " ")" = "han.mei li.lei " &&
	code 0 crm-report activity --as wang.fang --by kind -f csv \
	    --no-header && head -1 out | grep -q "^call,1,1$"
'

t 'bad input: --by, the range; 64' '
	code 64 crm-report activity --by month && has err "--by" &&
	code 64 crm-report activity --by day --from 2000-01-01 --to 2026-01-01 &&
	code 64 crm-report activity --to 2026-13-01 && has err "--to"
'

done_testing
