/* Charts for a terminal (crm/chart.h): bars, a funnel, a band and a
 * sparkline, labels padded by display width so that Chinese names line
 * up. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm/chart.h"
#include "crm/i18n.h"
#include "crm/money.h"
#include "crm/text.h"
#include "crm/banned.h"

/* The narrowest bar area: below it the labels are cut instead. */
#define MIN_BAR 10

static void
pad(struct crm_buf *b, size_t n)
{
	while (n-- > 0)
		crm_buf_addc(b, ' ');
}

/* A number of the chart as the table would show it. */
static void
number_text(const struct crm_chart *ch, double v, struct crm_buf *b)
{
	if (ch->money) {
		char m[CRM_MONEY_LEN];

		crm_money_format_grouped((int64_t)llround(v * 100), m);
		crm_buf_adds(b, m);
	} else {
		crm_buf_addf(b, "%.15g", v);
	}
}

/* What follows a point's bar: its value, and a band's interval. */
static char *
value_text(const struct crm_chart *ch, const struct crm_chart_point *p)
{
	struct crm_buf b = { 0 };

	crm_buf_adds(&b, p->text);
	if (ch->kind == CRM_CHART_BAND && p->band) {
		crm_buf_adds(&b, " [");
		number_text(ch, p->lo, &b);
		crm_buf_adds(&b, ", ");
		number_text(ch, p->hi, &b);
		crm_buf_addc(&b, ']');
	}
	return crm_buf_detach(&b);
}

struct layout {
	size_t labelw, valw;
	int barw;
	double max;
};

static void
measure(const struct crm_chart *ch, int width, struct layout *l)
{
	size_t lw = 0, vw = 0, cap;

	l->max = 0;
	for (size_t i = 0; i < ch->n; i++) {
		char *v = value_text(ch, &ch->p[i]);
		double top = ch->kind == CRM_CHART_BAND ? ch->p[i].hi :
		    ch->p[i].v;

		if (crm_text_width(ch->p[i].label) > lw)
			lw = crm_text_width(ch->p[i].label);
		if (crm_text_width(v) > vw)
			vw = crm_text_width(v);
		if (top > l->max)
			l->max = top;
		free(v);
	}
	cap = width > 3 * 6 ? (size_t)width / 3 : 6;
	l->labelw = lw < cap ? lw : cap;
	l->valw = vw;
	l->barw = width - (int)(l->labelw + vw) - 2;
	if (l->barw < MIN_BAR)
		l->barw = MIN_BAR;
}

/* The bar of a point; returns the columns drawn. */
static int
draw_bar(struct crm_buf *b, const struct crm_chart *ch,
    const struct crm_chart_point *p, const struct layout *l, int ascii)
{
	long e = crm_chart_eighths(p->v, l->max, l->barw);
	int cols;

	if (ch->kind == CRM_CHART_FUNNEL) {
		long cells = (e + 4) / 8 + (e > 0 && e < 4);
		int left = (l->barw - (int)cells) / 2;

		pad(b, (size_t)left);
		for (long i = 0; i < cells; i++)
			crm_buf_adds(b, ascii ? "#" : "█");
		return left + (int)cells;
	}
	cols = crm_chart_bar(b, e, ascii);
	if (ch->kind == CRM_CHART_BAND) {
		long hi = (crm_chart_eighths(p->hi, l->max, l->barw) + 4) / 8;

		for (; cols < hi; cols++)
			crm_buf_adds(b, ascii ? "-" : "░");
	}
	return cols;
}

static void
draw_rows(struct crm_buf *out, const struct crm_chart *ch, int width,
    int ascii)
{
	struct layout l;

	measure(ch, width, &l);
	for (size_t i = 0; i < ch->n; i++) {
		const struct crm_chart_point *p = &ch->p[i];
		char *v = value_text(ch, p);
		size_t w = crm_text_fit(out, p->label, l.labelw);
		int cols;

		pad(out, l.labelw - w + 1);
		cols = draw_bar(out, ch, p, &l, ascii);
		pad(out, (size_t)(l.barw - cols) + 1 + l.valw -
		    crm_text_width(v));
		crm_buf_adds(out, v);
		crm_buf_addc(out, '\n');
		free(v);
	}
}

/* One character a point, the last ones when they do not fit, then the
 * period and the range. */
static void
draw_trend(struct crm_buf *out, const struct crm_chart *ch, int width,
    int ascii)
{
	size_t first = ch->n > (size_t)width ? ch->n - (size_t)width : 0;
	double lo = 0, hi = 0;
	struct crm_buf a = { 0 }, z = { 0 };

	for (size_t i = first; i < ch->n; i++) {
		if (i == first || ch->p[i].v < lo)
			lo = ch->p[i].v;
		if (i == first || ch->p[i].v > hi)
			hi = ch->p[i].v;
	}
	for (size_t i = first; i < ch->n; i++)
		crm_buf_adds(out, crm_chart_spark(ch->p[i].v, lo, hi, ascii));
	crm_buf_addc(out, '\n');
	if (ch->n == 0)
		return;
	number_text(ch, lo, &a);
	number_text(ch, hi, &z);
	crm_buf_addf(out, _("%s to %s: lowest %s, highest %s, last %s\n"),
	    ch->p[first].label, ch->p[ch->n - 1].label, crm_buf_str(&a),
	    crm_buf_str(&z), ch->p[ch->n - 1].text);
	crm_buf_free(&a);
	crm_buf_free(&z);
}

void
crm_chart_text(struct crm_buf *out, const struct crm_chart *ch, int width,
    int ascii)
{
	if (ch->n == 0)		/* no rows: no chart, as no table */
		return;
	crm_buf_addf(out, "%s\n", ch->title);
	if (ch->kind == CRM_CHART_TREND)
		draw_trend(out, ch, width, ascii);
	else
		draw_rows(out, ch, width, ascii);
}
