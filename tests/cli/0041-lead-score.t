#!/bin/bash
# crm-lead score: rule points, the naive Bayes model checked against the
# same arithmetic done here in awk over the generated history, the rule
# score alone below 30 closed leads, --explain, who scores which lead (as
# real OS users), undo, bad ids.
. "$(dirname "$0")/lib.sh"
team_db
os_users han.mei li.lei wang.fang ma.sc qian.cw
crm -q user add han.mei --name 韩梅梅 --role manager --region 华东
crm -q user add li.lei --name 李雷 --role rep --region 华东 --manager han.mei
crm -q user add wang.fang --name 王芳 --role rep --region 华南
crm -q user add ma.sc --name 马市场 --role marketing
crm -q user add qian.cw --name 钱财务 --role finance

# gen N: a lead sheet of N closed leads (the history: sources, campaigns
# 1 展会A (expo) and 2 官网B (web) by id,
# regions, industries and sizes in cycles, some empty, outcomes mixed),
# then three open ones — 张甲 li.lei's, 李乙 and 王丙 in pools, with a
# region, a source no closed lead had and empty fields.
gen() {
	awk -v n="$1" 'BEGIN {
		OFS = ","
		print "name,phone,email,company,source,campaign,region," \
		    "industry,size,status,disqualify_reason,owner"
		split("referral,expo,web,", src, ",")
		split("1,2,", camp, ",")
		split("large,small,medium,", size, ",")
		for (i = 1; i <= n; i++) {
			ind = i % 5 == 0 ? "" : i % 5 < 3 ? "制造" : "软件"
			won = i % 4 == 0 || i % 7 == 2 || (i % 5 == 1 && i % 2)
			print "史" i, i % 3 != 2 ? sprintf("1380000%04d", i) : "",
			    i % 4 == 1 ? "l" i "@example.com" : "",
			    i % 2 ? "" : "公司" i, src[i % 4 + 1],
			    camp[i % 3 + 1], i % 2 ? "华东" : "华南", ind,
			    size[(i * 3) % 4 + 1],
			    won ? "converted" : "disqualified",
			    won ? "" : "no_budget", ""
		}
		print "张甲,13900000001,zj@example.com,甲公司,referral,1," \
		    "华东,制造,large,,,li.lei"
		print "李乙,,,,web,,西北,,small,,,"
		print "王丙,13900000003,,,广告,2,华南,软件,medium,,,"
	}'
}

# nb FILE: the scores of the open leads of a sheet by the default rules
# and naive Bayes over its closed ones (Laplace: add one to each count,
# the factor's number of values to each total; an empty or unseen value
# says nothing), as "name,points,probability,score"; with -v explain=1
# each factor's log-odds as "name,factor,value,log_odds".
nb() {
	awk -F, -v explain="${2:-0}" '
	function chan(c) { return c == 1 ? "expo" : c == 2 ? "web" : "" }
	NR == 1 { next }
	{
		v[1] = $5; v[2] = chan($6); v[3] = $7; v[4] = $8; v[5] = $9
	}
	$10 == "converted" || $10 == "disqualified" {
		y = $10 == "converted"; n[y]++
		for (f = 1; f <= 5; f++) if (v[f] != "") {
			if (!((f, v[f]) in seen)) { seen[f, v[f]] = 1; k[f]++ }
			c[f, v[f], y]++; tot[f, y]++
		}
		next
	}
	{
		m++; name[m] = $1
		pts[m] = ($2 != "" ? 20 : 0) + ($3 != "" ? 10 : 0) + \
		    ($5 == "referral" ? 30 : $5 == "expo" ? 20 : \
		    $5 == "web" ? 10 : 0) + ($9 == "large" ? 20 : 0)
		for (f = 1; f <= 5; f++) val[m, f] = v[f]
	}
	END {
		split("source,channel,region,industry,size", fn, ",")
		for (i = 1; i <= m; i++) {
			lo = log((n[1] + 1) / (n[0] + 1))
			if (explain) printf "%s,prior,,%.3f\n", name[i], lo
			for (f = 1; f <= 5; f++) {
				x = val[i, f]; d = 0
				if (x != "" && ((f, x) in seen))
					d = log((c[f, x, 1] + 1) / (tot[f, 1] + k[f])) - \
					    log((c[f, x, 0] + 1) / (tot[f, 0] + k[f]))
				lo += d
				if (explain) printf "%s,%s,%s,%.3f\n", name[i], fn[f], x, d
			}
			p = 1 / (1 + exp(-lo))
			r = pts[i] < 0 ? 0 : pts[i] > 100 ? 100 : pts[i]
			if (!explain) printf "%s,%d,%.1f,%d\n", name[i], pts[i], \
			    100 * p, int((r + 100 * p) / 2 + 0.5)
		}
	}' "$1"
}

# A database of its own for the model, ids in sheet order.
model_db() {
	export CRM_DB="$T/model-$1.db"
	crm init 2>/dev/null &&
	crm -q user add li.lei --name 李雷 --role rep --region 华东 &&
	crm -q user add ma.sc --name 马市场 --role marketing &&
	crm-lead -q --as ma.sc campaign add --name 展会A --channel expo >/dev/null &&
	crm-lead -q --as ma.sc campaign add --name 官网B --channel web >/dev/null &&
	gen "$1" >sheet-$1.csv &&
	crm-lead -q import --historical sheet-$1.csv
}

t 'with 40 closed leads: the rules and naive Bayes, as awk computes them' '
	model_db 40 &&
	code 0 crm-lead --as ma.sc score -f csv &&
	has err "scored 3 leads" && has err "crm undo" &&
	cut -d, -f2- out | tail -n +2 | sort >got &&
	nb sheet-40.csv | sort >want && same want got &&
	crm-lead list --sort -score -f csv --no-header | cut -d, -f2,16 >l &&
	sed -n 1p l | grep -q "^张甲," &&
	awk -F, "\$3 != \"\"" want | wc -l | grep -qx 3
'

t '--explain: rules'"'"' points, the prior'"'"'s and factors'"'"' log-odds' '
	export CRM_DB="$T/model-40.db" &&
	code 0 crm-lead --as ma.sc score 41 42 43 --explain -f csv &&
	has err "the model: 40 closed leads, " &&
	head -1 out | grep -qx "id,factor,value,points,log_odds" &&
	has out "41,has_phone,,20," && has out "41,has_email,,10," &&
	has out "41,source,referral,30," && has out "41,size,large,20," &&
	has out "41,points,,80," && has out "42,region,西北,,0.000" &&
	has out "43,source,广告,,0.000" && has out "42,industry,,,0.000" &&
	awk -F, "NR > 1 && \$5 != \"\" && \$2 != \"conversion\"" out |
	    sed "s/^41,/张甲,/; s/^42,/李乙,/; s/^43,/王丙,/" |
	    awk -F, "{ print \$1 \",\" \$2 \",\" \$3 \",\" \$5 }" | sort >got &&
	nb sheet-40.csv 1 | sort >want && same want got &&
	grep "^41,score," out | cut -d, -f3 >s &&
	crm-lead show 41 -f yaml | grep -qx "  score: $(cat s)"
'

t 'in Chinese: a table names the factors, csv keeps them as they are' '
	export CRM_DB="$T/model-40.db" &&
	LANGUAGE=zh_CN crm-lead --as ma.sc score 41 --explain -f table >zh 2>zherr &&
	has zh "转化概率" && has zh "历史基准" && has zh "有电话" &&
	has zh "来源" && has zherr "模型：已结束的线索 40 条" &&
	LANGUAGE=zh_CN crm-lead -q --as ma.sc score 41 --explain -f csv >zh.csv &&
	crm-lead -q --as ma.sc score 41 --explain -f csv >en.csv &&
	same en.csv zh.csv
'

t 'below 30 closed leads the rule score alone, and --explain says so' '
	model_db 29 &&
	code 0 crm-lead --as ma.sc score --explain -f csv &&
	has err "the rule score alone: 29 closed leads, the model needs 30" &&
	! grep -q ",prior," out && ! grep -q ",conversion," out &&
	has out "30,score,80,," && has out "31,score,10,," &&
	code 0 crm-lead --as ma.sc score -f csv &&
	has out "30,张甲,80,,80" && has out "32,王丙,20,,20"
'

t 'rule points are clamped to 0-100' '
	export CRM_DB="$T/model-29.db" &&
	crm -q config set lead.score_rules \
	    "{has_phone: 90, has_company: 50, source: {web: -70}}" &&
	code 0 crm-lead --as ma.sc score 30 31 -f csv &&
	has out "30,张甲,140,,100" && has out "31,李乙,-70,,0" &&
	crm -q config unset lead.score_rules
'

t 'the thirtieth closed lead brings the model in' '
	export CRM_DB="$T/model-29.db" &&
	printf "name,status,disqualify_reason\n又一,disqualified,spam\n" >one.csv &&
	crm-lead -q --as ma.sc import one.csv &&
	code 0 crm-lead --as ma.sc score 30 --explain -f csv &&
	! has err "rule score alone" && has err "the model: 30 closed leads" &&
	has out "30,prior,," && has out "30,conversion,"
'

t 'who scores: a rep their own, a manager the team'"'"'s, marketing all' '
	export CRM_DB="$T/team/crm.db" &&
	cat >leads.csv <<CSV &&
name,phone,source,region,owner,status,disqualify_reason
雷一,13700000001,referral,华东,li.lei,,
芳一,13700000002,expo,华南,wang.fang,,
池一,13700000003,web,华东,,,
雷二,13700000004,web,华东,li.lei,disqualified,spam
CSV
	crm-lead -q import leads.csv &&
	code 0 as li.lei crm-lead score -f csv && has err "scored 1 lead" &&
	test "$(cut -d, -f1,5 out | tail -n +2)" = "1,50" &&
	crm-lead show 1 -f yaml | grep -qx "  score: 50" &&
	crm-lead show 2 -f yaml | grep -qx "  score: null" &&
	code 0 as han.mei crm-lead score -f csv && has err "scored 1 lead" &&
	has out "1,雷一," &&
	code 0 as wang.fang crm-lead score -f csv && has out "2,芳一,40,,40" &&
	code 0 as ma.sc crm-lead score -f csv && has err "scored 3 leads" &&
	has out "3,池一,30,,30" && ! has out "4,雷二" &&
	code 0 as ma.sc crm-lead score 4 &&
	has err "left 1 converted or disqualified lead as it was" &&
	crm-lead show 4 -f yaml | grep -qx "  score: null"
'

t 'refusals: another rep'"'"'s lead, a pool lead, finance; nothing written' '
	crm-lead export >before &&
	crm -q config set lead.score_rules "{has_phone: 5}" &&
	code 65 as li.lei crm-lead score 1 2 &&
	has err "argument 2: no lead 2" && ! has err 芳一 &&
	code 77 as li.lei crm-lead score 3 && has err "claim it first" &&
	code 77 as qian.cw crm-lead score && has err "score leads" &&
	code 65 as han.mei crm-lead score 2 && ! has err wang.fang &&
	code 77 as han.mei crm-lead score 池一 && has err "claim it first" &&
	crm-lead export >after && same before after
'

t 'bad ids: unknown, not a number, from stdin; all or nothing' '
	code 65 as ma.sc crm-lead score 1 9999 &&
	has err "argument 2: no lead 9999" &&
	code 65 as ma.sc crm-lead score 没有这个 && has err "没有这个" &&
	printf "id\n1\n77\n" | code 65 as ma.sc crm-lead score - &&
	has err "stdin:3" && has err "no lead 77" &&
	crm-lead export >after && same before after
'

t 'stdin ids, a dry run, and crm undo of a scoring run' '
	crm-lead list --search 雷一 -f csv |
	    code 0 as ma.sc crm-lead score - --dry-run &&
	has err "would have scored 1 lead" &&
	crm-lead export >after && same before after &&
	crm-lead list --search 雷一 -f csv | code 0 as ma.sc crm-lead score - &&
	has out "1,雷一,5,,5" &&
	run=$(sed -n "s/.*run \([0-9]*\) (crm undo.*/\1/p" err) &&
	code 0 as ma.sc crm-lead score && has err "scored 3 leads" &&
	crm-lead show 1 -f yaml | grep -qx "  score: 5" &&
	crm-lead show 3 -f yaml | grep -qx "  score: 5" &&
	run2=$(sed -n "s/.*run \([0-9]*\) (crm undo.*/\1/p" err) &&
	crm -q undo "$run2" && crm -q undo "$run" &&
	crm-lead export >after && same before after &&
	crm -q config unset lead.score_rules
'

done_testing
