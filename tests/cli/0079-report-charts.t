#!/bin/bash
# crm-report's charts: every report prints through one place that draws
# its main measure (--chart, --svg, --xlsx): sales by month a trend,
# others bars, the funnel a funnel. The figures of the chart checked
# against the orders made here; the SVG parsed with xmllint, the
# workbook opened with unzip; the cron example of crm.7 (last month to
# a workbook).
. "$(dirname "$0")/lib.sh"
crm init 2>/dev/null
crm -q user add han.mei --name 韩梅梅 --role manager
crm -q user add li.lei --name 李雷 --role rep --manager han.mei
crm-customer -q add --name 星河科技 --owner li.lei >/dev/null
crm-customer -q add --name 'A&B <Co>' --owner han.mei >/dev/null
crm-order -q product add --sku P --name 服务 --price 1 >/dev/null
# DATE CUSTOMER AMOUNT: the orders of 2026, one month without any
cat >orders.txt <<'TXT'
2026-01-15 1 1000.50
2026-02-03 2 250
2026-02-20 1 749.50
2026-04-01 1 3000
2026-07-09 2 120.25
2026-10-02 1 500
2026-10-31 2 1500
2026-11-20 1 900
TXT
while read -r d cu a; do
	crm-order -q add --customer "$cu" --line "P:1:$a" --terms 100%:0 \
	    --date "$d" >/dev/null || exit 1
done <orders.txt
# the amount of each month of 2026 as the chart shows it (grouped)
awk '{ m = substr($1, 1, 7); s[m] += $3 * 100 }
	END { for (i = 1; i <= 12; i++) { m = sprintf("2026-%02d", i)
		printf "%s %.2f\n", m, s[m] / 100 } }' orders.txt >months

xp() { xmllint --xpath "$2" "$1"; }

t 'sales --by month --chart: the table, then a sparkline of the year' '

	COLUMNS=80 code 0 crm-report sales --period 2026 --by month --chart &&
	has out "2026-04" &&
	sed "/^$/q" out | grep -c "^2026-" >nrows && [ "$(cat nrows)" = 12 ] &&
	tail -n 2 out >chart &&
	# a character a month: the highest April, zero March the lowest
	line=$(head -n 1 chart) && [ "${#line}" = 12 ] &&
	[ "${line:3:1}" = "█" ] &&
	[ "${line:2:1}" = "▁" ] && [ "${line:0:1}" != "▁" ] &&
	has chart "2026-01 to 2026-12: lowest 0.00, highest 3,000.00, last 0.00"
'

t 'sales by owner --chart --ascii: a bar per owner' '
	COLUMNS=60 code 0 crm-report sales --period 2026 --by owner --chart --ascii &&
	grep -q "^li.lei  *#* *6,150.00$" out &&
	grep -q "^han.mei  *#* *1,870.25$" out
'

t '--svg: a line through the twelve months, parsed as XML' '
	code 0 crm-report sales --period 2026 --by month --svg s.svg &&
	crm-report sales --period 2026 --by month >table && same table out &&
	xmllint --noout s.svg &&
	[ "$(xp s.svg "count(//*[local-name()=\"circle\"][@class=\"point\"])")" = 12 ] &&
	xp s.svg "//*[local-name()=\"circle\"]/*[local-name()=\"title\"]/text()" |
	    sed "s/,//g; s/: / /" >got &&
	same months got &&
	! grep -qi "<script\|href" s.svg
'

t '--xlsx: the table and a line chart, read back with unzip' '
	code 0 crm-report sales --period 2026 --by month --xlsx s.xlsx &&
	unzip -p s.xlsx xl/worksheets/sheet1.xml >sheet.xml &&
	xmllint --noout sheet.xml &&
	[ "$(xp sheet.xml "string(//*[local-name()=\"c\"][@r=\"B5\"]/*[local-name()=\"v\"])")" = 3000 ] &&
	unzip -p s.xlsx xl/charts/chart1.xml >c.xml && xmllint --noout c.xml &&
	has c.xml "<c:lineChart>" &&
	[ "$(xp c.xml "count(//*[local-name()=\"val\"]//*[local-name()=\"pt\"])")" = 12 ]
'

t 'the cron example: last month to a workbook, the same bytes twice' '
	code 0 crm-report sales --period last-month --xlsx oct.xlsx &&
	has out 2026-10 && has out 2000.00 &&
	unzip -p oct.xlsx xl/worksheets/sheet1.xml >o.xml &&
	[ "$(xp o.xml "string(//*[local-name()=\"c\"][@r=\"B2\"]/*[local-name()=\"v\"])")" = 2000 ] &&
	crm-report sales --period last-month --xlsx oct2.xlsx >/dev/null &&
	cmp oct.xlsx oct2.xlsx
'

t 'the funnel a funnel, rank and aging bars; a rep draws their own' '
	crm-deal -q add --customer 1 --name d1 --owner li.lei --amount 100 \
	    --stage qualify --close 2026-12-01 >/dev/null &&
	code 0 crm-report funnel --svg f.svg && xmllint --noout f.svg &&
	[ "$(xp f.svg "count(//*[local-name()=\"g\"][@class=\"funnel\"])")" = 1 ] &&
	code 0 crm-report rank --period 2026 --svg r.svg &&
	xp r.svg "//*[local-name()=\"g\"][@class=\"bars\"]/*[local-name()=\"text\"]/text()" >r.txt &&
	has r.txt 李雷 && has r.txt 6,150.00 && has r.txt 1,870.25 &&
	code 0 crm-report sales --as li.lei --period 2026 --by owner --svg l.svg &&
	xp l.svg "//*[local-name()=\"text\"]/text()" >l.txt &&
	has l.txt 6,150.00 && ! grep -q 1,870.25 l.txt
'

t 'rows with nothing to draw, --chart with json: 64, nothing written' '
	code 64 crm-report funnel --summary --svg x.svg &&
	has err "no chart" && [ ! -e x.svg ] &&
	code 64 crm-report sales --chart -f json &&
	code 64 crm-report sales --ascii &&
	has err "--ascii goes with --chart"
'

done_testing
