/* The table writer: for people, never for parsing. Rows are kept until
 * the end so that columns can be sized; cells are measured in terminal
 * columns (a Chinese character takes two), money and counts are
 * right-aligned with thousands separators, and long cells are cut with
 * "…" so that a row fits the terminal. */
#include <stdlib.h>
#include <string.h>

#include "out-impl.h"
#include "crm/column-names.h"
#include "crm/i18n.h"
#include "crm/buf.h"
#include "crm/money.h"
#include "crm/text.h"
#include "crm/banned.h"

#define MIN_COL_WIDTH 4
#define GAP 2

struct table {
	char **cells;		/* rows * ncols rendered cells */
	size_t rows, cap;
};

static char *
render_cell(enum crm_ckind kind, const struct crm_val *v)
{
	struct crm_buf b = { 0 };
	char money[CRM_MONEY_LEN];
	int64_t cents;

	if (v->type == CRM_V_NULL)
		return crm_xstrdup("");
	if (v->type == CRM_V_LIST) {
		const char *p = v->s;

		for (size_t i = 0; i < v->n; i++) {
			if (i > 0)
				crm_buf_adds(&b, ", ");
			crm_buf_adds(&b, p);
			p += strlen(p) + 1;
		}
		return crm_buf_detach(&b);
	}
	if (kind == CRM_COL_MONEY && crm_money_parse(v->s, &cents, NULL) == 0) {
		crm_money_format_grouped(cents, money);
		return crm_xstrdup(money);
	}
	if (kind == CRM_COL_BOOL)	/* for people: in their words */
		return crm_xstrdup(strcmp(v->s, "0") && strcmp(v->s, "false") ?
		    C_("value", "yes") : C_("value", "no"));
	return crm_xstrdup(v->s);
}

static int
table_row(struct crm_out *out, const struct crm_val *vals)
{
	struct table *t = out->impl;

	if (t->rows == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->cells = crm_xrealloc(t->cells,
		    t->cap * out->ncols * sizeof(*t->cells));
	}
	for (size_t i = 0; i < out->ncols; i++)
		t->cells[t->rows * out->ncols + i] =
		    render_cell(out->cols[i].kind, &vals[i]);
	t->rows++;
	return 0;
}

static int
right_aligned(enum crm_ckind kind)
{
	return kind == CRM_COL_MONEY || kind == CRM_COL_INT;
}

/* Shrink the widest columns, one column at a time, until the row fits. */
static void
fit_widths(size_t *w, size_t n, size_t width)
{
	size_t total = 0;

	for (size_t i = 0; i < n; i++)
		total += w[i] + (i > 0 ? GAP : 0);
	while (width > 0 && total > width) {
		size_t widest = 0;

		for (size_t i = 1; i < n; i++)
			if (w[i] > w[widest])
				widest = i;
		if (w[widest] <= MIN_COL_WIDTH)
			break;
		w[widest]--;
		total--;
	}
}

static void
put_cell(struct crm_buf *line, const char *s, size_t w, int right)
{
	struct crm_buf b = { 0 };
	size_t used = crm_text_fit(&b, s, w);

	if (right)
		for (size_t k = used; k < w; k++)
			crm_buf_addc(line, ' ');
	crm_buf_add(line, b.s, b.len);
	if (!right)
		for (size_t k = used; k < w; k++)
			crm_buf_addc(line, ' ');
	crm_buf_free(&b);
}

/* Print a line without its trailing blanks. */
static void
put_line(struct crm_out *out, struct crm_buf *line, int bold)
{
	while (line->len > 0 && line->s[line->len - 1] == ' ')
		line->len--;
	fprintf(out->fp, "%s%.*s%s\n", bold ? "\033[1m" : "", (int)line->len,
	    crm_buf_str(line), bold ? "\033[0m" : "");
	crm_buf_reset(line);
}

static void
put_row(struct crm_out *out, char *const *cells, const size_t *w,
    struct crm_buf *line, int bold)
{
	for (size_t i = 0; i < out->ncols; i++) {
		if (i > 0)
			crm_buf_adds(line, "  ");
		put_cell(line, cells[i], w[i],
		    right_aligned(out->cols[i].kind));
	}
	put_line(out, line, bold);
}

static void
print_grid(struct crm_out *out, struct table *t)
{
	size_t n = out->ncols, *w = crm_xcalloc(n, sizeof(*w));
	char **names = crm_xcalloc(n, sizeof(*names));
	struct crm_buf line = { 0 };

	for (size_t i = 0; i < n; i++) {
		names[i] = (char *)crm_column_word(out->cols[i].name);
		w[i] = crm_text_width(names[i]);
		for (size_t r = 0; r < t->rows; r++) {
			size_t cw = crm_text_width(t->cells[r * n + i]);

			if (cw > w[i])
				w[i] = cw;
		}
	}
	fit_widths(w, n, out->width > 0 ? (size_t)out->width : 0);
	put_row(out, names, w, &line, (out->flags & CRM_OUT_COLOR) != 0);
	for (size_t r = 0; r < t->rows; r++)
		put_row(out, &t->cells[r * n], w, &line, 0);
	crm_buf_free(&line);
	free(names);
	free(w);
}

/* One "key  value" line per non-empty field; records apart by a blank
 * line. */
static void
print_vertical(struct crm_out *out, struct table *t)
{
	size_t n = out->ncols, kw = 0;
	struct crm_buf line = { 0 };

	for (size_t i = 0; i < n; i++)
		if (crm_text_width(crm_column_word(out->cols[i].name)) > kw)
			kw = crm_text_width(crm_column_word(
			    out->cols[i].name));
	for (size_t r = 0; r < t->rows; r++) {
		if (r > 0)
			putc('\n', out->fp);
		for (size_t i = 0; i < n; i++) {
			const char *cell = t->cells[r * n + i];
			size_t room = crm_text_width(cell);

			if (cell[0] == '\0')
				continue;
			if (out->width > 0 && (size_t)out->width > kw + GAP &&
			    room > (size_t)out->width - kw - GAP)
				room = (size_t)out->width - kw - GAP;
			put_cell(&line, crm_column_word(out->cols[i].name),
			    kw, 0);
			crm_buf_adds(&line, "  ");
			put_cell(&line, cell, room, 0);
			put_line(out, &line, 0);
		}
	}
	crm_buf_free(&line);
}

static int
table_end(struct crm_out *out)
{
	struct table *t = out->impl;

	if (t->rows > 0) {
		if (out->flags & CRM_OUT_VERTICAL)
			print_vertical(out, t);
		else
			print_grid(out, t);
	}
	for (size_t i = 0; i < t->rows * out->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t);
	return 0;
}

void
crm_out_table_init(struct crm_out *out)
{
	out->impl = crm_xcalloc(1, sizeof(struct table));
	out->row = table_row;
	out->end = table_end;
}
