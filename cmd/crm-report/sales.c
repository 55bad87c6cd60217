/* crm-report sales [--metric M] [--by DIM]... [--period P | --from --to] */
#include "report.h"
#include "crm/i18n.h"
#include "crm/banned.h"

const struct crm_opt sales_opts[] = {
	REPORT_RANGE_OPTS,
	{ "by", 1, "DIM", N_("a row per day, week, month, quarter, year, "
	    "owner, region, customer or product; twice for both (one time "
	    "unit at most)"), "day|week|month|quarter|year|owner|region|"
	    "customer|product" },
	{ "metric", 1, "METRIC", N_("ordered (default: orders not "
	    "cancelled, by order date) or collected (receipts, by date)"),
	    "ordered|collected" },
	CRM_CHART_OPTS,
	{ NULL, 0, NULL, NULL, NULL }
};

int
report_sales(struct crm_ctx *c)
{
	struct crm_sales_opts o;

	if (report_range_opt(c, &o.range) != 0)
		return c->err.code;
	o.metric = crm_opt(c, "metric");
	o.by = crm_opt_all(c, "by", &o.nby);
	if (crm_ctx_session(c) == NULL)
		return crm_fail(c);
	return report_print(c, crm_report_sales(&c->s, &o, &c->err),
	    "amount");
}
