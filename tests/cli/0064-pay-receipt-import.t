#!/bin/bash
# crm-pay receipt import|export: a bank statement with Chinese headers
# (交易日期, 收入金额, 对方户名, 摘要, 交易流水号) and a GBK copy of it made
# here; payers matched by exact and by folded name, and by an order
# number in the memo; each receipt allocated as receive allocates, the
# rest credit; the plan of a dry run writing nothing; bad rows named
# FILE:LINE and field with nothing written; --partial with rejects; undo
# re-opening what the import paid; a reference recorded once; finance
# imports, a rep or a manager gets 77 (--as and a real OS user); export
# then import into a new database being the identity.
. "$(dirname "$0")/lib.sh"
team_db ||
    { echo "not ok 1 - access tests need root: $(os_users 2>&1)"; exit 1; }
os_users li.lei qian.cw
setup() {
	crm -q user add han.mei --name 韩梅梅 --role manager --region 华东 &&
	crm -q user add li.lei --name 李雷 --role rep --region 华东 \
	    --manager han.mei &&
	crm -q user add qian.cw --name 钱财务 --role finance &&
	crm-customer -q add --name 星河科技 --owner li.lei >/dev/null &&
	crm-customer -q add --name 南方贸易有限公司 --owner han.mei \
	    >/dev/null &&
	crm-order -q product add --sku P --name 服务 --price 1 >/dev/null &&
	order 星河科技 1000 30%:0,70%:30 2026-10-01 &&	# 1: 300, 700
	order 星河科技 500 100%:10 2026-10-05 &&	# 2: 500
	order 南方贸易有限公司 2000 50%:0,50%:30 2026-10-10 && # 3: 1000, 1000
	crm-order -q add --customer 星河科技 --line P:1:10 --terms 100%:0 \
	    --date 2026-10-01 >/dev/null		# 4: a draft
}
order() {	# order CUSTOMER TOTAL TERMS DATE: a confirmed order
	crm-order -q add --customer "$1" --line "P:1:$2" --terms "$3" \
	    --date "$4" >/dev/null && crm-order -q confirm "$(crm-order list \
	    -f csv --no-header --sort -id --limit 1 | cut -d, -f1)"
}
setup

q() { sqlite3 "$CRM_DB" "$1"; }
paid() {
	q "SELECT group_concat(paid || '/' || status, ' ') FROM (SELECT * FROM
	    instalments ORDER BY id)"
}
snap() {
	q "SELECT * FROM receipts; SELECT * FROM allocations;
	    SELECT id, paid, status FROM instalments" >"$1"
}
sums_ok() {
	test "$(q "SELECT count(*) FROM instalments i WHERE paid <> (SELECT
	    coalesce(sum(amount), 0) FROM allocations WHERE instalment_id =
	    i.id)")" = 0 &&
	test "$(q "SELECT count(*) FROM receipts r WHERE allocated <> (SELECT
	    coalesce(sum(amount), 0) FROM allocations WHERE receipt_id = r.id)
	    AND reversed_at IS NULL")" = 0 &&
	crm check >/dev/null
}
# The statement: 星河科技 by its name (no order: its oldest instalments,
# 300 + 500 + 400); an unknown payer paying order 3 named in the memo;
# 南方贸易 by its folded name (its oldest open instalment); 星河科技 paying
# more than it owes (300 left: 1700 credit). The balance column is the
# bank's (--ignore-unknown).
cat >bank.csv <<'CSV'
交易日期,收入金额,对方户名,摘要,交易流水号,余额
2026-11-01,"1,200.00",星河科技,货款,B0001,10000.00
2026-11-02,500.00,某某代付公司,SO-2026-000003 首付,B0002,10500.00
2026-11-03,100.00,南方贸易 有限公司,尾款,B0003,10600.00
2026-11-04,2000.00,星河科技,,B0004,12600.00
CSV
iconv -f UTF-8 -t GBK bank.csv >gbk.csv
PAID="30000/paid 70000/paid 50000/paid 60000/open 0/open 0/open"
OPEN="0/open 0/open 0/open 0/open 0/open 0/open"

t 'a dry run of the GBK statement prints the plan and writes nothing' '
	snap before &&
	code 0 crm-pay receipt import -n --encoding gbk --ignore-unknown \
	    gbk.csv &&
	has out "2,create" && has out "5,create" &&
	has err "would have imported 4" &&
	snap after && same before after
'

t 'the GBK statement: matched by name, folded name and order; allocated' '
	code 0 crm-pay receipt import --encoding gbk --ignore-unknown gbk.csv &&
	has err "imported 4" &&
	test "$(paid)" = "$PAID" &&
	crm-pay receipt list -f csv --no-header | cut -d, -f1-9 | sort >got &&
	cat >want <<-CSV &&
	1,2026-11-01,星河科技,1200.00,bank,B0001,,1200.00,0.00
	2,2026-11-02,南方贸易有限公司,500.00,bank,B0002,SO-2026-000003,500.00,0.00
	3,2026-11-03,南方贸易有限公司,100.00,bank,B0003,,100.00,0.00
	4,2026-11-04,星河科技,2000.00,bank,B0004,,300.00,1700.00
	CSV
	same want got && sums_ok
'

t 'undo of the import takes the receipts back and re-opens the instalments' '
	run=$(crm log -f csv --no-header | tail -1 | cut -d, -f1) &&
	code 0 crm undo "$run" &&
	test "$(paid)" = "$OPEN" &&
	test "$(q "SELECT count(*) FROM receipts")" = 0 &&
	test "$(q "SELECT count(*) FROM allocations")" = 0 && sums_ok
'

t 'the UTF-8 statement gives the same; a reference is recorded once' '
	code 0 crm-pay receipt import --ignore-unknown bank.csv &&
	test "$(paid)" = "$PAID" && snap before &&
	code 65 crm-pay receipt import --ignore-unknown bank.csv &&
	has err "bank.csv:2: duplicate of receipt 1 '\''B0001'\''" &&
	has err "nothing imported" &&
	code 0 crm-pay receipt import --ignore-unknown --on-duplicate skip \
	    bank.csv &&
	has err "skipped 4 duplicates" &&
	snap after && same before after &&
	code 64 crm-pay receipt import --on-duplicate update bank.csv &&
	code 64 crm-pay receipt import --on-duplicate allow bank.csv &&
	snap after && same before after
'

t 'a receipt recorded by hand is the statement row with its reference' '
	code 0 crm-pay receive --customer 南方贸易有限公司 --amount 10 \
	    --method bank --ref "hx 0009" --date 2026-11-05 &&
	printf "交易日期,收入金额,对方户名,交易流水号\n2026-11-05,10.00,南方贸易有限公司,HX-0009\n2026-11-05,10.00,南方贸易有限公司,X1\n2026-11-05,10.00,南方贸易有限公司,x 1\n" >dup.csv &&
	code 65 crm-pay receipt import dup.csv &&
	has err "dup.csv:2: duplicate of receipt" &&
	has err "dup.csv:4: duplicate of line 3" &&
	code 0 crm-pay receipt import --on-duplicate skip dup.csv &&
	has err "imported 1, updated 0, skipped 2 duplicates" &&
	test "$(q "SELECT count(*) FROM receipts WHERE ref_key = '\''x1'\''")" = 1
'

t 'every bad row is named with its line and field; nothing written' '
	snap before &&
	cat >bad.csv <<-CSV &&
	交易日期,收入金额,对方户名,摘要,交易流水号
	2026-11-06,10.00,不认识的人,转账,C1
	2026-11-06,10.00,不认识的人,SO-2026-000004,C2
	2026-11-06,0,星河科技,,C3
	2026-11-31,10.00,星河科技,,C4
	2026-11-06,10.00,星河科技,SO-2026-000003,C5
	2026-11-06,10.00,,,C6
	2026-11-06,"1,000.00",南方贸易有限公司,,C7
	CSV
	code 65 crm-pay receipt import bad.csv &&
	has err "bad.csv:2: field '\''customer_id'\'': no customer named '\''不认识的人'\''" &&
	has err "bad.csv:3: field '\''order_id'\'': order SO-2026-000004 is draft" &&
	has err "bad.csv:4: field '\''amount'\''" &&
	has err "bad.csv:5: field '\''date'\''" &&
	has err "bad.csv:6: field '\''order_id'\'': order SO-2026-000003 is not customer 1" &&
	has err "bad.csv:7:" && has err "customer_id" &&
	! grep -q "bad.csv:8" err &&
	has err "nothing imported" &&
	snap after && same before after
'

t '--partial records the good row and writes the rejects; exit 65' '
	code 65 crm-pay receipt import --partial --rejects rej.csv bad.csv &&
	has err "imported 1" &&
	test "$(wc -l <rej.csv)" = 7 &&
	head -1 rej.csv >h && has h "交易流水号,line,reason" &&
	has rej.csv "C1,2,\"field '\''customer_id'\''" &&
	test "$(q "SELECT allocated FROM receipts WHERE ref = '\''C7'\''")" \
	    = 100000 && sums_ok &&
	test "$(paid)" = "30000/paid 70000/paid 50000/paid 100000/paid 62000/open 0/open" &&
	run=$(crm log -f csv --no-header | tail -1 | cut -d, -f1) &&
	code 0 crm undo "$run" && sums_ok &&
	test "$(q "SELECT count(*) FROM receipts WHERE ref = '\''C7'\''")" = 0
'

t 'a method as banks write it; a row without one is bank' '
	printf "日期,金额,付款人,付款方式,凭证号\n2026-11-07,1.00,星河科技,支付宝,M1\n2026-11-07,1.00,星河科技,,M2\n" >m.csv &&
	code 0 crm-pay receipt import m.csv &&
	test "$(q "SELECT group_concat(method) FROM (SELECT method FROM
	    receipts WHERE ref LIKE '\''M%'\'' ORDER BY ref)")" = alipay,bank
'

t 'a bank'\''s 交易时间 with a time is its day; a payment out is left out' '
	printf "交易时间,收入金额,支出金额,对方户名,交易流水号\n2026-11-09 14:05:09,2.00,,星河科技,T1\n2026-11-09T08:00:00,3.00,,星河科技,T2\n2026-11-09 15:00:00,,50.00,某供应商,T3\n" >t.csv &&
	code 0 crm-pay receipt import -n --ignore-unknown t.csv &&
	! grep -q "^4," out &&
	has err "would have imported 2, updated 0, skipped 0 duplicates, rejected 0, left out 1 row (not receipts)" &&
	code 0 crm-pay receipt import --ignore-unknown t.csv &&
	has err "imported 2, updated 0, skipped 0 duplicates, rejected 0, left out 1 row (not receipts)" &&
	test "$(q "SELECT group_concat(date) FROM (SELECT date FROM receipts
	    WHERE ref LIKE '\''T_'\'' ORDER BY ref)")" = 2026-11-09,2026-11-09
'

t '--extra keeps a statement'\''s other columns as custom fields' '
	printf "交易日期,收入金额,对方户名,交易流水号,对方账号\n2026-11-09,1.00,星河科技,X9,6222001\n" >x.csv &&
	code 65 crm-pay receipt import x.csv && has err "unknown column" &&
	code 0 crm-pay receipt import --extra x.csv &&
	crm-pay receipt export >ex.csv && head -1 ex.csv >h &&
	has h ",note,对方账号" && grep X9 ex.csv | grep -q ",6222001\$"
'

t 'only finance and admins import: a rep or a manager gets 77' '
	printf "交易日期,收入金额,对方户名,交易流水号\n2026-11-08,1.00,星河科技,P1\n" >p.csv &&
	snap before &&
	code 77 crm-pay --as li.lei receipt import p.csv &&
	code 77 crm-pay --as han.mei receipt import p.csv &&
	code 77 as li.lei crm-pay receipt import p.csv &&
	snap after && same before after &&
	crm-pay --as li.lei receipt export --no-header >x && ! test -s x &&
	code 0 as qian.cw crm-pay receipt import p.csv &&
	test "$(q "SELECT count(*) FROM receipts WHERE ref = '\''P1'\''")" = 1
'

t 'export then import into a new database is the identity' '
	code 0 crm-pay receipt reverse 5 --reason 退票 &&
	crm-pay receipt export >all.csv &&
	has all.csv ",退票," &&
	(export CRM_DB=$PWD/fresh.db && crm init 2>/dev/null && setup) &&
	CRM_DB=$PWD/fresh.db crm-pay receipt import --historical --extra \
	    all.csv &&
	CRM_DB=$PWD/fresh.db crm-pay receipt export >again.csv &&
	same all.csv again.csv &&
	q "SELECT id, paid, status FROM instalments" >a &&
	sqlite3 fresh.db "SELECT id, paid, status FROM instalments" >b &&
	same a b && CRM_DB=$PWD/fresh.db crm check >/dev/null
'

done_testing
