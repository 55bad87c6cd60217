/* The dashboard as one web page (crm/dashboard.h): the sections of the
 * terminal's, the charts as inline SVG (lib/chart-svg.c) scaled to the
 * column, the style inline; no script, no font, image or link to fetch,
 * so that it can be mailed or put in a folder as it is. Two columns on
 * a wide screen, one under 600 pixels (a phone). */
#include <stdarg.h>
#include <string.h>

#include "crm/dashboard.h"
#include "crm/i18n.h"
#include "crm/text.h"
#include "crm/banned.h"

static const char style[] =
	"body{margin:0;padding:12px;font-family:sans-serif;color:#222;"
	"background:#f4f5f7}\n"
	"main{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));"
	"gap:12px;max-width:1200px;margin:0 auto}\n"
	"@media (max-width:600px){main{grid-template-columns:1fr}}\n"
	"header{grid-column:1/-1}\n"
	"h1{font-size:1.4em;margin:0}h2{font-size:1.1em;margin:0 0 8px}\n"
	"section{background:#fff;border-radius:6px;padding:12px;"
	"overflow:hidden}\n"
	"svg{display:block;max-width:100%;height:auto}\n"
	"table{width:100%;border-collapse:collapse}"
	"td,th{padding:3px 4px;text-align:left;vertical-align:middle}\n"
	".num{text-align:right;white-space:nowrap}"
	"td.bar{width:40%}meter{width:100%}\n"
	".big{font-size:1.6em;font-weight:bold}.note{color:#666}\n";

static void
esc(struct crm_buf *b, const char *s)
{
	crm_text_escape_xml(b, s, 0);
}

/* <tag>text</tag>, the text escaped. */
static void
el(struct crm_buf *b, const char *tag, const char *cls, const char *s)
{
	crm_buf_addf(b, "<%s%s%s%s>", tag, cls ? " class=\"" : "",
	    cls ? cls : "", cls ? "\"" : "");
	esc(b, s);
	crm_buf_addf(b, "</%s>", tag);
}

/* The chart's SVG without its XML declaration, or a note of none. */
static void
svg(struct crm_buf *b, const struct crm_chart *ch)
{
	struct crm_buf s = { 0 };
	const char *start;

	if (ch->n == 0) {
		el(b, "p", "note", _("nothing yet"));
		crm_buf_addc(b, '\n');
		return;
	}
	crm_chart_svg(&s, ch);
	start = strstr(crm_buf_str(&s), "<svg");
	crm_buf_adds(b, start ? start : "");
	crm_buf_free(&s);
}

static void
section(struct crm_buf *b, const char *id, const char *title)
{
	crm_buf_addf(b, "<section id=\"%s\">", id);
	el(b, "h2", NULL, title);
	crm_buf_addc(b, '\n');
}

static void
line(struct crm_buf *b, const char *cls, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
line(struct crm_buf *b, const char *cls, const char *fmt, ...)
{
	struct crm_buf t = { 0 };
	va_list ap;

	va_start(ap, fmt);
	crm_buf_vaddf(&t, fmt, ap);
	va_end(ap);
	el(b, "p", cls, crm_buf_str(&t));
	crm_buf_addc(b, '\n');
	crm_buf_free(&t);
}

static void
targets(struct crm_buf *b, const struct crm_dashboard *d)
{
	if (d->ntargets == 0) {
		line(b, "note", "%s", _("no targets set for this month"));
		return;
	}
	crm_buf_adds(b, "<table class=\"targets\">\n");
	for (size_t i = 0; i < d->ntargets; i++) {
		const struct crm_dash_target *t = &d->targets[i];

		crm_buf_adds(b, "<tr>");
		el(b, "td", NULL, t->who);
		el(b, "td", NULL, crm_dash_metric(t->metric));
		/* a meter full at 100%: 200% is full, not off the row */
		crm_buf_addf(b, "<td class=\"bar\"><meter min=\"0\" "
		    "max=\"100\" value=\"%.1f\"></meter></td>",
		    t->pct > 100 ? 100 : t->pct < 0 ? 0 : t->pct);
		crm_buf_adds(b, "<td class=\"num\">");
		esc(b, t->pct_text);
		crm_buf_adds(b, "%</td>");
		crm_buf_adds(b, "</tr>\n<tr><td></td><td colspan=\"3\" "
		    "class=\"num\">");
		crm_buf_addf(b, _("%s of %s"), t->actual, t->target);
		crm_buf_adds(b, "</td></tr>\n");
	}
	crm_buf_adds(b, "</table>\n");
}

static void
this_month(struct crm_buf *b, const struct crm_dashboard *d)
{
	section(b, "month", _("This month"));
	line(b, "big", "%s", d->ordered);
	line(b, "note", _("ordered (last month %s, %s), collected %s"),
	    d->previous, d->change, d->collected);
	targets(b, d);
	crm_buf_adds(b, "</section>\n");
}

static void
sections(struct crm_buf *b, const struct crm_dashboard *d)
{
	section(b, "pipeline", _("Pipeline by stage"));
	line(b, NULL, _("open deals: %lld; amount %s; weighted %s"),
	    d->open_deals, d->open_amount, d->weighted);
	svg(b, &d->pipeline);
	crm_buf_adds(b, "</section>\n");
	section(b, "collections", _("Collections"));
	line(b, NULL, _("due within %lld days: %lld, %s"), d->due_days,
	    d->due_n, d->due_sum);
	line(b, NULL, _("overdue: %lld, %s"), d->overdue_n, d->overdue_sum);
	svg(b, &d->overdue);
	crm_buf_adds(b, "</section>\n");
	section(b, "reps", _("Top reps this month (ordered)"));
	svg(b, &d->reps);
	if (*d->others)
		line(b, "note", _("also ranked: %s"), d->others);
	crm_buf_adds(b, "</section>\n");
	section(b, "funnel", _("Funnel"));
	line(b, NULL, _("win rate %s; velocity %s a day"),
	    d->win_rate, d->velocity);
	svg(b, &d->funnel);
	crm_buf_adds(b, "</section>\n");
	section(b, "sales", _("Sales, the last 12 months (ordered)"));
	svg(b, &d->sales);
	crm_buf_adds(b, "</section>\n");
}

void
crm_dashboard_html(struct crm_buf *out, const struct crm_dashboard *d)
{
	struct crm_buf title = { 0 }, lang = { 0 };

	crm_buf_addf(&title, _("Dashboard %s"), d->month);
	crm_buf_adds(&lang, crm_i18n_lang());
	for (size_t i = 0; i < lang.len; i++)
		if (lang.s[i] == '_')
			lang.s[i] = '-';
	crm_buf_adds(out, "<!DOCTYPE html>\n<html lang=\"");
	esc(out, crm_buf_str(&lang));
	crm_buf_adds(out, "\">\n<head>\n<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n");
	el(out, "title", NULL, crm_buf_str(&title));
	crm_buf_addf(out, "\n<style>\n%s</style>\n</head>\n<body>\n<main>\n"
	    "<header>", style);
	el(out, "h1", NULL, crm_buf_str(&title));
	crm_buf_addc(out, '\n');
	line(out, "note", _("as of %s"), d->today);
	crm_buf_adds(out, "</header>\n");
	this_month(out, d);
	sections(out, d);
	crm_buf_adds(out, "</main>\n</body>\n</html>\n");
	crm_buf_free(&title);
	crm_buf_free(&lang);
}
