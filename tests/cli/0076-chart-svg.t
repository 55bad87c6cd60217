#!/bin/bash
# --svg FILE: a standalone SVG that parses as XML (xmllint), a bar per
# stage (pipeline, funnel) or customer (aging), a point per month (a
# trend), names with & < > escaped, nothing fetched from elsewhere; the
# same bytes twice; the file made safely: not through a symbolic link,
# not over a folder, 0600, an existing file replaced; a folder that does
# not exist is 73 with the path in the message, and nothing on stdout.
. "$(dirname "$0")/lib.sh"
crm init 2>/dev/null
crm -q user add li.lei --name 李雷 --role rep
crm-customer -q add --name 星河科技 --owner li.lei >/dev/null
crm-customer -q add --name 'A&B <Co> "x"' --owner li.lei >/dev/null
deal() {
	crm-deal -q add --customer "$1" --name "d$2" --owner li.lei \
	    --amount "$2" --stage "$3" --close "$4" >/dev/null || exit 1
}
deal 1 10000 qualify 2026-12-10
deal 2 20000 needs 2027-01-10
deal 2 50000 proposal 2027-01-20
deal 1 7777.77 negotiation 2027-03-06
crm-order -q product add --sku P --name 服务 --price 1 >/dev/null
for c in 1 2; do
	crm-order -q add --customer $c --line P:1:${c}00 --terms 100%:0 \
	    --date 2026-10-01 >/dev/null
	crm-order -q confirm $c
done

# the number of elements named $2 with class $3 in SVG $1
count() {
	xmllint --xpath "count(//*[local-name()='$2'][@class='$3'])" "$1"
}

t 'pipeline --svg: valid XML, one bar per open stage, the table as before' '
	code 0 crm-deal pipeline --svg p.svg &&
	crm-deal pipeline >table &&
	same table out &&
	xmllint --noout p.svg &&
	[ "$(count p.svg rect bar)" = 4 ] &&
	[ "$(xmllint --xpath "string(//*[local-name()=\"title\"][1])" p.svg)" = amount ] &&
	has p.svg ">方案报价</text>" && has p.svg ">50,000.00</text>"
'

t 'the widest bar is the largest amount, the others in proportion' '
	xmllint --xpath "//*[local-name()=\"rect\"][@class=\"bar\"]/@width" p.svg |
	    tr " " "\n" | sed -n "s/width=\"\(.*\)\"/\1/p" >w &&
	awk "NR == 3 { m = \$1 } { v[NR] = \$1 } END {
		a[1] = 10000; a[2] = 20000; a[3] = 50000; a[4] = 7777.77
		for (i = 1; i <= 4; i++) {
			d = v[i] - a[i] / 50000 * m; if (d < 0) d = -d
			if (d > 0.1) { print i, v[i]; exit 1 } } }" w
'

t 'no script, no link to a font or anything else' '
	! grep -qi "<script\|href\|@import\|url(" p.svg &&
	[ "$(grep -c "http" p.svg)" = 1 ] &&	# the namespace only
	has p.svg "xmlns=\"http://www.w3.org/2000/svg\""
'

t 'aging --svg: a bar per customer, names escaped, no total bar' '
	code 0 crm-pay aging --svg a.svg &&
	xmllint --noout a.svg &&
	[ "$(count a.svg rect bar)" = 2 ] &&
	has a.svg "A&amp;B &lt;Co&gt; &quot;x&quot;" &&
	[ "$(xmllint --xpath "string(//*[local-name()=\"g\"][@class=\"bars\"]/*[local-name()=\"text\"][3])" a.svg)" = "A&B <Co> \"x\"" ]
'

t 'funnel --svg and pipeline --by month --svg: a funnel, a line' '
	code 0 crm-deal funnel --svg f.svg &&
	xmllint --noout f.svg &&
	[ "$(count f.svg g funnel)" = 1 ] &&
	[ "$(count f.svg rect bar)" = "$(crm-deal funnel -f csv | tail -n +2 | wc -l)" ] &&
	code 0 crm-deal pipeline --by month --svg m.svg &&
	xmllint --noout m.svg &&
	[ "$(count m.svg polyline line)" = 1 ] &&
	[ "$(count m.svg circle point)" = 3 ]
'

t 'the same data and clock: the same bytes' '
	crm-deal pipeline --svg p2.svg >/dev/null &&
	cmp p.svg p2.svg
'

t 'the file is 0600; an existing file is replaced' '
	[ "$(stat -c %a p.svg)" = 600 ] &&
	echo old >old.svg && chmod 644 old.svg &&
	code 0 crm-deal pipeline --svg old.svg &&
	cmp p.svg old.svg && [ "$(stat -c %a old.svg)" = 600 ]
'

t 'a symbolic link at the path is refused, its target untouched' '
	echo secret >target && ln -s target link.svg &&
	code 73 crm-deal pipeline --svg link.svg &&
	has err "cannot create '\''link.svg'\'': it is a symbolic link" &&
	[ ! -s out ] && [ "$(cat target)" = secret ] && [ -L link.svg ] &&
	! ls .crm-chart.* 2>/dev/null
'

t 'a folder that does not exist, or a folder: 73, nothing printed' '
	code 73 crm-deal pipeline --svg nowhere/p.svg &&
	has err "cannot create '\''nowhere/p.svg'\''" &&
	has err "No such file or directory" && [ ! -s out ] &&
	mkdir d.svg &&
	code 73 crm-pay aging --svg d.svg &&
	has err "it is not a regular file" && [ -d d.svg ] &&
	code 73 crm-pay aging --svg "" &&
	has err "no file name"
'

# Real OS users in a team folder: a rep's image shows only the rep's
# deals and is the team's (0660, the team's group); a link another
# member planted in the shared folder is not followed.
t 'as OS users in a team folder: the rep'\''s own figures, 0660, no link followed' '
	team_db && os_users ch.rep1 ch.rep2 &&
	crm -q user add ch.rep1 --name 一号 --role rep &&
	crm -q user add ch.rep2 --name 二号 --role rep &&
	crm-customer -q add --name 一号客户 --owner ch.rep1 >/dev/null &&
	crm-deal -q add --customer 1 --name a --owner ch.rep1 --amount 111 \
	    --stage needs >/dev/null &&
	crm-deal -q add --customer 1 --name b --owner ch.rep2 --amount 222 \
	    --stage needs >/dev/null &&
	as ch.rep1 crm-deal pipeline --svg "$T/team/r1.svg" >/dev/null &&
	has team/r1.svg ">111.00</text>" && ! grep -q 222 team/r1.svg &&
	[ "$(stat -c "%a %G %U" team/r1.svg)" = "660 crmtest ch.rep1" ] &&
	as ch.rep2 ln -s "$T/team/r1.svg" "$T/team/r2.svg" &&
	code 73 as ch.rep1 crm-deal pipeline --svg "$T/team/r2.svg" &&
	has err "symbolic link" && has team/r1.svg ">111.00</text>" &&
	code 73 as ch.rep1 crm-deal pipeline --xlsx "$T/r.xlsx" &&
	has err "cannot create" && [ ! -e r.xlsx ]
'

done_testing
