/* The csv reader: libcsv in strict mode does the parsing; this file
 * feeds it one line at a time so that every record and every error can
 * name its line, and so that memory stays bounded: a field over 1 MiB is
 * an error as soon as libcsv's buffer passes that size. */
#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "in-impl.h"
#include "crm/banned.h"

struct csv_state {
	struct csv_parser p;
	char chunk[CRM_SRC_CHUNK];
	size_t len, pos;
	long line;		/* line of the next byte fed */
	int prev_cr;		/* the last chunk ended in CR */
	int in_row;		/* a row has begun and not ended */
	long row_start;
	int row_done;
	int too_long;
	int eof;
	struct crm_in *in;
};

static int
no_space(unsigned char c)
{
	(void)c;
	return 0;	/* keep spaces: the reader is faithful */
}

static void
field(struct csv_state *st, const char *s, size_t len)
{
	if (len > CRM_IN_MAX_FIELD)
		st->too_long = 1;
	crm_recbuf_add(&st->in->rb, NULL, 0, CRM_V_TEXT, s ? s : "", len);
}

static void
on_field(void *s, size_t len, void *data)
{
	field(data, s, len);
}

static void
on_row(int c, void *data)
{
	struct csv_state *st = data;

	(void)c;
	st->row_done = 1;
	st->in_row = 0;
}

/* Where the first LF or CR of s[0..n) is, or n: by memchr, not a byte
 * at a time. */
static size_t
line_end(const char *s, size_t n)
{
	const char *lf = memchr(s, '\n', n), *cr;

	if (lf != NULL)
		n = (size_t)(lf - s);
	cr = memchr(s, '\r', n);
	return cr ? (size_t)(cr - s) : n;
}

/* The next piece to feed: up to and including one line end (LF, CRLF or
 * a bare CR, which old Mac Excel writes). Counts the line. */
static size_t
next_segment(struct csv_state *st, int *only_ends)
{
	const char *s = st->chunk + st->pos;
	size_t avail = st->len - st->pos, k;

	*only_ends = 1;
	if (st->prev_cr && s[0] == '\n') {
		st->prev_cr = 0;
		st->in->crlf |= st->line == 2;
		return 1;	/* the LF of a CRLF split across chunks */
	}
	st->prev_cr = 0;
	k = line_end(s, avail);
	if (k > 0)
		*only_ends = 0;
	if (k == avail)
		return k;
	if (s[k] == '\r' && k + 1 < avail && s[k + 1] == '\n') {
		st->in->crlf |= st->line == 1;	/* as --excel writes */
		k++;
	}
	else if (s[k] == '\r' && k + 1 == avail)
		st->prev_cr = 1;
	st->line++;
	return k + 1;
}

static int
csv_fail_quote(struct crm_in *in, struct csv_state *st, struct crm_err *e)
{
	return crm_in_fail(in, st->line, e, "malformed quotes in field %zu "
	    "(a quote inside a field must be doubled, and the field quoted)",
	    in->rb.n + 1);
}

/* A line without quotes, whole in the chunk, at the start of a row: its
 * fields are what lies between its commas, as libcsv would find them,
 * taken straight from the chunk (libcsv copies each byte into a buffer
 * of its own by a state machine; it is fed the lines with quotes, and
 * those split across chunks). 1, or 0 to feed it to libcsv. */
static int
plain_line(struct csv_state *st, const char *s, size_t seg)
{
	const char *end = s + seg, *comma;

	if ((end[-1] != '\n' && end[-1] != '\r') ||
	    memchr(s, '"', seg) != NULL)
		return 0;
	while (end > s && (end[-1] == '\n' || end[-1] == '\r'))
		end--;
	while ((comma = memchr(s, ',', (size_t)(end - s))) != NULL) {
		field(st, s, (size_t)(comma - s));
		s = comma + 1;
	}
	field(st, s, (size_t)(end - s));
	st->row_done = 1;
	return 1;
}

/* Feed input until a row is complete: 1, or 0 at the end, or -1. */
static int
read_row(struct crm_in *in, struct csv_state *st, struct crm_err *e)
{
	crm_recbuf_reset(&in->rb);
	st->row_done = 0;
	while (!st->row_done) {
		size_t seg;
		int only_ends;
		long line_before = st->line;

		if (st->pos == st->len) {
			ssize_t got;

			if (st->eof)
				return 0;
			got = crm_src_read(&in->src, st->chunk,
			    sizeof(st->chunk), e);
			if (got < 0)
				return -1;
			if (got == 0) {
				st->eof = 1;
				if (csv_fini(&st->p, on_field, on_row, st) != 0)
					return crm_in_fail(in, st->line, e,
					    "a quoted field opened on line %ld "
					    "is never closed", st->row_start);
				if (!st->row_done)
					return 0;
				break;
			}
			st->len = (size_t)got;
			st->pos = 0;
		}
		seg = next_segment(st, &only_ends);
		if (!st->in_row && !only_ends) {
			st->row_start = line_before;
			if (plain_line(st, st->chunk + st->pos, seg)) {
				st->pos += seg;
				break;
			}
			st->in_row = 1;
		}
		if (csv_parse(&st->p, st->chunk + st->pos, seg, on_field,
		    on_row, st) != seg) {
			st->line = line_before;
			return csv_fail_quote(in, st, e);
		}
		st->pos += seg;
		if (st->too_long || csv_get_buffer_size(&st->p) >
		    CRM_IN_MAX_FIELD + CRM_SRC_CHUNK)
			return crm_in_fail(in, st->row_start, e, "field %zu "
			    "is longer than 1 MiB", in->rb.n + 1);
	}
	return 1;
}

static int
csv_next(struct crm_in *in, struct crm_rec *rec, struct crm_err *e)
{
	struct csv_state *st = in->impl;
	struct crm_rec row;
	int rc;

	if (!in->header_read) {
		rc = read_row(in, st, e);
		if (rc <= 0)
			return rc < 0 ? -1 : crm_err_set(e, CRM_EX_DATAERR,
			    "%s: empty input, expected a header row",
			    in->src.name);
		crm_recbuf_finish(&in->rb, NULL, &row);
		row.line = st->row_start;
		if (crm_in_set_header(in, &row, e) < 0)
			return -1;
	}
	if (rec == NULL)
		return 1;
	rc = read_row(in, st, e);
	if (rc <= 0)
		return rc;
	if (in->rb.n != in->nheader)
		return crm_in_fail(in, st->row_start, e, "%zu field%s, but "
		    "the header has %zu", in->rb.n, in->rb.n == 1 ? "" : "s",
		    in->nheader);
	crm_recbuf_finish(&in->rb, (const char *const *)in->header, rec);
	rec->line = st->row_start;
	return 1;
}

static void
csv_close(struct crm_in *in)
{
	struct csv_state *st = in->impl;

	csv_free(&st->p);
	free(st);
}

static const struct crm_in_ops csv_ops = { csv_next, csv_close };

void
crm_in_csv_init(struct crm_in *in)
{
	struct csv_state *st = crm_xcalloc(1, sizeof(*st));

	csv_init(&st->p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
	csv_set_space_func(&st->p, no_space);
	csv_set_blk_size(&st->p, CRM_SRC_CHUNK);
	st->line = 1;
	st->in = in;
	in->impl = st;
	in->ops = &csv_ops;
}
