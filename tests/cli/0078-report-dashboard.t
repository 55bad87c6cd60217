#!/bin/bash
# crm-report dashboard: the manager's one screen, its figures checked
# against figures computed here from the orders, deals and targets made
# here (this month against target, the pipeline, what is due and
# overdue, the top reps, the funnel, twelve months of sales); --html one
# self-contained page (parsed with xmllint: no script, nothing fetched),
# rendered in headless Chromium at a phone's width when it is installed;
# a rep's dashboard (--as and a real OS user) shows only their figures;
# the same data and clock give the same bytes.
. "$(dirname "$0")/lib.sh"
team_db
os_users han.mei li.lei wang.fang
crm -q user add han.mei --name 韩梅梅 --role manager
crm -q user add li.lei --name 李雷 --role rep --manager han.mei
crm -q user add wang.fang --name 王芳 --role rep --manager han.mei
crm-customer -q add --name 星河科技 --owner li.lei >/dev/null
crm-customer -q add --name 'A&B <Co>' --owner wang.fang >/dev/null
crm-order -q product add --sku P --name 服务 --price 1 >/dev/null
# DATE CUSTOMER AMOUNT DAYS: an order, confirmed, due DAYS after its date
cat >orders.txt <<'TXT'
2025-11-20 2 999 0
2025-12-10 1 800 0
2026-03-05 2 1200 0
2026-06-01 1 3000 30
2026-10-02 2 500 0
2026-11-03 1 4500 5
2026-11-21 2 2000 5
TXT
i=0
while read -r d cu a days; do
	i=$((i + 1))
	crm-order -q add --customer "$cu" --line "P:1:$a" \
	    --terms "100%:$days" --date "$d" >/dev/null &&
	crm-order -q confirm $i || exit 1
done <orders.txt
crm target set --user li.lei --period 2026-11 --metric revenue 10000 >/dev/null
crm target set --user wang.fang --period 2026-11 --metric revenue 1000 >/dev/null
crm-deal -q add --customer 1 --name d1 --owner li.lei --amount 10000 \
    --stage qualify --close 2026-12-10 >/dev/null
crm-deal -q add --customer 2 --name d2 --owner wang.fang --amount 50000 \
    --stage proposal --close 2027-01-10 >/dev/null
# one won deal: the win rate is 1 of 1 closed; three deals reached the
# first stage (a deal added at a later one passed it)
crm-deal -q add --customer 1 --name d3 --owner li.lei --amount 3000 \
    --stage negotiation --close 2026-11-30 >/dev/null
crm-deal -q win 3 --amount 3000

# The figures as computed here: per owner (customer 1 li.lei, 2
# wang.fang, all for the manager), this month's, last month's, what is
# due within 3 days (remind.payment_days) and past due, in cents.
figures() {	# figures CUSTOMERS: "month last due_n due overdue_n overdue"
	awk -v who="$1" -v today=2026-11-24 '
	function day(s) { return mktime(substr(s,1,4) " " substr(s,6,2) " " \
	    substr(s,9,2) " 12 0 0") }
	index(who, $2) {
		c = $3 * 100; m = substr($1, 1, 7)
		if (m == "2026-11") month += c
		if (m == "2026-10") last += c
		due = day($1) + $4 * 86400; t = day(today)
		if (due < t) { on++; ov += c }
		else if (due <= t + 3 * 86400) { dn++; ds += c }
	}
	END { printf "%d %d %d %d %d %d\n", month, last, dn, ds, on, ov }' \
	    orders.txt
}
B='[█▏▎▍▌▋▊▉]*'	# a bar of eighth blocks
money() {	# cents as the dashboard groups them
	awk -v c="$1" 'BEGIN { s = sprintf("%d", int(c / 100)); o = ""
		while (length(s) > 3) { o = "," substr(s, length(s) - 2) o
			s = substr(s, 1, length(s) - 3) }
		printf "%s%s.%02d\n", s, o, c % 100 }'
}

t 'the terminal: this month, against target, collections, from the orders' '
	read -r month last dn ds on ov <<<"$(figures 12)" &&
	COLUMNS=70 code 0 crm-report dashboard &&
	has out "ordered $(money $month) (last month $(money $last), +1200.0%)" &&
	grep -q "^李雷 revenue  *█*░* 45.0% (4,500.00 of 10,000.00)$" out &&
	grep -q "^王芳 revenue  *█\{20\} 200.0% (2,000.00 of 1,000.00)$" out &&
	has out "due within 3 days: $dn, $(money $ds)" &&
	has out "overdue: $on, $(money $ov)" &&
	# the five oldest overdue, by due date
	sed -n "/^overdue:/,/^\$/p" out | grep -c "^20[0-9-]* " >nover &&
	[ "$(cat nover)" = 5 ] &&
	grep -q "^2025-11-20 A&B <Co> $B  *999.00$" out &&
	has out "open deals: 2; amount 60,000.00; weighted" &&
	grep -q "^1 李雷  *$B *4,500.00$" out &&
	grep -q "^2 王芳  *$B *2,000.00$" out
'

t 'the pipeline, the funnel and twelve months of sales drawn' '
	sed -n "/^Pipeline/,/^Collections/p" out >pipe &&
	grep -q "^方案报价 $B 50,000.00$" pipe &&
	grep -q "^初步接洽 $B  *10,000.00$" pipe &&
	sed -n "/^Funnel/,/^Sales/p" out >funnel &&
	has funnel "win rate 100.0%; velocity" &&
	grep -q "^初步接洽  *$B  *3$" funnel && grep -q "^赢单  *$B  *1$" funnel &&
	tail -n 2 out >spark &&
	has spark "2025-12 to 2026-11: lowest 0.00, highest 6,500.00, last 6,500.00" &&
	line=$(head -n 1 spark) && [ "${#line}" = 12 ] &&
	[ "${line:11:1}" = "█" ] && [ "${line:1:1}" = "▁" ]
'

t '--html: one page, parsed with xmllint: no script, nothing fetched' '
	code 0 crm-report dashboard --html d.html && [ ! -s out ] &&
	xp() { xmllint --html --xpath "$1" d.html 2>/dev/null; } &&
	[ "$(xp "count(//script)")" = 0 ] &&
	[ "$(xp "count(//@src|//@href|//link|//img|//iframe|//object)")" = 0 ] &&
	! grep -qi "url(\|@import\|@font-face" d.html &&
	[ "$(grep -o "http[s]*://[^\"]*" d.html | sort -u)" = http://www.w3.org/2000/svg ] &&
	[ "$(xp "string(//meta[@name=\"viewport\"]/@content)")" = "width=device-width, initial-scale=1" ] &&
	has d.html "@media (max-width:600px){main{grid-template-columns:1fr}}" &&
	[ "$(xp "string(//section[@id=\"month\"]/p[1])")" = 6,500.00 ] &&
	[ "$(xp "count(//section)")" = 6 ] &&
	[ "$(xp "count(//meter)")" = 2 ] &&
	xp "//section[@id=\"sales\"]//title/text()" >titles &&
	has titles "2025-12: 800.00" && has titles "2026-11: 6,500.00" &&
	has d.html "A&amp;B &lt;Co&gt;"
'

t 'the page: the database mode, no link followed, the same bytes twice' '
	[ "$(stat -c %a d.html)" = "$(stat -c %a "$CRM_DB")" ] &&
	crm-report dashboard --html d2.html && cmp d.html d2.html &&
	CRM_NOW=2026-11-25T08:00:00 crm-report dashboard --html d3.html &&
	! cmp -s d.html d3.html &&
	ln -s d.html link.html &&
	code 73 crm-report dashboard --html link.html &&
	has err "symbolic link" && cmp d.html d2.html &&
	crm-report dashboard >a && crm-report dashboard >b && same a b
'

# Chromium is an optional test dependency (.ci/run installs it): a user's
# make check without it skips this step, and says so.
if ! command -v chromium >/dev/null; then
	n=$((n + 1))
	echo "ok $n # skip chromium is not installed"
else
t 'rendered in headless Chromium at a phone width: screenshot and DOM' '
	timeout 120 chromium --headless --no-sandbox --disable-gpu \
	    --disable-dev-shm-usage \
	    --screenshot="$T/shot.png" --window-size=390,844 \
	    "file://$T/d.html" >/dev/null 2>&1 &&
	[ "$(head -c 4 shot.png | tail -c 3)" = PNG ] &&
	s=$(stat -c %s shot.png) && [ "$s" -gt 10000 ] && [ "$s" -lt 5000000 ] &&
	timeout 120 chromium --headless --no-sandbox --disable-gpu \
	    --disable-dev-shm-usage --dump-dom \
	    "file://$T/d.html" 2>/dev/null >dom &&
	has dom 6,500.00 && has dom "4,500.00 of 10,000.00" &&
	has dom "overdue:" && has dom "2026-11: 6,500.00" &&
	! grep -qi "<script" dom
'
fi

t 'a rep sees their own figures only (--as)' '
	read -r month last dn ds on ov <<<"$(figures 1)" &&
	COLUMNS=70 code 0 crm-report --as li.lei dashboard &&
	has out "ordered $(money $month) (last month 0.00, -)" &&
	has out "overdue: $on, $(money $ov)" &&
	has out "4,500.00 of 10,000.00" && ! grep -q 王芳.revenue out &&
	! grep -q "2,000.00\|1,200.00\|50,000.00" out &&
	has out "also ranked: 2 王芳" && ! grep -q "^2 王芳 .*[0-9]" out
'

t 'as the real OS user li.lei: the terminal and the page' '
	read -r month last dn ds on ov <<<"$(figures 1)" &&
	as li.lei env COLUMNS=70 crm-report dashboard >os.txt &&
	has os.txt "ordered $(money $month)" &&
	has os.txt "overdue: $on, $(money $ov)" &&
	! grep -q "2,000.00\|50,000.00" os.txt &&
	as li.lei crm-report dashboard --html "$T/team/li.html" &&
	[ "$(stat -c %a "$T/team/li.html")" = "$(stat -c %a "$CRM_DB")" ] &&
	has "$T/team/li.html" "4,500.00 of 10,000.00" &&
	! grep -q "2,000.00 of\|50,000.00" "$T/team/li.html"
'

t 'marketing may not see deals: 77; -f json: 64; nothing written' '
	crm -q user add ma.sc --name 马市场 --role marketing &&
	code 77 crm-report --as ma.sc dashboard --html m.html &&
	has err "may see deals" && [ ! -e m.html ] && [ ! -s out ] &&
	code 64 crm-report dashboard -f json --html j.html &&
	has err "no -f csv" && [ ! -e j.html ] &&
	! ls .crm-chart.* 2>/dev/null
'

t 'in Chinese: the sections and words translated' '
	crm -q config set ui.lang zh_CN &&
	code 0 crm-report dashboard --html zh.html &&
	crm-report dashboard >zh.txt &&
	crm -q config set ui.lang en &&
	has zh.txt 本月 && has zh.txt 商机阶段 && has zh.txt 回款 &&
	has zh.html "lang=\"zh-CN\"" && has zh.html 本月
'

done_testing
