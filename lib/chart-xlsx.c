/* Charts as an Excel workbook (crm/chart.h), through libxlsxwriter: the
 * first sheet holds the report's table and the chart, the second the
 * chart's points (a funnel's group and stage in one label). The
 * workbook is dated by the crm clock, so the same data and CRM_NOW give
 * the same bytes. libxlsxwriter writes only to a file name: it writes
 * into a private folder, and the bytes are copied into the file crm made
 * safely (crm_chart_file_open). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "crm/chart.h"
#include "crm/clock.h"
#include "crm/column-names.h"
#include "crm/i18n.h"
#include "crm/money.h"
#include "crm/text.h"
#include "crm/banned.h"

#define MAX_WIDTH 60	/* a column of notes does not push the chart away */

struct book {
	lxw_workbook *wb;
	lxw_worksheet *table, *points;
	lxw_format *bold, *money;
	double *widths;
};

static void
widen(struct book *k, size_t col, const char *s)
{
	double w = (double)crm_text_width(s) + 2;

	if (w > MAX_WIDTH)
		w = MAX_WIDTH;
	if (w > k->widths[col])
		k->widths[col] = w;
}

static void
put_cell(struct book *k, lxw_row_t r, size_t i, const struct crm_col *col,
    const struct crm_val *v)
{
	lxw_col_t c = (lxw_col_t)i;
	char *end;
	double d;

	if (v->type == CRM_V_NULL)
		return;
	if (v->type == CRM_V_TEXT && (col->kind == CRM_COL_INT ||
	    col->kind == CRM_COL_MONEY)) {
		int64_t cents;
		char shown[CRM_MONEY_LEN];

		d = strtod(v->s, &end);
		if (end != v->s && *end == '\0') {
			worksheet_write_number(k->table, r, c, d,
			    col->kind == CRM_COL_MONEY ? k->money : NULL);
			/* as Excel shows it: 1,234.50 */
			if (col->kind == CRM_COL_MONEY &&
			    crm_money_parse(v->s, &cents, NULL) == 0)
				crm_money_format_grouped(cents, shown);
			else
				snprintf(shown, sizeof(shown), "%s", v->s);
			widen(k, i, shown);
			return;
		}
	}
	/* a list's items are NUL-separated: shown as a table shows them */
	if (v->type == CRM_V_LIST) {
		struct crm_buf b = { 0 };
		const char *s = v->s;

		for (size_t j = 0; j < v->n; j++, s += strlen(s) + 1)
			crm_buf_addf(&b, "%s%s", j ? ", " : "", s);
		worksheet_write_string(k->table, r, c, crm_buf_str(&b), NULL);
		widen(k, i, crm_buf_str(&b));
		crm_buf_free(&b);
		return;
	}
	worksheet_write_string(k->table, r, c, v->s, NULL);
	widen(k, i, v->s);
}

static int
put_table(struct book *k, struct crm_rows *rows, struct crm_err *e)
{
	const struct crm_col *cols;
	const struct crm_val *vals;
	size_t n;
	lxw_row_t r = 0;
	int rc;

	cols = crm_rows_cols(rows, &n);
	k->widths = crm_xcalloc(n ? n : 1, sizeof(*k->widths));
	for (size_t i = 0; i < n; i++) {
		const char *h = crm_column_word(cols[i].name);

		worksheet_write_string(k->table, 0, (lxw_col_t)i, h, k->bold);
		widen(k, i, h);
	}
	while ((rc = crm_rows_next(rows, &vals, e)) == 1) {
		r++;
		for (size_t i = 0; i < n; i++)
			put_cell(k, r, i, &cols[i], &vals[i]);
	}
	for (size_t i = 0; i < n; i++)
		worksheet_set_column(k->table, (lxw_col_t)i, (lxw_col_t)i,
		    k->widths[i], NULL);
	if (n > 0)
		worksheet_freeze_panes(k->table, 1, 0);
	return rc;
}

/* The chart's sheet: label, value, and a band's lower and upper. */
static void
put_points(struct book *k, const struct crm_chart *ch)
{
	lxw_format *f = ch->money ? k->money : NULL;
	size_t w = 8;

	worksheet_write_string(k->points, 0, 0, "", k->bold);
	worksheet_write_string(k->points, 0, 1, ch->title, k->bold);
	if (ch->kind == CRM_CHART_BAND) {
		worksheet_write_string(k->points, 0, 2, _("lower"), k->bold);
		worksheet_write_string(k->points, 0, 3, _("upper"), k->bold);
	}
	for (size_t i = 0; i < ch->n; i++) {
		lxw_row_t r = (lxw_row_t)i + 1;

		worksheet_write_string(k->points, r, 0, ch->p[i].label, NULL);
		worksheet_write_number(k->points, r, 1, ch->p[i].v, f);
		if (ch->kind == CRM_CHART_BAND) {
			worksheet_write_number(k->points, r, 2, ch->p[i].lo, f);
			worksheet_write_number(k->points, r, 3, ch->p[i].hi, f);
		}
		if (crm_text_width(ch->p[i].label) + 2 > w)
			w = crm_text_width(ch->p[i].label) + 2;
	}
	worksheet_set_column(k->points, 0, 0, (double)(w > MAX_WIDTH ?
	    MAX_WIDTH : w), NULL);
	worksheet_set_column(k->points, 1, 3, 14, NULL);
}

static void
add_series(lxw_chart *chart, const char *sheet, const struct crm_chart *ch,
    lxw_col_t col, const char *name)
{
	lxw_chart_series *s = chart_add_series(chart, NULL, NULL);
	lxw_row_t last = (lxw_row_t)ch->n;

	chart_series_set_categories(s, sheet, 1, 0, last, 0);
	chart_series_set_values(s, sheet, 1, col, last, col);
	chart_series_set_name(s, name);
}

static void
put_chart(struct book *k, const struct crm_chart *ch, const char *sheet,
    size_t ncols)
{
	int line = ch->kind == CRM_CHART_TREND || ch->kind == CRM_CHART_BAND;
	lxw_chart *chart = workbook_add_chart(k->wb, line ? LXW_CHART_LINE :
	    LXW_CHART_BAR);
	lxw_chart_options o = { 0 };

	add_series(chart, sheet, ch, 1, ch->title);
	if (ch->kind == CRM_CHART_BAND) {
		add_series(chart, sheet, ch, 2, _("lower"));
		add_series(chart, sheet, ch, 3, _("upper"));
	}
	/* the first row at the top, as in the table (a bar chart's
	 * categories are its y axis) */
	if (!line)
		chart_axis_set_reverse(chart->y_axis);
	if (ch->money)
		chart_axis_set_num_format(line ? chart->y_axis :
		    chart->x_axis, "#,##0");
	chart_title_set_name(chart, ch->title);
	if (ch->kind != CRM_CHART_BAND)
		chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
	o.x_scale = 1.5;
	o.y_scale = ch->n > 12 && !line ? (double)ch->n / 12 : 1;
	worksheet_insert_chart_opt(k->table, 1, (lxw_col_t)ncols + 1, chart,
	    &o);
}

/* Build the workbook at path; returns the libxlsxwriter error. */
static lxw_error
build(const char *path, const char *tmpdir, struct crm_rows *rows,
    const struct crm_chart *ch, struct crm_err *e)
{
	lxw_workbook_options wo = { 0 };
	lxw_doc_properties props = { 0 };
	struct book k = { 0 };
	struct crm_time now;
	const char *sheet = _("chart");
	size_t ncols;

	wo.tmpdir = (char *)tmpdir;
	if ((k.wb = workbook_new_opt(path, &wo)) == NULL)
		return LXW_ERROR_CREATING_XLSX_FILE;
	crm_now(&now);
	props.title = (char *)ch->title;
	props.created = (time_t)now.day * 86400 + now.sec;
	workbook_set_properties(k.wb, &props);
	k.bold = workbook_add_format(k.wb);
	format_set_bold(k.bold);
	k.money = workbook_add_format(k.wb);
	format_set_num_format(k.money, "#,##0.00");
	k.table = workbook_add_worksheet(k.wb, _("report"));
	k.points = workbook_add_worksheet(k.wb, sheet);
	if (put_table(&k, rows, e) < 0) {
		free(k.widths);
		workbook_close(k.wb);
		return LXW_ERROR_CREATING_XLSX_FILE;
	}
	put_points(&k, ch);
	crm_rows_cols(rows, &ncols);
	if (ch->n > 0)
		put_chart(&k, ch, sheet, ncols);
	free(k.widths);
	return workbook_close(k.wb);
}

/* Copy the file at from into fd. */
static int
copy_into(int fd, const char *from, const char *name, struct crm_err *e)
{
	char buf[65536];
	int in = open(from, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	ssize_t n;

	if (in < 0)
		return crm_err_set(e, CRM_EX_IOERR, "cannot write '%s': %s",
		    name, strerror(errno));
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (crm_chart_file_write(fd, name, buf, (size_t)n, e) < 0) {
			close(in);
			return -1;
		}
	close(in);
	if (n < 0)
		return crm_err_set(e, CRM_EX_IOERR, "cannot write '%s': %s",
		    name, strerror(errno));
	return 0;
}

int
crm_chart_xlsx(int fd, const char *name, struct crm_rows *rows,
    const struct crm_chart *ch, struct crm_err *e)
{
	const char *t = getenv("TMPDIR");
	struct crm_buf dir = { 0 }, path = { 0 };
	lxw_error le;
	int rc = -1;

	crm_buf_addf(&dir, "%s/crm-xlsx.XXXXXX", t && *t ? t : "/tmp");
	if (mkdtemp(dir.s) == NULL) {
		crm_err_set(e, CRM_EX_CANTCREAT, "cannot create a temporary "
		    "folder in '%s': %s", t && *t ? t : "/tmp",
		    strerror(errno));
		crm_buf_free(&dir);
		return -1;
	}
	crm_buf_addf(&path, "%s/book.xlsx", dir.s);
	e->code = 0;
	le = build(path.s, dir.s, rows, ch, e);
	if (le == LXW_NO_ERROR)
		rc = copy_into(fd, path.s, name, e);
	else if (e->code == 0)
		crm_err_set(e, CRM_EX_IOERR, "cannot write '%s': %s", name,
		    lxw_strerror(le));
	unlink(path.s);
	rmdir(dir.s);
	crm_buf_free(&dir);
	crm_buf_free(&path);
	return rc;
}
