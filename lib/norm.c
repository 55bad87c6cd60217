#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "crm/norm.h"
#include "crm/text.h"
#include "crm/banned.h"

/* Room in out for what the characters of s[0..len) become: at most 3
 * bytes a byte (a bad byte becomes U+FFFD), written with put_cp. */
static void
reserve(struct crm_buf *out, size_t len)
{
	crm_buf_grow(out, 3 * len);
	out->s[out->len] = '\0';	/* even when nothing is written */
}

/* Character cp at the end of out, which has room for it (reserve). */
static void
put_cp(struct crm_buf *out, uint32_t cp)
{
	if (cp < 0x80)
		out->s[out->len++] = (char)cp;
	else
		out->len += (size_t)crm_utf8_encode(cp, out->s + out->len);
	out->s[out->len] = '\0';
}

/* Is s[0..len) a CJK ideograph (U+4E00..U+9FFF) first, well formed? It
 * folds to itself, is neither punctuation nor a mark: the keys copy it
 * as it is (most of a Chinese name), without decoding it. */
static int
ideograph(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;

	return len >= 3 && u[0] >= 0xE4 && u[0] <= 0xE9 &&
	    (u[0] > 0xE4 || u[1] >= 0xB8) && (u[1] & 0xC0) == 0x80 &&
	    (u[2] & 0xC0) == 0x80;
}

/* Those three bytes at the end of out, which has room (reserve). */
static void
put3(struct crm_buf *out, const char *s)
{
	memcpy(out->s + out->len, s, 3);
	out->len += 3;
	out->s[out->len] = '\0';
}

void
crm_norm_name(const char *s, struct crm_buf *out)
{
	size_t len = strlen(s);

	reserve(out, len);
	for (size_t i = 0; i < len;) {
		uint32_t cp;

		if (ideograph(s + i, len - i)) {
			put3(out, s + i);
			i += 3;
			continue;
		}
		i += (size_t)crm_utf8_decode(s + i, len - i, &cp);
		cp = crm_cp_fold(cp);
		if (crm_cp_is_punct_or_space(cp) ||
		    (cp >= 0x300 && crm_cp_width(cp) == 0))
			continue;
		put_cp(out, cp);
	}
}

static int
looks_scientific(const char *s)
{
	const char *e = strpbrk(s, "eE");

	return e != NULL && e > s && isdigit((unsigned char)e[-1]) &&
	    (e[1] == '+' || e[1] == '-' || isdigit((unsigned char)e[1]));
}

/* Is s[0..len) ASCII only? */
static int
ascii(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0x80)
			return 0;
	return 1;
}

int
crm_norm_ascii(const char *s)
{
	while ((unsigned char)*s - 1u < 0x7fu)
		s++;
	return *s == '\0';
}

void
crm_norm_width(const char *s, struct crm_buf *out)
{
	size_t len = strlen(s);

	if (ascii(s, len)) {	/* most phones, mails and enum values */
		crm_buf_add(out, s, len);
		return;
	}
	reserve(out, len);
	for (size_t i = 0; i < len;) {
		uint32_t cp;

		i += (size_t)crm_utf8_decode(s + i, len - i, &cp);
		if (cp >= 0xFF01 && cp <= 0xFF5E)	/* full-width ASCII */
			cp -= 0xFEE0;
		else if (cp == 0x3000)			/* ideographic space */
			cp = ' ';
		put_cp(out, cp);
	}
}

/* Where an extension starts: after "ext", "x", "#", "转", "分机" or
 * "分机号" followed by up to 6 digits to the end (or to a closing
 * parenthesis that ends it: "(转801)"), and *digits where they start;
 * NULL. */
static const char *
marked_extension(const char *s, const char **digits)
{
	static const char *const marks[] = { "ext.", "ext", "x", "#",
		"转", "分机", "分机号" };

	/* from a first byte of a mark to the next: most numbers have
	 * none */
	for (const char *p = s; (p = strpbrk(p, "eExX#\xe8\xe5")) != NULL;
	    p++) {
		for (size_t i = 0; i < sizeof(marks) / sizeof(*marks); i++) {
			size_t n = strlen(marks[i]), k;
			const char *d = p + n;

			if (strncasecmp(p, marks[i], n) != 0)
				continue;
			while (*d == ' ' || *d == ':' || *d == '.')
				d++;
			k = strspn(d, "0123456789");
			if (k > 0 && k <= 6 && (d[k] == '\0' ||
			    (d[k] == ')' && d[k + 1] == '\0'))) {
				*digits = d;
				return p;
			}
		}
	}
	return NULL;
}

/* The digits of s[0..n) into out, with a leading + noted; -1 for any
 * character that has no place in a phone number. A "(0)" after a
 * country code ("+44 (0)20 ...", "+86 (0)21 ...") is the trunk prefix
 * of a domestic call, written for those who dial it: not a digit of
 * the number. */
static int
phone_digits(const char *s, size_t n, struct crm_buf *out, int *plus)
{
	size_t start = out->len;
	int rc = 0;

	*plus = 0;
	crm_buf_grow(out, n);	/* then written in place, a digit at a time */
	for (size_t i = 0; i < n && rc == 0; i++) {
		if (isdigit((unsigned char)s[i]))
			out->s[out->len++] = s[i];
		else if (s[i] == '+' && out->len == start && !*plus)
			*plus = 1;
		else if (s[i] == '(' && n - i >= 3 && s[i + 1] == '0' &&
		    s[i + 2] == ')' && (*plus || (out->len - start >= 2 &&
		    out->s[start] == '0' && out->s[start + 1] == '0')))
			i += 2;
		else if (!strchr(" -.()", s[i]))
			rc = -1;
	}
	out->s[out->len] = '\0';
	return rc;
}

/* Is d[0..n) a mainland mobile number (11 digits from 1)? */
static int
mobile(const char *d, size_t n)
{
	return n == 11 && d[0] == '1';
}

/* Does the national number d[0..n) of a mainland phone, as written
 * after +86, need its trunk 0 back to be dialled at home? A landline's
 * area code does (+86 21 1234 5678 is 021-12345678: area code and 7 or
 * 8 digits, 9 to 11 in all; of the area codes only Beijing's, 10,
 * starts with 1); a mobile, a 400 or 800 service number, a short
 * number (95588) and one written with its 0 do not. */
static int
needs_trunk(const char *d, size_t n)
{
	return n >= 9 && n <= 11 && d[0] != '0' &&
	    (d[0] != '1' || (d[1] == '0' && n == 10)) &&
	    !(n == 10 && (memcmp(d, "400", 3) == 0 ||
	    memcmp(d, "800", 3) == 0));
}

/* Is d[0..n), written without + or 00, 86 and a whole mainland number
 * (86-138-0013-8000, 86 21 1234 5678)? No number dialled at home has
 * 12 to 14 digits and starts with 86: a landline with its area code
 * starts with 0, a mobile with 1. */
static int
bare_86(const char *d, size_t n)
{
	if (n < 12 || n > 14 || d[0] != '8' || d[1] != '6')
		return 0;
	d += 2;
	n -= 2;
	return (mobile(d, n) && d[1] >= '3') ||
	    (d[0] == '0' && d[1] != '0' && n >= 11) ||
	    (n <= 11 && needs_trunk(d, n));
}

/* Is d[0..n), written without + or 00, the country code of Hong Kong
 * or Macau and their 8 digits (852 2345 6789), or Taiwan's and its 8 or
 * 9 (886 2 2345 6789)? No number dialled in the mainland has 11 or 12
 * digits and starts with 8. */
static int
bare_near(const char *d, size_t n)
{
	if (n < 11 || n > 12 || d[0] != '8' ||
	    (d[1] != '5' && d[1] != '8'))
		return 0;
	return (n == 11 && d[1] == '5' && (d[2] == '2' || d[2] == '3')) ||
	    (d[1] == '8' && d[2] == '6');
}

/* Rewrite the digits of out from start, with or without a leading +,
 * as the key: the number as it is dialled in mainland China. A mainland
 * number written with +86, 0086 or 86 is its domestic form (13800138000,
 * 02112345678); another country's number is 00, its country code and
 * the rest (+1 415 555 0100 and 001 415 555 0100 are 0014155550100,
 * never a mainland 14155550100; 852 2345 6789 is 0085223456789); a
 * number without a country code is taken as it is (a domestic one). */
static void
phone_canon(struct crm_buf *out, size_t start, int plus)
{
	size_t n = out->len - start, cc, trunk;
	char *d = out->s + start;

	if (n >= 2 && d[0] == '0' && d[1] == '0')
		cc = 2;			/* 0086 ..., 001 ..., +00 ... */
	else if (plus || bare_86(d, n) || bare_near(d, n))
		cc = 0;
	else
		return;
	if (n - cc < 2 || d[cc] != '8' || d[cc + 1] != '6') {
		if (cc == 0) {		/* +1 415 ... as 001 415 ... */
			crm_buf_grow(out, 2);
			d = out->s + start;
			memmove(d + 2, d, n + 1);
			d[0] = d[1] = '0';
			out->len += 2;
		}
		return;
	}
	n -= cc + 2;
	trunk = needs_trunk(d + cc + 2, n) ? 1 : 0;
	memmove(d + trunk, d + cc + 2, n);
	if (trunk)
		d[0] = '0';
	out->len = start + trunk + n;
	out->s[out->len] = '\0';
}

/* The key of the number s[0..n) (no extension) appended to out; -1 for
 * a character that has no place in a phone number. */
static int
number_key(const char *s, size_t n, struct crm_buf *out)
{
	size_t start = out->len;
	int plus;

	if (phone_digits(s, n, out, &plus) < 0)
		return -1;
	phone_canon(out, start, plus);
	return 0;
}

/* A trailing "-801" is an extension when what comes before it is a
 * whole mainland number already: a landline with its area code
 * (010-62345678, +86 10 6234 5678) or a mobile. "138-0013-8000" keeps
 * its last group. */
static size_t
dash_extension(const char *s, size_t n)
{
	const char *dash = memrchr(s, '-', n);
	struct crm_buf key = { 0 };
	size_t tail;
	int whole;

	if (dash == NULL)
		return n;
	tail = n - (size_t)(dash + 1 - s);
	if (tail == 0 || tail > 5 || strspn(dash + 1, "0123456789") < tail)
		return n;
	if (number_key(s, (size_t)(dash - s), &key) < 0) {
		crm_buf_free(&key);
		return n;
	}
	whole = (key.len >= 10 && key.len <= 12 && key.s[0] == '0' &&
	    key.s[1] != '0') || mobile(key.s, key.len);
	crm_buf_free(&key);
	return whole ? (size_t)(dash - s) : n;
}

/* The last phone number found good and its digits: a record's phone is
 * checked when it is put, then made its key from the same text (one
 * slot a thread; a longer number is checked each time). */
static _Thread_local struct {
	char text[48], digits[48];
} last;

static int
phone_known(const char *text, struct crm_buf *out)
{
	if (last.text[0] == '\0' || strcmp(text, last.text) != 0)
		return 0;
	crm_buf_adds(out, last.digits);
	return 1;
}

static void
phone_keep(const char *text, const struct crm_buf *out, size_t start)
{
	size_t n = strlen(text);

	if (n >= sizeof(last.text) || out->len - start >= sizeof(last.digits))
		return;
	memcpy(last.text, text, n + 1);
	memcpy(last.digits, out->s + start, out->len - start);
	last.digits[out->len - start] = '\0';
}

int
crm_phone_check(const char *text, struct crm_buf *out, struct crm_err *e)
{
	struct crm_buf folded = { 0 };
	size_t start = out->len, ndigits, n;
	const char *s, *ext = NULL, *mark;
	int intl;

	if (phone_known(text, out))
		return 0;
	if (crm_norm_ascii(text)) {	/* most: nothing to fold */
		s = text;
	} else {
		crm_norm_width(text, &folded);
		s = crm_buf_str(&folded);
	}
	if (looks_scientific(s)) {
		crm_buf_free(&folded);
		return crm_err_set(e, CRM_EX_DATAERR, "'%s' is a number in "
		    "scientific notation, not a phone number (format the "
		    "column as text in the spreadsheet)", text);
	}
	if ((mark = marked_extension(s, &ext)) != NULL)
		n = (size_t)(mark - s);
	else if ((n = dash_extension(s, strlen(s))) < strlen(s))
		ext = s + n + 1;
	if (number_key(s, n, out) < 0)
		goto bad;
	ndigits = out->len - start;
	intl = ndigits >= 2 && out->s[start] == '0' && out->s[start + 1] == '0';
	/* E.164: at most 15 digits with the country code */
	if (ndigits - (intl ? 2 : 0) < 5 || ndigits - (intl ? 2 : 0) > 15)
		goto bad;
	/* only what looks like a mainland mobile is held to its rule */
	if (mobile(out->s + start, ndigits) &&
	    (out->s[start + 1] < '3' || out->s[start + 1] > '9')) {
		out->len = start;
		out->s[start] = '\0';
		crm_buf_free(&folded);
		return crm_err_set(e, CRM_EX_DATAERR, "'%s' is not a phone "
		    "number: a mobile number starts with 13 to 19", text);
	}
	if (ext != NULL)
		crm_buf_addf(out, "x%.*s", (int)strspn(ext, "0123456789"),
		    ext);
	crm_buf_free(&folded);
	phone_keep(text, out, start);
	return 0;
bad:
	out->len = start;
	if (out->s)
		out->s[start] = '\0';
	crm_buf_free(&folded);
	return crm_err_set(e, CRM_EX_DATAERR, "'%s' is not a phone number",
	    text);
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

/* A word of a table and its length in bytes. */
struct word {
	const char *s;
	size_t n;
};
#define W(x) { x, sizeof(x) - 1 }

static const struct word cjk_suffixes[] = {
	W("股份有限公司"), W("有限责任公司"), W("集团有限公司"), W("有限公司"),
	W("集团公司"), W("分公司"), W("总公司"), W("公司"), W("集团"),
	W("企业"), W("工作室"),
};
static const char *const latin_suffixes[] = {
	"inc", "incorporated", "ltd", "limited", "co", "corp", "corporation",
	"llc", "company", "group", "gmbh", "plc", "sa", "ag", "bv",
};
/* Sorted by their bytes: found by their first character (place_len). */
static const struct word places[] = {
	W("三亚"), W("上海"), W("东莞"), W("中山"), W("乌鲁木齐"), W("云南"),
	W("佛山"), W("兰州"), W("内蒙古"), W("北京"), W("南京"), W("南宁"),
	W("南昌"), W("南通"), W("厦门"), W("台州"), W("台湾"), W("合肥"),
	W("吉林"), W("呼和浩特"), W("哈尔滨"), W("嘉兴"), W("四川"), W("大连"),
	W("天津"), W("太原"), W("宁夏"), W("宁波"), W("安徽"), W("山东"),
	W("山西"), W("常州"), W("广东"), W("广州"), W("广西"), W("徐州"),
	W("惠州"), W("成都"), W("扬州"), W("拉萨"), W("新疆"), W("无锡"),
	W("昆明"), W("杭州"), W("武汉"), W("江苏"), W("江西"), W("沈阳"),
	W("河北"), W("河南"), W("泉州"), W("济南"), W("浙江"), W("海南"),
	W("海口"), W("深圳"), W("温州"), W("湖北"), W("湖南"), W("潍坊"),
	W("澳门"), W("烟台"), W("珠海"), W("甘肃"), W("石家庄"), W("福州"),
	W("福建"), W("绍兴"), W("苏州"), W("西宁"), W("西安"), W("西藏"),
	W("贵州"), W("贵阳"), W("辽宁"), W("郑州"), W("重庆"), W("金华"),
	W("银川"), W("长春"), W("长沙"), W("陕西"), W("青岛"), W("青海"),
	W("香港"), W("黑龙江"),
};

static int
ends_with(const struct crm_buf *b, size_t start, const struct word *suffix)
{
	size_t n = suffix->n;

	/* the last byte first: it tells most suffixes apart */
	return b->len - start > n && b->s[b->len - 1] == suffix->s[n - 1] &&
	    memcmp(b->s + b->len - n, suffix->s, n) == 0;
}

/* Fold, drop parenthesised text, and keep words apart with one space:
 * appended to out, whose words begin at start. */
static void
core_words(const char *s, struct crm_buf *out, size_t start)
{
	size_t len = strlen(s);
	int depth = 0;

	reserve(out, len);
	for (size_t i = 0; i < len;) {
		uint32_t cp;

		if (ideograph(s + i, len - i)) {
			if (depth == 0)
				put3(out, s + i);
			i += 3;
			continue;
		}
		i += (size_t)crm_utf8_decode(s + i, len - i, &cp);
		cp = crm_cp_fold(cp);
		if (cp == '(' || cp == 0x3010 || cp == '[')	/* ( 【 [ */
			depth++;
		else if ((cp == ')' || cp == 0x3011 || cp == ']') && depth > 0)
			depth--;
		else if (depth > 0 || (cp >= 0x300 && crm_cp_width(cp) == 0))
			continue;
		else if (crm_cp_is_punct_or_space(cp)) {
			if (out->len > start && out->s[out->len - 1] != ' ')
				put_cp(out, ' ');
		} else
			put_cp(out, cp);
	}
	while (out->len > start && out->s[out->len - 1] == ' ')
		out->s[--out->len] = '\0';
}

/* Strip trailing Latin suffix words ("acme co ltd" -> "acme") from the
 * words of w that begin at start. */
static void
strip_latin_suffixes(struct crm_buf *w, size_t start)
{
	for (int again = 1; again;) {
		char *sp = strrchr(w->s + start, ' ');

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

int
crm_norm_name_key(const char *name, struct crm_buf *out)
{
	size_t from = out->len;

	crm_norm_name(name, out);
	return out->len > from ? 0 : -1;
}

/* The length of the longest place s[0..len) starts with, leaving some
 * of it (0 for none): the places with its first character (every place
 * is CJK, 3 bytes a character) found by a binary search. */
static size_t
place_len(const char *s, size_t len)
{
	size_t lo = 0, hi = sizeof(places) / sizeof(*places), best = 0;

	/* every place begins with a character of 3 bytes, lead byte 0xE_ */
	if (len <= 3 || ((unsigned char)s[0] & 0xf0) != 0xe0)
		return 0;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (memcmp(places[mid].s, s, 3) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < sizeof(places) / sizeof(*places) &&
	    memcmp(places[lo].s, s, 3) == 0; lo++)
		if (places[lo].n > best && len > places[lo].n &&
		    memcmp(s, places[lo].s, places[lo].n) == 0)
			best = places[lo].n;
	return best;
}

void
crm_norm_core(const char *name, struct crm_buf *out)
{
	size_t start = out->len, best = 0, n = start;

	/* the words made in out itself, then joined where they are */
	core_words(name, out, start);
	strip_latin_suffixes(out, start);
	for (size_t i = start; i < out->len; i++)
		if (out->s[i] != ' ')
			out->s[n++] = out->s[i];
	out->len = n;
	out->s[n] = '\0';
	for (int again = 1; again;) {
		again = 0;
		for (size_t i = 0; i < sizeof(cjk_suffixes) /
		    sizeof(*cjk_suffixes); i++) {
			if (ends_with(out, start, &cjk_suffixes[i])) {
				out->len -= cjk_suffixes[i].n;
				out->s[out->len] = '\0';
				again = 1;
			}
		}
	}
	best = place_len(out->s + start, out->len - start);
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
