#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "out-impl.h"
#include "crm/buf.h"
#include "crm/banned.h"

static const char *const fmt_names[] = {
	[CRM_FMT_TABLE] = "table",
	[CRM_FMT_CSV] = "csv",
	[CRM_FMT_TSV] = "tsv",
	[CRM_FMT_YAML] = "yaml",
	[CRM_FMT_JSON] = "json",
	[CRM_FMT_JSONL] = "jsonl",
};

int
crm_fmt_parse(const char *name, enum crm_fmt *fmt, struct crm_err *e)
{
	for (size_t i = 0; i < sizeof(fmt_names) / sizeof(*fmt_names); i++) {
		if (strcmp(name, fmt_names[i]) == 0) {
			*fmt = (enum crm_fmt)i;
			return 0;
		}
	}
	if (strcmp(name, "yml") == 0) {
		*fmt = CRM_FMT_YAML;
		return 0;
	}
	return crm_err_set(e, CRM_EX_USAGE, "unknown format '%s' (use table, "
	    "csv, tsv, yaml, json or jsonl)", name);
}

const char *
crm_fmt_name(enum crm_fmt fmt)
{
	return fmt_names[fmt];
}

void
crm_csv_field(FILE *fp, const char *s, size_t len)
{
	if (memchr(s, ',', len) == NULL && memchr(s, '"', len) == NULL &&
	    memchr(s, '\n', len) == NULL && memchr(s, '\r', len) == NULL) {
		fwrite(s, 1, len, fp);
		return;
	}
	putc('"', fp);
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '"')
			putc('"', fp);
		putc(s[i], fp);
	}
	putc('"', fp);
}

void
crm_json_quote(struct crm_buf *b, const char *s, size_t len)
{
	size_t plain = 0;	/* the start of characters as they are */

	crm_buf_addc(b, '"');
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x20 && c != 0x7F && c != '"' && c != '\\')
			continue;
		crm_buf_add(b, s + plain, i - plain);
		plain = i + 1;
		switch (c) {
		case '"': crm_buf_adds(b, "\\\""); break;
		case '\\': crm_buf_adds(b, "\\\\"); break;
		case '\n': crm_buf_adds(b, "\\n"); break;
		case '\r': crm_buf_adds(b, "\\r"); break;
		case '\t': crm_buf_adds(b, "\\t"); break;
		default:
			crm_buf_addf(b, "\\u%04x", c);
		}
	}
	crm_buf_add(b, s + plain, len - plain);
	crm_buf_addc(b, '"');
}

void
crm_json_string(FILE *fp, const char *s, size_t len)
{
	struct crm_buf b = { 0 };

	crm_json_quote(&b, s, len);
	fwrite(b.s, 1, b.len, fp);
	crm_buf_free(&b);
}

/* A list joined with ';' for one csv/tsv field, appended to b. */
static void
join_list(const struct crm_val *v, struct crm_buf *b)
{
	const char *p = v->s;

	for (size_t i = 0; i < v->n; i++) {
		size_t n = strlen(p);

		if (i > 0)
			crm_buf_addc(b, ';');
		crm_buf_add(b, p, n);
		p += n + 1;
	}
}

/* Does this cell need the --excel formula guard? A list's first item
 * starts at v->s, so one test serves text and lists. A phone too: Excel
 * takes +86-138-0000-2222 for a sum. Numbers crm writes (money, counts,
 * dates) stay numbers a sheet can add up, a negative one included. */
static int
formula_guarded(const struct crm_out *out, size_t col,
    const struct crm_val *v)
{
	enum crm_ckind k = out->cols[col].kind;

	return (out->flags & CRM_OUT_EXCEL) && v->len > 0 &&
	    strchr("=+-@", v->s[0]) != NULL && (k == CRM_COL_TEXT ||
	    k == CRM_COL_LIST || k == CRM_COL_PHONE);
}

static const char *
line_end(const struct crm_out *out)
{
	return out->flags & CRM_OUT_EXCEL ? "\r\n" : "\n";
}

/* A csv cell's text: the value itself, or — for a list or a guarded
 * cell — built once in b from the value, never from b itself. */
static const char *
csv_cell(const struct crm_out *out, size_t col, const struct crm_val *v,
    struct crm_buf *b, size_t *len)
{
	int guard = formula_guarded(out, col, v);

	*len = v->len;
	if (v->type != CRM_V_LIST && !guard)
		return v->s;
	crm_buf_reset(b);
	if (guard)
		crm_buf_addc(b, '\'');
	if (v->type == CRM_V_LIST)
		join_list(v, b);
	else
		crm_buf_add(b, v->s, v->len);
	*len = b->len;
	return crm_buf_str(b);
}

static int
csv_row(struct crm_out *out, const struct crm_val *vals)
{
	struct crm_buf b = { 0 };

	for (size_t i = 0; i < out->ncols; i++) {
		const char *s;
		size_t len;

		if (i > 0)
			putc(',', out->fp);
		if (vals[i].type == CRM_V_NULL)
			continue;
		s = csv_cell(out, i, &vals[i], &b, &len);
		crm_csv_field(out->fp, s, len);
	}
	fputs(line_end(out), out->fp);
	crm_buf_free(&b);
	return 0;
}

static void
tsv_field(FILE *fp, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		switch (s[i]) {
		case '\t': fputs("\\t", fp); break;
		case '\n': fputs("\\n", fp); break;
		case '\r': fputs("\\r", fp); break;
		case '\\': fputs("\\\\", fp); break;
		default: putc(s[i], fp);
		}
	}
}

static int
tsv_row(struct crm_out *out, const struct crm_val *vals)
{
	struct crm_buf b = { 0 };

	for (size_t i = 0; i < out->ncols; i++) {
		const struct crm_val *v = &vals[i];

		if (i > 0)
			putc('\t', out->fp);
		if (v->type == CRM_V_TEXT) {
			tsv_field(out->fp, v->s, v->len);
		} else if (v->type == CRM_V_LIST) {
			crm_buf_reset(&b);
			join_list(v, &b);
			tsv_field(out->fp, b.s, b.len);
		}
	}
	putc('\n', out->fp);
	crm_buf_free(&b);
	return 0;
}

static void
write_header(struct crm_out *out)
{
	struct crm_val v;

	if (out->flags & CRM_OUT_EXCEL)
		fputs("\xEF\xBB\xBF", out->fp);
	if (out->flags & CRM_OUT_NO_HEADER)
		return;
	for (size_t i = 0; i < out->ncols; i++) {
		if (i > 0)
			putc(out->fmt == CRM_FMT_TSV ? '\t' : ',', out->fp);
		v = crm_val_text(out->cols[i].name);
		if (out->fmt == CRM_FMT_TSV)
			tsv_field(out->fp, v.s, v.len);
		else
			crm_csv_field(out->fp, v.s, v.len);
	}
	fputs(out->fmt == CRM_FMT_TSV ? "\n" : line_end(out), out->fp);
}

/* A json number must look like one; anything else is written as a
 * string so that the output always parses. */
static int
json_number_ok(const char *s)
{
	const char *p = s + (*s == '-');

	if (*p < '0' || *p > '9' || (p[0] == '0' && p[1] >= '0' &&
	    p[1] <= '9'))
		return 0;
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			return 0;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return *p == '\0';
}

static void
json_value(FILE *fp, enum crm_ckind kind, const struct crm_val *v)
{
	if (v->type == CRM_V_NULL) {
		fputs("null", fp);
	} else if (v->type == CRM_V_LIST) {
		const char *p = v->s;

		putc('[', fp);
		for (size_t i = 0; i < v->n; i++) {
			size_t n = strlen(p);

			if (i > 0)
				putc(',', fp);
			crm_json_string(fp, p, n);
			p += n + 1;
		}
		putc(']', fp);
	} else if ((kind == CRM_COL_INT || kind == CRM_COL_MONEY) &&
	    json_number_ok(v->s)) {
		fputs(v->s, fp);
	} else if (kind == CRM_COL_BOOL) {
		fputs(strcmp(v->s, "0") && strcmp(v->s, "false") ? "true" :
		    "false", fp);
	} else {
		crm_json_string(fp, v->s, v->len);
	}
}

static int
json_row(struct crm_out *out, const struct crm_val *vals)
{
	if (out->fmt == CRM_FMT_JSON)
		fputs(out->rows == 0 ? "[\n" : ",\n", out->fp);
	putc('{', out->fp);
	for (size_t i = 0; i < out->ncols; i++) {
		if (i > 0)
			putc(',', out->fp);
		crm_json_string(out->fp, out->cols[i].name,
		    strlen(out->cols[i].name));
		putc(':', out->fp);
		json_value(out->fp, out->cols[i].kind, &vals[i]);
	}
	putc('}', out->fp);
	if (out->fmt == CRM_FMT_JSONL)
		putc('\n', out->fp);
	return 0;
}

static int
json_end(struct crm_out *out)
{
	if (out->fmt == CRM_FMT_JSON)
		fputs(out->rows == 0 ? "[]\n" : "\n]\n", out->fp);
	return 0;
}

static int
no_end(struct crm_out *out)
{
	(void)out;
	return 0;
}

struct crm_out *
crm_out_new(FILE *fp, enum crm_fmt fmt, const struct crm_col *cols,
    size_t ncols, unsigned flags, int width)
{
	struct crm_out *out = crm_xcalloc(1, sizeof(*out));

	out->fp = fp;
	out->fmt = fmt;
	out->cols = cols;
	out->ncols = ncols;
	out->flags = flags;
	out->width = width;
	out->end = no_end;
	switch (fmt) {
	case CRM_FMT_TABLE:
		crm_out_table_init(out);
		break;
	case CRM_FMT_CSV:
		out->row = csv_row;
		write_header(out);
		break;
	case CRM_FMT_TSV:
		out->row = tsv_row;
		write_header(out);
		break;
	case CRM_FMT_YAML:
		crm_out_yaml_init(out);
		break;
	case CRM_FMT_JSON:
	case CRM_FMT_JSONL:
		out->row = json_row;
		out->end = json_end;
		break;
	}
	return out;
}

static int
write_failed(struct crm_out *out, struct crm_err *e)
{
	int saved = errno;

	crm_err_set(e, CRM_EX_IOERR, "cannot write output: %s",
	    strerror(saved ? saved : EIO));
	errno = saved;
	(void)out;
	return -1;
}

int
crm_out_row(struct crm_out *out, const struct crm_val *vals,
    struct crm_err *e)
{
	errno = 0;
	if (out->row(out, vals) < 0 || ferror(out->fp))
		return write_failed(out, e);
	out->rows++;
	return 0;
}

int
crm_out_end(struct crm_out *out, struct crm_err *e)
{
	int rc;

	if (out == NULL)
		return 0;
	errno = 0;
	rc = out->end(out);
	if (rc == 0 && ferror(out->fp))
		rc = -1;
	if (rc < 0)
		write_failed(out, e);
	free(out);
	return rc;
}
