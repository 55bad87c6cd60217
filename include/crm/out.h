/* Output writers: table (for people), csv, tsv, yaml, json and jsonl
 * (for programs), all taking rows of struct crm_val under a fixed list
 * of columns. Formats as in design/cli.md, "Output". */
#ifndef CRM_OUT_H
#define CRM_OUT_H

#include <stdio.h>
#include "crm/err.h"
#include "crm/rec.h"

enum crm_fmt {
	CRM_FMT_TABLE,
	CRM_FMT_CSV,
	CRM_FMT_TSV,
	CRM_FMT_YAML,
	CRM_FMT_JSON,
	CRM_FMT_JSONL
};

enum {
	CRM_OUT_NO_HEADER = 1 << 0,	/* csv/tsv: no header row */
	CRM_OUT_EXCEL = 1 << 1,		/* csv: BOM, CRLF, formula guard */
	CRM_OUT_COLOR = 1 << 2,		/* table: bold header */
	CRM_OUT_VERTICAL = 1 << 3	/* table: one "key  value" line per
					   field, for a single record */
};

struct crm_out;

/* Parse a format name; returns -1 (exit 64) for an unknown one. */
int crm_fmt_parse(const char *name, enum crm_fmt *fmt, struct crm_err *e);
const char *crm_fmt_name(enum crm_fmt fmt);

/* Start writing to fp. cols (ncols of them) must outlive the writer.
 * width is the terminal width for tables (0: do not cut). */
struct crm_out *crm_out_new(FILE *fp, enum crm_fmt fmt,
    const struct crm_col *cols, size_t ncols, unsigned flags, int width);
/* Write one row of ncols values. Returns -1 (exit 74) on a write error;
 * errno is left as the write set it (EPIPE for a closed pipe). */
int crm_out_row(struct crm_out *out, const struct crm_val *vals,
    struct crm_err *e);
/* Finish (a table is printed here, json closes its array) and free. */
int crm_out_end(struct crm_out *out, struct crm_err *e);

/* Write one field in csv form: quoted only when it holds a comma, quote,
 * CR or LF; quotes doubled. Shared with everything that writes csv. */
void crm_csv_field(FILE *fp, const char *s, size_t len);
/* Write s as a json string literal. */
void crm_json_string(FILE *fp, const char *s, size_t len);
/* Append s as a json string literal to b. */
struct crm_buf;
void crm_json_quote(struct crm_buf *b, const char *s, size_t len);

#endif
