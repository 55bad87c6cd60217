/* crm-forecast's options, checked once for sales and backtest. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "forecast-report.h"
#include "crm/buf.h"
#include "crm/i18n.h"
#include "crm/banned.h"

static const char *const bys[] = {
	"total", "region", "category", "product", "owner", "customer"
};
#define NBYS (sizeof(bys) / sizeof(*bys))

/* A whole number from lo to hi, or -1. */
static long
whole(const char *s, long lo, long hi)
{
	char *end;
	long v;

	if (s == NULL || *s < '0' || *s > '9')
		return -1;
	v = strtol(s, &end, 10);
	return *end == '\0' && v >= lo && v <= hi ? v : -1;
}

/* "80,95": each level above 0 and below 100, at most FC_MAXLEVELS. */
static int
levels(const char *s, struct fc_parsed *p, struct crm_err *e)
{
	const char *q = s;

	p->nl = 0;
	for (;;) {
		char *end;
		double v = strtod(q, &end);

		if (end == q || !(v > 0 && v < 100) || p->nl == FC_MAXLEVELS ||
		    (*end != ',' && *end != '\0'))
			return crm_err_set(e, CRM_EX_USAGE, "--level: '%s' is "
			    "not a list of percentages above 0 and below 100 "
			    "(80,95)", s);
		p->lv[p->nl++] = v;
		if (*end == '\0')
			return 0;
		q = end + 1;
	}
}

static int
choice(const char *opt, const char *word, const char *const *words,
    size_t n, struct crm_err *e)
{
	struct crm_buf b = { 0 };

	for (size_t i = 0; i < n; i++)
		if (strcmp(word, words[i]) == 0)
			return (int)i;
	for (size_t i = 0; i < n; i++) {
		if (i)
			crm_buf_adds(&b, C_("list", ", "));
		crm_buf_adds(&b, words[i]);
	}
	crm_err_set(e, CRM_EX_USAGE, "%s: no '%s' (use one of: %s)", opt,
	    word, b.s);
	crm_buf_free(&b);
	return -1;
}

int
fc_parse(const struct crm_forecast_opts *o, struct fc_parsed *p,
    struct crm_err *e)
{
	static const char *const units[] = { "month", "week" };
	const char *methods[CRM_FC_NMETHODS];
	long v;
	int i;

	for (i = 0; i < CRM_FC_NMETHODS; i++)
		methods[i] = crm_fc_method_name(i);
	memset(p, 0, sizeof(*p));
	if ((i = choice("--by", o->by ? o->by : "total", bys, NBYS, e)) < 0)
		return -1;
	p->by = (size_t)i;
	if ((p->week = choice("--unit", o->unit ? o->unit : "month", units,
	    2, e)) < 0)
		return -1;
	p->m = p->week ? 52 : 12;
	if ((p->method = choice("--method", o->method ? o->method : "auto",
	    methods, CRM_FC_NMETHODS, e)) < 0)
		return -1;
	if ((v = o->horizon ? whole(o->horizon, 1, 240) : p->week ? 13 :
	    12) < 0)
		return crm_err_set(e, CRM_EX_USAGE, "--horizon: '%s' is not a "
		    "number of periods from 1 to 240", o->horizon);
	p->h = (size_t)v;
	if ((v = o->origins ? whole(o->origins, 1, 120) : 6) < 0)
		return crm_err_set(e, CRM_EX_USAGE, "--origins: '%s' is not a "
		    "number from 1 to 120", o->origins);
	p->origins = (size_t)v;
	if ((v = o->history ? whole(o->history, 0, 1200) : 0) < 0)
		return crm_err_set(e, CRM_EX_USAGE, "--history: '%s' is not a "
		    "number of periods from 0 to 1200", o->history);
	p->history = (size_t)v;
	return levels(o->level ? o->level : "80,95", p, e);
}

const char *
fc_by_word(size_t by)
{
	return bys[by];
}
