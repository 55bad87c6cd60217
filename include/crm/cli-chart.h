/* The charts of a report verb (crm/chart.h): the options every report
 * shares, and the one call that prints its table and draws its chart. */
#ifndef CRM_CLI_CHART_H
#define CRM_CLI_CHART_H

#include "crm/chart.h"
#include "crm/cli.h"
#include "crm/i18n.h"

/* In the verb's option table, after its own options. */
#define CRM_CHART_OPTS \
	{ "chart", 0, NULL, N_("draw the main figure as a chart after the " \
	    "table"), NULL }, \
	{ "ascii", 0, NULL, N_("with --chart: draw with # and plain " \
	    "characters"), NULL }, \
	{ "svg", 1, "FILE", N_("write the chart to FILE as an SVG image"), \
	    "@file" }, \
	{ "xlsx", 1, "FILE", N_("write the table and a chart to FILE as an " \
	    "Excel workbook"), "@file" }

/* What crm_print_rows does, and with the options of CRM_CHART_OPTS the
 * chart of spec: the files first (so that a file that cannot be made
 * prints nothing), then the table, then the chart drawn for a terminal
 * as wide as COLUMNS, or the terminal, or 80 columns. --chart prints
 * a table even into a pipe, and with -f csv, tsv, yaml or json is 64 (a
 * chart in them would break them). Closes rows; returns the exit code. */
int crm_print_report(struct crm_ctx *c, struct crm_rows *rows,
    const struct crm_chart_spec *spec);

/* --chart prints a table even into a pipe: a verb that looks at c->fmt
 * itself calls this first (crm_print_report does). */
void crm_chart_format(struct crm_ctx *c);

/* The width a chart is drawn to (see above). */
int crm_chart_width(void);

#endif
