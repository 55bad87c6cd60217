/* The ranges of reports: named periods (2026-11, 2026-Q4, 2026,
 * last-month ...) and --from/--to, as days. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report-impl.h"
#include "crm/banned.h"

/* The month (1-12) day falls in, as a range. */
static void
month_of(crm_day day, int add, struct crm_range *r)
{
	int y, m, d;

	crm_day_to_ymd(day, &y, &m, &d);
	r->from = crm_day_add_months(crm_day_from_ymd(y, m, 1), add);
	r->to = crm_day_add_months(r->from, 1) - 1;
	r->unit = CRM_PU_MONTH;
}

static void
quarter_of(crm_day day, int add, struct crm_range *r)
{
	int y, m, d;

	crm_day_to_ymd(day, &y, &m, &d);
	r->from = crm_day_add_months(crm_day_from_ymd(y, m - (m - 1) % 3, 1),
	    3 * add);
	r->to = crm_day_add_months(r->from, 3) - 1;
	r->unit = CRM_PU_QUARTER;
}

static void
year_of(int y, struct crm_range *r)
{
	r->from = crm_day_from_ymd(y, 1, 1);
	r->to = crm_day_from_ymd(y + 1, 1, 1) - 1;
	r->unit = CRM_PU_YEAR;
}

/* Weeks start on Monday (1970-01-01, day 0, was a Thursday). */
crm_day
report_week_start(crm_day day)
{
	return day - (crm_day)(((day % 7) + 7 + 3) % 7);
}

static int
relative(const char *t, struct crm_range *r)
{
	crm_day today = crm_today();
	int y, m, d;

	crm_day_to_ymd(today, &y, &m, &d);
	if (strcmp(t, "this-month") == 0 || strcmp(t, "last-month") == 0)
		month_of(today, t[0] == 'l' ? -1 : 0, r);
	else if (strcmp(t, "this-quarter") == 0 ||
	    strcmp(t, "last-quarter") == 0)
		quarter_of(today, t[0] == 'l' ? -1 : 0, r);
	else if (strcmp(t, "this-year") == 0 || strcmp(t, "last-year") == 0)
		year_of(t[0] == 'l' ? y - 1 : y, r);
	else if (strcmp(t, "this-week") == 0 || strcmp(t, "last-week") == 0) {
		r->from = report_week_start(today) - (t[0] == 'l' ? 7 : 0);
		r->to = r->from + 6;
		r->unit = CRM_PU_WEEK;
	} else if (strcmp(t, "today") == 0 || strcmp(t, "yesterday") == 0) {
		r->from = r->to = today - (t[0] == 'y');
		r->unit = CRM_PU_DAY;
	} else
		return 0;
	return 1;
}

/* Digits only, exactly n of them, as a number; -1 otherwise. */
static int
digits(const char *s, size_t n)
{
	int v = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int
crm_period_parse(const char *text, const char *what, struct crm_range *r,
    struct crm_err *e)
{
	size_t len = text ? strlen(text) : 0;
	int y = len >= 4 ? digits(text, 4) : -1, m;

	if (len > 0 && relative(text, r))
		return 0;
	if (y >= 1 && len == 4) {
		year_of(y, r);
		return 0;
	}
	if (y >= 1 && len == 7 && text[4] == '-' &&
	    (text[5] == 'Q' || text[5] == 'q') &&
	    text[6] >= '1' && text[6] <= '4') {
		quarter_of(crm_day_from_ymd(y, 3 * (text[6] - '0'), 1), 0, r);
		return 0;
	}
	if (y >= 1 && len == 7 && text[4] == '-' &&
	    (m = digits(text + 5, 2)) >= 1 && m <= 12) {
		month_of(crm_day_from_ymd(y, m, 1), 0, r);
		return 0;
	}
	if (y >= 1 && len == 10 && text[4] == '-' && text[7] == '-' &&
	    crm_ymd_valid(y, digits(text + 5, 2), digits(text + 8, 2))) {
		r->from = r->to = crm_day_from_ymd(y, digits(text + 5, 2),
		    digits(text + 8, 2));
		r->unit = CRM_PU_DAY;
		return 0;
	}
	crm_err_set(e, CRM_EX_USAGE, "'%s' is not a period "
	    "(2026-11, 2026-Q4, 2026, 2026-11-05, this-month, last-month, "
	    "this-quarter, last-quarter, this-year, last-year, this-week, "
	    "last-week, today, yesterday)", text ? text : "");
	return what ? crm_err_prefix(e, "%s", what) : -1;
}

static int
date_opt(const char *text, const char *what, crm_day *d, struct crm_err *e)
{
	if (crm_date_parse(text, d, e) == 0)
		return 0;
	e->code = CRM_EX_USAGE;
	crm_err_prefix(e, "%s", what);
	return -1;
}

int
crm_report_range(const char *period, const char *from, const char *to,
    struct crm_range *r, struct crm_err *e)
{
	if (period && (from || to))
		return crm_err_set(e, CRM_EX_USAGE, "--period goes without "
		    "--from and --to");
	if (period)
		return crm_period_parse(period, "--period", r, e);
	if (!from && !to) {
		month_of(crm_today(), 0, r);
		return 0;
	}
	r->unit = CRM_PU_DAY;
	r->to = crm_today();
	if (to && date_opt(to, "--to", &r->to, e) < 0)
		return -1;
	if (from == NULL) {
		struct crm_range m;

		month_of(r->to, 0, &m);
		r->from = m.from;
	} else if (date_opt(from, "--from", &r->from, e) < 0)
		return -1;
	if (r->from > r->to)
		return crm_err_set(e, CRM_EX_USAGE, "--from is after --to");
	return 0;
}

/* The label of the bucket of unit that day falls in: 2026-11, 2026-Q4,
 * 2026, the Monday of a week, or the day. */
void
report_bucket(enum crm_unit u, crm_day day, char out[REPORT_KEY_LEN])
{
	int y, m, d;

	if (u == CRM_PU_WEEK)
		day = report_week_start(day);
	crm_day_to_ymd(day, &y, &m, &d);
	switch (u) {
	case CRM_PU_MONTH:
		snprintf(out, REPORT_KEY_LEN, "%04d-%02d", y, m);
		break;
	case CRM_PU_QUARTER:
		snprintf(out, REPORT_KEY_LEN, "%04d-Q%d", y, (m + 2) / 3);
		break;
	case CRM_PU_YEAR:
		snprintf(out, REPORT_KEY_LEN, "%04d", y);
		break;
	default:
		crm_date_format(day, out);
	}
}

/* The first day of the bucket day is in. */
crm_day
report_start(enum crm_unit u, crm_day day)
{
	struct crm_range r;

	switch (u) {
	case CRM_PU_WEEK:
		return report_week_start(day);
	case CRM_PU_MONTH:
		month_of(day, 0, &r);
		return r.from;
	case CRM_PU_QUARTER:
		quarter_of(day, 0, &r);
		return r.from;
	case CRM_PU_YEAR: {
		int y, m, d;

		crm_day_to_ymd(day, &y, &m, &d);
		return crm_day_from_ymd(y, 1, 1);
	}
	default:
		return day;
	}
}

/* The first day of the bucket after the one day is in. */
crm_day
report_next(enum crm_unit u, crm_day day)
{
	int y, m, d;

	crm_day_to_ymd(day, &y, &m, &d);
	switch (u) {
	case CRM_PU_WEEK:
		return report_week_start(day) + 7;
	case CRM_PU_MONTH:
		return crm_day_add_months(crm_day_from_ymd(y, m, 1), 1);
	case CRM_PU_QUARTER:
		return crm_day_add_months(crm_day_from_ymd(y, m - (m - 1) % 3,
		    1), 3);
	case CRM_PU_YEAR:
		return crm_day_from_ymd(y + 1, 1, 1);
	default:
		return day + 1;
	}
}

/* The day the same as day one period of unit before (环比) or a year
 * before (同比: yoy). */
crm_day
report_back(enum crm_unit u, crm_day day, int yoy)
{
	if (yoy)
		return u == CRM_PU_WEEK ? day - 364 :
		    crm_day_add_months(day, -12);
	switch (u) {
	case CRM_PU_WEEK:
		return day - 7;
	case CRM_PU_MONTH:
		return crm_day_add_months(day, -1);
	case CRM_PU_QUARTER:
		return crm_day_add_months(day, -3);
	case CRM_PU_YEAR:
		return crm_day_add_months(day, -12);
	default:
		return day - 1;
	}
}

/* The range before r of the same length (whole months when r is whole
 * months), or the same range a year before. */
void
report_range_back(const struct crm_range *r, int yoy, struct crm_range *out)
{
	int y, m, d, y2, m2, d2;

	*out = *r;
	crm_day_to_ymd(r->from, &y, &m, &d);
	crm_day_to_ymd(r->to + 1, &y2, &m2, &d2);
	if (yoy) {
		out->from = crm_day_add_months(r->from, -12);
		out->to = crm_day_add_months(r->to + 1, -12) - 1;
	} else if (d == 1 && d2 == 1) {
		int months = (y2 - y) * 12 + (m2 - m);

		out->from = crm_day_add_months(r->from, -months);
		out->to = r->from - 1;
	} else {
		out->from = r->from - (r->to - r->from + 1);
		out->to = r->from - 1;
	}
}

/* 2026-11 for a named period, 2026-11-01~2026-11-24 for days. */
void
report_range_label(const struct crm_range *r, char out[2 * REPORT_KEY_LEN])
{
	char a[CRM_DATE_LEN], b[CRM_DATE_LEN];

	if (r->unit != CRM_PU_DAY && r->unit != CRM_PU_WEEK) {
		report_bucket(r->unit, r->from, out);
		return;
	}
	crm_date_format(r->from, a);
	crm_date_format(r->to, b);
	if (r->from == r->to)
		snprintf(out, 2 * REPORT_KEY_LEN, "%s", a);
	else
		snprintf(out, 2 * REPORT_KEY_LEN, "%s~%s", a, b);
}
