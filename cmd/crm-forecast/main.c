/* crm-forecast: forecasts of sales from the order history with their
 * backtests, and the pipeline's expected revenue (销售预测). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm/cli.h"
#include "crm/cli-chart.h"
#include "crm/forecast-sales.h"
#include "crm/cli-entity.h"
#include "crm/i18n.h"
#include "crm/banned.h"

#define SERIES_OPTS \
	{ "by", 1, "KEY", N_("one series per region, category, product, " \
	    "owner or customer (default: the total)"), \
	    "total|region|category|product|owner|customer" }, \
	{ "unit", 1, "UNIT", N_("months (default) or weeks, Monday to " \
	    "Sunday"), "month|week" }, \
	{ "horizon", 1, "N", N_("periods ahead (default 12 months, 13 " \
	    "weeks)"), NULL }, \
	{ "method", 1, "METHOD", N_("the forecasting method (default auto: " \
	    "per series the one of least backtest error)"), \
	    "auto|naive|snaive|ses|ets|theta|combo|croston" }, \
	{ "level", 1, "L,L", N_("the prediction intervals' levels in " \
	    "percent (default 80,95)"), NULL }

static const struct crm_opt sales_opts[] = {
	SERIES_OPTS,
	{ "history", 1, "N", N_("the last N periods of history first, as "
	    "rows of method history (default 0; 24 months or 52 weeks with "
	    "a chart)"), NULL },
	CRM_CHART_OPTS,
	{ NULL, 0, NULL, NULL, NULL }
};
static const struct crm_opt backtest_opts[] = {
	SERIES_OPTS,
	{ "origins", 1, "K", N_("forecast from each of the last K periods "
	    "(default 6)"), NULL },
	{ NULL, 0, NULL, NULL, NULL }
};
static const struct crm_opt targets_opts[] = {
	{ "period", 1, "PERIOD", N_("2026-11, 2026-Q4, 2026, this-month, "
	    "this-quarter ... (default this month)"),
	    "this-month|last-month|this-quarter|last-quarter|this-year|"
	    "last-year" },
	CRM_CHART_OPTS,
	{ NULL, 0, NULL, NULL, NULL }
};
static const struct crm_opt pipeline_opts[] = {
	{ "months", 1, "N", N_("this month and the next N - 1 (default 3)"),
	    NULL },
	{ "by", 1, "KEY", N_("rows per owner, region or stage"),
	    "owner|region|stage" },
	{ "scope", 1, "SCOPE", N_("standard deals, project deals or all "
	    "(default)"), "standard|project|all" },
	{ NULL, 0, NULL, NULL, NULL }
};

/* The series with too short a history: the first few by name, then
 * how many more (a forecast by product can have hundreds). */
struct shorts {
	struct crm_ctx *c;
	size_t n;
};
#define SHORTS_NAMED 3

static void
short_history(void *arg, const char *series, size_t n, const char *method)
{
	struct shorts *sh = arg;

	if (sh->n++ < SHORTS_NAMED)
		crm_note(sh->c, "%s: %zu periods of history, fewer than two "
		    "seasons or too few for the method: %s used", series, n,
		    method);
}

static void
shorts_end(const struct shorts *sh)
{
	if (sh->n > SHORTS_NAMED)
		crm_note(sh->c, "and %zu more series with too short a history "
		    "(see the column method)", sh->n - SHORTS_NAMED);
}

static void
read_opts(struct crm_ctx *c, struct crm_forecast_opts *o, struct shorts *sh)
{
	o->by = crm_opt(c, "by");
	o->unit = crm_opt(c, "unit");
	o->horizon = crm_opt(c, "horizon");
	o->method = crm_opt(c, "method");
	o->level = crm_opt(c, "level");
	o->short_history = short_history;
	o->arg = sh;
	sh->c = c;
	sh->n = 0;
}

/* Whether a chart or a chart file was asked for. */
static int
charted(struct crm_ctx *c)
{
	return crm_flag(c, "chart") || crm_opt(c, "svg") || crm_opt(c, "xlsx");
}

/* --history, or two seasons of it for a chart: the line the forecast
 * goes on from. */
static const char *
history_opt(struct crm_ctx *c)
{
	const char *unit = crm_opt(c, "unit");

	if (crm_opt(c, "history") || !charted(c))
		return crm_opt(c, "history");
	return unit && unit[0] == 'w' ? "52" : "24";
}

/* The forecast drawn as a band: the history's line, then the point
 * forecast within the first level's interval (lo_80, hi_80). */
static int
print_sales(struct crm_ctx *c, struct crm_rows *rows)
{
	static char lo[16], hi[16];
	const char *level = crm_opt(c, "level");
	double first = level ? strtod(level, NULL) : 80;
	struct crm_chart_spec spec = { .kind = CRM_CHART_BAND,
		.label = "period", .value = "forecast", .lower = lo,
		.upper = hi };

	snprintf(lo, sizeof(lo), "lo_%g", first);
	snprintf(hi, sizeof(hi), "hi_%g", first);
	if (crm_opt(c, "by"))
		spec.group = crm_opt(c, "by");
	if (spec.group && strcmp(spec.group, "total") == 0)
		spec.group = NULL;
	return crm_print_report(c, rows, &spec);
}

/* sales or backtest, and the note of the short histories */
static int
series_verb(struct crm_ctx *c, struct crm_rows *(*fn)(struct crm_session *,
    const struct crm_forecast_opts *, struct crm_err *))
{
	struct crm_session *s = crm_ctx_session(c);
	struct crm_forecast_opts o = { 0 };
	struct crm_rows *rows;
	struct shorts sh;

	if (s == NULL)
		return crm_fail(c);
	read_opts(c, &o, &sh);
	if (c->verb->opts == backtest_opts)
		o.origins = crm_opt(c, "origins");
	else
		o.history = history_opt(c);
	rows = fn(s, &o, &c->err);
	shorts_end(&sh);
	/* in a table the total and the mean in the reader's words */
	rows = crm_cli_words(c, rows, o.by && strcmp(o.by, "total") ?
	    o.by : "series", "row");
	if (c->verb->opts == backtest_opts)
		return crm_print_rows(c, crm_cli_words(c, rows, "auto",
		    "value"), 0, NULL);
	return print_sales(c, rows);
}

static int
cmd_sales(struct crm_ctx *c)
{
	return series_verb(c, crm_forecast_sales);
}

static int
cmd_backtest(struct crm_ctx *c)
{
	return series_verb(c, crm_forecast_backtest);
}

static int
cmd_pipeline(struct crm_ctx *c)
{
	struct crm_session *s = crm_ctx_session(c);

	if (s == NULL)
		return crm_fail(c);
	return crm_print_rows(c, crm_forecast_pipeline(s, crm_opt(c,
	    "months"), crm_opt(c, "by"), crm_opt(c, "scope"), &c->err), 0,
	    NULL);
}

static int
cmd_targets(struct crm_ctx *c)
{
	struct crm_session *s = crm_ctx_session(c);
	static const struct crm_chart_spec spec = { .kind = CRM_CHART_BARS,
		.label = "user", .value = "forecast" };

	if (s == NULL)
		return crm_fail(c);
	return crm_print_report(c, crm_forecast_targets(s, crm_opt(c,
	    "period"), &c->err), &spec);
}

static const struct crm_verb verbs[] = {
	{ "sales", cmd_sales, NULL, N_("forecast sales per period from the "
	    "orders, with prediction intervals"), sales_opts, 0, NULL, 0, 0 },
	{ "backtest", cmd_backtest, NULL, N_("how well each method would "
	    "have forecast the history: MASE and sMAPE, and auto's pick"),
	    backtest_opts, 0, NULL, 0, 0 },
	{ "pipeline", cmd_pipeline, NULL, N_("expected revenue by close "
	    "month: won, commit, best case, pipeline"), pipeline_opts, 0,
	    NULL, 0, 0 },
	{ "targets", cmd_targets, NULL, N_("will we make it: per person the "
	    "period's target, ordered so far, the open deals expected in it, "
	    "the forecast to its end and the shortfall"), targets_opts, 0,
	    NULL, 0, 0 },
	{ NULL, NULL, NULL, NULL, NULL, 0, NULL, 0, 0 }
};

static const struct crm_tool tool = {
	"crm-forecast", N_("crm-forecast — forecasts of sales and of the "
	"pipeline (销售预测), measured by backtests."), verbs, NULL
};

int
main(int argc, char **argv)
{
	return crm_cli_main(&tool, argc, argv);
}
