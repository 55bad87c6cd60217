#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "crm/clock.h"
#include "crm/banned.h"

static struct crm_time clock_now;
static int clock_ready;
static int clock_set_by_env;	/* CRM_NOW, not the system clock */

static int
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
month_days(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
		30, 31 };

	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

int
crm_ymd_valid(int y, int m, int d)
{
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	    d <= month_days(y, m);
}

/* Days since 1970-01-01 of the proleptic Gregorian date, counted in
 * 400-year eras (146097 days each) with years starting in March so that
 * the leap day falls at the end of the year. */
crm_day
crm_day_from_ymd(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
crm_day_to_ymd(crm_day day, int *y, int *m, int *d)
{
	int z = day + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;

	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

crm_day
crm_day_add_months(crm_day day, int months)
{
	int y, m, d, total;

	crm_day_to_ymd(day, &y, &m, &d);
	total = y * 12 + (m - 1) + months;
	y = total / 12;
	m = total % 12 + 1;
	if (d > month_days(y, m))
		d = month_days(y, m);
	return crm_day_from_ymd(y, m, d);
}

/* Read an unsigned decimal of 1..maxlen digits; returns chars used. */
static int
read_num(const char *s, int maxlen, int *out)
{
	int n = 0, v = 0;

	while (n < maxlen && isdigit((unsigned char)s[n]))
		v = v * 10 + (s[n++] - '0');
	*out = v;
	return n;
}

/* YYYY-MM-DD and its relatives (YYYY/M/D, YYYY.M.D, YYYY年M月D日, which
 * Excel on Chinese Windows writes); returns chars used, 0 if none. */
static int
parse_calendar(const char *s, crm_day *out)
{
	int y, m, d, n, p, cjk = 0;
	char sep = 0;

	if ((p = read_num(s, 4, &y)) != 4)
		return 0;
	if (strncmp(s + p, "年", 3) == 0) {
		cjk = 1;
		p += 3;
	} else if (s[p] == '-' || s[p] == '/' || s[p] == '.') {
		sep = s[p++];
	} else {
		return 0;
	}
	if ((n = read_num(s + p, 2, &m)) == 0)
		return 0;
	p += n;
	if (cjk ? strncmp(s + p, "月", 3) != 0 : s[p] != sep)
		return 0;
	p += cjk ? 3 : 1;
	if ((n = read_num(s + p, 2, &d)) == 0)
		return 0;
	p += n;
	if (cjk && strncmp(s + p, "日", 3) == 0)
		p += 3;
	if (!crm_ymd_valid(y, m, d))
		return 0;
	*out = crm_day_from_ymd(y, m, d);
	return p;
}

static enum crm_date_order date_order = CRM_DATE_YMD;

void
crm_date_order_set(enum crm_date_order order)
{
	date_order = order;
}

/* D/M/Y or M/D/Y (also with . or -) as order says; chars used, or 0. */
static int
parse_year_last(const char *s, enum crm_date_order order, crm_day *out)
{
	int a, b, y, n, p;
	char sep;

	if (order == CRM_DATE_YMD || (p = read_num(s, 2, &a)) == 0)
		return 0;
	sep = s[p];
	if (sep != '/' && sep != '.' && sep != '-')
		return 0;
	p++;
	if ((n = read_num(s + p, 2, &b)) == 0 || s[p + n] != sep)
		return 0;
	p += n + 1;
	n = read_num(s + p, 4, &y);
	if (n == 2)
		y += y < 69 ? 2000 : 1900;
	else if (n != 4)
		return 0;
	p += n;
	if (order == CRM_DATE_MDY) {
		int t = a;

		a = b;
		b = t;
	}
	if (!crm_ymd_valid(y, b, a))
		return 0;
	*out = crm_day_from_ymd(y, b, a);
	return p;
}

/* A calendar date in any way it may be written; chars used, or 0. */
static int
parse_any_calendar(const char *s, crm_day *out)
{
	int n = parse_calendar(s, out);

	return n > 0 ? n : parse_year_last(s, date_order, out);
}

/* Why s is no date: one that reads both ways needs --date-order. */
static int
not_a_date(const char *s, struct crm_err *e)
{
	crm_day d;
	int n = parse_year_last(s, CRM_DATE_DMY, &d);

	if (date_order == CRM_DATE_YMD && n > 0 && s[n] == '\0')
		return crm_err_set(e, CRM_EX_DATAERR, "'%s' has its year last: "
		    "is it day/month/year or month/day/year? (an import "
		    "reads it with --date-order dmy or mdy)", s);
	return crm_err_set(e, CRM_EX_DATAERR,
	    "'%s' is not a date (use YYYY-MM-DD, today, +3d or -2w)", s);
}

static int
parse_relative(const char *s, crm_day *out)
{
	crm_day today = crm_today();
	int n, sign;
	char *end;
	long v;

	if (strcmp(s, "today") == 0)
		return *out = today, 1;
	if (strcmp(s, "yesterday") == 0)
		return *out = today - 1, 1;
	if (strcmp(s, "tomorrow") == 0)
		return *out = today + 1, 1;
	if (s[0] != '+' && s[0] != '-')
		return 0;
	sign = s[0] == '-' ? -1 : 1;
	if (!isdigit((unsigned char)s[1]))
		return 0;
	v = strtol(s + 1, &end, 10);
	if (v > 100000 || end[0] == '\0' || end[1] != '\0')
		return 0;
	n = (int)v * sign;
	switch (end[0]) {
	case 'd': *out = today + n; return 1;
	case 'w': *out = today + 7 * n; return 1;
	case 'm': *out = crm_day_add_months(today, n); return 1;
	case 'y': *out = crm_day_add_months(today, 12 * n); return 1;
	}
	return 0;
}

static int parse_clock(const char *s, int32_t *sec);

int
crm_date_parse(const char *s, crm_day *out, struct crm_err *e)
{
	int32_t sec;
	int n;

	if (parse_relative(s, out))
		return 0;
	n = parse_any_calendar(s, out);
	if (n > 0 && s[n] == '\0')
		return 0;
	/* a date and time where a date goes (Excel's 2010-12-01 09:45:00):
	 * the day */
	if (n > 0 && (s[n] == ' ' || s[n] == 'T') && parse_clock(s + n + 1,
	    &sec))
		return 0;
	return not_a_date(s, e);
}

static int
parse_clock(const char *s, int32_t *sec)
{
	int h, mi, se = 0, n, p = 0;

	if ((n = read_num(s, 2, &h)) == 0 || s[n] != ':')
		return 0;
	p = n + 1;
	if ((n = read_num(s + p, 2, &mi)) != 2)
		return 0;
	p += n;
	if (s[p] == ':') {
		if ((n = read_num(s + p + 1, 2, &se)) != 2)
			return 0;
		p += 1 + n;
	}
	if (s[p] != '\0' || h > 23 || mi > 59 || se > 59)
		return 0;
	*sec = h * 3600 + mi * 60 + se;
	return 1;
}

int
crm_time_parse(const char *s, struct crm_time *out, struct crm_err *e)
{
	int n;

	out->sec = 0;
	if (strcmp(s, "now") == 0) {
		crm_now(out);
		return 0;
	}
	if (parse_relative(s, &out->day))
		return 0;
	n = parse_any_calendar(s, &out->day);
	if (n > 0 && s[n] == '\0')
		return 0;
	if (n > 0 && (s[n] == 'T' || s[n] == ' ') &&
	    parse_clock(s + n + 1, &out->sec))
		return 0;
	return crm_err_set(e, CRM_EX_DATAERR,
	    "'%s' is not a time (use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS)", s);
}

/* n digits of v at p (an import formats a million dates: no printf). */
static char *
digits(char *p, unsigned v, int n)
{
	for (int i = n - 1; i >= 0; i--, v /= 10)
		p[i] = (char)('0' + v % 10);
	return p + n;
}

void
crm_date_format(crm_day day, char out[CRM_DATE_LEN])
{
	int y, m, d;
	char *p = out;

	crm_day_to_ymd(day, &y, &m, &d);
	p = digits(p, (unsigned)y % 10000u, 4);
	*p++ = '-';
	p = digits(p, (unsigned)m % 100u, 2);
	*p++ = '-';
	p = digits(p, (unsigned)d % 100u, 2);
	*p = '\0';
}

void
crm_time_format(const struct crm_time *t, char out[CRM_TIME_LEN])
{
	unsigned s = (unsigned)t->sec;
	char *p = out + CRM_DATE_LEN - 1;

	crm_date_format(t->day, out);
	*p++ = 'T';
	p = digits(p, s / 3600 % 100u, 2);
	*p++ = ':';
	p = digits(p, s / 60 % 60u, 2);
	*p++ = ':';
	p = digits(p, s % 60u, 2);
	*p = '\0';
}

static void
read_system_clock(void)
{
	struct tm tm;
	time_t t = time(NULL);

	localtime_r(&t, &tm);
	clock_now.day = crm_day_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1,
	    tm.tm_mday);
	clock_now.sec = tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
	clock_set_by_env = 0;
	clock_ready = 1;
}

int
crm_clock_init(struct crm_err *e)
{
	const char *env = getenv("CRM_NOW");

	if (env != NULL && *env != '\0') {
		char copy[64];
		int n;

		snprintf(copy, sizeof(copy), "%s", env);
		n = parse_calendar(copy, &clock_now.day);
		clock_now.sec = 0;
		if (n == 0 || strlen(copy) != strlen(env) ||
		    !(copy[n] == '\0' || ((copy[n] == 'T' || copy[n] == ' ') &&
		    parse_clock(copy + n + 1, &clock_now.sec))))
			return crm_err_set(e, CRM_EX_CONFIG,
			    "CRM_NOW='%s' is not a date or time (use "
			    "YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS)", env);
		clock_set_by_env = 1;
		clock_ready = 1;
		return 0;
	}
	/* the system's clock is read when first asked (crm_now): many
	 * commands never ask, and the time zone is a file to read */
	clock_set_by_env = 0;
	return 0;
}

int
crm_clock_overridden(void)
{
	return clock_ready && clock_set_by_env;
}

void
crm_clock_use_system(void)
{
	read_system_clock();
}

void
crm_now(struct crm_time *t)
{
	if (!clock_ready)
		crm_clock_init(NULL);
	if (!clock_ready)
		read_system_clock();
	*t = clock_now;
}

crm_day
crm_today(void)
{
	struct crm_time t;

	crm_now(&t);
	return t.day;
}

void
crm_now_text(char out[CRM_TIME_LEN])
{
	struct crm_time t;

	crm_now(&t);
	crm_time_format(&t, out);
}

void
crm_today_text(char out[CRM_DATE_LEN])
{
	crm_date_format(crm_today(), out);
}
