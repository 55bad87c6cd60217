/* Shared between the input readers; not part of the public API. */
#ifndef CRM_IN_IMPL_H
#define CRM_IN_IMPL_H

#include <iconv.h>
#include <sys/types.h>

#include "crm/buf.h"
#include "crm/in.h"

#define CRM_SRC_CHUNK (64 * 1024)

/* The byte source under every reader: valid UTF-8 with no BOM and no NUL
 * byte, decoded from the input's encoding by iconv when it has one. */
struct crm_src {
	FILE *fp;
	int own_fp;
	const char *name;
	iconv_t cd;			/* (iconv_t)-1 for utf-8 input */
	const char *encoding;		/* for messages */
	char raw[CRM_SRC_CHUNK];	/* undecoded bytes (iconv only) */
	size_t raw_len;
	struct crm_buf dec;		/* decoded, not yet handed out */
	int eof;
	int bom_checked;
	int had_bom;
	long lines;			/* newlines handed out so far */
};

/* Up to cap bytes of checked UTF-8 into buf: the count, 0 at the end,
 * -1 on error ("FILE:LINE: reason", exit 65 or 74). Never splits a
 * UTF-8 sequence. */
ssize_t crm_src_read(struct crm_src *s, char *buf, size_t cap,
    struct crm_err *e);

/* A line reader over the source, for tsv and jsonl: the next line
 * without its LF (and CR before it) in *line; 1, 0 at the end, -1. */
struct crm_lines {
	struct crm_src *src;
	char chunk[CRM_SRC_CHUNK];
	size_t len, pos;
	struct crm_buf line;
	long lineno;			/* of the line last returned */
};
int crm_lines_next(struct crm_lines *l, struct crm_err *e);

/* A record being built: strings in an arena, fixed up into names and
 * vals when complete (the arena may move while it grows). */
struct crm_recbuf {
	struct crm_buf arena;
	size_t n, cap;
	size_t *name_off;		/* (size_t)-1: name from header */
	size_t *val_off;
	size_t *val_len;
	size_t *val_items;
	enum crm_vtype *types;
	const char **names;
	struct crm_val *vals;
};
void crm_recbuf_reset(struct crm_recbuf *r);
/* Add a field; name NULL keeps a header name slot. Returns its index. */
size_t crm_recbuf_add(struct crm_recbuf *r, const char *name, size_t nlen,
    enum crm_vtype type, const char *s, size_t len);
/* Append one item to the list value of field i (the last field). */
void crm_recbuf_add_item(struct crm_recbuf *r, size_t i, const char *s,
    size_t len);
/* Fill rec from r; header gives the names when fields have none. */
void crm_recbuf_finish(struct crm_recbuf *r, const char *const *header,
    struct crm_rec *rec);
void crm_recbuf_free(struct crm_recbuf *r);

struct crm_in_ops {
	int (*next)(struct crm_in *in, struct crm_rec *rec, struct crm_err *e);
	void (*close)(struct crm_in *in);
};

struct crm_in {
	struct crm_src src;
	enum crm_fmt fmt;
	const struct crm_in_ops *ops;
	void *impl;
	char **header;			/* csv/tsv */
	size_t nheader;
	int header_read;
	long header_line;		/* the line the header is on */
	int crlf;			/* csv: its first line ends in CRLF */
	struct crm_recbuf rb;
};

void crm_in_csv_init(struct crm_in *in);
void crm_in_lines_init(struct crm_in *in);	/* tsv and jsonl */
void crm_in_yaml_init(struct crm_in *in);
/* Parse one yaml/json document held in memory into a record (jsonl). */
int crm_in_yaml_doc(struct crm_in *in, const char *text, size_t len,
    long line, struct crm_rec *rec, struct crm_err *e);

/* Check and keep a csv/tsv header row (names trimmed; blank or repeated
 * names are errors). */
int crm_in_set_header(struct crm_in *in, const struct crm_rec *row,
    struct crm_err *e);
/* "FILE:LINE: " in front of a message. */
int crm_in_fail(const struct crm_in *in, long line, struct crm_err *e,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

#endif
