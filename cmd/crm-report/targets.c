/* crm-report targets, rank and commission: how each one did. */
#include "report.h"
#include "crm/cli-entity.h"
#include "crm/i18n.h"
#include "crm/banned.h"

const struct crm_opt targets_opts[] = {
	REPORT_RANGE_OPTS,
	{ "by", 1, "WHAT", N_("the targets of users (default) or regions"),
	    "user|region" },
	CRM_CHART_OPTS,
	{ NULL, 0, NULL, NULL, NULL }
};

int
report_targets(struct crm_ctx *c)
{
	struct crm_range r;

	if (report_range_opt(c, &r) != 0)
		return c->err.code;
	if (crm_ctx_session(c) == NULL)
		return crm_fail(c);
	return report_print(c, crm_cli_words(c, crm_report_targets(&c->s, &r,
	    crm_opt(c, "by"), &c->err), "metric", "metric"), "actual");
}

const struct crm_opt rank_opts[] = {
	REPORT_RANGE_OPTS,
	{ "metric", 1, "METRIC", N_("revenue (default), collected, "
	    "new_customers, won_deals or followups"),
	    "revenue|collected|new_customers|won_deals|followups" },
	{ "limit", 1, "N", N_("the first N only"), NULL },
	CRM_CHART_OPTS,
	{ NULL, 0, NULL, NULL, NULL }
};

int
report_rank(struct crm_ctx *c)
{
	struct crm_range r;
	long long limit;

	if (report_range_opt(c, &r) != 0)
		return c->err.code;
	if (crm_opt_num(c, "limit", 1, 1000000, 0, &limit) < 0)
		return crm_fail(c);
	if (crm_ctx_session(c) == NULL)
		return crm_fail(c);
	return report_print(c, crm_report_rank(&c->s, &r, crm_opt(c,
	    "metric"), limit, &c->err), "value");
}

const struct crm_opt commission_opts[] = {
	REPORT_RANGE_OPTS,
	{ "user", 1, "LOGIN", N_("only this rep"), "@user" },
	{ "explain", 0, NULL, N_("the arithmetic, tier by tier"), NULL },
	CRM_CHART_OPTS,
	{ NULL, 0, NULL, NULL, NULL }
};

int
report_commission(struct crm_ctx *c)
{
	struct crm_range r;

	if (report_range_opt(c, &r) != 0)
		return c->err.code;
	if (crm_ctx_session(c) == NULL)
		return crm_fail(c);
	return report_print(c, crm_report_commission(&c->s, &r, crm_opt(c,
	    "user"), crm_flag(c, "explain"), &c->err), "commission");
}
