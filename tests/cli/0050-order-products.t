#!/bin/bash
# crm-order product: the catalogue (产品) — add, list, show, edit, retire
# and back on sale, import of a Chinese catalogue (GBK), export, and who
# may change it, with --as and as real OS users.
. "$(dirname "$0")/lib.sh"
team_db ||
    { echo "not ok 1 - access tests need root: $(os_users 2>&1)"; exit 1; }
os_users han.mei li.lei
crm -q user add han.mei --name 韩梅梅 --role manager --region 华东
crm -q user add li.lei --name 李雷 --role rep --region 华东 --manager han.mei
crm -q user add ma.sc --name 马市场 --role marketing
crm -q user add qian.cw --name 钱财务 --role finance

t 'add, show by sku (case folded), id and name; list' '
	code 0 crm-order product add --sku AB-100 --name 工业路由器 \
	    --category 网络 --unit 台 --price 1299.50 --cost 800 &&
	test "$(cat out)" = 1 &&
	crm-order product show ab-100 -f yaml >y && has y "name: 工业路由器" &&
	has y "price: 1299.50" && has y "cost: 800.00" && has y "active: true" &&
	code 0 crm-order product show 1 && code 0 crm-order product show 路由 &&
	code 0 crm-order --as han.mei product add --sku 1 --name 光纤模块 &&
	crm-order product show 1 -f csv >c && has c ",光纤模块," &&
	crm-order product list --no-header >l && has l AB-100 && has l ",0.00," &&
	code 65 crm-order product show NOPE && has err "no product"
'

t 'a duplicate sku is refused naming the product; nothing written' '
	crm-order product export >before &&
	code 65 crm-order product add --sku ａｂ-100 --name 别的 &&
	has err "sku of product 1 '\''工业路由器'\''" &&
	code 65 crm-order product edit 光纤模块 --sku ab-100 &&
	has err "sku of product 1" &&
	code 0 crm-order product add --sku AB100 --name 另一个 &&
	code 0 crm-order product edit AB100 --sku AB-101 &&
	crm-order product show AB-101 -f csv >c && has c "AB-101"
'

t 'bad input names the field: negative price or cost, no sku, no name' '
	crm-order product export >before &&
	code 65 crm-order product add --sku X1 --name X --price -1 &&
	has err "field '\''price'\''" &&
	code 65 crm-order product add --sku X1 --name X --cost -0.01 &&
	has err "field '\''cost'\''" &&
	code 65 crm-order product add --name X && has err sku &&
	code 65 crm-order product add --sku X1 && has err name &&
	code 65 crm-order product add --sku X1 --name X --price 十块 &&
	has err price &&
	code 65 crm-order product edit AB-100 --price -5 &&
	code 65 crm-order product add --sku X1 --name X --active maybe &&
	crm-order product export >after && same before after
'

t 'retire takes a product off sale; edit --active 1 puts it back' '
	code 0 crm-order product retire AB-100 &&
	crm-order product list --active 1 --no-header >l && ! has l AB-100 &&
	crm-order product list --active 0 --no-header >l && has l AB-100 &&
	code 65 crm-order product retire AB-100 && has err "retired already" &&
	code 0 crm-order product edit AB-100 --active 1 &&
	crm-order product list --active 1 --no-header >l && has l AB-100 &&
	code 0 crm-order product edit AB-100 --active 0 &&
	crm-order product show AB-100 -f yaml >y && has y "active: false" &&
	code 0 crm-order product edit AB-100 --active 1 &&
	code 65 crm-order product retire NOPE
'

t 'everyone reads; only managers and admins change (77, nothing written)' '
	crm-order product export >before &&
	for u in li.lei ma.sc qian.cw; do
		code 0 crm-order --as $u product list &&
		code 0 crm-order --as $u product show AB-100 &&
		code 77 crm-order --as $u product add --sku Z9 --name 禁止 &&
		code 77 crm-order --as $u product edit AB-100 --price 1 &&
		code 77 crm-order --as $u product retire AB-100 || exit 1
	done &&
	crm-order product export >after && same before after &&
	code 0 crm-order --as han.mei product edit AB-100 --note 热销
'

t 'as OS users: a rep reads and is refused a write; a manager writes' '
	code 0 as li.lei crm-order product show AB-100 &&
	crm-order product export >before &&
	code 77 as li.lei crm-order product edit AB-100 --price 1 &&
	crm-order product export >after && same before after &&
	code 0 as han.mei crm-order product add --sku HM-1 --name 韩的产品 &&
	crm log -f csv >log && has log "han.mei" && has log "HM-1"
'

t 'import: a GBK catalogue with Chinese headers' '
	printf "产品编号,产品名称,类别,单位,单价,成本\nP-001,无线网卡,网络,个,99.90,45\nP-002,光纤跳线,配件,根,\"1,200.00\",700\n" |
	    iconv -f UTF-8 -t GBK >cat.csv &&
	code 65 crm-order product import cat.csv && has err "encoding gbk" &&
	code 0 crm-order product import --encoding gbk cat.csv &&
	crm-order product show P-002 -f yaml >y && has y "name: 光纤跳线" &&
	has y "category: 配件" && has y "unit: 根" && has y "price: 1200.00" &&
	has y "cost: 700.00" && has y "active: true" &&
	printf "型号,产品名称,单价\nP-003,新品,5\n" >m.csv &&
	code 0 crm-order product import m.csv &&
	code 0 crm-order product show P-003
'

t 'import: duplicate skus, bad prices, permission, --on-duplicate' '
	crm-order product export >before &&
	printf "型号,产品名称,单价\np-001,重复,1\nP-009,新,2\n" >d.csv &&
	code 65 crm-order product import d.csv &&
	has err "d.csv:2: duplicate of product" && has err "same sku" &&
	printf "sku,name,price\nQ1,a,1\nq1,b,2\n" >dd.csv &&
	code 65 crm-order product import dd.csv && has err "dd.csv:3" &&
	printf "sku,name,price\nQ2,a,-1\n" >n.csv &&
	code 65 crm-order product import n.csv && has err "n.csv:2" &&
	has err price &&
	code 64 crm-order product import --on-duplicate allow d.csv &&
	code 77 crm-order --as li.lei product import d.csv &&
	crm-order product export >after && same before after &&
	code 0 crm-order product import --on-duplicate skip d.csv &&
	crm-order product show P-001 -f csv >c && has c 无线网卡 &&
	code 0 crm-order --as han.mei product import --on-duplicate update d.csv &&
	crm-order product show P-001 -f csv >c && has c 重复
'

t 'export then import into a new database is the identity; undo' '
	crm-order product export >all.csv &&
	CRM_DB=$PWD/fresh.db crm init 2>/dev/null &&
	CRM_DB=$PWD/fresh.db crm-order product import --historical all.csv &&
	CRM_DB=$PWD/fresh.db crm-order product export >again.csv &&
	same all.csv again.csv &&
	code 0 crm-order product add --sku U-1 --name 撤销 &&
	run=$(crm log -f csv --no-header | tail -1 | cut -d, -f1) &&
	code 0 crm undo "$run" && code 65 crm-order product show U-1
'

t 'a discontinued (下架) column says the opposite of active; --map adds up' '
	printf "product_id,product_name,unit_price,discontinued\nN-1,Chai,18,1\nN-2,Chang,19,0\n" >nw.csv &&
	code 0 crm-order product import --map sku=product_id \
	    --map name=product_name --map price=unit_price nw.csv &&
	crm-order product show N-1 -f csv >c && has c ",false," &&
	crm-order product show N-2 -f csv >c && has c ",true," &&
	printf "型号,产品名称,下架\nN-3,头盔,是\nN-4,车灯,否\nN-5,锁,也许\n" >cn.csv &&
	code 65 crm-order product import cn.csv && has err "cn.csv:4" &&
	code 65 crm-order product show N-3 &&
	printf "型号,产品名称,下架\nN-3,头盔,是\nN-4,车灯,否\n" >cn.csv &&
	code 0 crm-order product import cn.csv &&
	crm-order product show N-3 -f csv >c && has c ",false," &&
	crm-order product show N-4 -f csv >c && has c ",true," &&
	code 0 crm-order product edit N-4 --set discontinued=是 &&
	crm-order product show N-4 -f csv >c && has c ",false," &&
	code 0 crm-order product edit N-4 --set 下架=0 &&
	crm-order product show N-4 -f csv >c && has c ",true,"
'

done_testing
