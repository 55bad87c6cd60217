#!/bin/bash
# make demo: a day in the life of a small sales team, on a fresh database
# in a temporary folder. It never touches your own database.
set -eu
: "${CRM_BUILD:?run through make demo}"
PATH=$CRM_BUILD/bin:$PATH
# no CRM_LOCALEDIR: the tools find build/locale beside build/bin
unset CRM_LOCALEDIR
dir=$(mktemp -d "${TMPDIR:-/tmp}/crm-demo.XXXXXX")
trap 'rm -rf "$dir"' EXIT
export CRM_DB="$dir/crm.db" CRM_NOW=2026-11-24T09:00:00
unset CRM_USER CRM_FORMAT
me=$(id -un)

step() {
	printf '\n\033[1m$ %s\033[0m\n' "$*"
	"$@"
}

echo "crm demo — database: $CRM_DB (deleted at the end)"
step crm init
step crm user add han.mei --name 韩梅梅 --role manager --region 华东 \
	--email han.mei@example.com
step crm user add li.lei --name 李雷 --role rep --region 华东 --manager han.mei
step crm user add zhou.xun --name 周迅 --role rep --region 华东 --manager han.mei
step crm user add wang.fang --name 王芳 --role rep --region 华南 --manager han.mei
step crm user list -f table
step crm config set recycle.followup_days '{A: 40, B: 25, C: 15, D: 10, E: 7}'
step crm config set pool.max_owned 150
step crm config get recycle.followup_days
step crm config set pool.max_owned lots || echo "(exit $? — nothing changed)"
step crm log -f table --entity setting
step crm undo 6
step crm config get pool.max_owned
cat >"$dir/客户.csv" <<'CSV'
客户名称,联系人,手机,城市,战区,级别,负责人,标签,备注
北京东方科技有限公司,张三,138-0013-8000,北京,华东,A,li.lei,vip;重点,老客户
"ACME, Inc.",John Smith,+1 415 555 0100,San Francisco,华东,B,,,"says ""hi"""
上海星辰贸易有限公司,王总,0138 1234 5678,上海,华东,C,,,
深圳市华为技术有限公司,李工,13912345678,深圳,华南,A,wang.fang,重点,
北京东方科技 有限公司,李四,13700000000,,,,,,the same company again
CSV
step crm customer import "$dir/客户.csv" || echo "(exit $? — nothing imported)"
step crm customer import -n --on-duplicate skip "$dir/客户.csv"
step crm customer import --on-duplicate skip "$dir/客户.csv"
step crm customer list -f table
step crm customer --as li.lei list -f table
step crm customer follow 1 --kind visit --note 上门拜访 --next +3d
step crm customer add --name "华为技术(深圳)有限公司" --region 华南 --allow-duplicate
step crm customer dupes -f table
step crm customer show 1 -f table
step crm customer --as li.lei claim 2
step crm customer --as li.lei claim 4 || echo "(exit $? — wang.fang's: li.lei may not see it)"
step crm customer --as han.mei assign 3 --to li.lei
step crm customer --as han.mei lock 1 --reason 战略客户
echo
echo "# marketing brings an expo's sign-up sheet; the leads go to the region's reps:"
step crm user add ma.sc --name 马市场 --role marketing
step crm lead --as ma.sc campaign add --name 2026上海工博会 --channel expo \
	--start 2026-09-20 --end 2026-09-24 --cost 50000
cat >"$dir/展会名单.csv" <<'CSV'
姓名,公司,职位,手机,地区,来源,活动
赵工,苏州精工机械有限公司,采购经理,13511112222,华东,expo,1
钱总,杭州云帆网络,总经理,13622223333,华东,expo,1
孙女士,上海星辰贸易有限公司,行政,13733334444,华东,expo,1
CSV
step crm lead --as ma.sc import "$dir/展会名单.csv" ||
	echo "(exit $? — 上海星辰 is a customer already: 撞单)"
step crm lead --as ma.sc import --partial --rejects "$dir/rejects.csv" \
	"$dir/展会名单.csv" || echo "(exit $? — one rejected, see rejects.csv)"
step crm lead distribute --pool 华东 --region 华东 -f table
step crm lead --as li.lei list -f table
step crm lead --as li.lei follow 1 --kind call --note 有采购计划
step crm lead --as ma.sc score --explain 1 -f table
step crm lead --as li.lei convert 1 --deal 数控机床 --amount 560000 \
	--close 2027-01-15
step crm trace lead 1 -f table
echo
echo "# li.lei opens a deal (商机) with 北京东方 and works it:"
step crm deal stages -f table
step crm deal --as li.lei add --customer 北京东方 --name 二期扩容 \
	--amount 280000 --close 2026-12-31 --stage needs
step crm deal --as li.lei move 二期扩容 proposal --note 方案已发
step crm deal --as li.lei show 二期扩容 -f table
step crm deal --as li.lei lose 2 --reason 太贵 ||
	echo "(exit $? — not one of deal.lost_reasons)"
step crm deal --as li.lei move 2 negotiation
step crm deal --as li.lei win 2 --amount 530000
step crm deal --as li.lei list -f table
step crm deal --as han.mei list --open --closing-before 2027-01-01 -f table
step crm deal --as han.mei pipeline --by owner -f table
step crm deal --as han.mei funnel -f table
echo
echo "# the catalogue the quotes and orders will use (产品):"
cat >"$dir/产品.csv" <<'CSV'
型号,产品名称,类别,单位,单价,成本
CNC-500,数控机床 500 型,机床,台,560000,380000
CNC-800,数控机床 800 型,机床,台,880000,610000
SRV-1Y,一年维保服务,服务,年,48000,12000
CSV
step crm order product import "$dir/产品.csv"
step crm order product retire SRV-1Y
step crm order --as li.lei product list -f table
echo
echo "# a quote (报价单) over the manager's discount and finance's total: approved by both, printed for the customer:"
step crm order --as li.lei quote add --customer 北京东方科技有限公司 \
	--line CNC-500:2::12% --line CNC-800:1 --note 含安装调试
step crm order --as li.lei quote submit 1
step crm remind --as han.mei -f table
step crm order --as han.mei quote approve 1
step crm order quote approve 1
step env LANGUAGE=zh_CN crm order --as li.lei quote show 1 -f text
crm order --as li.lei quote show 1 -f html >"$dir/报价单-1.html"
echo "(-f html: 报价单-1.html, $(wc -c <"$dir/报价单-1.html") bytes, one page with its CSS, for a browser or a PDF printer)"
echo
echo "# the customer accepts: the quote's order (销售订单), confirmed, shipped in two parts (出货单), delivered:"
step crm order --as li.lei quote accept 1 --deliver-by 2026-12-10
step crm order --as li.lei confirm 1
step crm order --as li.lei ship 1 --line CNC-500:1 --line CNC-800:1 \
	--warehouse 苏州仓 --carrier 德邦物流 --tracking DB20261124
step crm order --as li.lei ship 1 --line CNC-500:2 ||
	echo "(exit $? — only one CNC-500 is left to ship)"
step crm order --as li.lei ship 1 --line CNC-500:1 --date 2026-11-26
step crm order --as li.lei shipment deliver 1 --date 2026-11-27
step crm order --as li.lei shipment deliver 2 --date 2026-11-28
step crm order --as li.lei show 1 -f table
step env LANGUAGE=zh_CN crm order --as li.lei shipment show 2 -f text
step crm trace order 1 -f table
echo
echo "# the money side (crm-pay): a funds account, a rep's trip, finance pays it:"
step crm pay account add --name 招行基本户 --opening 250000 --currency CNY
step crm pay --as li.lei expense add --category 差旅 --amount 1,280.50 \
	--customer 北京东方科技有限公司 --note 拜访张三
step crm pay expense edit 1 --account 招行基本户
step crm pay --as ma.sc expense add --category 展会 --amount 18000 \
	--campaign 2026上海工博会 --note 展位费
step crm lead campaign show 2026上海工博会 -f table
step crm pay --as li.lei expense edit 1 --amount 2000 ||
	echo "(exit $? — paid: finance's now)"
step crm pay account list -f table
echo
echo "# a day of receipts (回款): a check by hand, the bank's statement (GBK, from its website), a bounced check; the receivables' age:"
step crm pay plan SO-2026-000001 --terms '30%:0,40%:30,30%:60'
step crm pay plan list --customer 北京东方科技有限公司 -f table
step crm pay receive --customer 北京东方科技有限公司 --amount 300000 \
	--method check --ref ZP-0087 --order SO-2026-000001 --account 招行基本户
printf '%s\n' 交易日期,收入金额,对方户名,摘要,交易流水号,余额 \
	'2026-11-24,"500,000.00",北京东方科技 有限公司,设备款,HX2026112401,750000.00' \
	'2026-11-24,200000.00,东方科技北京分公司,SO-2026-000001 代付,HX2026112402,950000.00' \
	'2026-11-24,8800.00,某某个人,转账,HX2026112403,958800.00' |
	iconv -f UTF-8 -t GBK >"$dir/流水.csv"
step crm pay receipt import -n --encoding gbk --ignore-unknown \
	"$dir/流水.csv" || echo "(exit $? — the plan: one row matches nothing)"
step crm pay receipt import --encoding gbk --ignore-unknown --partial \
	--rejects "$dir/未匹配.csv" "$dir/流水.csv" ||
	echo "(exit $? — one row matched no customer: it waits in 未匹配.csv)"
step crm pay receipt import --encoding gbk --ignore-unknown \
	--on-duplicate skip --partial "$dir/流水.csv" ||
	echo "(exit $? — the same statement again: nothing recorded twice)"
step crm pay receipt reverse 1 --reason 支票退票
step crm pay receipt list -f table
step crm pay aging -f table
step crm pay aging --as-of 2027-02-10 -f table
step crm pay aging --as-of 2027-02-10 --basis order -f table
step crm trace order 1 -f table
echo
echo "# ... a month later, nobody has called ACME or 上海星辰:"
export CRM_NOW=2026-12-26T01:00:00
step crm customer recycle --warn 5 -f table
step crm customer recycle
step crm customer recycle
step crm remind --as li.lei -f table
step crm order --as li.lei quote list --expired -f table
echo
echo "# 中文: the same day for a Chinese-speaking team (LANGUAGE=zh_CN, or ui.lang for cron's mail):"
step env LANGUAGE=zh_CN crm remind --as li.lei -f table
step env LANGUAGE=zh_CN crm customer --as li.lei list -f table
step env LANGUAGE=zh_CN crm customer --as li.lei claim 4 ||
	echo "(exit $? — 不存在: li.lei may not see it)"
echo
echo "# the pool goes to the region's reps, never back to the one who just lost it:"
step crm customer distribute --pool 华东 --region 华东
step crm log --entity customer --id 2 -f table
step crm check -f table
echo
echo "# what comes next (销售预测): two years of orders of the machine tools, next quarter's forecast and how far to trust it:"
{
	echo number,date,customer,status,sku,qty,price,discount
	for i in $(seq 0 23); do
		d=$(date -d "2024-12-08 + $i months" +%F)
		echo "HIST-$i,$d,北京东方科技有限公司,completed,CNC-500,$((2 + i % 3 + i / 6)),,"
	done
} >"$dir/历史订单.csv"
step crm order import -q "$dir/历史订单.csv"
step crm forecast sales --horizon 3 --method combo -f table
step crm forecast backtest --horizon 3 --origins 4 -f table
step crm forecast pipeline -f table
echo
echo "# the numbers (报表): a target for the month, the year as a line, the manager's dashboard on screen and as a page:"
step crm target set --user li.lei --period 2026-12 --metric revenue 600000
step crm report sales --period 2026 --by month --chart
step crm report --as han.mei dashboard
step crm report --as han.mei dashboard --html "$dir/dashboard.html"
echo "(one file of $(wc -c <"$dir/dashboard.html") bytes, no script, fit for a phone; deleted with the rest)"
echo
echo "demo done: $me ran the team's day on a throwaway database."
