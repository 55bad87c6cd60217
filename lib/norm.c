#include <ctype.h>
#include <string.h>

#include "crm/norm.h"
#include "crm/text.h"
#include "crm/banned.h"

void
crm_norm_name(const char *s, struct crm_buf *out)
{
	size_t len = strlen(s);

	for (size_t i = 0; i < len;) {
		uint32_t cp;
		char enc[4];

		i += (size_t)crm_utf8_decode(s + i, len - i, &cp);
		cp = crm_cp_fold(cp);
		if (crm_cp_is_punct_or_space(cp) ||
		    (cp >= 0x300 && crm_cp_width(cp) == 0))
			continue;
		crm_buf_add(out, enc, (size_t)crm_utf8_encode(cp, enc));
	}
}

static int
looks_scientific(const char *s)
{
	const char *e = strpbrk(s, "eE");

	return e != NULL && e > s && isdigit((unsigned char)e[-1]) &&
	    (e[1] == '+' || e[1] == '-' || isdigit((unsigned char)e[1]));
}

int
crm_phone_check(const char *s, struct crm_buf *out, struct crm_err *e)
{
	size_t start = out->len, ndigits;
	int plus = 0;

	if (looks_scientific(s))
		return crm_err_set(e, CRM_EX_DATAERR, "'%s' is a number in "
		    "scientific notation, not a phone number (format the "
		    "column as text in the spreadsheet)", s);
	for (const char *p = s; *p; p++) {
		if (isdigit((unsigned char)*p))
			crm_buf_addc(out, *p);
		else if (*p == '+' && out->len == start && !plus)
			plus = 1;
		else if (!strchr(" -.()", *p))
			goto bad;
	}
	if (plus && strncmp(out->s + start, "86", 2) == 0) {
		memmove(out->s + start, out->s + start + 2,
		    out->len - start - 2);
		out->len -= 2;
		plus = 0;
	} else if (!plus && out->len - start > 4 &&
	    strncmp(out->s + start, "0086", 4) == 0) {
		memmove(out->s + start, out->s + start + 4,
		    out->len - start - 4);
		out->len -= 4;
	}
	out->s[out->len] = '\0';
	ndigits = out->len - start;
	if (ndigits < 5 || ndigits > 15)
		goto bad;
	if (!plus && out->s[start] == '1' && ndigits != 11) {
		out->len = start;
		out->s[start] = '\0';
		return crm_err_set(e, CRM_EX_DATAERR, "'%s' is not a phone "
		    "number: a mobile number has 11 digits, this has %zu", s,
		    ndigits);
	}
	return 0;
bad:
	out->len = start;
	if (out->s)
		out->s[start] = '\0';
	return crm_err_set(e, CRM_EX_DATAERR, "'%s' is not a phone number", s);
}

static int
domain_ok(const char *d)
{
	size_t label = 0, labels = 0, tld_alpha = 1;

	if (*d == '\0' || *d == '.' || *d == '-')
		return 0;
	for (const char *p = d; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if (c == '.') {
			if (label == 0 || p[-1] == '-')
				return 0;
			labels++;
			label = 0;
			tld_alpha = 1;
		} else if (isalnum(c) || c == '-' || c >= 0x80) {
			label++;
			if (!isalpha(c) && c < 0x80)
				tld_alpha = 0;
		} else {
			return 0;
		}
	}
	return labels > 0 && label >= 2 && tld_alpha;
}

int
crm_email_check(const char *s, struct crm_err *e)
{
	const char *at = strchr(s, '@');

	if (at == NULL || at == s || strchr(at + 1, '@') != NULL ||
	    at - s > 64 || !domain_ok(at + 1))
		goto bad;
	for (const char *p = s; p < at; p++)
		if ((unsigned char)*p <= ' ' || strchr("\"(),:;<>[\\]", *p))
			goto bad;
	return 0;
bad:
	return crm_err_set(e, CRM_EX_DATAERR, "'%s' is not an email address",
	    s);
}

static const char *const cjk_suffixes[] = {
	"股份有限公司", "有限责任公司", "集团有限公司", "有限公司", "集团公司",
	"分公司", "总公司", "公司", "集团", "企业", "工作室",
};
static const char *const latin_suffixes[] = {
	"inc", "incorporated", "ltd", "limited", "co", "corp", "corporation",
	"llc", "company", "group", "gmbh", "plc", "sa", "ag", "bv",
};
static const char *const places[] = {
	"北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江",
	"江苏", "浙江", "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南",
	"广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海", "台湾",
	"内蒙古", "广西", "西藏", "宁夏", "新疆", "香港", "澳门", "深圳", "广州",
	"杭州", "南京", "苏州", "成都", "武汉", "西安", "宁波", "厦门", "青岛",
	"大连", "沈阳", "长沙", "郑州", "济南", "合肥", "福州", "昆明", "无锡",
	"东莞", "佛山", "珠海", "中山", "温州", "绍兴", "嘉兴", "金华", "台州",
	"常州", "南通", "徐州", "扬州", "烟台", "潍坊", "石家庄", "太原",
	"哈尔滨", "长春", "南昌", "南宁", "贵阳", "兰州", "西宁", "银川",
	"乌鲁木齐", "拉萨", "呼和浩特", "海口", "三亚", "泉州", "惠州",
};

static int
ends_with(const struct crm_buf *b, size_t start, const char *suffix)
{
	size_t n = strlen(suffix);

	return b->len - start > n && memcmp(b->s + b->len - n, suffix, n) == 0;
}

/* Fold, drop parenthesised text, and keep words apart with one space. */
static void
core_words(const char *s, struct crm_buf *out)
{
	size_t len = strlen(s);
	int depth = 0;

	for (size_t i = 0; i < len;) {
		uint32_t cp;
		char enc[4];

		i += (size_t)crm_utf8_decode(s + i, len - i, &cp);
		cp = crm_cp_fold(cp);
		if (cp == '(' || cp == 0x3010 || cp == '[')	/* ( 【 [ */
			depth++;
		else if ((cp == ')' || cp == 0x3011 || cp == ']') && depth > 0)
			depth--;
		else if (depth > 0 || (cp >= 0x300 && crm_cp_width(cp) == 0))
			continue;
		else if (crm_cp_is_punct_or_space(cp)) {
			if (out->len > 0 && out->s[out->len - 1] != ' ')
				crm_buf_addc(out, ' ');
		} else
			crm_buf_add(out, enc, (size_t)crm_utf8_encode(cp, enc));
	}
	while (out->len > 0 && out->s[out->len - 1] == ' ')
		out->s[--out->len] = '\0';
}

/* Strip trailing Latin suffix words ("acme co ltd" -> "acme"). */
static void
strip_latin_suffixes(struct crm_buf *w)
{
	for (int again = 1; again;) {
		char *sp = w->s ? strrchr(w->s, ' ') : NULL;

		again = 0;
		if (sp == NULL)
			return;
		for (size_t i = 0; i < sizeof(latin_suffixes) /
		    sizeof(*latin_suffixes); i++) {
			if (strcmp(sp + 1, latin_suffixes[i]) == 0) {
				w->len = (size_t)(sp - w->s);
				w->s[w->len] = '\0';
				again = 1;
				break;
			}
		}
	}
}

void
crm_norm_core(const char *name, struct crm_buf *out)
{
	struct crm_buf w = { 0 };
	size_t start = out->len, best = 0;

	core_words(name, &w);
	strip_latin_suffixes(&w);
	for (size_t i = 0; i < w.len; i++)
		if (w.s[i] != ' ')
			crm_buf_addc(out, w.s[i]);
	crm_buf_free(&w);
	for (int again = 1; again;) {
		again = 0;
		for (size_t i = 0; i < sizeof(cjk_suffixes) /
		    sizeof(*cjk_suffixes); i++) {
			if (ends_with(out, start, cjk_suffixes[i])) {
				out->len -= strlen(cjk_suffixes[i]);
				out->s[out->len] = '\0';
				again = 1;
			}
		}
	}
	for (size_t i = 0; i < sizeof(places) / sizeof(*places); i++) {
		size_t n = strlen(places[i]);

		if (n > best && out->len - start > n &&
		    memcmp(out->s + start, places[i], n) == 0)
			best = n;
	}
	if (best > 0) {
		if (out->len - start > best + 3 &&
		    (memcmp(out->s + start + best, "省", 3) == 0 ||
		    memcmp(out->s + start + best, "市", 3) == 0))
			best += 3;
		/* keep at least two characters of the name itself */
		if (out->len - start - best >= 6) {
			memmove(out->s + start, out->s + start + best,
			    out->len - start - best);
			out->len -= best;
			out->s[out->len] = '\0';
		}
	}
	if (out->len == start)	/* all of it was suffix: keep the name */
		crm_norm_name(name, out);
}
