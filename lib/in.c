/* Opening an input, choosing its reader, and what the readers share:
 * the record being built and the header checks. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "in-impl.h"
#include "crm/i18n.h"
#include "crm/text.h"
#include "crm/banned.h"

int
crm_in_guess_format(const char *path)
{
	static const struct {
		const char *ext;
		enum crm_fmt fmt;
	} exts[] = {
		{ ".csv", CRM_FMT_CSV }, { ".tsv", CRM_FMT_TSV },
		{ ".tab", CRM_FMT_TSV }, { ".yaml", CRM_FMT_YAML },
		{ ".yml", CRM_FMT_YAML }, { ".json", CRM_FMT_JSON },
		{ ".jsonl", CRM_FMT_JSONL }, { ".ndjson", CRM_FMT_JSONL },
	};
	const char *dot = strrchr(path, '.');

	if (dot == NULL)
		return -1;
	for (size_t i = 0; i < sizeof(exts) / sizeof(*exts); i++)
		if (strcasecmp(dot, exts[i].ext) == 0)
			return (int)exts[i].fmt;
	return -1;
}

int
crm_in_fail(const struct crm_in *in, long line, struct crm_err *e,
    const char *fmt, ...)
{
	char msg[CRM_ERR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), crm_tr(fmt), ap);
	va_end(ap);
	return crm_err_set(e, CRM_EX_DATAERR, "%s:%ld: %s", in->src.name,
	    line, msg);
}

/* Is the whole stream valid UTF-8? Reads it to the end. */
static int
stream_is_utf8(FILE *fp)
{
	char buf[CRM_SRC_CHUNK + 4];
	size_t carry = 0, n;

	while ((n = fread(buf + carry, 1, CRM_SRC_CHUNK, fp)) > 0) {
		size_t len = carry + n, ok = crm_utf8_valid_prefix(buf, len);

		if (len - ok > 3)
			return 0;
		carry = len - ok;
		memmove(buf, buf + ok, carry);
	}
	return carry == 0;
}

/* --encoding auto: utf-8 when the whole input is; a pipe is spooled to
 * a temporary file first so that it can be read twice. */
static const char *
resolve_auto(struct crm_src *s, struct crm_err *e)
{
	struct stat st;
	int utf8;

	if (fstat(fileno(s->fp), &st) < 0 || !S_ISREG(st.st_mode)) {
		FILE *tmp = tmpfile();
		char buf[CRM_SRC_CHUNK];
		size_t n;

		if (tmp == NULL) {
			crm_err_set(e, CRM_EX_CANTCREAT, "cannot create a "
			    "temporary file: %s", strerror(errno));
			return NULL;
		}
		while ((n = fread(buf, 1, sizeof(buf), s->fp)) > 0)
			fwrite(buf, 1, n, tmp);
		if (s->own_fp)
			fclose(s->fp);
		s->fp = tmp;
		s->own_fp = 1;
	}
	rewind(s->fp);
	utf8 = stream_is_utf8(s->fp);
	rewind(s->fp);
	return utf8 ? NULL : "GB18030";
}

static int
setup_encoding(struct crm_src *s, const char *enc, struct crm_err *e)
{
	s->cd = (iconv_t)-1;
	if (enc == NULL || strcasecmp(enc, "utf-8") == 0 ||
	    strcasecmp(enc, "utf8") == 0)
		return 0;
	if (strcasecmp(enc, "auto") == 0) {
		crm_err_clear(e);
		enc = resolve_auto(s, e);
		if (enc == NULL)
			return e && e->code ? -1 : 0;
	}
	if (strcasecmp(enc, "gbk") == 0 || strcasecmp(enc, "gb2312") == 0 ||
	    strcasecmp(enc, "gb18030") == 0)
		enc = "GB18030";	/* a superset of both */
	s->encoding = enc;
	s->cd = iconv_open("UTF-8", enc);
	if (s->cd == (iconv_t)-1)
		return crm_err_set(e, CRM_EX_USAGE, "unknown encoding '%s' "
		    "(use utf-8, gbk, gb18030 or auto)", enc);
	return 0;
}

static void
in_free(struct crm_in *in)
{
	if (in->src.own_fp && in->src.fp)
		fclose(in->src.fp);
	if (in->src.cd != (iconv_t)-1)
		iconv_close(in->src.cd);
	crm_buf_free(&in->src.dec);
	free((char *)in->src.name);
	free(in);
}

struct crm_in *
crm_in_open_fp(FILE *fp, const char *name, const struct crm_in_opts *o,
    struct crm_err *e)
{
	struct crm_in *in = crm_xcalloc(1, sizeof(*in));
	int fmt = o && o->fmt >= 0 ? o->fmt : crm_in_guess_format(name);

	in->src.fp = fp;
	in->src.name = crm_xstrdup(name);
	in->src.cd = (iconv_t)-1;
	in->fmt = fmt < 0 ? CRM_FMT_CSV : (enum crm_fmt)fmt;
	if (in->fmt == CRM_FMT_TABLE) {
		crm_err_set(e, CRM_EX_USAGE, "cannot read the table format; "
		    "use csv, tsv, yaml or json");
		in_free(in);
		return NULL;
	}
	if (setup_encoding(&in->src, o ? o->encoding : NULL, e) < 0) {
		in_free(in);
		return NULL;
	}
	switch (in->fmt) {
	case CRM_FMT_TSV:
	case CRM_FMT_JSONL:
		crm_in_lines_init(in);
		break;
	case CRM_FMT_YAML:
	case CRM_FMT_JSON:
		crm_in_yaml_init(in);
		break;
	default:
		crm_in_csv_init(in);
	}
	return in;
}

/* Standard input has no name to tell its format: its first character
 * does. A csv header does not start with '[' (json), '{' (jsonl) or '-'
 * (a yaml list, or its document start), so that what export -f yaml,
 * json or jsonl writes reads back through a pipe; anything else is
 * csv. */
static int
sniff(FILE *fp)
{
	int c = getc(fp);

	if (c == EOF)
		return -1;
	ungetc(c, fp);
	return c == '[' ? CRM_FMT_JSON : c == '{' ? CRM_FMT_JSONL :
	    c == '-' ? CRM_FMT_YAML : -1;
}

struct crm_in *
crm_in_open(const char *path, const struct crm_in_opts *o, struct crm_err *e)
{
	struct crm_in_opts opts = { -1, NULL };
	struct crm_in *in;
	FILE *fp;

	if (o != NULL)
		opts = *o;
	if (strcmp(path, "-") == 0) {
		if (opts.fmt < 0)
			opts.fmt = sniff(stdin);
		return crm_in_open_fp(stdin, "-", &opts, e);
	}
	if (opts.fmt < 0)
		opts.fmt = crm_in_guess_format(path);
	fp = fopen(path, "rb");
	if (fp == NULL) {
		crm_err_set(e, errno == ENOENT ? CRM_EX_NOINPUT : CRM_EX_IOERR,
		    "cannot open '%s': %s", path, strerror(errno));
		return NULL;
	}
	in = crm_in_open_fp(fp, path, &opts, e);
	if (in == NULL) {
		fclose(fp);
		return NULL;
	}
	in->src.own_fp = 1;
	return in;
}

int
crm_in_next(struct crm_in *in, struct crm_rec *rec, struct crm_err *e)
{
	return in->ops->next(in, rec, e);
}

const char *const *
crm_in_header(struct crm_in *in, size_t *n, struct crm_err *e)
{
	*n = 0;
	if (in->fmt != CRM_FMT_CSV && in->fmt != CRM_FMT_TSV)
		return NULL;
	if (!in->header_read && in->ops->next(in, NULL, e) < 0)
		return NULL;
	*n = in->nheader;
	return (const char *const *)in->header;
}

int
crm_in_excel_shape(const struct crm_in *in)
{
	return in->fmt == CRM_FMT_CSV && in->src.had_bom && in->crlf;
}

int
crm_in_for_excel(const struct crm_in *in)
{
	return in->fmt == CRM_FMT_CSV && (crm_in_excel_shape(in) ||
	    in->src.cd != (iconv_t)-1);
}

long
crm_in_header_line(const struct crm_in *in)
{
	return in->header_read ? in->header_line : 0;
}

const char *
crm_in_name(const struct crm_in *in)
{
	return in->src.name;
}

int
crm_in_fd(const struct crm_in *in)
{
	return fileno(in->src.fp);
}

enum crm_fmt
crm_in_format(const struct crm_in *in)
{
	return in->fmt;
}

void
crm_in_close(struct crm_in *in)
{
	if (in == NULL)
		return;
	if (in->ops && in->ops->close)
		in->ops->close(in);
	for (size_t i = 0; i < in->nheader; i++)
		free(in->header[i]);
	free(in->header);
	crm_recbuf_free(&in->rb);
	in_free(in);
}

static int
is_blank(int c)
{
	return c == ' ' || c == '\t';
}

/* Header columns k and i have the same name: names are case-insensitive,
 * so both spellings are given when they differ. */
static int
header_twice(const struct crm_in *in, long line, size_t k, size_t i,
    struct crm_err *e)
{
	const char *a = in->header[k], *b = in->header[i];

	if (strcmp(a, b) == 0)
		return crm_in_fail(in, line, e, "column '%s' appears twice in "
		    "the header (columns %zu and %zu)", b, k + 1, i + 1);
	return crm_in_fail(in, line, e, "column '%s' appears twice in the "
	    "header (columns %zu and %zu: '%s' and '%s'; names are "
	    "case-insensitive)", b, k + 1, i + 1, a, b);
}

int
crm_in_set_header(struct crm_in *in, const struct crm_rec *row,
    struct crm_err *e)
{
	in->header = crm_xcalloc(row->n, sizeof(*in->header));
	in->header_line = row->line;
	for (size_t i = 0; i < row->n; i++) {
		const char *s = row->vals[i].type == CRM_V_TEXT ?
		    row->vals[i].s : "";
		size_t len = strlen(s);

		while (len > 0 && is_blank(s[len - 1]))
			len--;
		while (len > 0 && is_blank(*s))
			s++, len--;
		in->header[in->nheader++] = crm_xstrndup(s, len);
		if (len == 0)
			return crm_in_fail(in, row->line, e, "column %zu of "
			    "the header has no name", i + 1);
		for (size_t k = 0; k < i; k++)
			if (strcasecmp(in->header[k], in->header[i]) == 0)
				return header_twice(in, row->line, k, i, e);
	}
	in->header_read = 1;
	return 0;
}

void
crm_recbuf_reset(struct crm_recbuf *r)
{
	crm_buf_reset(&r->arena);
	r->n = 0;
}

size_t
crm_recbuf_add(struct crm_recbuf *r, const char *name, size_t nlen,
    enum crm_vtype type, const char *s, size_t len)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->name_off = crm_xrealloc(r->name_off,
		    r->cap * sizeof(size_t));
		r->val_off = crm_xrealloc(r->val_off, r->cap * sizeof(size_t));
		r->val_len = crm_xrealloc(r->val_len, r->cap * sizeof(size_t));
		r->val_items = crm_xrealloc(r->val_items,
		    r->cap * sizeof(size_t));
		r->types = crm_xrealloc(r->types,
		    r->cap * sizeof(*r->types));
		r->names = crm_xrealloc(r->names, r->cap * sizeof(char *));
		r->vals = crm_xrealloc(r->vals, r->cap * sizeof(*r->vals));
	}
	r->name_off[r->n] = (size_t)-1;
	if (name != NULL) {
		r->name_off[r->n] = r->arena.len;
		crm_buf_add(&r->arena, name, nlen);
		crm_buf_addc(&r->arena, '\0');
	}
	r->types[r->n] = type;
	r->val_off[r->n] = r->arena.len;
	r->val_len[r->n] = 0;
	r->val_items[r->n] = 0;
	if (type == CRM_V_TEXT) {
		crm_buf_add(&r->arena, s, len);
		crm_buf_addc(&r->arena, '\0');
		r->val_len[r->n] = len;
	}
	return r->n++;
}

void
crm_recbuf_add_item(struct crm_recbuf *r, size_t i, const char *s,
    size_t len)
{
	crm_buf_add(&r->arena, s, len);
	crm_buf_addc(&r->arena, '\0');
	r->val_len[i] += len + 1;
	r->val_items[i]++;
}

void
crm_recbuf_finish(struct crm_recbuf *r, const char *const *header,
    struct crm_rec *rec)
{
	for (size_t i = 0; i < r->n; i++) {
		struct crm_val *v = &r->vals[i];

		r->names[i] = r->name_off[i] == (size_t)-1 ?
		    (header ? header[i] : "") : r->arena.s + r->name_off[i];
		v->type = r->types[i];
		v->s = r->arena.s ? r->arena.s + r->val_off[i] : "";
		v->len = r->val_len[i];
		v->n = r->val_items[i];
		if (v->type == CRM_V_TEXT && v->len == 0)
			v->type = CRM_V_NULL;	/* empty is null */
		if (v->type == CRM_V_LIST && v->len > 0)
			v->len--;		/* no final separator */
		if (v->type == CRM_V_NULL)
			v->s = NULL;
	}
	rec->n = r->n;
	rec->names = r->names;
	rec->vals = r->vals;
}

void
crm_recbuf_free(struct crm_recbuf *r)
{
	crm_buf_free(&r->arena);
	free(r->name_off);
	free(r->val_off);
	free(r->val_len);
	free(r->val_items);
	free(r->types);
	free(r->names);
	free(r->vals);
	memset(r, 0, sizeof(*r));
}

const struct crm_val *
crm_rec_get(const struct crm_rec *rec, const char *name)
{
	for (size_t i = 0; i < rec->n; i++)
		if (strcmp(rec->names[i], name) == 0)
			return &rec->vals[i];
	return NULL;
}
