#!/bin/bash
# Orders fixed after a new user's report: an imported order shown by its
# number as edit and trace find it; a price typed below the catalogue's
# is a discount that quote approval counts.
. "$(dirname "$0")/lib.sh"
team_db
os_users han.mei li.lei wang.fang qian.cai
crm -q user add han.mei --name 韩梅梅 --role manager --region 华东
crm -q user add li.lei --name 李雷 --role rep --region 华东 --manager han.mei
crm -q user add wang.fang --name 王芳 --role rep --region 华南
crm -q user add qian.cai --name 钱财 --role finance
crm-order -q product add --sku P --name 服务 --price 100000 >/dev/null

# --- F2: show finds an imported order by its number
cat >nw.csv <<'CSV'
Order ID,Order Date,Customer Name,Product Name,Quantity,Unit Price,Discount,Status
10248,1996-07-04,Vins et alcools Chevalier,Queso Cabrales,12,14,0,delivered
10249,1996-07-05,Toms Spezialitäten,Tofu,9,18.6,0,delivered
CSV
crm-order -q import --create-customers --create-products --terms 100%:30 \
    nw.csv

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

done_testing
