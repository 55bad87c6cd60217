#!/bin/bash
# --xlsx FILE: a workbook (opened here with unzip, its parts checked as
# XML with xmllint): the table with numbers as numbers and money in a
# money format, column widths by display width (Chinese counts two), a
# native chart with its points; dated by CRM_NOW and byte-identical for
# the same data and clock; made safely like --svg.
. "$(dirname "$0")/lib.sh"
crm init 2>/dev/null
crm -q user add li.lei --name 李雷 --role rep
crm-customer -q add --name 星河科技有限公司 --owner li.lei >/dev/null
crm-customer -q add --name 'A&B' --owner li.lei >/dev/null
crm-order -q product add --sku P --name 服务 --price 1 >/dev/null
ord=0
for a in 1:1234.56 2:99 1:0.07; do
	ord=$((ord + 1))
	crm-order -q add --customer "${a%:*}" --line "P:1:${a#*:}" \
	    --terms 100%:0 --date 2026-09-01 >/dev/null
	crm-order -q confirm $ord
done
crm-deal -q add --customer 1 --name d1 --owner li.lei --amount 10000 \
    --stage qualify --close 2026-12-01 >/dev/null
crm-deal -q add --customer 2 --name d2 --owner li.lei --amount 2500.5 \
    --stage needs --close 2027-01-01 >/dev/null

part() { unzip -p "$1" "$2"; }
# the value of XPath $3 in part $2 of workbook $1 (namespaces ignored)
xp() {
	part "$1" "$2" >part.xml && xmllint --xpath "$3" part.xml
}

t 'aging --xlsx: a workbook whose parts are well-formed XML' '
	code 0 crm-pay aging --xlsx a.xlsx &&
	crm-pay aging >table && same table out &&
	unzip -l a.xlsx >parts &&
	has parts xl/worksheets/sheet1.xml && has parts xl/charts/chart1.xml &&
	has parts xl/drawings/drawing1.xml &&
	for p in xl/worksheets/sheet1.xml xl/worksheets/sheet2.xml \
	    xl/charts/chart1.xml xl/sharedStrings.xml docProps/core.xml; do
		part a.xlsx $p | xmllint --noout - || exit 1
	done
'

t 'the table: money as numbers in a money format, the header bold' '
	# row 2: 星河科技有限公司, outstanding 1234.63 in column I
	[ "$(xp a.xlsx xl/worksheets/sheet1.xml "string(//*[local-name()=\"c\"][@r=\"I2\"]/*[local-name()=\"v\"])")" = 1234.63 ] &&
	[ "$(xp a.xlsx xl/worksheets/sheet1.xml "string(//*[local-name()=\"c\"][@r=\"I2\"]/@t)")" = "" ] &&
	s=$(xp a.xlsx xl/worksheets/sheet1.xml "string(//*[local-name()=\"c\"][@r=\"I2\"]/@s)") &&
	part a.xlsx xl/styles.xml >styles.xml &&
	has styles.xml "formatCode=\"#,##0.00\"" &&
	[ "$s" != "" ] &&
	has part.xml "<c r=\"I3\" s=\"$s\"><v>99</v></c>" &&
	part a.xlsx xl/sharedStrings.xml >strings.xml &&
	has strings.xml ">星河科技有限公司<" && has strings.xml ">A&amp;B<" &&
	has strings.xml ">outstanding<"
'

t 'column widths by display width: the Chinese name counts two a character' '
	part a.xlsx xl/worksheets/sheet1.xml >s.xml &&
	w=$(xmllint --xpath "string(//*[local-name()=\"col\"][@min=\"2\"]/@width)" s.xml) &&
	# 8 characters, 16 columns, and 2 of margin
	awk -v w="$w" "BEGIN { exit !(w >= 18 && w < 19) }"
'

t 'a native bar chart of the outstanding amounts, without the total' '
	part a.xlsx xl/charts/chart1.xml >c.xml &&
	has c.xml "<c:barChart>" &&
	[ "$(xmllint --xpath "count(//*[local-name()=\"val\"]//*[local-name()=\"pt\"])" c.xml)" = 2 ] &&
	xmllint --xpath "//*[local-name()=\"val\"]//*[local-name()=\"v\"]/text()" c.xml >vals &&
	has vals 1234.63 && has vals 99 &&
	[ "$(xp a.xlsx xl/worksheets/sheet2.xml "string(//*[local-name()=\"c\"][@r=\"B2\"]/*[local-name()=\"v\"])")" = 1234.63 ]
'

t 'pipeline and funnel --xlsx: a chart each; by month a line' '
	code 0 crm-deal pipeline --xlsx p.xlsx &&
	part p.xlsx xl/charts/chart1.xml | grep -q "<c:barChart>" &&
	code 0 crm-deal funnel --xlsx f.xlsx &&
	part f.xlsx xl/charts/chart1.xml | grep -q "<c:barChart>" &&
	code 0 crm-deal pipeline --by month --xlsx m.xlsx &&
	part m.xlsx xl/charts/chart1.xml | grep -q "<c:lineChart>"
'

t 'dated by CRM_NOW; the same data and clock give the same bytes' '
	part a.xlsx docProps/core.xml >core.xml &&
	has core.xml ">2026-11-24T09:00:00Z</dcterms:created>" &&
	crm-pay aging --xlsx b.xlsx >/dev/null && cmp a.xlsx b.xlsx &&
	CRM_NOW=2026-11-25T10:00:00 crm-pay aging --xlsx c.xlsx >/dev/null &&
	! cmp -s a.xlsx c.xlsx &&
	part c.xlsx docProps/core.xml | grep -q ">2026-11-25T10:00:00Z<"
'

t 'with --svg and --chart at once; in Chinese the sheets are named in Chinese' '
	crm -q config set ui.lang zh_CN &&
	code 0 crm-pay aging --xlsx z.xlsx --svg z.svg --chart &&
	crm -q config set ui.lang en &&
	xmllint --noout z.svg && has out "星河科技有限公司" &&
	part z.xlsx xl/workbook.xml | grep -q "name=\"报表\"" &&
	part z.xlsx xl/charts/chart1.xml | grep -q "<c:f>'\''图表'\''!\$A\$2:\$A\$3</c:f>"
'

t 'a link at the path is refused; a missing folder is 73' '
	ln -s a.xlsx link.xlsx &&
	cp a.xlsx keep.xlsx &&
	code 73 crm-pay aging --xlsx link.xlsx &&
	has err "it is a symbolic link" && [ ! -s out ] &&
	cmp a.xlsx keep.xlsx &&
	code 73 crm-pay aging --xlsx no/such/a.xlsx &&
	has err "cannot create '\''no/such/a.xlsx'\''" &&
	[ "$(stat -c %a a.xlsx)" = 600 ] &&
	! ls .crm-chart.* 2>/dev/null
'

t 'libxlsxwriter writes only in a private folder, removed after' '
	mkdir tmp &&
	TMPDIR=$PWD/tmp code 0 crm-pay aging --xlsx t.xlsx &&
	[ -z "$(ls -A tmp)" ] &&
	TMPDIR=$PWD/none code 73 crm-pay aging --xlsx t2.xlsx &&
	has err "temporary folder" && [ ! -e t2.xlsx ]
'

done_testing
