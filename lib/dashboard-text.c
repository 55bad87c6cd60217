/* The dashboard on a terminal (crm/dashboard.h): a heading a section,
 * the figures in a line, the charts drawn by lib/chart-text.c. */
#include <stdio.h>
#include <string.h>

#include "crm/dashboard.h"
#include "crm/i18n.h"
#include "crm/text.h"
#include "crm/banned.h"

/* The width of the bar of a target: 100% fills it. */
#define TARGET_BAR 20

const char *
crm_dash_metric(const char *metric)
{
	static const char *const words[] = { NC_("metric", "revenue"),
		NC_("metric", "collected"), NC_("metric", "new_customers"),
		NC_("metric", "won_deals") };

	for (size_t i = 0; i < sizeof(words) / sizeof(*words); i++)
		if (strcmp(metric, words[i]) == 0)
			return crm_cgettext("metric", words[i]);
	return metric;
}

static void
heading(struct crm_buf *out, const char *title)
{
	crm_buf_addf(out, "\n%s\n", title);
	for (size_t i = crm_text_width(title); i > 0; i--)
		crm_buf_addc(out, '=');
	crm_buf_addc(out, '\n');
}

static void
pad_to(struct crm_buf *out, const char *s, size_t w)
{
	size_t n = crm_text_fit(out, s, w);

	while (n++ < w)
		crm_buf_addc(out, ' ');
}

static void
this_month(struct crm_buf *out, const struct crm_dashboard *d, int ascii)
{
	size_t w = 0;

	heading(out, _("This month"));
	crm_buf_addf(out, _("ordered %s (last month %s, %s), collected %s"),
	    d->ordered, d->previous, d->change, d->collected);
	crm_buf_addc(out, '\n');
	for (size_t i = 0; i < d->ntargets; i++)
		if (crm_text_width(d->targets[i].who) > w)
			w = crm_text_width(d->targets[i].who);
	w = w > 16 ? 16 : w;
	if (d->ntargets == 0)
		crm_buf_addf(out, "%s\n", _("no targets set for this month"));
	for (size_t i = 0; i < d->ntargets; i++) {
		const struct crm_dash_target *t = &d->targets[i];
		long e = crm_chart_eighths(t->pct, 100, TARGET_BAR);
		int cols;

		pad_to(out, t->who, w);
		crm_buf_addc(out, ' ');
		pad_to(out, crm_dash_metric(t->metric), 12);
		cols = crm_chart_bar(out, e, ascii);
		while (cols++ < TARGET_BAR)
			crm_buf_adds(out, ascii ? "." : "░");
		crm_buf_addf(out, _(" %s%% (%s of %s)\n"), t->pct_text,
		    t->actual, t->target);
	}
}

static void
pipeline(struct crm_buf *out, const struct crm_dashboard *d, int width,
    int ascii)
{
	heading(out, _("Pipeline by stage"));
	crm_buf_addf(out, _("open deals: %lld; amount %s; weighted %s"),
	    d->open_deals, d->open_amount, d->weighted);
	crm_buf_addc(out, '\n');
	crm_chart_text(out, &d->pipeline, width, ascii);
}

static void
collections(struct crm_buf *out, const struct crm_dashboard *d, int width,
    int ascii)
{
	heading(out, _("Collections"));
	crm_buf_addf(out, _("due within %lld days: %lld, %s"), d->due_days,
	    d->due_n, d->due_sum);
	crm_buf_addc(out, '\n');
	crm_buf_addf(out, _("overdue: %lld, %s"), d->overdue_n,
	    d->overdue_sum);
	crm_buf_addc(out, '\n');
	crm_chart_text(out, &d->overdue, width, ascii);
}

static void
reps(struct crm_buf *out, const struct crm_dashboard *d, int width,
    int ascii)
{
	heading(out, _("Top reps this month (ordered)"));
	crm_chart_text(out, &d->reps, width, ascii);
	if (*d->others) {
		crm_buf_addf(out, _("also ranked: %s"), d->others);
		crm_buf_addc(out, '\n');
	}
}

static void
funnel(struct crm_buf *out, const struct crm_dashboard *d, int width,
    int ascii)
{
	heading(out, _("Funnel"));
	crm_buf_addf(out, _("win rate %s; velocity %s a day"),
	    d->win_rate, d->velocity);
	crm_buf_addc(out, '\n');
	crm_chart_text(out, &d->funnel, width, ascii);
}

void
crm_dashboard_text(struct crm_buf *out, const struct crm_dashboard *d,
    int width, int ascii)
{
	crm_buf_addf(out, _("Dashboard %s (as of %s)\n"), d->month,
	    d->today);
	this_month(out, d, ascii);
	pipeline(out, d, width, ascii);
	collections(out, d, width, ascii);
	reps(out, d, width, ascii);
	funnel(out, d, width, ascii);
	heading(out, _("Sales, the last 12 months (ordered)"));
	crm_chart_text(out, &d->sales, width, ascii);
}
