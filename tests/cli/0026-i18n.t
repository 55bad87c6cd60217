#!/bin/bash
# Chinese: the environment's language at a terminal, a user's own or the
# team's (ui.lang) where there is none (cron), the recipient's in mail;
# csv, tsv, yaml and json the same bytes in every language.
. "$(dirname "$0")/lib.sh"
crm init 2>/dev/null
crm -q user add han.mei --name 韩梅梅 --role manager --region 华东 --email han@example.com
crm -q user add li.lei --name 李雷 --role rep --region 华东 --manager han.mei --email li@example.com
printf 'name,region,tier,owner\nR1,华东,A,li.lei\nR2,华东,B,han.mei\n' |
	crm-customer import -q -
crm-customer --as li.lei -q follow 1 --kind call --next +1d
CRM_NOW=2026-11-20T10:00:00 crm-customer --as han.mei -q follow 2 --kind call --next 2026-11-21
fake_sendmail

t 'a user has a language: en or zh_CN, shown by user list' '
	code 0 crm user set li.lei --lang zh_CN &&
	crm user list -f csv >u && head -1 u | grep -q ",lang$" &&
	grep -q "^li.lei,.*,zh_CN$" u &&
	code 65 crm user set li.lei --lang fr && has err "lang" &&
	crm user list -f csv >u2 && same u u2
'

t 'ui.lang is en or zh_CN, en by default' '
	crm config get ui.lang >v && echo en >want && same want v &&
	code 78 crm config set ui.lang fr && has err "ui.lang" &&
	crm config get ui.lang >v && same want v
'

t 'anyone may set their own language, and nothing else of theirs' '
	code 0 crm --as li.lei user set li.lei --lang en &&
	code 77 crm --as li.lei user set li.lei --lang zh_CN --name X &&
	code 77 crm --as li.lei user set han.mei --lang zh_CN &&
	code 77 crm --as li.lei user add x.y --name X --role rep --lang en &&
	crm user list -f csv >u && grep -q "^li.lei,李雷,.*,en$" u &&
	grep -q "^han.mei,韩梅梅,.*,$" u
'

t 'the terminal: LANGUAGE, LC_ALL, LC_MESSAGES or LANG, without a generated locale' '
	crm --as li.lei remind -f table >en && has en "R1 — due tomorrow" &&
	LANGUAGE=zh_CN crm --as li.lei remind -f table >zh &&
	has zh "待跟进：" && has zh "R1 — 明天到期" &&
	(unset LC_ALL; LANG=zh_CN.UTF-8 crm --as li.lei remind -f table) >zh2 &&
	same zh zh2 &&
	(unset LC_ALL; LC_MESSAGES=zh_CN.GB18030 crm --as li.lei remind -f table) >zh3 &&
	same zh zh3 &&
	LANGUAGE=en_US crm --as li.lei remind -f table >en2 && same en en2
'

t 'csv, tsv, yaml and json are the same bytes in every language' '
	for f in csv tsv yaml json; do
		crm --as han.mei remind -f $f >en.$f &&
		LANGUAGE=zh_CN crm --as han.mei remind -f $f >zh.$f &&
		same en.$f zh.$f &&
		crm-customer list -f $f >en.$f &&
		LANGUAGE=zh_CN crm-customer list -f $f >zh.$f &&
		same en.$f zh.$f &&
		crm user list -f $f >en.$f &&
		LANGUAGE=zh_CN crm user list -f $f >zh.$f &&
		same en.$f zh.$f || exit 1
	done &&
	LANGUAGE=zh_CN crm --as han.mei remind -f csv >r &&
	has r "overdue by 3 days"
'

t 'no language in the environment: the login s own, else ui.lang' '
	code 0 crm --as han.mei remind -f table && has out "Overdue follow-ups:" &&
	crm -q user set $ME --lang zh_CN &&
	code 0 crm --as han.mei remind -f table && has out "跟进已逾期：" &&
	LANGUAGE=en code 0 crm --as han.mei remind -f table &&
	has out "Overdue follow-ups:" &&
	crm -q user set $ME --lang "" && crm -q config set ui.lang zh_CN &&
	code 0 crm --as han.mei remind -f table && has out "跟进已逾期：" &&
	crm -q config set ui.lang en
'

t 'cron mails each user in their own language, whatever it runs in' '
	crm -q user set li.lei --lang zh_CN &&
	LANGUAGE=en code 0 crm remind --all --mail -n &&
	has out "R1 — 明天到期" && has out "Subject: crm 提醒：1 项（2026-11-24）" &&
	has out "R2 — overdue by 3 days" &&
	has out "Subject: crm: 1 reminder (2026-11-24)" &&
	has err "would mail 2 messages" &&
	crm -q config set ui.lang zh_CN &&
	code 0 crm remind --all --mail -n &&
	has out "R2 — 已逾期 3 天" && has err "试运行：将发送 2 封邮件" &&
	crm -q config set ui.lang en
'

t 'as a real OS user in the C locale, cron style: their own language' '
	team_db &&
	crm -q user add li.lei --name 李雷 --role rep --region 华东 --lang zh_CN &&
	crm -q user add wang.fang --name 王芳 --role rep --region 华东 &&
	os_users li.lei wang.fang &&
	id=$(crm-customer add -q --name 甲公司 --region 华东 --owner li.lei) &&
	as li.lei crm-customer -q follow $id --kind call --next +1d &&
	as li.lei crm remind -f table >zh && has zh "甲公司 — 明天到期" &&
	as wang.fang crm user set wang.fang --lang zh_CN &&
	code 77 as wang.fang crm user set li.lei --lang en &&
	has err "只有" && has err "管理员"
'

t 'Chinese --help, summaries and table headers' '
	LANGUAGE=zh_CN crm-customer --help >h && has h "用法：" &&
	has h "子命令：" && has h "从公海领取客户" &&
	LANGUAGE=zh_CN code 0 crm-customer list -f table &&
	has out "负责人" && has out "下次跟进" && ! has out next_followup_at &&
	LANGUAGE=zh_CN code 0 crm user list -f table && has out "用户名" &&
	printf "name,region\n新公司,华东\n" >new.csv &&
	LANGUAGE=zh_CN code 0 crm-customer import new.csv &&
	has err "已导入 1 条" && has err "crm undo"
'

t 'a record the user may not see is 不存在 in Chinese too, and nothing more' '
	LANGUAGE=zh_CN code 65 crm-customer --as li.lei show 2 &&
	test ! -s out && has err "客户 2 不存在" &&
	! grep -q "R2\|han.mei\|韩梅梅" err &&
	code 65 crm-customer --as li.lei show 2 && has err "no customer 2"
'

t 'bad records: file, line and field in Chinese; rejects and plan stay English' '
	printf "name,region,tier,phone\nX1,华东,Q,13800000009\nX2,华东,A,13800000009\n" >bad.csv &&
	crm customer list -f csv >before &&
	LANGUAGE=zh_CN code 65 crm-customer import bad.csv &&
	has err "bad.csv:2: 字段“tier”" && has err "bad.csv:3: " &&
	has err "没有导入任何内容" &&
	crm customer list -f csv >after && same before after &&
	code 65 crm-customer import bad.csv -n --partial -f csv && cp out plan.en &&
	LANGUAGE=zh_CN code 65 crm-customer import bad.csv -n --partial -f csv &&
	same plan.en out && has out "is not a tier" &&
	LANGUAGE=zh_CN code 65 crm-customer import -q bad.csv --partial \
	    --rejects rej.csv &&
	has rej.csv "is not a tier" && ! grep -q "字段" rej.csv
'

# A byte that starts a Chinese character in UTF-8 (U+4000..U+9FFF).
CJK=$'[\xe4-\xe9]'

t 'every --help in Chinese: no verb or option left in English' '
	for tool in crm crm-customer crm-deal crm-lead; do
		$tool --dump-options |
			awk -F"\t" "\$1 == \"verb\" {print \$2}" >verbs &&
		while read -r v; do
			LANGUAGE=zh_CN $tool $v --help >h || exit 1
			if grep "^  " h | LC_ALL=C grep -v "$CJK"; then
				echo "$tool $v --help: in English above"; exit 1
			fi
		done <verbs || exit 1
	done
'

t 'the pool verbs speak of each tool'"'"'s pool: 公海 for customers, 线索池 for leads' '
	LANGUAGE=zh_CN crm-customer distribute --help >h &&
	has h "要分配的公海" &&
	LANGUAGE=zh_CN crm-lead distribute --help >h &&
	has h "要分配的线索池" && ! grep -q "公海\|客户" h &&
	for v in claim release assign recycle lock unlock; do
		LANGUAGE=zh_CN crm-lead $v --help >h &&
		! grep -q "公海\|客户" h || exit 1
	done &&
	crm-lead distribute --help >h && has h "the lead pool to deal out"
'

t 'a bad yaml or json file is explained in Chinese: libyaml s words too' '
	printf "[{\"login\": \"x\"\n" >bad.json &&
	LANGUAGE=zh_CN code 65 crm user import bad.json &&
	has err "bad.json:2: yaml 错误：解析流式映射时，找不到应有的“,”或“}”" &&
	code 65 crm user import bad.json &&
	has err "while parsing a flow mapping" &&
	printf "a: b: c\n" >bad.yaml &&
	LANGUAGE=zh_CN code 78 crm config import bad.yaml &&
	has err "此处不允许出现映射的值"
'

t 'lists of names in a message are joined with 、 in Chinese' '
	LANGUAGE=zh_CN code 64 crm-customer list --sort nope &&
	has err "id、name、contact" &&
	LANGUAGE=zh_CN code 64 crm-customer import --map nope=x new.csv &&
	has err "id、name、contact" &&
	code 64 crm-customer list --sort nope && has err "id, name, contact"
'

t 'an import s copy of an earlier line by id: 编号相同 for people' '
	printf "id,name\n7,D1\n7,D2\n" >dup.csv &&
	LANGUAGE=zh_CN code 65 crm-customer import -n -f table dup.csv &&
	has out "与第 2 行重复（编号相同）" &&
	LANGUAGE=zh_CN code 65 crm-customer import -n -f csv dup.csv &&
	has out "duplicate of line 2 (same id)"
'

t 'crm check: the problems in Chinese in a table, in English in csv' '
	export CRM_DB=$T/check.db && crm init 2>/dev/null &&
	crm-customer -q add --name 甲公司 --phone 13800000001 &&
	crm-customer -q add --name 乙公司 --phone 13800000002 &&
	sqlite3 "$CRM_DB" "UPDATE customers SET phone_key = (SELECT
	    phone_key FROM customers WHERE id = 1) WHERE id = 2" &&
	LANGUAGE=zh_CN code 1 crm check -f table &&
	has out "与客户 2 电话相同" && has out "问题" &&
	LANGUAGE=zh_CN code 1 crm check -f csv &&
	has out "customer,customer,1,shares its phone with customer 2"
'

t 'a table shows statuses in the user'"'"'s words; csv keeps the values' '
	LANGUAGE=zh_CN crm-customer list -f table >zh && has zh 潜在 &&
	! has zh prospect &&
	crm-customer list -f table >en && has en prospect &&
	LANGUAGE=zh_CN crm-customer list -f csv >c && has c prospect
'

done_testing
