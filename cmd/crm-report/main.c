/* crm-report: the numbers (报表) — sales, targets, the leaderboard,
 * commission, the funnel, customers, campaigns and receivables' aging. */
#include "report.h"
#include "crm/i18n.h"
#include "crm/banned.h"

int
report_print(struct crm_ctx *c, struct crm_rows *rows, const char *measure)
{
	struct crm_chart_spec spec;

	/* the first column, or a name, against the main measure */
	if (rows != NULL && report_chart_spec(rows, measure, &spec) < 0) {
		if (crm_flag(c, "chart") || crm_opt(c, "svg") ||
		    crm_opt(c, "xlsx")) {
			crm_rows_close(rows);
			return crm_usage(c, "these rows have no chart: leave "
			    "out --chart, --svg and --xlsx");
		}
		return crm_print_rows(c, rows, 0, NULL);
	}
	return crm_print_report(c, rows, &spec);
}

int
report_range_opt(struct crm_ctx *c, struct crm_range *r)
{
	if (crm_report_range(crm_opt(c, "period"), crm_opt(c, "from"),
	    crm_opt(c, "to"), r, &c->err) < 0)
		return crm_fail(c);
	return 0;
}

static const struct crm_verb verbs[] = {
	{ "sales", report_sales, NULL, N_("ordered or collected amounts per "
	    "period, owner, region, customer or product, with the previous "
	    "period (环比) and a year before (同比)"), sales_opts, 0, NULL, 0,
	    0 },
	{ "targets", report_targets, NULL, N_("targets (crm target) against "
	    "the actuals: attainment and what is left"), targets_opts, 0,
	    NULL, 0, 0 },
	{ "rank", report_rank, NULL, N_("the leaderboard (排行榜) of a metric"),
	    rank_opts, 0, NULL, 0, 0 },
	{ "commission", report_commission, NULL, N_("sales commission (提成) "
	    "per rep from the setting commission.plan"), commission_opts, 0,
	    NULL, 0, 0 },
	{ "funnel", report_funnel, NULL, N_("the deal funnel, as crm-deal "
	    "funnel"), funnel_opts, 0, NULL, 0, 0 },
	{ "leads", report_leads, NULL, N_("leads: how far they went, "
	    "why they were disqualified, conversion, days to convert"),
	    leads_opts, 0, NULL, 0, 0 },
	{ "activity", report_activity, NULL, N_("follow-ups, customers "
	    "touched, added, claimed and recycled, per person, day or kind"),
	    activity_opts, 0, NULL, 0, 0 },
	{ "customers", report_customers, NULL, N_("the customer portrait "
	    "(客户画像): counts by region, industry, tier, source or status"),
	    customers_opts, 0, NULL, 0, 0 },
	{ "campaigns", report_campaigns, NULL, N_("campaigns: cost, leads, "
	    "customers won, revenue and ROI"), campaigns_opts, 0, NULL, 0,
	    0 },
	{ "aging", report_aging, NULL, N_("receivables by days past due "
	    "(账龄), as crm-pay aging"), aging_opts, 0, NULL, 0, 0 },
	{ "statement", report_statement, "CUSTOMER", N_("a customer's "
	    "statement (对账单) for a period, as crm-pay statement; -f "
	    "text|html"), statement_opts, CRM_VERB_DOC, NULL, 1, 1 },
	{ "dashboard", report_dashboard, NULL, N_("one screen for a "
	    "manager: this month against target, the pipeline, collections, "
	    "top reps, the funnel, a year of sales; --html a web page"),
	    dashboard_opts, 0, NULL, 0, 0 },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL, 0, 0 }
};

static const struct crm_tool tool = {
	"crm-report", N_("crm-report — the numbers (报表): sales, targets, "
	"the leaderboard, commission, the funnel and aging."),
	verbs, NULL
};

int
main(int argc, char **argv)
{
	return crm_cli_main(&tool, argc, argv);
}
