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
		if (crm_cp_is_punct_or_space(cp) || crm_cp_width(cp) == 0)
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
