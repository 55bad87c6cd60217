/* The id loop: ids from the arguments, or from stdin when the argument
 * is "-": one id a line, or records with an `id` column in any format
 * the readers know, so that `crm-customer list -f csv | crm-customer
 * assign --to li.lei -` works. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "crm/cli.h"
#include "crm/buf.h"
#include "crm/i18n.h"
#include "crm/in.h"
#include "crm/banned.h"

/* A stream that replays a line already read, then the rest of stdin. */
struct replay {
	struct crm_buf head;
	size_t pos;
	FILE *rest;
};

static ssize_t
replay_read(void *cookie, char *buf, size_t size)
{
	struct replay *r = cookie;

	if (r->pos < r->head.len) {
		size_t n = r->head.len - r->pos;

		if (n > size)
			n = size;
		memcpy(buf, r->head.s + r->pos, n);
		r->pos += n;
		return (ssize_t)n;
	}
	return (ssize_t)fread(buf, 1, size, r->rest);
}

static char *
trim(char *s)
{
	char *end;

	while (isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return s;
}

typedef int (*id_fn)(struct crm_ctx *, const char *, const char *, void *);

/* One id a line: the first line (after skip blank ones) looked like a
 * bare id. */
static int
plain_ids(struct crm_ctx *c, struct crm_buf *line, long skip, id_fn fn,
    void *arg)
{
	char *buf = NULL, where[64];
	size_t cap = 0;
	long lineno = skip + 1;
	int rc = 0;

	snprintf(where, sizeof(where), "stdin:%ld", lineno);
	rc = fn(c, trim(line->s), where, arg);
	while (rc == 0 && getline(&buf, &cap, stdin) > 0) {
		char *id = trim(buf);

		lineno++;
		if (*id == '\0')
			continue;
		snprintf(where, sizeof(where), "stdin:%ld", lineno);
		rc = fn(c, id, where, arg);
	}
	free(buf);
	return rc;
}

/* The format of records on stdin, from their first line. */
static enum crm_fmt
stdin_format(const char *first)
{
	const char *s = first + strspn(first, " \t");

	if (s[0] == '[' || s[0] == '{')
		return CRM_FMT_JSON;
	if (s[0] == '-')
		return CRM_FMT_YAML;
	return strchr(s, '\t') ? CRM_FMT_TSV : CRM_FMT_CSV;
}

/* A reader's "stdin:LINE: ..." counted lines crm put before the input
 * (a header), or blank lines it had read already: give the input's. */
static void
shift_line(struct crm_err *e, long shift)
{
	char rest[CRM_ERR_MAX];
	long line;
	int n = 0;

	if (shift == 0 || sscanf(e->msg, "stdin:%ld:%n", &line, &n) != 1 ||
	    n == 0)
		return;
	snprintf(rest, sizeof(rest), "%s", e->msg + n);
	crm_err_set(e, e->code, "stdin:%ld:%s", line + shift, rest);
}

/* Records with an id (or login) column; their first lines are in first,
 * and line numbers are shifted by shift for messages. */
static int
record_ids(struct crm_ctx *c, struct crm_buf *first, enum crm_fmt fmt,
    long shift, id_fn fn, void *arg)
{
	struct replay r = { *first, 0, stdin };
	cookie_io_functions_t io = { replay_read, NULL, NULL, NULL };
	struct crm_in_opts o = { fmt, NULL };
	struct crm_in *in;
	struct crm_rec rec;
	FILE *fp;
	int rc, ours = 0;	/* ours: the error is not the reader's */

	fp = fopencookie(&r, "r", io);
	in = fp ? crm_in_open_fp(fp, "stdin", &o, &c->err) : NULL;
	if (in == NULL) {
		if (fp)
			fclose(fp);
		return crm_fail(c);
	}
	while ((rc = crm_in_next(in, &rec, &c->err)) == 1) {
		const struct crm_val *v = crm_rec_get(&rec, "id");
		char where[64];

		if (v == NULL)	/* users are named by login */
			v = crm_rec_get(&rec, "login");

		snprintf(where, sizeof(where), "stdin:%ld", rec.line + shift);
		if (v == NULL || v->type != CRM_V_TEXT)
			rc = crm_err_set(&c->err, CRM_EX_DATAERR, "%s: no id "
			    "(the input needs an 'id' or 'login' column)",
			    where);
		else
			rc = fn(c, v->s, where, arg);
		if (rc != 0) {
			ours = 1;
			break;
		}
	}
	if (rc < 0 && !ours)
		shift_line(&c->err, shift);
	crm_in_close(in);
	fclose(fp);
	return rc < 0 ? -1 : rc;
}

/* Does the first line hold a bare id rather than a header or a record? */
static int
bare_id(const char *line)
{
	char *copy = crm_xstrdup(line), *s = trim(copy);
	int bare = strcspn(s, ",;\t\"[{") == strlen(s) &&
	    !(s[0] == '-' && (s[1] == ' ' || s[1] == '-' || s[1] == '\0')) &&
	    strcasecmp(s, "id") != 0 && strcasecmp(s, "login") != 0;

	free(copy);
	return bare;
}

#define BOM "\xef\xbb\xbf"

/* A first line whose first field is a number is a record, not a header
 * (list --no-header): csv or tsv whose first column is the id. */
static int
headless(const char *line)
{
	const char *s = line + (strncmp(line, BOM, 3) == 0 ? 3 : 0);
	size_t digits = strspn(s, "0123456789");

	return digits > 0 && (s[digits] == ',' || s[digits] == '\t');
}

/* Give a headless csv/tsv a header naming its first column id: count
 * the fields of the first record (reading on while a quoted field spans
 * lines), and put "id,_2,_3,..." before it, in its line ending. */
static void
add_header(struct crm_buf *first, enum crm_fmt fmt)
{
	struct crm_buf head = { 0 };
	char sep = fmt == CRM_FMT_TSV ? '\t' : ',', *buf = NULL;
	size_t cap = 0, fields = 1, at = 0;
	int quoted = 0;

	if (strncmp(first->s, BOM, 3) == 0)
		at = 3;
	for (;;) {
		for (; at < first->len; at++) {
			if (first->s[at] == '"' && fmt == CRM_FMT_CSV)
				quoted = !quoted;
			else if (first->s[at] == sep && !quoted)
				fields++;
		}
		if (!quoted || getline(&buf, &cap, stdin) <= 0)
			break;
		crm_buf_adds(first, buf);
	}
	free(buf);
	crm_buf_adds(&head, "id");
	for (size_t i = 2; i <= fields; i++)
		crm_buf_addf(&head, "%c_%zu", sep, i);
	crm_buf_adds(&head, strstr(first->s, "\r\n") ? "\r\n" : "\n");
	crm_buf_adds(&head, first->s + (strncmp(first->s, BOM, 3) ? 0 : 3));
	crm_buf_free(first);
	*first = head;
}

/* Ids from stdin, whose first line that is not blank is in first, after
 * skip blank lines. */
static int
stdin_ids(struct crm_ctx *c, struct crm_buf *first, long skip, id_fn fn,
    void *arg)
{
	enum crm_fmt fmt;

	if (bare_id(first->s))
		return plain_ids(c, first, skip, fn, arg);
	fmt = stdin_format(first->s);
	if ((fmt == CRM_FMT_CSV || fmt == CRM_FMT_TSV) && headless(first->s)) {
		add_header(first, fmt);
		return record_ids(c, first, fmt, skip - 1, fn, arg);
	}
	return record_ids(c, first, fmt, skip, fn, arg);
}

int
crm_ids_each(struct crm_ctx *c, int n, char **args,
    int (*fn)(struct crm_ctx *, const char *, const char *, void *),
    void *arg)
{
	struct crm_buf first = { 0 };
	char *buf = NULL, where[64];
	size_t cap = 0;
	long skip = 0;
	int rc = 0;

	if (!(n == 1 && strcmp(args[0], "-") == 0)) {
		for (int i = 0; i < n && rc == 0; i++) {
			snprintf(where, sizeof(where), _("argument %d"), i + 1);
			rc = fn(c, args[i], where, arg);
		}
		return rc;
	}
	while (getline(&buf, &cap, stdin) > 0) {
		if (strspn(buf, " \t\r\n") != strlen(buf)) {
			crm_buf_adds(&first, buf);
			break;
		}
		skip++;
	}
	free(buf);
	if (first.len > 0)
		rc = stdin_ids(c, &first, skip, fn, arg);
	crm_buf_free(&first);
	return rc;
}

int
crm_ids_each_tx(struct crm_ctx *c, int n, char **args,
    int (*fn)(struct crm_ctx *, const char *, const char *, void *),
    void *arg)
{
	struct crm_session *s = crm_ctx_session(c);
	int rc;

	if (s == NULL || crm_session_begin(s, &c->err) < 0)
		return -1;
	rc = crm_ids_each(c, n, args, fn, arg);
	return crm_session_end(s, rc == 0, &c->err) < 0 ? -1 : rc;
}

int
crm_verb_each_id(const struct crm_verb *v)
{
	char first[64];

	if (!(v->flags & CRM_VERB_WRITES) || v->args == NULL)
		return 0;
	snprintf(first, sizeof(first), "%.*s", (int)strcspn(v->args, " "),
	    v->args);
	/* "ID...": the verb reads the ids itself (crm_ids_each) */
	return strstr(first, "ID") != NULL && strstr(first, "...") == NULL;
}

/* Run the verb for one id from stdin, in place of the "-". */
static int
run_one(struct crm_ctx *c, const char *id, const char *where, void *arg)
{
	int *code = arg;
	char *dash = c->argv[0];

	c->argv[0] = (char *)id;
	c->where = where;
	*code = c->verb->run(c);
	c->where = NULL;
	c->argv[0] = dash;
	return *code == 0 ? 0 : -1;
}

int
crm_ids_run(struct crm_ctx *c)
{
	int code = 0;

	if (crm_ctx_session(c) == NULL)
		return crm_fail(c);
	if (crm_ids_each_tx(c, 1, c->argv, run_one, &code) == 0)
		return 0;
	/* the verb reported its own error; the loop's is still to say */
	return code != 0 ? code : crm_fail(c);
}
