/* Input readers: csv (libcsv, strict), tsv, yaml and json (libyaml;
 * json is yaml's flow syntax) and jsonl, all yielding struct crm_rec —
 * the same records the writers take — with the line each starts on.
 * Readers are strict and bounded (design/cli.md, Input): a bad byte, a
 * stray quote, a ragged row, a field over 1 MiB, nesting over 64 levels
 * or a yaml alias ends the read with "FILE:LINE: reason" (exit 65), and
 * memory does not grow with the size of the input. */
#ifndef CRM_IN_H
#define CRM_IN_H

#include <stdio.h>
#include "crm/err.h"
#include "crm/out.h"
#include "crm/rec.h"

#define CRM_IN_MAX_FIELD (1024 * 1024)
#define CRM_IN_MAX_DEPTH 64

struct crm_in_opts {
	/* CRM_FMT_CSV, TSV, YAML, JSON or JSONL; -1 to guess from the file
	 * name's extension (stdin and unknown extensions: csv) */
	int fmt;
	/* NULL or "utf-8"; "gb18030" (alias "gbk", "gb2312"); "auto":
	 * utf-8 if the whole input is valid utf-8, else gb18030; any other
	 * name iconv knows */
	const char *encoding;
};

struct crm_in;

/* Open path ("-" for stdin). Fails with 66 for a missing file, 64 for an
 * unknown encoding. */
struct crm_in *crm_in_open(const char *path, const struct crm_in_opts *o,
    struct crm_err *e);
/* Read from an open stream; name is used in messages. The stream is not
 * closed by crm_in_close. */
struct crm_in *crm_in_open_fp(FILE *fp, const char *name,
    const struct crm_in_opts *o, struct crm_err *e);
/* Next record: 1 and *rec filled, 0 at the end, -1 on error. */
int crm_in_next(struct crm_in *in, struct crm_rec *rec, struct crm_err *e);
/* The column names of a csv/tsv header (after the first crm_in_next, or
 * the first call of this, which reads the header). NULL for yaml/json. */
const char *const *crm_in_header(struct crm_in *in, size_t *n,
    struct crm_err *e);
/* Has the input the shape of crm's --excel csv: a UTF-8 BOM, and CRLF
 * line ends (known once the header is read)? */
int crm_in_excel_shape(const struct crm_in *in);
/* Is it a csv for Excel: of that shape, or in another encoding than
 * UTF-8 (saved by Excel on Chinese Windows)? What is written back for
 * its user (the rejects) is then csv for Excel (UTF-8 with a BOM). */
int crm_in_for_excel(const struct crm_in *in);
/* The line of the csv/tsv header (once read), else 0. */
long crm_in_header_line(const struct crm_in *in);
const char *crm_in_name(const struct crm_in *in);
/* The descriptor read from (to tell the input's file from another). */
int crm_in_fd(const struct crm_in *in);
enum crm_fmt crm_in_format(const struct crm_in *in);
void crm_in_close(struct crm_in *in);

/* The format a file name suggests (.csv .tsv .tab .yaml .yml .json
 * .jsonl .ndjson), -1 if none. */
int crm_in_guess_format(const char *path);

#endif
