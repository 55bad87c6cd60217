/* Printable documents (crm/doc.h): the parts, then a writer for plain
 * text and one for an HTML page. */
#include <stdlib.h>
#include <string.h>

#include "crm/doc.h"
#include "crm/text.h"
#include "crm/banned.h"

struct pair {
	char *label, *value;
	int strong;
};

/* A table of the document, with its caption (or none). */
struct table {
	char *caption;
	struct crm_doc_col *cols;
	size_t ncols;
	char **cells;		/* ncols a row */
	size_t nrows;
};

struct crm_doc {
	char *heading, *title, *lang;
	struct pair *fields, *totals;
	size_t nfields, ntotals;
	struct table *tables;
	size_t ntables;
	char **paras;
	size_t nparas;
};

int
crm_doc_fmt_parse(const char *name, enum crm_doc_fmt *fmt)
{
	if (strcmp(name, "text") == 0)
		*fmt = CRM_DOC_TEXT;
	else if (strcmp(name, "html") == 0)
		*fmt = CRM_DOC_HTML;
	else
		return -1;
	return 0;
}

static char *
dup_or_empty(const char *s)
{
	return crm_xstrdup(s ? s : "");
}

struct crm_doc *
crm_doc_new(const char *heading, const char *title, const char *lang)
{
	struct crm_doc *d = crm_xcalloc(1, sizeof(*d));

	d->heading = dup_or_empty(heading);
	d->title = dup_or_empty(title ? title : heading);
	d->lang = dup_or_empty(lang && *lang ? lang : "en");
	/* zh_CN is zh-CN in HTML */
	for (char *p = d->lang; *p; p++)
		if (*p == '_')
			*p = '-';
	return d;
}

static void
pairs_free(struct pair *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(p[i].label);
		free(p[i].value);
	}
	free(p);
}

void
crm_doc_free(struct crm_doc *d)
{
	if (d == NULL)
		return;
	free(d->heading);
	free(d->title);
	free(d->lang);
	pairs_free(d->fields, d->nfields);
	pairs_free(d->totals, d->ntotals);
	for (size_t t = 0; t < d->ntables; t++) {
		struct table *tb = &d->tables[t];

		free(tb->caption);
		for (size_t i = 0; i < tb->ncols; i++)
			free((char *)tb->cols[i].label);
		free(tb->cols);
		for (size_t i = 0; i < tb->nrows * tb->ncols; i++)
			free(tb->cells[i]);
		free(tb->cells);
	}
	free(d->tables);
	for (size_t i = 0; i < d->nparas; i++)
		free(d->paras[i]);
	free(d->paras);
	free(d);
}

static void
pair_add(struct pair **p, size_t *n, const char *label, const char *value,
    int strong)
{
	*p = crm_xrealloc(*p, (*n + 1) * sizeof(**p));
	(*p)[*n] = (struct pair){ dup_or_empty(label), dup_or_empty(value),
		strong };
	(*n)++;
}

void
crm_doc_field(struct crm_doc *d, const char *label, const char *value)
{
	if (value != NULL && *value != '\0')
		pair_add(&d->fields, &d->nfields, label, value, 0);
}

void
crm_doc_table(struct crm_doc *d, const char *caption)
{
	d->tables = crm_xrealloc(d->tables, (d->ntables + 1) *
	    sizeof(*d->tables));
	d->tables[d->ntables++] = (struct table){ caption ?
	    crm_xstrdup(caption) : NULL, NULL, 0, NULL, 0 };
}

void
crm_doc_columns(struct crm_doc *d, const struct crm_doc_col *cols,
    size_t ncols)
{
	struct table *tb;

	if (d->ntables == 0 || d->tables[d->ntables - 1].ncols > 0)
		crm_doc_table(d, NULL);
	tb = &d->tables[d->ntables - 1];
	tb->cols = crm_xcalloc(ncols, sizeof(*tb->cols));
	for (size_t i = 0; i < ncols; i++)
		tb->cols[i] = (struct crm_doc_col){
			dup_or_empty(cols[i].label), cols[i].align };
	tb->ncols = ncols;
}

void
crm_doc_row(struct crm_doc *d, const char *const *cells)
{
	struct table *tb = &d->tables[d->ntables - 1];

	tb->cells = crm_xrealloc(tb->cells, (tb->nrows + 1) * tb->ncols *
	    sizeof(char *));
	for (size_t i = 0; i < tb->ncols; i++)
		tb->cells[tb->nrows * tb->ncols + i] = dup_or_empty(cells[i]);
	tb->nrows++;
}

void
crm_doc_total(struct crm_doc *d, const char *label, const char *value,
    int strong)
{
	pair_add(&d->totals, &d->ntotals, label, value, strong);
}

void
crm_doc_para(struct crm_doc *d, const char *text)
{
	d->paras = crm_xrealloc(d->paras, (d->nparas + 1) * sizeof(char *));
	d->paras[d->nparas++] = dup_or_empty(text);
}

/* ---- plain text ---- */

/* s with its control characters (crm_cp_is_control: C1 too) as spaces
 * (a line end kept when nl): what a cell shows, and so what its width is
 * measured on. */
static char *
clean(const char *s, int nl)
{
	struct crm_buf b = { 0 };
	size_t len = strlen(s);
	uint32_t cp;

	for (size_t i = 0, n; i < len; i += n) {
		n = (size_t)crm_utf8_decode(s + i, len - i, &cp);
		if (crm_cp_is_control(cp) && !(nl && cp == '\n'))
			crm_buf_addc(&b, ' ');
		else
			crm_buf_add(&b, s + i, n);
	}
	return crm_buf_detach(&b);
}

static void
spaces(struct crm_buf *b, size_t n)
{
	while (n-- > 0)
		crm_buf_addc(b, ' ');
}

static void
repeat(struct crm_buf *b, char c, size_t n)
{
	while (n-- > 0)
		crm_buf_addc(b, c);
}

/* s in width columns; a last left-aligned cell is not padded (no
 * trailing blanks in mail). */
static void
text_cell(struct crm_buf *b, const char *s, size_t width,
    enum crm_doc_align align, int last)
{
	char *c = clean(s, 0);
	size_t w = crm_text_width(c), pad = w < width ? width - w : 0;

	if (align == CRM_DOC_RIGHT)
		spaces(b, pad);
	crm_buf_adds(b, c);
	if (align == CRM_DOC_LEFT && !last)
		spaces(b, pad);
	free(c);
}

static size_t
text_width_of(const char *s)
{
	char *c = clean(s, 0);
	size_t w = crm_text_width(c);

	free(c);
	return w;
}

static void
text_fields(struct crm_buf *b, const struct crm_doc *d)
{
	size_t lw = 0;

	for (size_t i = 0; i < d->nfields; i++)
		if (text_width_of(d->fields[i].label) > lw)
			lw = text_width_of(d->fields[i].label);
	for (size_t i = 0; i < d->nfields; i++) {
		text_cell(b, d->fields[i].label, lw + 2, CRM_DOC_LEFT, 0);
		text_cell(b, d->fields[i].value, 0, CRM_DOC_LEFT, 1);
		crm_buf_addc(b, '\n');
	}
}

/* The table, columns two spaces apart; returns its width. */
static size_t
text_table(struct crm_buf *b, const struct table *d)
{
	size_t *w = crm_xcalloc(d->ncols, sizeof(size_t)), total = 0;

	for (size_t c = 0; c < d->ncols; c++) {
		w[c] = text_width_of(d->cols[c].label);
		for (size_t r = 0; r < d->nrows; r++) {
			size_t cw = text_width_of(d->cells[r * d->ncols + c]);

			if (cw > w[c])
				w[c] = cw;
		}
		total += w[c] + (c ? 2 : 0);
	}
	for (size_t r = 0; r <= d->nrows + 1; r++) {
		/* the header, a rule, the rows */
		if (r == 1) {
			repeat(b, '-', total);
			crm_buf_addc(b, '\n');
			continue;
		}
		for (size_t c = 0; c < d->ncols; c++) {
			const char *s = r == 0 ? d->cols[c].label :
			    d->cells[(r - 2) * d->ncols + c];

			if (c > 0)
				spaces(b, 2);
			text_cell(b, s, w[c], d->cols[c].align,
			    c + 1 == d->ncols);
		}
		crm_buf_addc(b, '\n');
	}
	repeat(b, '-', total);
	crm_buf_addc(b, '\n');
	free(w);
	return total;
}

/* The totals, their values right-aligned at the table's right edge. */
static void
text_totals(struct crm_buf *b, const struct crm_doc *d, size_t right)
{
	size_t lw = 0, vw = 0;

	for (size_t i = 0; i < d->ntotals; i++) {
		if (text_width_of(d->totals[i].label) > lw)
			lw = text_width_of(d->totals[i].label);
		if (text_width_of(d->totals[i].value) > vw)
			vw = text_width_of(d->totals[i].value);
	}
	for (size_t i = 0; i < d->ntotals; i++) {
		if (right > lw + 2 + vw)
			spaces(b, right - (lw + 2 + vw));
		text_cell(b, d->totals[i].label, lw, CRM_DOC_RIGHT, 0);
		spaces(b, 2);
		text_cell(b, d->totals[i].value, vw, CRM_DOC_RIGHT, 1);
		crm_buf_addc(b, '\n');
	}
}

static void
render_text(const struct crm_doc *d, struct crm_buf *b)
{
	char *h = clean(d->heading, 0);
	size_t right = 0;

	crm_buf_adds(b, h);
	crm_buf_addc(b, '\n');
	repeat(b, '=', crm_text_width(h));
	crm_buf_adds(b, "\n");
	free(h);
	if (d->nfields > 0) {
		crm_buf_addc(b, '\n');
		text_fields(b, d);
	}
	for (size_t t = 0; t < d->ntables; t++) {
		const struct table *tb = &d->tables[t];
		size_t w;

		if (tb->caption != NULL) {
			char *c = clean(tb->caption, 0);

			crm_buf_addf(b, "\n%s\n", c);
			free(c);
		}
		if (tb->ncols == 0)
			continue;
		crm_buf_addc(b, '\n');
		if ((w = text_table(b, tb)) > right)
			right = w;
	}
	if (d->ntotals > 0)
		text_totals(b, d, right);
	for (size_t i = 0; i < d->nparas; i++) {
		char *p = clean(d->paras[i], 1);

		crm_buf_addf(b, "\n%s\n", p);
		free(p);
	}
}

/* ---- HTML ---- */

/* s escaped for an element's text or an attribute's value; control
 * characters (a line end kept when nl) become spaces. */
static void
esc(struct crm_buf *b, const char *s, int nl)
{
	crm_text_escape_xml(b, s, nl);
}

/* A4 with its margins when printed; the table's header repeats on each
 * page and a line is never cut in two. */
static const char style[] =
	"body{font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\","
	"\"PingFang SC\",\"Microsoft YaHei\",sans-serif;font-size:11pt;"
	"color:#000;background:#fff;margin:2em auto;max-width:60em}\n"
	"h1{font-size:18pt;margin:0 0 .8em}\n"
	"h2{font-size:13pt;margin:1.4em 0 0}\n"
	"table{border-collapse:collapse}\n"
	"th,td{padding:.25em .6em;vertical-align:top}\n"
	".head th{text-align:left;font-weight:normal;color:#444}\n"
	".lines{width:100%;margin:1.2em 0 .6em}\n"
	".lines th{border-bottom:1.5pt solid #000;text-align:left}\n"
	".lines td{border-bottom:.5pt solid #999}\n"
	".lines .r{text-align:right}\n"
	".lines tr{page-break-inside:avoid}\n"
	".totals{margin-left:auto}\n"
	".totals th{text-align:right;font-weight:normal}\n"
	".totals td{text-align:right}\n"
	".totals .strong th,.totals .strong td{font-weight:bold;"
	"border-top:1pt solid #000}\n"
	".num{font-variant-numeric:tabular-nums;white-space:nowrap}\n"
	"p{white-space:pre-line;margin:1em 0 0}\n"
	"@page{size:A4;margin:15mm}\n"
	"@media print{body{margin:0;max-width:none}}\n";

static void
html_pairs(struct crm_buf *b, const struct pair *p, size_t n,
    const char *class, int num)
{
	crm_buf_addf(b, "<table class=\"%s\">\n", class);
	for (size_t i = 0; i < n; i++) {
		crm_buf_adds(b, p[i].strong ? "<tr class=\"strong\"><th>" :
		    "<tr><th>");
		esc(b, p[i].label, 0);
		crm_buf_adds(b, num ? "</th><td class=\"num\">" :
		    "</th><td>");
		esc(b, p[i].value, 0);
		crm_buf_adds(b, "</td></tr>\n");
	}
	crm_buf_adds(b, "</table>\n");
}

static void
html_table(struct crm_buf *b, const struct table *d)
{
	if (d->caption != NULL) {
		crm_buf_adds(b, "<h2>");
		esc(b, d->caption, 0);
		crm_buf_adds(b, "</h2>\n");
	}
	if (d->ncols == 0)
		return;
	crm_buf_adds(b, "<table class=\"lines\">\n<thead><tr>");
	for (size_t c = 0; c < d->ncols; c++) {
		crm_buf_adds(b, d->cols[c].align == CRM_DOC_RIGHT ?
		    "<th class=\"r\">" : "<th>");
		esc(b, d->cols[c].label, 0);
		crm_buf_adds(b, "</th>");
	}
	crm_buf_adds(b, "</tr></thead>\n<tbody>\n");
	for (size_t r = 0; r < d->nrows; r++) {
		crm_buf_adds(b, "<tr>");
		for (size_t c = 0; c < d->ncols; c++) {
			crm_buf_adds(b, d->cols[c].align == CRM_DOC_RIGHT ?
			    "<td class=\"r num\">" : "<td>");
			esc(b, d->cells[r * d->ncols + c], 0);
			crm_buf_adds(b, "</td>");
		}
		crm_buf_adds(b, "</tr>\n");
	}
	crm_buf_adds(b, "</tbody>\n</table>\n");
}

static void
render_html(const struct crm_doc *d, struct crm_buf *b)
{
	crm_buf_adds(b, "<!DOCTYPE html>\n<html lang=\"");
	esc(b, d->lang, 0);
	crm_buf_adds(b, "\">\n<head>\n<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width\">\n"
	    "<title>");
	esc(b, d->title, 0);
	crm_buf_addf(b, "</title>\n<style>\n%s</style>\n</head>\n<body>\n"
	    "<h1>", style);
	esc(b, d->heading, 0);
	crm_buf_adds(b, "</h1>\n");
	if (d->nfields > 0)
		html_pairs(b, d->fields, d->nfields, "head", 0);
	for (size_t t = 0; t < d->ntables; t++)
		html_table(b, &d->tables[t]);
	if (d->ntotals > 0)
		html_pairs(b, d->totals, d->ntotals, "totals", 1);
	for (size_t i = 0; i < d->nparas; i++) {
		crm_buf_adds(b, "<p>");
		esc(b, d->paras[i], 1);
		crm_buf_adds(b, "</p>\n");
	}
	crm_buf_adds(b, "</body>\n</html>\n");
}

void
crm_doc_render(const struct crm_doc *d, enum crm_doc_fmt fmt,
    struct crm_buf *out)
{
	if (fmt == CRM_DOC_HTML)
		render_html(d, out);
	else
		render_text(d, out);
}
