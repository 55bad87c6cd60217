/* Charts as standalone SVG (crm/chart.h): bars, a funnel, a line for a
 * trend and a line in its interval band. The text is escaped for XML;
 * the fonts are the viewer's own (a generic family), nothing is
 * fetched. Coordinates are printed to a tenth of a pixel, so the same
 * points give the same bytes. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm/chart.h"
#include "crm/money.h"
#include "crm/text.h"
#include "crm/banned.h"

#define W 720		/* the image's width */
#define ROW 28		/* a bar's row */
#define TOP 40		/* below the title */
#define PLOT_H 300	/* the plot of a line */
#define CHAR_PX 7	/* a column of text at 12px; a Chinese
			   character is two */
#define COLOR "#4e79a7"
#define MAX_LABEL 30	/* columns of a bar's label; longer ones are cut */

static void
esc(struct crm_buf *b, const char *s)
{
	crm_text_escape_xml(b, s, 0);
}

static void
text(struct crm_buf *b, double x, double y, const char *anchor,
    const char *s)
{
	crm_buf_addf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">", x,
	    y, anchor);
	esc(b, s);
	crm_buf_adds(b, "</text>\n");
}

static void
head(struct crm_buf *b, const struct crm_chart *ch, int h)
{
	crm_buf_addf(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
	    "height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" "
	    "font-size=\"12\">\n<title>", W, h, W, h);
	esc(b, ch->title);
	crm_buf_addf(b, "</title>\n<rect width=\"%d\" height=\"%d\" "
	    "fill=\"#ffffff\"/>\n<text x=\"10\" y=\"24\" font-size=\"16\" "
	    "font-weight=\"bold\">", W, h);
	esc(b, ch->title);
	crm_buf_adds(b, "</text>\n");
}

/* Bars from a common left edge, or a funnel's centred on one axis. */
static void
bars(struct crm_buf *b, const struct crm_chart *ch)
{
	size_t lw = 0, vw = 0;
	double max = 0, x0, room;

	for (size_t i = 0; i < ch->n; i++) {
		size_t w = crm_text_width(ch->p[i].label);
		size_t v = crm_text_width(ch->p[i].text);

		lw = w > lw ? w : lw;
		vw = v > vw ? v : vw;
		max = ch->p[i].v > max ? ch->p[i].v : max;
	}
	lw = lw > MAX_LABEL ? MAX_LABEL : lw;
	x0 = 20.0 + (double)lw * CHAR_PX;
	room = W - x0 - 20.0 - (double)vw * CHAR_PX;
	crm_buf_addf(b, "<g class=\"%s\" fill=\"" COLOR "\">\n",
	    ch->kind == CRM_CHART_FUNNEL ? "funnel" : "bars");
	for (size_t i = 0; i < ch->n; i++) {
		double y = TOP + (double)i * ROW;
		double len = ch->p[i].v > 0 && max > 0 ?
		    ch->p[i].v / max * room : 0;
		double x = ch->kind == CRM_CHART_FUNNEL ?
		    x0 + (room - len) / 2 : x0;
		struct crm_buf label = { 0 };

		crm_text_fit(&label, ch->p[i].label, MAX_LABEL);
		text(b, x0 - 8, y + 17, "end", crm_buf_str(&label));
		crm_buf_free(&label);
		crm_buf_addf(b, "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" "
		    "width=\"%.1f\" height=\"%d\"/>\n", x, y + 4, len, ROW - 8);
		text(b, ch->kind == CRM_CHART_FUNNEL ? x0 + room + 6 :
		    x0 + len + 6, y + 17, "start", ch->p[i].text);
	}
	crm_buf_adds(b, "</g>\n");
}

struct plot {
	double lo, hi, x0, x1, y0, y1;
	size_t n;
};

static double
px(const struct plot *p, size_t i)
{
	if (p->n < 2)
		return (p->x0 + p->x1) / 2;
	return p->x0 + (p->x1 - p->x0) * (double)i / (double)(p->n - 1);
}

static double
py(const struct plot *p, double v)
{
	return p->y1 - (p->y1 - p->y0) * (v - p->lo) / (p->hi - p->lo);
}

static void
axis_label(struct crm_buf *b, const struct crm_chart *ch, double y,
    double v)
{
	char m[CRM_MONEY_LEN];

	if (ch->money)
		crm_money_format_grouped((int64_t)llround(v * 100), m);
	else
		snprintf(m, sizeof(m), "%.15g", v);
	text(b, 62, y + 4, "end", m);
}

/* The band: along the upper ends, back along the lower ones. */
static void
band(struct crm_buf *b, const struct crm_chart *ch, const struct plot *p)
{
	crm_buf_adds(b, "<path class=\"band\" fill=\"" COLOR "\" "
	    "fill-opacity=\"0.2\" d=\"");
	for (size_t i = 0; i < ch->n; i++)
		crm_buf_addf(b, "%s%.1f %.1f ", i ? "L" : "M", px(p, i),
		    py(p, ch->p[i].hi));
	for (size_t i = ch->n; i-- > 0;)
		crm_buf_addf(b, "L%.1f %.1f ", px(p, i), py(p, ch->p[i].lo));
	crm_buf_adds(b, "Z\"/>\n");
}

static void
line(struct crm_buf *b, const struct crm_chart *ch)
{
	struct plot p = { 0, 0, 70, W - 30, TOP + 10, TOP + 10 + PLOT_H,
		ch->n };

	for (size_t i = 0; i < ch->n; i++) {
		p.lo = fmin(p.lo, fmin(ch->p[i].v, ch->p[i].lo));
		p.hi = fmax(p.hi, fmax(ch->p[i].v, ch->p[i].hi));
	}
	if (!(p.hi > p.lo))
		p.hi = p.lo + 1;
	crm_buf_addf(b, "<g class=\"axes\" stroke=\"#999999\"><line x1=\"70\" "
	    "y1=\"%.1f\" x2=\"70\" y2=\"%.1f\"/><line x1=\"70\" y1=\"%.1f\" "
	    "x2=\"%.1f\" y2=\"%.1f\"/></g>\n", p.y0, p.y1, py(&p, 0), p.x1,
	    py(&p, 0));
	axis_label(b, ch, p.y0, p.hi);
	axis_label(b, ch, p.y1, p.lo);
	if (ch->kind == CRM_CHART_BAND && ch->n > 0)
		band(b, ch, &p);
	crm_buf_adds(b, "<polyline class=\"line\" fill=\"none\" stroke=\""
	    COLOR "\" stroke-width=\"2\" points=\"");
	for (size_t i = 0; i < ch->n; i++)
		crm_buf_addf(b, "%s%.1f,%.1f", i ? " " : "", px(&p, i),
		    py(&p, ch->p[i].v));
	crm_buf_adds(b, "\"/>\n<g class=\"points\" fill=\"" COLOR "\">\n");
	for (size_t i = 0; i < ch->n; i++) {
		crm_buf_addf(b, "<circle class=\"point\" cx=\"%.1f\" "
		    "cy=\"%.1f\" r=\"3\"><title>", px(&p, i),
		    py(&p, ch->p[i].v));
		esc(b, ch->p[i].label);
		crm_buf_adds(b, ": ");
		esc(b, ch->p[i].text);
		crm_buf_adds(b, "</title></circle>\n");
		/* the first, the last and about eight between */
		if (i == 0 || i + 1 == ch->n || i % (ch->n / 8 + 1) == 0)
			text(b, px(&p, i), p.y1 + 18, "middle",
			    ch->p[i].label);
	}
	crm_buf_adds(b, "</g>\n");
}

void
crm_chart_svg(struct crm_buf *out, const struct crm_chart *ch)
{
	int line_kind = ch->kind == CRM_CHART_TREND ||
	    ch->kind == CRM_CHART_BAND;
	int h = line_kind ? TOP + PLOT_H + 40 : TOP + (int)ch->n * ROW + 10;

	head(out, ch, h);
	if (line_kind)
		line(out, ch);
	else
		bars(out, ch);
	crm_buf_adds(out, "</svg>\n");
}
