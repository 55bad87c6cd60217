/* Charts: the points read from a report's rows, the bar arithmetic and
 * the terminal drawing (crm/chart.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "crm/chart.h"
#include "crm/column-names.h"
#include "crm/i18n.h"
#include "crm/money.h"
#include "crm/text.h"
#include "crm/banned.h"

static int
col_index(const struct crm_col *cols, size_t n, const char *name)
{
	for (size_t i = 0; name && i < n; i++)
		if (strcmp(cols[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* A value of the measure: money as cents, else a decimal number. text
 * gets it as a table shows it. */
static int
parse_value(const struct crm_val *v, int money, double *out, char **text,
    struct crm_err *e)
{
	const char *s = v->type == CRM_V_TEXT ? v->s : "0";
	char *end;

	if (money) {
		int64_t cents;
		char grouped[CRM_MONEY_LEN];

		if (crm_money_parse(s, &cents, e) < 0)
			return -1;
		*out = (double)cents / 100.0;
		crm_money_format_grouped(cents, grouped);
		if (text)
			*text = crm_xstrdup(grouped);
		return 0;
	}
	*out = strtod(s, &end);
	if (end == s || *end != '\0' || !isfinite(*out))
		return crm_err_set(e, CRM_EX_DATAERR, "chart: '%s' is not a "
		    "number", s);
	if (text)
		*text = crm_xstrdup(s);
	return 0;
}

static void
add_label(struct crm_chart_point *p, const struct crm_val *vals, int g,
    int l)
{
	struct crm_buf b = { 0 };

	if (g >= 0 && vals[g].type == CRM_V_TEXT)
		crm_buf_addf(&b, "%s ", vals[g].s);
	if (vals[l].type == CRM_V_TEXT)
		crm_buf_adds(&b, vals[l].s);
	else	/* no region, no close date: a bar has a name */
		crm_buf_adds(&b, _("(none)"));
	p->label = crm_buf_detach(&b);
}

static int
load_point(struct crm_chart *ch, const struct crm_val *vals, const int ix[5],
    struct crm_err *e)
{
	struct crm_chart_point *p;

	ch->p = crm_xrealloc(ch->p, (ch->n + 1) * sizeof(*ch->p));
	p = &ch->p[ch->n++];
	memset(p, 0, sizeof(*p));
	add_label(p, vals, ix[0], ix[1]);
	if (parse_value(&vals[ix[2]], ch->money, &p->v, &p->text, e) < 0)
		return -1;
	p->lo = p->hi = p->v;
	for (int i = 3; i < 5; i++) {
		if (ix[i] < 0 || vals[ix[i]].type == CRM_V_NULL)
			continue;
		if (parse_value(&vals[ix[i]], ch->money, i == 3 ? &p->lo :
		    &p->hi, NULL, e) < 0)
			return -1;
		p->band = 1;
	}
	return 0;
}

int
crm_chart_load(struct crm_chart *ch, struct crm_rows *rows,
    const struct crm_chart_spec *spec, struct crm_err *e)
{
	const char *names[5] = { spec->group, spec->label, spec->value,
		spec->kind == CRM_CHART_BAND ? spec->lower : NULL,
		spec->kind == CRM_CHART_BAND ? spec->upper : NULL };
	const struct crm_val *vals;
	const struct crm_col *cols;
	size_t ncols;
	int ix[5], rc;

	memset(ch, 0, sizeof(*ch));
	ch->kind = spec->kind;
	cols = crm_rows_cols(rows, &ncols);
	for (int i = 0; i < 5; i++)
		if ((ix[i] = col_index(cols, ncols, names[i])) < 0 &&
		    (names[i] != NULL || i == 1 || i == 2))
			return crm_err_set(e, CRM_EX_SOFTWARE, "chart: no "
			    "column '%s'", names[i] ? names[i] : "");
	ch->money = cols[ix[2]].kind == CRM_COL_MONEY;
	ch->title = crm_column_word(cols[ix[2]].name);
	while ((rc = crm_rows_next(rows, &vals, e)) == 1) {
		/* a trend is over time: a row of no period is not in it */
		if (spec->kind == CRM_CHART_TREND &&
		    vals[ix[1]].type == CRM_V_NULL)
			continue;
		if (load_point(ch, vals, ix, e) < 0)
			return -1;
	}
	if (rc == 0 && spec->total && ch->n > 0) {
		ch->n--;
		free(ch->p[ch->n].label);
		free(ch->p[ch->n].text);
	}
	return rc;
}

void
crm_chart_free(struct crm_chart *ch)
{
	for (size_t i = 0; i < ch->n; i++) {
		free(ch->p[i].label);
		free(ch->p[i].text);
	}
	free(ch->p);
	memset(ch, 0, sizeof(*ch));
}

long
crm_chart_eighths(double v, double max, int width)
{
	double e;

	if (!(v > 0) || !(max > 0) || width <= 0)
		return 0;
	if (v >= max)
		return (long)width * 8;
	e = floor(v / max * width * 8 + 0.5);
	return e < 1 ? 1 : (long)e;
}

int
crm_chart_bar(struct crm_buf *b, long eighths, int ascii)
{
	static const char *const part[8] = { "", "▏", "▎", "▍", "▌", "▋",
		"▊", "▉" };
	long cells = eighths / 8;
	int rest = (int)(eighths % 8);

	if (ascii) {
		cells = (eighths + 4) / 8;
		if (cells == 0 && eighths > 0)
			cells = 1;
		for (long i = 0; i < cells; i++)
			crm_buf_addc(b, '#');
		return (int)cells;
	}
	for (long i = 0; i < cells; i++)
		crm_buf_adds(b, "█");
	crm_buf_adds(b, part[rest]);
	return (int)cells + (rest > 0);
}

const char *
crm_chart_spark(double v, double lo, double hi, int ascii)
{
	static const char *const block[8] = { "▁", "▂", "▃", "▄", "▅", "▆",
		"▇", "█" };
	static const char *const plain[8] = { "_", ".", "-", ":", "=", "+",
		"*", "#" };
	int k = 3;	/* a flat line sits in the middle */

	if (hi > lo) {
		k = (int)floor((v - lo) / (hi - lo) * 7 + 0.5);
		k = k < 0 ? 0 : k > 7 ? 7 : k;
	}
	return ascii ? plain[k] : block[k];
}
