/* The verbs of crm-report, one file per group of reports. Every report
 * is printed by report_print (main.c): the one place where charts of
 * the first (label) column and the main measure will be drawn. */
#ifndef CMD_REPORT_H
#define CMD_REPORT_H

#include "crm/cli-chart.h"
#include "crm/cli.h"
#include "crm/report.h"

/* Print a report's rows; measure is the column of its main measure. */
int report_print(struct crm_ctx *c, struct crm_rows *rows,
    const char *measure);
/* The chart of rows: measure against their label (chart.c); -1 when
 * they have none. */
int report_chart_spec(struct crm_rows *rows, const char *measure,
    struct crm_chart_spec *spec);
/* The range of --period, --from and --to; 64 and c->err on bad ones. */
int report_range_opt(struct crm_ctx *c, struct crm_range *r);

#define REPORT_RANGE_OPTS \
	{ "period", 1, "PERIOD", N_("2026-11, 2026-Q4, 2026, this-month, " \
	    "last-month, this-quarter, last-year ... (default this month)"), \
	    "this-month|last-month|this-quarter|last-quarter|this-year|" \
	    "last-year|this-week|last-week" }, \
	{ "from", 1, "DATE", N_("the first day (with --to, instead of " \
	    "--period)"), NULL }, \
	{ "to", 1, "DATE", N_("the last day (default today)"), NULL }

extern const struct crm_opt sales_opts[];
int report_sales(struct crm_ctx *c);
extern const struct crm_opt targets_opts[];
int report_targets(struct crm_ctx *c);
extern const struct crm_opt rank_opts[];
int report_rank(struct crm_ctx *c);
extern const struct crm_opt commission_opts[];
int report_commission(struct crm_ctx *c);
extern const struct crm_opt funnel_opts[];
int report_funnel(struct crm_ctx *c);
extern const struct crm_opt leads_opts[];
int report_leads(struct crm_ctx *c);
extern const struct crm_opt activity_opts[];
int report_activity(struct crm_ctx *c);
extern const struct crm_opt customers_opts[];
int report_customers(struct crm_ctx *c);
extern const struct crm_opt campaigns_opts[];
int report_campaigns(struct crm_ctx *c);
extern const struct crm_opt aging_opts[];
int report_aging(struct crm_ctx *c);
extern const struct crm_opt statement_opts[];
int report_statement(struct crm_ctx *c);
extern const struct crm_opt dashboard_opts[];
int report_dashboard(struct crm_ctx *c);

#endif
