/* The dashboard's figures (crm/dashboard.h), each from the report that
 * makes it — sales, targets, rank (lib/report*.c), the pipeline and the
 * funnel (lib/deal-*.c), what is due (lib/pay-due.c) — never a query of
 * its own, so that it shows what they show to the same user. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report-impl.h"
#include "crm/column-names.h"
#include "crm/dashboard.h"
#include "crm/deal-report.h"
#include "crm/pay.h"
#include "crm/setting.h"
#include "crm/banned.h"

#define OVERDUE_SHOWN 5		/* the oldest overdue instalments shown */
#define REPS_SHOWN 5

/* A row's values by column name. */
struct cursor {
	struct crm_rows *rows;
	const struct crm_col *cols;
	size_t n;
	const struct crm_val *v;
};

static const char *
val(const struct cursor *k, const char *name)
{
	for (size_t i = 0; i < k->n; i++)
		if (strcmp(k->cols[i].name, name) == 0)
			return k->v[i].type == CRM_V_TEXT ? k->v[i].s : NULL;
	return NULL;
}

static char *
dup_val(const struct cursor *k, const char *name)
{
	const char *s = val(k, name);

	return crm_xstrdup(s ? s : "");
}

static void
cursor_open(struct cursor *k, struct crm_rows *rows)
{
	k->rows = rows;
	k->cols = crm_rows_cols(rows, &k->n);
	k->v = NULL;
}

/* Money text "1234.50" as the table shows it grouped, and its cents. */
static long long
grouped(const char *s, char out[CRM_MONEY_LEN])
{
	struct crm_err ignore = { 0 };
	int64_t cents = 0;

	if (s == NULL || crm_money_parse(s, &cents, &ignore) < 0)
		cents = 0;
	crm_money_format_grouped(cents, out);
	return cents;
}

/* This month's ordered and collected amounts: the sales report of the
 * month without --by, one row. */
static int
month_sales(struct crm_session *s, const struct crm_range *r,
    const char *metric, struct crm_dashboard *d, struct crm_err *e)
{
	struct crm_sales_opts o = { metric, NULL, 0, *r };
	struct crm_rows *rows = crm_report_sales(s, &o, e);
	struct cursor k;
	int rc;

	if (rows == NULL)
		return -1;
	cursor_open(&k, rows);
	while ((rc = crm_rows_next(rows, &k.v, e)) == 1) {
		if (strcmp(metric, "collected") == 0) {
			grouped(val(&k, "amount"), d->collected);
			continue;
		}
		grouped(val(&k, "amount"), d->ordered);
		grouped(val(&k, "previous"), d->previous);
		free(d->change);
		d->change = dup_val(&k, "change_previous_pct");
	}
	crm_rows_close(rows);
	return rc;
}

static void
target_text(const char *metric, const char *s, char **out)
{
	char m[CRM_MONEY_LEN];

	/* counts are counts; amounts are grouped as everywhere */
	if (strcmp(metric, "revenue") == 0 ||
	    strcmp(metric, "collected") == 0) {
		grouped(s, m);
		*out = crm_xstrdup(m);
	} else {
		*out = crm_xstrdup(s ? s : "0");
	}
}

static int
targets(struct crm_session *s, const struct crm_range *r,
    struct crm_dashboard *d, struct crm_err *e)
{
	struct crm_rows *rows = crm_report_targets(s, r, NULL, e);
	struct cursor k;
	int rc;

	if (rows == NULL)
		return -1;
	cursor_open(&k, rows);
	while ((rc = crm_rows_next(rows, &k.v, e)) == 1) {
		struct crm_dash_target *t;
		const char *metric = val(&k, "metric"),
		    *name = val(&k, "name");

		d->targets = crm_xrealloc(d->targets, (d->ntargets + 1) *
		    sizeof(*d->targets));
		t = &d->targets[d->ntargets++];
		t->who = crm_xstrdup(name ? name : val(&k, "user"));
		t->metric = crm_xstrdup(metric);
		target_text(metric, val(&k, "target"), &t->target);
		target_text(metric, val(&k, "actual"), &t->actual);
		t->pct_text = dup_val(&k, "attainment_pct");
		t->pct = strtod(t->pct_text, NULL);
	}
	crm_rows_close(rows);
	return rc;
}

static int
chart(struct crm_chart *ch, struct crm_rows *rows,
    const struct crm_chart_spec *spec, struct crm_err *e)
{
	int rc;

	if (rows == NULL)
		return -1;
	rc = crm_chart_load(ch, rows, spec, e);
	/* its title was the rows' column name, closed with them */
	ch->title = crm_column_word(spec->value);
	crm_rows_close(rows);
	return rc;
}

static int
pipeline(struct crm_session *s, struct crm_dashboard *d,
    struct crm_err *e)
{
	static const struct crm_chart_spec spec = { .kind = CRM_CHART_BARS,
		.label = "label", .value = "amount" };
	long long t[3] = { 0, 0, 0 };

	if (chart(&d->pipeline, crm_deal_pipeline(s, NULL, t, e), &spec,
	    e) < 0)
		return -1;
	d->open_deals = t[0];
	crm_money_format_grouped(t[1], d->open_amount);
	crm_money_format_grouped(t[2], d->weighted);
	return 0;
}

static long long
sum_cents(const struct crm_chart *ch)
{
	long long sum = 0;

	for (size_t i = 0; i < ch->n; i++)
		sum += llround(ch->p[i].v * 100);
	return sum;
}

/* What is due within the days of remind.payment_days, and what is past
 * due: how many instalments and how much; the oldest overdue ones, by
 * due date then customer (a long name is cut, the date stays). */
static int
collections(struct crm_session *s, struct crm_dashboard *d,
    struct crm_err *e)
{
	static const struct crm_chart_spec spec = { .kind = CRM_CHART_BARS,
		.group = "due_date", .label = "customer",
		.value = "outstanding" };

	if (crm_setting_int(s, "remind.payment_days", &d->due_days, e) < 0 ||
	    chart(&d->overdue, crm_pay_due(s, d->due_days, e), &spec, e) < 0)
		return -1;
	d->due_n = (long long)d->overdue.n;
	crm_money_format_grouped(sum_cents(&d->overdue), d->due_sum);
	crm_chart_free(&d->overdue);
	if (chart(&d->overdue, crm_pay_due(s, CRM_DUE_OVERDUE, e), &spec,
	    e) < 0)
		return -1;
	d->overdue_n = (long long)d->overdue.n;
	crm_money_format_grouped(sum_cents(&d->overdue), d->overdue_sum);
	while (d->overdue.n > OVERDUE_SHOWN) {
		d->overdue.n--;
		free(d->overdue.p[d->overdue.n].label);
		free(d->overdue.p[d->overdue.n].text);
	}
	return 0;
}

static void
add_point(struct crm_chart *ch, char *label, const char *text, double v)
{
	struct crm_chart_point *p;

	ch->p = crm_xrealloc(ch->p, (ch->n + 1) * sizeof(*ch->p));
	p = &ch->p[ch->n++];
	memset(p, 0, sizeof(*p));
	p->label = label;
	p->text = crm_xstrdup(text);
	p->v = p->lo = p->hi = v;
}

/* The leaderboard of revenue: a bar a place the user sees the figure
 * of, the others (a rep's peers) by place and name only. */
static int
reps(struct crm_session *s, const struct crm_range *r,
    struct crm_dashboard *d, struct crm_err *e)
{
	struct crm_rows *rows = crm_report_rank(s, r, "revenue", REPS_SHOWN,
	    e);
	struct crm_buf others = { 0 };
	struct cursor k;
	int rc;

	d->reps.kind = CRM_CHART_BARS;
	d->reps.money = 1;
	d->reps.title = crm_cgettext("column", "value");
	if (rows == NULL)
		return -1;
	cursor_open(&k, rows);
	while ((rc = crm_rows_next(rows, &k.v, e)) == 1) {
		const char *v = val(&k, "value");
		struct crm_buf label = { 0 };
		char m[CRM_MONEY_LEN];
		long long cents;

		crm_buf_addf(&label, "%s %s", val(&k, "rank"),
		    val(&k, "name") ? val(&k, "name") : val(&k, "user"));
		if (v == NULL) {
			crm_buf_addf(&others, "%s%s", others.len ? ", " : "",
			    crm_buf_str(&label));
			crm_buf_free(&label);
			continue;
		}
		cents = grouped(v, m);
		add_point(&d->reps, crm_buf_detach(&label), m,
		    (double)cents / 100.0);
	}
	crm_rows_close(rows);
	d->others = others.len ? crm_buf_detach(&others) : crm_xstrdup("");
	return rc;
}

static int
funnel(struct crm_session *s, struct crm_dashboard *d, struct crm_err *e)
{
	static const struct crm_chart_spec spec = { .kind = CRM_CHART_FUNNEL,
		.label = "label", .value = "reached" };
	struct crm_rows *summary = NULL;
	struct cursor k;
	char m[CRM_MONEY_LEN];
	int rc;

	if (chart(&d->funnel, crm_deal_funnel(s, NULL, NULL, &summary, e),
	    &spec, e) < 0) {
		if (summary != NULL)
			crm_rows_close(summary);
		return -1;
	}
	cursor_open(&k, summary);
	while ((rc = crm_rows_next(summary, &k.v, e)) == 1) {
		free(d->win_rate);
		free(d->velocity);
		d->win_rate = dup_val(&k, "win_rate_pct");
		grouped(val(&k, "velocity"), m);
		d->velocity = crm_xstrdup(m);
	}
	crm_rows_close(summary);
	return rc;
}

/* Ordered per month, this one and the eleven before it. */
static int
sales(struct crm_session *s, const struct crm_range *month,
    struct crm_dashboard *d, struct crm_err *e)
{
	static const struct crm_chart_spec spec = { .kind = CRM_CHART_TREND,
		.label = "month", .value = "amount" };
	static const char *const by[] = { "month" };
	struct crm_sales_opts o = { "ordered", by, 1, *month };

	o.range.from = crm_day_add_months(month->from, -11);
	return chart(&d->sales, crm_report_sales(s, &o, e), &spec, e);
}

/* A percentage as shown: "50.0%", or "-" for none. */
static void
pct_text(char **pct)
{
	struct crm_buf b = { 0 };

	if (*pct == NULL || **pct == '\0')
		crm_buf_adds(&b, "-");
	else
		crm_buf_addf(&b, "%s%%", *pct);
	free(*pct);
	*pct = crm_buf_detach(&b);
}

/* The change against last month as shown: "+12.5%", "-3.0%", or "-"
 * when last month had nothing. */
static void
change_text(struct crm_dashboard *d)
{
	struct crm_buf b = { 0 };

	if (d->change == NULL || *d->change == '\0')
		crm_buf_adds(&b, "-");
	else
		crm_buf_addf(&b, "%s%s%%", *d->change == '-' ? "" : "+",
		    d->change);
	free(d->change);
	d->change = crm_buf_detach(&b);
}

int
crm_dashboard_load(struct crm_session *s, struct crm_dashboard *d,
    struct crm_err *e)
{
	struct crm_range r;

	memset(d, 0, sizeof(*d));
	crm_today_text(d->today);
	snprintf(d->month, sizeof(d->month), "%.7s", d->today);
	if (crm_period_parse("this-month", "period", &r, e) < 0 ||
	    month_sales(s, &r, "ordered", d, e) < 0 ||
	    month_sales(s, &r, "collected", d, e) < 0 ||
	    targets(s, &r, d, e) < 0 || pipeline(s, d, e) < 0 ||
	    collections(s, d, e) < 0 || reps(s, &r, d, e) < 0 ||
	    funnel(s, d, e) < 0 || sales(s, &r, d, e) < 0)
		return -1;
	change_text(d);
	pct_text(&d->win_rate);
	if (d->velocity == NULL)
		d->velocity = crm_xstrdup("0.00");
	return 0;
}

void
crm_dashboard_free(struct crm_dashboard *d)
{
	for (size_t i = 0; i < d->ntargets; i++) {
		free(d->targets[i].who);
		free(d->targets[i].metric);
		free(d->targets[i].target);
		free(d->targets[i].actual);
		free(d->targets[i].pct_text);
	}
	free(d->targets);
	crm_chart_free(&d->reps);
	free(d->others);
	crm_chart_free(&d->pipeline);
	crm_chart_free(&d->overdue);
	crm_chart_free(&d->funnel);
	crm_chart_free(&d->sales);
	free(d->change);
	free(d->win_rate);
	free(d->velocity);
	memset(d, 0, sizeof(*d));
}
