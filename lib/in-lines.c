/* Line-based readers: tsv (fields split at tabs, \t \n \r \\ unescaped,
 * quotes taken literally) and jsonl (one json object a line). */
#include <stdlib.h>
#include <string.h>

#include "in-impl.h"
#include "crm/banned.h"

static int
tsv_split(struct crm_in *in, struct crm_lines *l, struct crm_err *e)
{
	const char *s = l->line.s, *end = s + l->line.len;
	struct crm_buf field = { 0 };

	crm_recbuf_reset(&in->rb);
	for (;;) {
		const char *p = s;

		crm_buf_reset(&field);
		while (p < end && *p != '\t') {
			if (*p == '\\' && p + 1 < end) {
				char c = p[1];

				crm_buf_addc(&field, c == 't' ? '\t' :
				    c == 'n' ? '\n' : c == 'r' ? '\r' : c);
				p += 2;
			} else {
				crm_buf_addc(&field, *p++);
			}
		}
		if (field.len > CRM_IN_MAX_FIELD) {
			crm_buf_free(&field);
			return crm_in_fail(in, l->lineno, e, "field %zu is "
			    "longer than 1 MiB", in->rb.n + 1);
		}
		crm_recbuf_add(&in->rb, NULL, 0, CRM_V_TEXT,
		    crm_buf_str(&field), field.len);
		if (p >= end)
			break;
		s = p + 1;
	}
	crm_buf_free(&field);
	return 0;
}

/* The next line that is not blank: 1, 0 at the end, -1. */
static int
next_nonblank(struct crm_lines *l, struct crm_err *e)
{
	int rc;

	while ((rc = crm_lines_next(l, e)) == 1)
		if (l->line.len > 0)
			return 1;
	return rc;
}

static int
tsv_next(struct crm_in *in, struct crm_rec *rec, struct crm_err *e)
{
	struct crm_lines *l = in->impl;
	struct crm_rec row;
	int rc;

	if (!in->header_read) {
		rc = next_nonblank(l, e);
		if (rc <= 0)
			return rc < 0 ? -1 : crm_err_set(e, CRM_EX_DATAERR,
			    "%s: empty input, expected a header row",
			    in->src.name);
		if (tsv_split(in, l, e) < 0)
			return -1;
		crm_recbuf_finish(&in->rb, NULL, &row);
		row.line = l->lineno;
		if (crm_in_set_header(in, &row, e) < 0)
			return -1;
	}
	if (rec == NULL)
		return 1;
	if ((rc = next_nonblank(l, e)) <= 0)
		return rc;
	if (tsv_split(in, l, e) < 0)
		return -1;
	if (in->rb.n != in->nheader)
		return crm_in_fail(in, l->lineno, e, "%zu field%s, but the "
		    "header has %zu", in->rb.n, in->rb.n == 1 ? "" : "s",
		    in->nheader);
	crm_recbuf_finish(&in->rb, (const char *const *)in->header, rec);
	rec->line = l->lineno;
	return 1;
}

static int
jsonl_next(struct crm_in *in, struct crm_rec *rec, struct crm_err *e)
{
	struct crm_lines *l = in->impl;
	int rc;

	if ((rc = next_nonblank(l, e)) <= 0)
		return rc;
	return crm_in_yaml_doc(in, l->line.s, l->line.len, l->lineno, rec, e);
}

static void
lines_close(struct crm_in *in)
{
	struct crm_lines *l = in->impl;

	crm_buf_free(&l->line);
	free(l);
}

static const struct crm_in_ops tsv_ops = { tsv_next, lines_close };
static const struct crm_in_ops jsonl_ops = { jsonl_next, lines_close };

void
crm_in_lines_init(struct crm_in *in)
{
	struct crm_lines *l = crm_xcalloc(1, sizeof(*l));

	l->src = &in->src;
	in->impl = l;
	in->ops = in->fmt == CRM_FMT_TSV ? &tsv_ops : &jsonl_ops;
}
