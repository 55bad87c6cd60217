/* crm-report funnel and aging: the reports of crm-deal and crm-pay, by
 * the same library functions. */
#include <string.h>

#include "report.h"
#include "crm/cli-pay.h"
#include "crm/deal-report.h"
#include "crm/cli-entity.h"
#include "crm/i18n.h"
#include "crm/pay.h"
#include "crm/banned.h"

const struct crm_opt funnel_opts[] = {
	{ "by", 1, "WHAT", N_("a funnel per owner, region or kind"),
	    "owner|region|kind" },
	{ "as-of", 1, "DATE", N_("as the stage history stood at the end of "
	    "DATE (default today)"), NULL },
	{ "summary", 0, NULL, N_("only the summary: deals, win rate, cycle, "
	    "velocity"), NULL },
	CRM_CHART_OPTS,
	{ NULL, 0, NULL, NULL, NULL }
};

int
report_funnel(struct crm_ctx *c)
{
	struct crm_rows *rows, *summary = NULL;

	if (crm_ctx_session(c) == NULL || (rows = crm_deal_funnel(&c->s,
	    crm_opt(c, "by"), crm_opt(c, "as-of"), &summary, &c->err)) ==
	    NULL)
		return crm_fail(c);
	if (crm_flag(c, "summary")) {
		crm_rows_close(rows);
		return report_print(c, summary, "velocity");
	}
	crm_rows_close(summary);
	return report_print(c, rows, "reached");
}

const struct crm_opt aging_opts[] = {
	CRM_AGING_OPTS,
	{ NULL, 0, NULL, NULL, NULL }
};

int
report_aging(struct crm_ctx *c)
{
	if (crm_ctx_session(c) == NULL)
		return crm_fail(c);
	return report_print(c, crm_cli_words(c, crm_pay_aging(&c->s,
	    crm_opt(c, "as-of"), crm_opt(c, "by"), crm_opt(c, "basis"),
	    &c->err), "group", "row"), "outstanding");
}

const struct crm_opt customers_opts[] = {
	REPORT_RANGE_OPTS,
	{ "by", 1, "WHAT", N_("a row per region (default), industry, tier, "
	    "source or status"), "region|industry|tier|source|status" },
	CRM_CHART_OPTS,
	{ NULL, 0, NULL, NULL, NULL }
};

int
report_customers(struct crm_ctx *c)
{
	const char *by = crm_opt(c, "by");
	struct crm_rows *rows;
	struct crm_range r;

	if (report_range_opt(c, &r) != 0)
		return c->err.code;
	if (crm_ctx_session(c) == NULL)
		return crm_fail(c);
	rows = crm_report_customers(&c->s, &r, by, &c->err);
	/* by status: a table says each status in the reader's words */
	if (by && strcmp(by, "status") == 0)
		rows = crm_cli_words(c, rows, "group", "customer");
	return report_print(c, rows, "customers");
}

const struct crm_opt campaigns_opts[] = {
	REPORT_RANGE_OPTS,
	CRM_CHART_OPTS,
	{ NULL, 0, NULL, NULL, NULL }
};

int
report_campaigns(struct crm_ctx *c)
{
	struct crm_range r;

	if (report_range_opt(c, &r) != 0)
		return c->err.code;
	if (crm_ctx_session(c) == NULL)
		return crm_fail(c);
	return report_print(c, crm_report_campaigns(&c->s, &r, &c->err),
	    "revenue");
}

const struct crm_opt activity_opts[] = {
	REPORT_RANGE_OPTS,
	{ "by", 1, "WHAT", N_("a row per person (default), day or kind of "
	    "follow-up"), "owner|day|kind" },
	CRM_CHART_OPTS,
	{ NULL, 0, NULL, NULL, NULL }
};

int
report_activity(struct crm_ctx *c)
{
	struct crm_range r;

	if (report_range_opt(c, &r) != 0)
		return c->err.code;
	if (crm_ctx_session(c) == NULL)
		return crm_fail(c);
	return report_print(c, crm_report_activity(&c->s, &r, crm_opt(c,
	    "by"), &c->err), "followups");
}

const struct crm_opt leads_opts[] = {
	REPORT_RANGE_OPTS,
	{ "by", 1, "WHAT", N_("a row per source (default), campaign, owner "
	    "or region"), "source|campaign|owner|region" },
	CRM_CHART_OPTS,
	{ NULL, 0, NULL, NULL, NULL }
};

int
report_leads(struct crm_ctx *c)
{
	struct crm_range r;

	if (report_range_opt(c, &r) != 0)
		return c->err.code;
	if (crm_ctx_session(c) == NULL)
		return crm_fail(c);
	return report_print(c, crm_report_leads(&c->s, &r, crm_opt(c, "by"),
	    &c->err), "leads");
}
