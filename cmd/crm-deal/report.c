/* crm-deal pipeline, funnel, score */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deal.h"
#include "crm/buf.h"
#include "crm/cli-chart.h"
#include "crm/cli-entity.h"
#include "crm/deal-report.h"
#include "crm/find.h"
#include "crm/i18n.h"
#include "crm/money.h"
#include "crm/banned.h"

const struct crm_opt pipeline_opts[] = {
	{ "by", 1, "KEY", N_("group by stage (default), owner, region, "
	    "month or kind"), "stage|owner|region|month|kind" },
	CRM_CHART_OPTS,
	{ NULL, 0, NULL, NULL, NULL }
};
const struct crm_opt funnel_opts[] = {
	{ "by", 1, "KEY", N_("one funnel per owner, region or kind"),
	    "owner|region|kind" },
	{ "as-of", 1, "DATE", N_("as things stood at the end of DATE"),
	    NULL },
	{ "summary", 0, NULL, N_("only the summary: win rate, cycle, "
	    "velocity"), NULL },
	CRM_CHART_OPTS,
	{ NULL, 0, NULL, NULL, NULL }
};
const struct crm_opt score_opts[] = {
	{ "explain", 0, NULL, N_("show each factor, its value and weight"),
	    NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

int
cmd_pipeline(struct crm_ctx *c)
{
	struct crm_session *s = crm_ctx_session(c);
	const char *by = crm_opt(c, "by");
	struct crm_rows *rows;
	long long t[3];
	char a[CRM_MONEY_LEN], w[CRM_MONEY_LEN];
	/* the amount of each stage, or of each month in time order */
	struct crm_chart_spec spec = { .kind = CRM_CHART_BARS,
		.label = "label", .value = "amount" };
	int rc;

	if (by != NULL && strcmp(by, "stage") != 0)
		spec.label = by;
	if (by != NULL && strcmp(by, "month") == 0)
		spec.kind = CRM_CHART_TREND;
	if (s == NULL || (rows = crm_deal_pipeline(s, by, t, &c->err)) ==
	    NULL)
		return crm_fail(c);
	if ((rc = crm_print_report(c, rows, &spec)) != 0)
		return rc;
	crm_money_format_grouped(t[1], a);
	crm_money_format_grouped(t[2], w);
	crm_note(c, "open deals: %lld; amount %s; weighted %s", t[0], a,
	    w);
	return 0;
}

int
cmd_funnel(struct crm_ctx *c)
{
	struct crm_session *s = crm_ctx_session(c);
	struct crm_rows *rows, *summary = NULL;
	int rc;
	/* the deals that reached each stage, one funnel per --by group */
	struct crm_chart_spec spec = { .kind = CRM_CHART_FUNNEL,
		.group = crm_opt(c, "by"), .label = "label",
		.value = "reached" };

	if (s == NULL || (rows = crm_deal_funnel(s, crm_opt(c, "by"),
	    crm_opt(c, "as-of"), &summary, &c->err)) == NULL)
		return crm_fail(c);
	if (crm_flag(c, "summary")) {
		crm_rows_close(rows);
		if (crm_flag(c, "chart") || crm_opt(c, "svg") ||
		    crm_opt(c, "xlsx")) {
			crm_rows_close(summary);
			return crm_usage(c, "--summary has no chart: leave out "
			    "--chart, --svg and --xlsx");
		}
		return crm_print_rows(c, summary, 0, NULL);
	}
	crm_chart_format(c);
	if (c->fmt != CRM_FMT_TABLE) {
		crm_rows_close(summary);
		return crm_print_report(c, rows, &spec);
	}
	if ((rc = crm_print_report(c, rows, &spec)) != 0) {
		crm_rows_close(summary);
		return rc;
	}
	crm_cli_section(c, _("summary"), summary);
	return 0;
}

struct ids {
	long long *v;
	size_t n, cap;
};

static int
add_id(struct crm_ctx *c, const char *text, const char *where, void *arg)
{
	struct ids *ids = arg;
	long long id;

	if (deal_arg(c, text, &id) < 0)
		return crm_err_prefix(&c->err, "%s", where);
	if (ids->n == ids->cap) {
		ids->cap = ids->cap ? ids->cap * 2 : 16;
		ids->v = crm_xrealloc(ids->v, ids->cap * sizeof(*ids->v));
	}
	ids->v[ids->n++] = id;
	return 0;
}

int
cmd_score(struct crm_ctx *c)
{
	struct crm_session *s = crm_ctx_session(c);
	struct ids ids = { 0 };
	struct crm_rows *rows = NULL;

	if (s == NULL || crm_ids_each(c, c->argc, c->argv, add_id, &ids) < 0) {
		free(ids.v);
		return crm_fail(c);
	}
	/* "-" with nothing on stdin is no deal, not every deal */
	if (c->argc > 0 && ids.n == 0)
		return crm_usage(c, "no deals given");
	rows = crm_deal_score(s, ids.v, ids.n, crm_flag(c, "explain"),
	    c->fmt == CRM_FMT_TABLE, &c->err);
	free(ids.v);
	return rows ? crm_print_rows(c, rows, 0, NULL) : crm_fail(c);
}
