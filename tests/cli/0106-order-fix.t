#!/bin/bash
# Orders fixed after a new user's report: an imported order shown by its
# number as edit and trace find it; a price typed below the catalogue's
# is a discount that quote approval counts; crm undo of an order's
# confirm refused once money or an invoice depends on it, and crm check
# catching a draft with paid instalments; a customer that receipts or
# expenses keep is refused naming them, by delete and by undo.
. "$(dirname "$0")/lib.sh"
team_db
os_users han.mei li.lei wang.fang qian.cai
crm -q user add han.mei --name 韩梅梅 --role manager --region 华东
crm -q user add li.lei --name 李雷 --role rep --region 华东 --manager han.mei
crm -q user add wang.fang --name 王芳 --role rep --region 华南
crm -q user add qian.cai --name 钱财 --role finance
crm-order -q product add --sku P --name 服务 --price 100000 >/dev/null
lastrun() { sqlite3 "$CRM_DB" 'SELECT max(id) FROM runs'; }

# --- F2: show finds an imported order by its number
cat >nw.csv <<'CSV'
Order ID,Order Date,Customer Name,Product Name,Quantity,Unit Price,Discount,Status
10248,1996-07-04,Vins et alcools Chevalier,Queso Cabrales,12,14,0,delivered
10249,1996-07-05,Toms Spezialitäten,Tofu,9,18.6,0,delivered
CSV
crm-order -q import --create-customers --create-products --terms 100%:30 \
    nw.csv
imported=$(lastrun)

t 'show finds an imported order by its number, as edit does' '
	code 0 crm-order show 10248 -f csv &&
	has out "1,10248,1," &&
	code 0 crm-order show 10249 -f table &&
	has out "Tofu" &&
	code 0 crm-order show 2 -f csv &&
	has out "2,10249,2,"
'

t 'show of a number nobody has, or one the user may not see: no order' '
	code 65 crm-order show 10250 &&
	has err "no order 10250" &&
	code 65 as wang.fang crm-order show 10248 &&
	has err "no order 10248" &&
	code 65 as wang.fang crm-order show 1 &&
	has err "no order 1" &&
	test ! -s out
'

# --- F3: a price typed below the catalogue's is a cut approval counts
crm-customer -q add --name 星河 --owner li.lei --region 华东 >/dev/null

t 'a price typed below the catalogue price needs the approval a discount does' '
	code 0 as li.lei crm-order quote add --customer 星河 --line P:1:0.01 &&
	q=$(cat out) &&
	code 0 as li.lei crm-order quote submit $q &&
	code 0 crm-order quote show $q -f csv &&
	has out ",submitted," &&
	has out ",0.01,0.01,100.00," &&
	code 65 as li.lei crm-order quote accept $q &&
	code 0 as li.lei crm-order quote add --customer 星河 --line P:2:89999.99 &&
	code 0 crm-order quote show $(cat out) -f csv &&
	has out ",179999.98,179999.98,10.01,"
'

t 'a cut within the limit, a price above the catalogue, and edit measure alike' '
	code 0 as li.lei crm-order quote add --customer 星河 --line P:1:90000 &&
	q=$(cat out) &&
	code 0 as li.lei crm-order quote submit $q &&
	code 0 crm-order quote show $q -f csv &&
	has out ",approved," &&
	has out ",90000.00,90000.00,10.00," &&
	code 0 as li.lei crm-order quote add --customer 星河 \
	    --line P:1:120000:10% --line P:1:95000:5% &&
	q=$(cat out) &&
	code 0 crm-order quote show $q -f csv &&
	has out ",10.00," &&
	code 0 as li.lei crm-order quote edit $q --line P:1:50000 &&
	code 0 crm-order quote show $q -f csv &&
	has out ",50000.00,50000.00,50.00," &&
	code 0 crm check
'

# --- F4: undo of a confirm is refused once money or an invoice came
crm-order -q product add --sku Q --name 小件 --price 100 >/dev/null
# confirmed USER CUSTOMER QTY: an order of QTY Q added and confirmed by
# USER; o its id, c the run of its confirm
confirmed() {
	code 0 as "$1" crm-order add --customer "$2" --line "Q:$3" \
	    --terms 100%:0 && o=$(cat out) &&
	code 0 as "$1" crm-order confirm "$o" && c=$(lastrun)
}

t 'undo of a confirm paid since by finance is refused, naming the receipt' '
	confirmed li.lei 星河 10 &&
	code 0 as qian.cai crm-pay receive --customer 星河 --amount 1000 \
	    --method bank &&
	r=$(lastrun) &&
	sqlite3 "$CRM_DB" .dump >before.sql &&
	code 65 as li.lei crm undo $c &&
	has err "cannot undo run $c: order $o was paid since by run $r (receipt" &&
	has err "undo that run first, or cancel the order" &&
	sqlite3 "$CRM_DB" .dump >after.sql &&
	same before.sql after.sql &&
	code 65 crm undo $c &&
	has err "was paid since by run $r" &&
	code 0 crm-order show $o -f csv &&
	has out ",confirmed," &&
	code 0 crm check
'

t 'with the run of the receipt undone first, the confirm is undone' '
	confirmed li.lei 星河 3 &&
	code 0 as qian.cai crm-pay receive --customer 星河 --amount 300 \
	    --method bank &&
	r=$(lastrun) &&
	code 65 as li.lei crm undo $c &&
	has err "was paid since by run $r" &&
	code 0 as qian.cai crm undo $r &&
	code 0 as li.lei crm undo $c &&
	code 0 crm-order show $o -f csv &&
	has out ",draft," &&
	code 0 crm check
'

t 'undo of an import of orders paid since is refused' '
	code 0 as qian.cai crm-pay receive --customer "Vins et alcools Chevalier" \
	    --amount 10 --method bank &&
	r=$(lastrun) &&
	code 65 crm undo $imported &&
	has err "cannot undo run $imported: order 1 was paid since by run $r" &&
	code 0 crm-order show 10248 -f csv
'

t 'a rep who may no longer read the receipt is told to ask an admin' '
	crm-customer -q add --name 远方 --owner li.lei --region 华东 >/dev/null &&
	confirmed li.lei 远方 1 &&
	code 0 as qian.cai crm-pay receive --customer 远方 --amount 100 \
	    --method cash &&
	r=$(lastrun) &&
	crm-customer -q assign 远方 --to wang.fang &&
	code 65 as li.lei crm undo $c &&
	has err "cannot undo run $c: order $o was paid or invoiced since by run $r, one you may not see (ask an admin)" &&
	! grep -q 远方 err
'

t 'undo of a confirm invoiced since, even voided, is refused' '
	confirmed li.lei 星河 10 &&
	code 0 as li.lei crm-pay invoice request $o &&
	v=$(cat out) &&
	code 0 as qian.cai crm-pay invoice issue $v --number F-0106 &&
	code 65 as li.lei crm undo $c &&
	has err "cannot undo run $c: order $o was invoiced since by run" &&
	has err "(invoice $v): undo that run first, or cancel the order" &&
	code 0 as qian.cai crm-pay invoice void $v --reason 开错 &&
	code 65 as li.lei crm undo $c &&
	has err "(invoice $v): undo that run first, or cancel the order" &&
	code 0 as li.lei crm-order edit $o --note 改 &&
	code 0 crm-order show $o -f csv &&
	has out ",confirmed,"
'

t 'undo of a confirm nothing depends on still works' '
	confirmed li.lei 星河 1 &&
	code 0 as li.lei crm undo $c &&
	code 0 crm-order show $o -f csv &&
	has out ",draft,"
'

t 'crm check finds a draft paid or invoiced' '
	confirmed li.lei 星河 2 &&
	code 0 as li.lei crm-pay invoice request $o &&
	code 0 crm check &&
	sqlite3 "$CRM_DB" "UPDATE orders SET status = '\''draft'\'' WHERE id = $o
	    OR id = (SELECT order_id FROM instalments WHERE paid > 0 LIMIT 1)" &&
	code 1 crm check &&
	has out "it is a draft, yet receipts were allocated to it" &&
	has out "order,order,$o,\"it is a draft, yet it is invoiced\""
'

# --- F9: what keeps a customer is named, by delete and by undo
t 'delete of a customer with only a receipt names the receipts' '
	crm-customer -q add --name 乙 >/dev/null &&
	code 0 as qian.cai crm-pay receive --customer 乙 --amount 5 \
	    --method cash &&
	sqlite3 "$CRM_DB" .dump >before.sql &&
	code 65 crm-customer delete 乙 &&
	has err "customer" && has err "'\''乙'\'' has receipts: it cannot be deleted" &&
	! grep -q FOREIGN err &&
	sqlite3 "$CRM_DB" .dump >after.sql &&
	same before.sql after.sql &&
	crm -q user set "$ME" --lang zh_CN &&
	code 65 crm-customer delete 乙 &&
	crm -q user set "$ME" --lang "" &&
	has err "有回款单，不能删除"
'

t 'undo of a customer add names what was added for it since' '
	code 0 as li.lei crm-customer add --name 甲方 --region 华东 &&
	a=$(lastrun) &&
	code 0 as qian.cai crm-pay receive --customer 甲方 --amount 5 \
	    --method cash &&
	code 65 as li.lei crm undo $a &&
	has err "'\''甲方'\'' has receipts added since: it cannot be removed" &&
	! grep -q contacts err &&
	code 0 as li.lei crm-customer add --name 丙方 --region 华东 &&
	a=$(lastrun) &&
	code 0 as li.lei crm-pay expense add --category 招待 --amount 5 \
	    --customer 丙方 &&
	code 65 as li.lei crm undo $a &&
	has err "'\''丙方'\'' has expenses added since: it cannot be removed" &&
	code 0 as li.lei crm undo $(lastrun) &&
	code 0 as li.lei crm undo $a &&
	code 65 crm-customer show 丙方
'

done_testing
