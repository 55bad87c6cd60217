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

/* One id a line: the first line looked like a bare id. */
static int
plain_ids(struct crm_ctx *c, struct crm_buf *line,
    int (*fn)(struct crm_ctx *, const char *, const char *, void *),
    void *arg)
{
	char *buf = NULL, where[64];
	size_t cap = 0;
	long lineno = 1;
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

static int
record_ids(struct crm_ctx *c, struct crm_buf *first,
    int (*fn)(struct crm_ctx *, const char *, const char *, void *),
    void *arg)
{
	struct replay r = { *first, 0, stdin };
	cookie_io_functions_t io = { replay_read, NULL, NULL, NULL };
	struct crm_in_opts o = { CRM_FMT_CSV, NULL };
	const char *s = first->s + strspn(first->s, " \t");
	struct crm_in *in;
	struct crm_rec rec;
	FILE *fp;
	int rc;

	if (s[0] == '[' || s[0] == '{')
		o.fmt = CRM_FMT_JSON;
	else if (s[0] == '-')
		o.fmt = CRM_FMT_YAML;
	else if (strchr(s, '\t'))
		o.fmt = CRM_FMT_TSV;
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

		snprintf(where, sizeof(where), "stdin:%ld", rec.line);
		if (v == NULL || v->type != CRM_V_TEXT) {
			rc = crm_err_set(&c->err, CRM_EX_DATAERR, "%s: no id "
			    "(the input needs an 'id' or 'login' column)",
			    where);
			break;
		}
		if ((rc = fn(c, v->s, where, arg)) != 0)
			break;
	}
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

int
crm_ids_each(struct crm_ctx *c, int n, char **args,
    int (*fn)(struct crm_ctx *, const char *, const char *, void *),
    void *arg)
{
	struct crm_buf first = { 0 };
	char *buf = NULL, where[64];
	size_t cap = 0;
	int rc = 0;

	if (!(n == 1 && strcmp(args[0], "-") == 0)) {
		for (int i = 0; i < n && rc == 0; i++) {
			snprintf(where, sizeof(where), "argument %d", i + 1);
			rc = fn(c, args[i], where, arg);
		}
		return rc;
	}
	while (getline(&buf, &cap, stdin) > 0) {
		if (strspn(buf, " \t\r\n") != strlen(buf)) {
			crm_buf_adds(&first, buf);
			break;
		}
	}
	free(buf);
	if (first.len > 0)
		rc = bare_id(first.s) ? plain_ids(c, &first, fn, arg) :
		    record_ids(c, &first, fn, arg);
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
