#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "crm/money.h"
#include "crm/i18n.h"
#include "crm/banned.h"

static const char *const currency_prefixes[] = { "¥", "￥", "CNY", "RMB" };
static const char *const currency_suffixes[] = { "元", "CNY", "RMB" };

static const char *
skip_spaces(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

static const char *
skip_prefix(const char *p, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strncmp(p, list[i], strlen(list[i])) == 0)
			return skip_spaces(p + strlen(list[i]));
	return p;
}

/* The end of s with currency words and spaces cut from its tail. */
static size_t
trimmed_len(const char *s)
{
	size_t n = strlen(s);
	int again = 1;

	while (again) {
		again = 0;
		while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		for (size_t i = 0; i < sizeof(currency_suffixes) /
		    sizeof(*currency_suffixes); i++) {
			size_t k = strlen(currency_suffixes[i]);

			if (n >= k && memcmp(s + n - k, currency_suffixes[i],
			    k) == 0) {
				n -= k;
				again = 1;
				break;
			}
		}
	}
	return n;
}

static int
bad_money(struct crm_err *e, const char *s, const char *why)
{
	if (why == NULL)
		return crm_err_set(e, CRM_EX_DATAERR, "'%s' is not an amount",
		    s);
	return crm_err_set(e, CRM_EX_DATAERR, "'%s' is not an amount: %s", s,
	    crm_tr(why));
}

/* Digits with optional thousands separators, then up to two decimals. */
static int
parse_digits(const char *p, const char *end, int64_t *out, const char *s,
    struct crm_err *e)
{
	int64_t v = 0;
	int digits = 0, group = -1, decimals = -1;

	for (; p < end; p++) {
		if (isdigit((unsigned char)*p)) {
			if (decimals >= 0 && ++decimals > 2)
				return bad_money(e, s,
				    N_("more than two decimal places"));
			if (v > (INT64_MAX - (*p - '0')) / 10)
				return bad_money(e, s, N_("too large"));
			v = v * 10 + (*p - '0');
			digits++;
			if (group >= 0 && decimals < 0)
				group++;
		} else if (*p == ',' && decimals < 0 && digits > 0 &&
		    (group < 0 ? digits <= 3 : group == 3)) {
			group = 0;
		} else if (*p == '.' && decimals < 0 && digits > 0 &&
		    (group < 0 || group == 3)) {
			decimals = 0;
			group = -1;
		} else if (*p == 'e' || *p == 'E') {
			return bad_money(e, s, N_("scientific notation (format "
			    "the column as a number in the spreadsheet)"));
		} else {
			return bad_money(e, s, NULL);
		}
	}
	if (digits == 0 || (group >= 0 && group != 3))
		return bad_money(e, s, NULL);
	for (int i = decimals < 0 ? 0 : decimals; i < 2; i++) {
		if (v > INT64_MAX / 10)
			return bad_money(e, s, N_("too large"));
		v *= 10;
	}
	*out = v;
	return 0;
}

int
crm_money_parse(const char *s, int64_t *cents, struct crm_err *e)
{
	const char *p = skip_spaces(s), *end = s + trimmed_len(s);
	const size_t nprefix = sizeof(currency_prefixes) /
	    sizeof(*currency_prefixes);
	int neg = 0;

	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	p = skip_prefix(p, currency_prefixes, nprefix);
	if (!neg && (*p == '-' || *p == '+'))
		neg = *p++ == '-';
	if (p >= end)
		return bad_money(e, s, NULL);
	if (parse_digits(p, end, cents, s, e) < 0)
		return -1;
	if (neg)
		*cents = -*cents;
	return 0;
}

void
crm_money_format(int64_t cents, char out[CRM_MONEY_LEN])
{
	uint64_t u = cents < 0 ? -(uint64_t)cents : (uint64_t)cents;

	snprintf(out, CRM_MONEY_LEN, "%s%llu.%02llu", cents < 0 ? "-" : "",
	    (unsigned long long)(u / 100), (unsigned long long)(u % 100));
}

void
crm_money_format_grouped(int64_t cents, char out[CRM_MONEY_LEN])
{
	uint64_t u = cents < 0 ? -(uint64_t)cents : (uint64_t)cents;
	char digits[24], grouped[CRM_MONEY_LEN];
	int n, k = 0;

	n = snprintf(digits, sizeof(digits), "%llu",
	    (unsigned long long)(u / 100));
	for (int i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			grouped[k++] = ',';
		grouped[k++] = digits[i];
	}
	grouped[k] = '\0';
	snprintf(out, CRM_MONEY_LEN, "%s%.30s.%02llu", cents < 0 ? "-" : "",
	    grouped, (unsigned long long)(u % 100));
}
