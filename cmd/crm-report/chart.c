/* The chart of a report (--chart, --svg, --xlsx): which of its columns
 * is drawn, read from the rows' own columns so that every report, the
 * ones still to come too, gets one through report_print (main.c). */
#include <string.h>

#include "report.h"
#include "crm/cli-chart.h"
#include "crm/banned.h"

static int
col_of(const struct crm_col *cols, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (cols[i].name != NULL && strcmp(cols[i].name, name) == 0)
			return (int)i;
	return -1;
}

static int
is_time(const char *name)
{
	static const char *const units[] = { "day", "week", "month",
		"quarter", "year" };

	for (size_t i = 0; name && i < sizeof(units) / sizeof(*units); i++)
		if (strcmp(name, units[i]) == 0)
			return 1;
	return 0;
}

/* The label: a stage's "label" (the funnel), else a person's or a
 * group's "name", else the first column; a key column after it (sales
 * --by twice, a user's metrics) makes it the group. 0, or -1 when the
 * rows have nothing to draw (a summary, an explanation). */
int
report_chart_spec(struct crm_rows *rows, const char *measure,
    struct crm_chart_spec *spec)
{
	size_t n;
	const struct crm_col *cols = crm_rows_cols(rows, &n);
	int v = col_of(cols, n, measure), l = 0, k;

	memset(spec, 0, sizeof(*spec));
	if (n < 2 || v < 0 || cols[0].name == NULL)
		return -1;
	if ((k = col_of(cols, n, "label")) >= 0)
		l = k;
	else if ((k = col_of(cols, n, "name")) >= 0)
		l = k;
	if (cols[l].kind != CRM_COL_TEXT && cols[l].kind != CRM_COL_DATE)
		return -1;
	spec->kind = strcmp(measure, "reached") == 0 ? CRM_CHART_FUNNEL :
	    CRM_CHART_BARS;
	spec->label = cols[l].name;
	spec->value = measure;
	if (l + 1 < v && (cols[l + 1].kind == CRM_COL_TEXT ||
	    cols[l + 1].kind == CRM_COL_DATE)) {
		/* two keys (sales --by X --by Y; a user's metrics) */
		spec->group = cols[l].name;
		spec->label = cols[l + 1].name;
	} else if (l == 0 && is_time(cols[0].name)) {
		spec->kind = CRM_CHART_TREND;
	} else if (l > 0 && strcmp(cols[0].name, "stage") != 0 &&
	    strcmp(cols[0].name, "user") != 0 &&
	    strcmp(cols[0].name, "group") != 0) {
		spec->group = cols[0].name;	/* a funnel per --by */
	}
	/* aging's last row is its total */
	spec->total = strcmp(measure, "outstanding") == 0;
	return 0;
}
