/* Shared by crm-forecast's reports (lib/forecast-sales.c ...). */
#ifndef FORECAST_REPORT_H
#define FORECAST_REPORT_H

#include "crm/forecast.h"
#include "crm/forecast-sales.h"

#define FC_MAXLEVELS 8

struct fc_parsed {
	size_t by;		/* index of bys[] in lib/forecast-opts.c */
	int week, m, method;
	size_t h, origins, nl;
	size_t history;		/* sales: periods of history shown first */
	double lv[FC_MAXLEVELS];
};

int fc_parse(const struct crm_forecast_opts *o, struct fc_parsed *p,
    struct crm_err *e);
const char *fc_by_word(size_t by);

/* One series of the order history: key, first period, the amounts
 * (cents) of the periods up to the last complete one, zeros filled. */
struct fc_series {
	char *key;
	long first;
	size_t n;
	double *y;
	double min;		/* the least amount (a return is negative) */
};

struct fc_set {
	struct fc_series *v;
	size_t n;
	long last;		/* the last complete period */
};

int fc_load(struct crm_session *s, const struct fc_parsed *p,
    struct fc_set *set, struct crm_err *e);
void fc_set_free(struct fc_set *set);
/* A period's label: YYYY-MM, or the Monday of a week. */
void fc_period_label(long idx, int week, char out[16]);

#endif
