/* Charts of a report's rows (commands.md "crm-report", charts): bars
 * drawn with Unicode eighth blocks or '#' for a terminal, a standalone
 * SVG image, and an Excel workbook with the table and a native chart.
 * The same rows give the same bytes: nothing here reads the time but
 * through the crm clock. Nothing here prints: text goes into a crm_buf,
 * files are made by crm_chart_file_*. */
#ifndef CRM_CHART_H
#define CRM_CHART_H

#include <stddef.h>
#include "crm/buf.h"
#include "crm/err.h"
#include "crm/rows.h"

enum crm_chart_kind {
	CRM_CHART_BARS,		/* one bar per row */
	CRM_CHART_TREND,	/* rows in time order: a sparkline, a line */
	CRM_CHART_FUNNEL,	/* stages in order: centred bars */
	CRM_CHART_BAND		/* a line with its interval (forecasts) */
};

/* What to draw from which columns (their names in the rows). */
struct crm_chart_spec {
	enum crm_chart_kind kind;
	const char *group;	/* NULL, or a column put before the label
				   ("li.lei 赢单") */
	const char *label;	/* the row's name */
	const char *value;	/* the measure */
	const char *lower, *upper;	/* CRM_CHART_BAND: the interval */
	int total;		/* the last row is a total: not drawn */
};

struct crm_chart_point {
	char *label;
	char *text;		/* the value as a table shows it */
	double v, lo, hi;	/* lo, hi: a band's interval, else v */
	int band;		/* the row has an interval (a forecast; its
				   history has none: lower, upper empty) */
};

/* The points of a chart, read from its rows. */
struct crm_chart {
	enum crm_chart_kind kind;
	const char *title;	/* the measure's column word */
	int money;		/* the measure is money */
	size_t n;
	struct crm_chart_point *p;
};

/* Read rows (every one, from where they are) into ch. A column of the
 * spec the rows do not have is 70 (a bug of the caller); an empty value
 * counts as zero, one that is not a number is 65. An empty label is
 * "(none)"; a trend leaves such rows out (they have no period). */
int crm_chart_load(struct crm_chart *ch, struct crm_rows *rows,
    const struct crm_chart_spec *spec, struct crm_err *e);
void crm_chart_free(struct crm_chart *ch);

/* Bar arithmetic: the length in eighths of a cell of a bar for v when
 * max fills width cells. Zero, negative values and a max of zero or
 * less draw nothing (the value is still printed); a positive value
 * always gets at least one eighth, so that it is not read as zero. */
long crm_chart_eighths(double v, double max, int width);
/* Append a bar of that many eighths: full blocks then one of ▏▎▍▌▋▊▉, or
 * with ascii a '#' a cell, rounded to the nearest cell (half up) and at
 * least one when eighths > 0. Returns the columns it takes. */
int crm_chart_bar(struct crm_buf *b, long eighths, int ascii);
/* The character of a sparkline for v within [lo, hi]: ▁..█ or, ascii,
 * one of "_.-:=+*#". */
const char *crm_chart_spark(double v, double lo, double hi, int ascii);

/* The chart for a terminal width columns wide: a title line, then for
 * bars and bands one line per point (labels padded by display width,
 * the value after the bar; a band's interval after it), for a funnel
 * centred bars, for a trend a sparkline with the first and last labels
 * and the range. */
void crm_chart_text(struct crm_buf *out, const struct crm_chart *ch,
    int width, int ascii);

/* A standalone SVG document of the chart (no script, no font file). */
void crm_chart_svg(struct crm_buf *out, const struct crm_chart *ch);

/* An Excel workbook into fd, a file named name (made with crm_chart_file_*: a private
 * temporary file of libxlsxwriter is copied into it): a sheet with the
 * rows (numbers as numbers, money as money, widths by display width) and
 * a native chart of ch. The rows are read from where they are. */
int crm_chart_xlsx(int fd, const char *name, struct crm_rows *rows,
    const struct crm_chart *ch, struct crm_err *e);

/* Output files: never through a symbolic link, never a folder or a
 * device; an existing file is replaced (renamed over) only once the new
 * one is complete; never the database's own (crm/outfile.h). The new
 * file is protected as the file like (the database) is: its group and
 * mode (0600 or a team's 0660), never more than 0660. */
struct crm_chart_file {
	const char *path;
	char *tmp;
	int fd;
};
int crm_chart_file_open(struct crm_chart_file *f, const char *path,
    const char *like, struct crm_err *e);
/* Keep it (ok) or remove it; closes it either way. */
int crm_chart_file_close(struct crm_chart_file *f, int ok,
    struct crm_err *e);
/* Write all of b to fd (74 on error, naming path). */
int crm_chart_file_write(int fd, const char *path, const void *p, size_t n,
    struct crm_err *e);

#endif
