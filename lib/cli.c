/* The shared CLI: options, dispatch, help, errors, stdout. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "crm/cli.h"
#include "crm/audit.h"
#include "crm/buf.h"
#include "crm/clock.h"
#include "crm/doc.h"
#include "crm/column-names.h"
#include "crm/i18n.h"
#include "crm/banned.h"

#define REPORT_LIMIT 20

static const struct crm_opt common_opts[] = {
	{ "db", 1, "PATH", N_("the database (default $CRM_DB, else "
	    "~/.local/share/crm/crm.db)"), "@file" },
	{ "as", 1, "LOGIN", N_("act as another user (admins only)"),
	    "@user" },
	{ "format", 1, "FMT", N_("table, csv, tsv, yaml, json or jsonl"),
	    "table|csv|tsv|yaml|json|jsonl" },
	{ "no-header", 0, NULL, N_("csv/tsv without the header row"), NULL },
	{ "excel", 0, NULL, N_("csv for Excel: BOM, CRLF, formulas "
	    "defused"), NULL },
	{ "quiet", 0, NULL, N_("no summaries or progress on stderr"), NULL },
	{ "dry-run", 0, NULL, N_("check and show what would change; write "
	    "nothing"), NULL },
	{ "help", 0, NULL, N_("show this help"), NULL },
	{ NULL, 0, NULL, NULL, NULL }
};
/* The help of CRM_INPUT_OPTS (crm/cli.h), word for word, for xgettext,
 * which does not expand macros: --help translates it. */
static const char *const input_opts_help[] __attribute__((unused)) = {
	N_("input format: csv, tsv, yaml, json, jsonl (default: from the "
	    "file name; stdin: from its first character, [ json, { jsonl, "
	    "- yaml, else csv)"),
	N_("input encoding: utf-8, gbk, gb18030, auto"),
	N_("dates with the year last (03/01/19): dmy (day first) or mdy "
	    "(month first)"),
};
static const char common_short[] = "d:u:f:qnh";
static mode_t user_umask;	/* the umask crm was started with */
enum { C_DB, C_AS, C_FORMAT, C_NO_HEADER, C_EXCEL, C_QUIET, C_DRY_RUN,
	C_HELP, NCOMMON };

/* The home folder: HOME, else the password database's (cron and env -i
 * may leave HOME unset, and a relative one would make the database
 * depend on the working folder); NULL when neither is absolute. */
static const char *
home_folder(void)
{
	const char *home = getenv("HOME");
	struct passwd *pw;

	if (home && *home == '/')
		return home;
	pw = getpwuid(getuid());
	return pw && pw->pw_dir && *pw->pw_dir == '/' ? pw->pw_dir : NULL;
}

const char *
crm_default_db(void)
{
	static char path[4096];
	const char *env = getenv("CRM_DB"), *xdg = getenv("XDG_DATA_HOME");
	const char *home;

	if (env && *env)
		return env;
	/* the XDG spec: a relative path is to be ignored */
	if (xdg && *xdg == '/')
		snprintf(path, sizeof(path), "%s/crm/crm.db", xdg);
	else if ((home = home_folder()) != NULL)
		snprintf(path, sizeof(path), "%s/.local/share/crm/crm.db",
		    home);
	else
		return NULL;
	return path;
}

static size_t
count_opts(const struct crm_opt *o)
{
	size_t n = 0;

	while (o && o[n].name)
		n++;
	return n;
}

static int
verb_index_of(const struct crm_ctx *c, const char *name)
{
	const struct crm_opt *o = c->verb ? c->verb->opts : NULL;

	for (size_t i = 0; o && o[i].name; i++)
		if (strcmp(o[i].name, name) == 0)
			return (int)i;
	return -1;
}

const char *
crm_opt(const struct crm_ctx *c, const char *name)
{
	int i = verb_index_of(c, name);

	return i >= 0 && c->nvals[i] > 0 ? c->vals[i][c->nvals[i] - 1] : NULL;
}

const char *const *
crm_opt_all(const struct crm_ctx *c, const char *name, int *n)
{
	int i = verb_index_of(c, name);

	*n = i >= 0 ? c->nvals[i] : 0;
	return i >= 0 ? c->vals[i] : NULL;
}

int
crm_flag(const struct crm_ctx *c, const char *name)
{
	int i = verb_index_of(c, name);

	return i >= 0 && c->nvals[i] > 0;
}

static int
date_order(struct crm_ctx *c)
{
	const char *v = crm_opt(c, "date-order");

	if (v == NULL)
		return 0;
	if (strcasecmp(v, "dmy") == 0)
		crm_date_order_set(CRM_DATE_DMY);
	else if (strcasecmp(v, "mdy") == 0)
		crm_date_order_set(CRM_DATE_MDY);
	else
		return crm_err_set(&c->err, CRM_EX_USAGE, "--date-order: '%s' "
		    "is neither dmy (day first) nor mdy (month first)", v);
	return 0;
}

int
crm_cli_input_opts(struct crm_ctx *c, struct crm_in_opts *o)
{
	enum crm_fmt f;

	o->fmt = -1;
	o->encoding = crm_opt(c, "encoding");
	if (date_order(c) < 0)
		return -1;
	if (crm_opt(c, "from") == NULL)
		return 0;
	/* the table is for people: it is no format to read */
	if (crm_fmt_parse(crm_opt(c, "from"), &f, NULL) < 0 ||
	    f == CRM_FMT_TABLE)
		return crm_err_set(&c->err, CRM_EX_USAGE, "unknown input "
		    "format '%s' (use csv, tsv, yaml, json or jsonl)",
		    crm_opt(c, "from"));
	o->fmt = (int)f;
	return 0;
}

int
crm_num_parse(const char *text, const char *what, long long min,
    long long max, long long *out, struct crm_err *e)
{
	const char *p = text;
	char *end;
	long long v;

	while (*p == ' ')
		p++;
	errno = 0;
	v = strtoll(p, &end, 10);
	if (*p == '\0' || *end != '\0' || errno == ERANGE ||
	    !(*p == '-' || (*p >= '0' && *p <= '9')))
		return crm_err_set(e, CRM_EX_USAGE, "%s: '%s' is not a whole "
		    "number", what, text);
	if (v < min || v > max) {
		if (max == LLONG_MAX)
			return crm_err_set(e, CRM_EX_USAGE, "%s: '%s' is out of "
			    "range (at least %lld)", what, text, min);
		return crm_err_set(e, CRM_EX_USAGE, "%s: '%s' is out of range "
		    "(%lld to %lld)", what, text, min, max);
	}
	*out = v;
	return 0;
}

int
crm_opt_num(struct crm_ctx *c, const char *name, long long min,
    long long max, long long dflt, long long *out)
{
	const char *v = crm_opt(c, name);
	char what[64];

	*out = dflt;
	if (v == NULL)
		return 0;
	snprintf(what, sizeof(what), "--%s", name);
	return crm_num_parse(v, what, min, max, out, &c->err);
}

int
crm_opt_yesno(struct crm_ctx *c, const char *name, int dflt)
{
	const char *v = crm_opt(c, name);

	if (v == NULL)
		return dflt;
	if (!strcasecmp(v, "yes") || !strcasecmp(v, "true") || !strcmp(v, "1"))
		return 1;
	if (!strcasecmp(v, "no") || !strcasecmp(v, "false") || !strcmp(v, "0"))
		return 0;
	crm_err_set(&c->err, CRM_EX_USAGE, "--%s: '%s' is not yes or no", name,
	    v);
	return -1;
}

int
crm_fail(struct crm_ctx *c)
{
	int code = c->err.code ? c->err.code : CRM_EX_SOFTWARE;

	if (c->where != NULL)
		crm_err_prefix(&c->err, "%s", c->where);
	if (c->report.count > REPORT_LIMIT)
		fprintf(stderr, _("%s: ... and %ld more\n"), c->prog,
		    c->report.count - REPORT_LIMIT);
	fprintf(stderr, "%s: %s\n", c->prog, c->err.msg[0] ? c->err.msg :
	    _("internal error"));
	return code;
}

int
crm_usage(struct crm_ctx *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	crm_err_vset(&c->err, CRM_EX_USAGE, fmt, ap);
	va_end(ap);
	return crm_fail(c);
}

void
crm_note(const struct crm_ctx *c, const char *fmt, ...)
{
	va_list ap;

	if (c->quiet)
		return;
	fprintf(stderr, "%s: ", c->prog);
	va_start(ap, fmt);
	vfprintf(stderr, crm_tr(fmt), ap);
	va_end(ap);
	putc('\n', stderr);
}

int
crm_ctx_progress(const struct crm_ctx *c)
{
	return !c->quiet && isatty(STDERR_FILENO);
}

static void
print_report(void *arg, const char *msg)
{
	struct crm_ctx *c = arg;

	if (c->report.count <= REPORT_LIMIT)
		fprintf(stderr, "%s: %s\n", c->prog, msg);
}

/* A dry run shows the changes the command made before they are rolled
 * back: the events of its run. */
static void
show_pending(struct crm_session *s, void *arg)
{
	struct crm_ctx *c = arg;

	if (s->run == 0) {
		crm_note(c, "dry run: nothing would change");
		return;
	}
	crm_print_rows(c, crm_log_pending(s, &c->err), 0, NULL);
	crm_note(c, "dry run: nothing was written");
}

struct crm_session *
crm_ctx_session(struct crm_ctx *c)
{
	char login[256];

	if (c->have_session)
		return &c->s;
	if (crm_os_login(login, sizeof(login), NULL, 0, &c->err) < 0)
		return NULL;
	if (crm_session_open(&c->s, c->db_path, login, c->as,
	    c->verb->flags & CRM_VERB_ANY_VERSION ? CRM_DB_ANY_VERSION : 0,
	    &c->err) < 0) {
		crm_session_close(&c->s);
		return NULL;
	}
	c->s.command = crm_xstrdup(c->command);
	c->s.dry_run = c->dry_run;
	c->s.report = &c->report;
	c->s.show_dry_run = show_pending;
	c->s.show_arg = c;
	c->have_session = 1;
	return &c->s;
}

static int
terminal_width(void)
{
	struct winsize ws;
	const char *cols = getenv("COLUMNS");

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	if (cols != NULL) {
		char *end;
		long n = strtol(cols, &end, 10);

		/* COLUMNS=abc or 80x is no width: the table is not cut */
		if (end != cols && *end == '\0' && n > 0 && n <= 10000)
			return (int)n;
	}
	return 0;
}

/* Colour only for a person at a terminal that can show it: not for
 * TERM=dumb or no TERM, nor when NO_COLOR is set to anything but empty
 * (no-color.org). */
static int
want_color(int tty, const char *term, const char *no_color)
{
	return tty && term != NULL && *term != '\0' &&
	    strcmp(term, "dumb") != 0 && (no_color == NULL || *no_color == '\0');
}

struct crm_out *
crm_ctx_out(struct crm_ctx *c, const struct crm_col *cols, size_t ncols,
    unsigned extra)
{
	unsigned flags = extra;
	int tty = isatty(STDOUT_FILENO);

	if (c->no_header)
		flags |= CRM_OUT_NO_HEADER;
	if (c->excel)
		flags |= CRM_OUT_EXCEL;
	if (c->fmt == CRM_FMT_TABLE && want_color(tty, getenv("TERM"),
	    getenv("NO_COLOR")))
		flags |= CRM_OUT_COLOR;
	return crm_out_new(stdout, c->fmt, cols, ncols, flags,
	    tty ? terminal_width() : 0);
}

/* The one rule for empty results (design/cli.md, crm(7)): a query
 * prints its header, [] or nothing (table) when it finds nothing; a job
 * prints nothing at all, so that cron mails only what matters. The
 * writer starts at the first row, so a job that found nothing, or a show
 * of a record the user may not see, writes not a byte. */
static int
print_rows(struct crm_ctx *c, struct crm_rows *rows, unsigned extra,
    long *count, int quiet_if_empty)
{
	const struct crm_val *vals;
	const struct crm_col *cols;
	struct crm_out *out = NULL;
	size_t n;
	int rc;

	if (count)
		*count = 0;
	if (rows == NULL)
		return crm_fail(c);
	cols = crm_rows_cols(rows, &n);
	if (!quiet_if_empty)
		out = crm_ctx_out(c, cols, n, extra);
	while ((rc = crm_rows_next(rows, &vals, &c->err)) == 1) {
		if (out == NULL)
			out = crm_ctx_out(c, cols, n, extra);
		if (crm_out_row(out, vals, &c->err) < 0) {
			rc = -1;
			break;
		}
		if (count)
			(*count)++;
	}
	if (crm_out_end(out, rc < 0 ? NULL : &c->err) < 0)
		rc = -1;
	crm_rows_close(rows);
	return rc < 0 ? crm_fail(c) : 0;
}

int
crm_print_rows(struct crm_ctx *c, struct crm_rows *rows, unsigned extra,
    long *count)
{
	return print_rows(c, rows, extra, count, 0);
}

int
crm_print_job(struct crm_ctx *c, struct crm_rows *rows, unsigned extra,
    long *count)
{
	return print_rows(c, rows, extra, count, 1);
}

/* The command line as one string, quoted where a word needs it. */
static char *
join_command(const char *prog, int argc, char **argv)
{
	struct crm_buf b = { 0 };

	crm_buf_adds(&b, prog);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		crm_buf_addc(&b, ' ');
		if (*a && strcspn(a, " \t\n'\"\\$`") == strlen(a)) {
			crm_buf_adds(&b, a);
			continue;
		}
		crm_buf_addc(&b, '\'');
		for (; *a; a++) {
			if (*a == '\'')
				crm_buf_adds(&b, "'\\''");
			else
				crm_buf_addc(&b, *a);
		}
		crm_buf_addc(&b, '\'');
	}
	return crm_buf_detach(&b);
}

/* Short forms of the common options, parallel to common_opts. */
static const char common_letters[NCOMMON] = { 'd', 'u', 'f', 0, 0, 'q',
	'n', 'h' };


static void
print_opts(FILE *fp, const struct crm_opt *o, int common)
{
	for (size_t i = 0; o && o[i].name; i++) {
		struct crm_buf b = { 0 };

		if (common && common_letters[i])
			crm_buf_addf(&b, "-%c, ", common_letters[i]);
		else
			crm_buf_adds(&b, "    ");
		crm_buf_addf(&b, "--%s%s%s", o[i].name, o[i].arg ? " " : "",
		    o[i].arg ? o[i].arg : "");
		fprintf(fp, "  %-26s %s\n", crm_buf_str(&b), crm_tr(o[i].help));
		crm_buf_free(&b);
	}
}

static void
verb_help(const char *prog, const char *path, const struct crm_verb *v)
{
	struct crm_buf args = { 0 };

	if (v->args != NULL) {	/* "ID|NAME|- STAGE": '-' reads ids */
		size_t n = strcspn(v->args, " ");

		crm_buf_addf(&args, "%.*s%s%s", (int)n, v->args,
		    crm_verb_each_id(v) ? "|-" : "", v->args + n);
	}
	printf(_("usage: %s %s%s%s [options]\n"), prog, path,
	    v->args ? " " : "", crm_buf_str(&args));
	crm_buf_free(&args);
	printf("\n%s\n", crm_tr(v->summary));
	if (v->sub != NULL) {
		printf("\n%s\n", _("verbs:"));
		for (const struct crm_verb *s = v->sub; s->name; s++)
			printf("  %-14s %s\n", s->name, crm_tr(s->summary));
		return;
	}
	if (v->opts && v->opts[0].name) {
		printf("\n%s\n", _("options:"));
		print_opts(stdout, v->opts, 0);
	}
	printf("\n%s\n", _("common options:"));
	print_opts(stdout, common_opts, 1);
}

static void
tool_help(const struct crm_tool *t)
{
	printf(_("usage: %s VERB [OPTIONS] [ARGS]\n"), t->name);
	printf("\n%s\n\n%s\n", crm_tr(t->summary), _("verbs:"));
	for (const struct crm_verb *v = t->verbs; v->name; v++)
		printf("  %-14s %s\n", v->name, crm_tr(v->summary));
	putchar('\n');
	printf(_("Run '%s VERB --help' for a verb's options; man %s for "
	    "more.\n"), t->name, t->name);
}

/* Machine-readable verb and option tables, for the completion generator
 * and the meta-test: "verb PATH SUMMARY" and "opt PATH --NAME ARG
 * VALUES HELP", tab-separated. */
static void
dump_verbs(const char *prefix, const struct crm_verb *verbs)
{
	for (const struct crm_verb *v = verbs; v->name; v++) {
		char path[256];

		snprintf(path, sizeof(path), "%s%s%s", prefix, *prefix ? " " :
		    "", v->name);
		printf("verb\t%s\t%s\n", path, v->summary);
		if (v->sub) {
			dump_verbs(path, v->sub);
			continue;
		}
		for (const struct crm_opt *o = v->opts; o && o->name; o++)
			printf("opt\t%s\t--%s\t%s\t%s\t%s\n", path, o->name,
			    o->arg ? o->arg : "", o->values ? o->values : "",
			    o->help);
	}
}

static void
dump_options(const struct crm_tool *t)
{
	for (size_t i = 0; common_opts[i].name; i++) {
		const struct crm_opt *o = &common_opts[i];

		printf("common\t--%s\t%s\t%s\t%s\t", o->name, o->arg ? o->arg :
		    "", o->values ? o->values : "", o->help);
		if (common_letters[i])
			printf("-%c", common_letters[i]);
		putchar('\n');
	}
	dump_verbs("", t->verbs);
}

static const struct crm_verb *
find_verb(const struct crm_verb *verbs, const char *name)
{
	for (const struct crm_verb *v = verbs; v && v->name; v++)
		if (strcmp(v->name, name) == 0)
			return v;
	return NULL;
}

static int
set_common(struct crm_ctx *c, int which, const char *arg)
{
	switch (which) {
	case C_DB: c->db_path = arg; break;
	case C_AS: c->as = arg; break;
	case C_FORMAT:
		c->bad_env_fmt = NULL;	/* -f wins over CRM_FORMAT */
		c->doc_from_env = 0;
		if (crm_doc_fmt_parse(arg, &c->doc) == 0)
			return 0;
		c->doc = CRM_DOC_NONE;
		c->fmt_set = 1;
		return crm_fmt_parse(arg, &c->fmt, &c->err);
	case C_NO_HEADER: c->no_header = 1; break;
	case C_EXCEL: c->excel = 1; break;
	case C_QUIET: c->quiet = 1; break;
	case C_DRY_RUN: c->dry_run = 1; break;
	}
	return 0;
}

/* Does this argument take the next one as its value? */
static int
takes_value(const struct crm_ctx *c, const char *a)
{
	if (a[0] == '-' && a[1] != '-')
		return a[2] == '\0' && strchr("duf", a[1]) != NULL;
	for (size_t i = 0; i < NCOMMON; i++)
		if (strcmp(a + 2, common_opts[i].name) == 0)
			return common_opts[i].has_arg == 1;
	for (const struct crm_opt *o = c->verb->opts; o && o->name; o++)
		if (strcmp(a + 2, o->name) == 0)
			return o->has_arg == 1;
	return 0;
}

/* For verbs whose arguments may start with '-' (tag ID +vip -old): the
 * options first, then "--", then the arguments in their order. Only
 * -d, -u, -f, -q, -n and -h count as short options there. A "--" of
 * the user's own is replaced by ours, so the new count is returned. */
static int
split_signed_args(struct crm_ctx *c, int argc, char **argv)
{
	char **opts = crm_xcalloc((size_t)argc + 1, sizeof(char *));
	char **args = crm_xcalloc((size_t)argc + 1, sizeof(char *));
	int no = 0, na = 0, i;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--") == 0) {
			i++;
			break;
		}
		if ((a[0] == '-' && a[1] == '-') || (a[0] == '-' &&
		    a[1] != '\0' && a[2] == '\0' && strchr("dufqnh", a[1]))) {
			opts[no++] = argv[i];
			if (takes_value(c, a) && i + 1 < argc)
				opts[no++] = argv[++i];
		} else {
			args[na++] = argv[i];
		}
	}
	while (i < argc)
		args[na++] = argv[i++];
	memcpy(argv + 1, opts, (size_t)no * sizeof(char *));
	argv[1 + no] = "--";
	memcpy(argv + 2 + no, args, (size_t)na * sizeof(char *));
	argv[2 + no + na] = NULL;
	free(opts);
	free(args);
	return 2 + no + na;
}

/* An option with an optional value given without one (--pool), and the
 * word after it, which may be its value (--pool public). */
struct maybe_value {
	int opt, nth;		/* c->vals[opt][nth] */
	const char *word;
};

/* getopt takes an optional value only as --opt=VALUE. When the verb has
 * more positional arguments than it takes, the surplus words that came
 * right after such an option are its values instead: list --pool public
 * is list --pool=public, while list --pool alone stays any pool. */
static void
take_optional_values(struct crm_ctx *c, const struct maybe_value *m,
    size_t n)
{
	for (size_t k = 0; k < n && c->verb->max_args >= 0 &&
	    c->argc > c->verb->max_args; k++) {
		int i = 0;

		while (i < c->argc && c->argv[i] != m[k].word)
			i++;
		if (i == c->argc)
			continue;
		c->vals[m[k].opt][m[k].nth] = m[k].word;
		memmove(c->argv + i, c->argv + i + 1,
		    (size_t)(c->argc - i - 1) * sizeof(char *));
		c->argc--;
	}
}

/* getopt stopped at a bad option: the message, and -1. */
static int
bad_option(struct crm_ctx *c, char **argv)
{
	const struct crm_opt *o = optopt >= 2000 ?
	    &c->verb->opts[optopt - 2000] : optopt >= 1000 ?
	    &common_opts[optopt - 1000] : NULL;

	/* a flag given a value (--all=yes) trips getopt as well */
	if (o && o->has_arg == 0)
		return crm_err_set(&c->err, CRM_EX_USAGE, "option '--%s' "
		    "takes no value", o->name);
	if (optopt >= 2000)
		return crm_err_set(&c->err, CRM_EX_USAGE, "option '--%s' needs "
		    "a value", c->verb->opts[optopt - 2000].name);
	if (optopt >= 1000 || (optopt && strchr("duf", optopt)))
		return crm_err_set(&c->err, CRM_EX_USAGE, "option '%s' needs "
		    "a value", argv[optind - 1]);
	return crm_err_set(&c->err, CRM_EX_USAGE, "unknown option '%s' (see: "
	    "%s %s --help)", argv[optind - 1], c->prog, c->verb_path);
}

static int
parse_options(struct crm_ctx *c, int argc, char **argv)
{
	size_t nverb = count_opts(c->verb->opts), n = 0, nmaybe = 0;
	struct option longs[NCOMMON + CRM_OPT_MAX + 1];
	struct maybe_value *maybe;
	int ch, help = 0;

	for (size_t i = 0; i < NCOMMON; i++, n++)
		longs[n] = (struct option){ common_opts[i].name,
		    common_opts[i].has_arg, NULL, 1000 + (int)i };
	for (size_t i = 0; i < nverb && i < CRM_OPT_MAX; i++, n++)
		longs[n] = (struct option){ c->verb->opts[i].name,
		    c->verb->opts[i].has_arg, NULL, 2000 + (int)i };
	longs[n] = (struct option){ NULL, 0, NULL, 0 };
	if (c->verb->flags & CRM_VERB_SIGNED_ARGS) {
		/* one more slot for the "--" */
		char **copy = crm_xcalloc((size_t)argc + 2, sizeof(char *));

		memcpy(copy, argv, (size_t)argc * sizeof(char *));
		argc = split_signed_args(c, argc, copy);
		c->signed_argv = copy;
		argv = copy;
	}
	opterr = 0;
	optind = 1;
	maybe = crm_xcalloc((size_t)argc + 1, sizeof(*maybe));
	while ((ch = getopt_long(argc, argv, common_short, longs,
	    NULL)) != -1) {
		const char *p = ch > 0 && ch < 256 ?
		    strchr(common_short, ch) : NULL;

		if (ch == '?' || ch == ':') {
			help = bad_option(c, argv);
			break;
		}
		if (ch >= 2000) {
			int i = ch - 2000;

			if (!optarg && c->verb->opts[i].has_arg == 2 &&
			    optind < argc && argv[optind][0] != '-')
				maybe[nmaybe++] = (struct maybe_value){ i,
				    c->nvals[i], argv[optind] };
			c->vals[i] = crm_xrealloc(c->vals[i],
			    (size_t)(c->nvals[i] + 1) * sizeof(char *));
			c->vals[i][c->nvals[i]++] = optarg ? optarg :
			    c->verb->opts[i].has_arg == 2 ? "" : "1";
			continue;
		}
		if (ch < 1000 && p != NULL)
			ch = 1000 + (int)((const char *)memchr(common_letters,
			    ch, NCOMMON) - common_letters);
		if (ch - 1000 == C_HELP)
			help = 1;
		else if (set_common(c, ch - 1000, optarg) < 0)
			help = -1;
		if (help < 0)
			break;
	}
	c->argc = argc - optind;
	c->argv = argv + optind;
	if (help >= 0)
		take_optional_values(c, maybe, nmaybe);
	free(maybe);
	return help;
}

static int
check_args(struct crm_ctx *c)
{
	const struct crm_verb *v = c->verb;

	if (c->argc < v->min_args && v->args == NULL)
		return crm_err_set(&c->err, CRM_EX_USAGE, "missing arguments "
		    "(usage: %s %s [options])", c->prog, c->verb_path);
	if (c->argc < v->min_args)
		return crm_err_set(&c->err, CRM_EX_USAGE, "missing %s (usage: "
		    "%s %s %s)", v->args, c->prog, c->verb_path, v->args);
	if (v->max_args == 0 && c->argc > 0)
		return crm_err_set(&c->err, CRM_EX_USAGE, "unexpected argument "
		    "'%s' (%s %s takes no arguments; see: %s %s --help)",
		    c->argv[v->max_args], c->prog, c->verb_path, c->prog,
		    c->verb_path);
	if (v->max_args >= 0 && c->argc > v->max_args && v->args == NULL)
		return crm_err_set(&c->err, CRM_EX_USAGE, "unexpected argument "
		    "'%s' (usage: %s %s [options])", c->argv[v->max_args],
		    c->prog, c->verb_path);
	if (v->max_args >= 0 && c->argc > v->max_args)
		return crm_err_set(&c->err, CRM_EX_USAGE, "unexpected argument "
		    "'%s' (usage: %s %s %s)", c->argv[v->max_args], c->prog,
		    c->verb_path, v->args);
	if (c->bad_env_fmt != NULL)
		return crm_err_set(&c->err, CRM_EX_USAGE, "CRM_FORMAT: unknown "
		    "format '%s' (use table, csv, tsv, yaml, json or jsonl)",
		    c->bad_env_fmt);
	/* a document format in CRM_FORMAT is for the verbs that print
	 * one; the others keep their default */
	if (c->doc != CRM_DOC_NONE && !(v->flags & CRM_VERB_DOC) &&
	    c->doc_from_env)
		c->doc = CRM_DOC_NONE;
	if (c->doc != CRM_DOC_NONE && !(v->flags & CRM_VERB_DOC))
		return crm_err_set(&c->err, CRM_EX_USAGE, "-f %s prints a "
		    "document, which '%s %s' does not make (use table, csv, "
		    "tsv, yaml, json or jsonl)", c->doc == CRM_DOC_HTML ?
		    "html" : "text", c->prog, c->verb_path);
	if (c->excel && (c->fmt != CRM_FMT_CSV || c->doc != CRM_DOC_NONE) &&
	    !(v->flags & CRM_VERB_EXCEL_INPUT))
		return crm_err_set(&c->err, CRM_EX_USAGE, "--excel is for csv "
		    "output (-f csv)");
	if (c->dry_run && !(v->flags & CRM_VERB_WRITES))
		return crm_err_set(&c->err, CRM_EX_USAGE, "'%s %s' writes "
		    "nothing: --dry-run does not apply", c->prog, c->verb_path);
	return 0;
}

/* Flush stdout: a write error is reported (74). A reader that went away
 * is not an error: SIGPIPE keeps its default action, so the process ends
 * quietly, as cat and git do, and any open transaction is rolled back. */
static int
close_stdout(const char *prog, int code)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		if (code != 0)
			return code;	/* already reported */
		fprintf(stderr, _("%s: cannot write output: %s\n"), prog,
		    strerror(errno));
		return CRM_EX_IOERR;
	}
	return code;
}

static void
ctx_free(struct crm_ctx *c)
{
	free(c->signed_argv);
	for (int i = 0; i < CRM_OPT_MAX; i++)
		free(c->vals[i]);
	if (c->have_session)
		crm_session_close(&c->s);
	free(c->command);
}

/* The default format: CRM_FORMAT, else a table on a terminal and csv
 * in a pipe. A CRM_FORMAT no writer knows is a usage error, as -f xml
 * is, unless -f overrides it (check_args). */
static void
init_format(struct crm_ctx *c)
{
	const char *env = getenv("CRM_FORMAT");

	c->fmt = isatty(STDOUT_FILENO) ? CRM_FMT_TABLE : CRM_FMT_CSV;
	if (env == NULL || *env == '\0')
		return;
	if (crm_doc_fmt_parse(env, &c->doc) == 0)
		c->doc_from_env = 1;
	else if (crm_fmt_parse(env, &c->fmt, NULL) < 0)
		c->bad_env_fmt = env;
	else
		c->fmt_set = 1;
}

/* Walk sub-verbs ("user add"), leaving argv at the chosen verb. */
static const struct crm_verb *
choose_verb(struct crm_ctx *c, const struct crm_tool *t, int *argc,
    char ***argv, char *path, size_t cap)
{
	const struct crm_verb *v = find_verb(t->verbs, (*argv)[1]);

	snprintf(path, cap, "%s", (*argv)[1]);
	while (v && v->sub && *argc > 2 && (*argv)[2][0] != '-') {
		const struct crm_verb *s = find_verb(v->sub, (*argv)[2]);

		if (s == NULL) {
			crm_err_set(&c->err, CRM_EX_USAGE, "unknown command "
			    "'%s %s' (see: %s %s --help)", path, (*argv)[2],
			    t->name, path);
			return NULL;
		}
		snprintf(path + strlen(path), cap - strlen(path), " %s",
		    s->name);
		v = s;
		(*argc)--;
		(*argv)++;
	}
	if (v == NULL)
		crm_err_set(&c->err, CRM_EX_USAGE, "unknown command '%s' (see: "
		    "%s --help)", (*argv)[1], t->name);
	return v;
}

int
crm_cli_first_word(int argc, char **argv)
{
	int i = 1;

	while (i < argc && argv[i][0] == '-' && argv[i][1] != '\0') {
		const char *a = argv[i];
		int takes = 0;

		if (strcmp(a, "--") == 0)
			return i + 1 < argc ? i + 1 : argc;
		if (a[1] != '-') {
			takes = strchr("duf", a[1]) != NULL && a[2] == '\0';
		} else {
			for (size_t k = 0; k < NCOMMON; k++) {
				size_t n = strlen(common_opts[k].name);

				if (strncmp(a + 2, common_opts[k].name,
				    n) == 0 && a[2 + n] == '\0')
					takes = common_opts[k].has_arg;
			}
		}
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0 ||
		    strcmp(a, "--version") == 0 ||
		    strcmp(a, "--dump-options") == 0)
			return argc;
		i += 1 + takes;
	}
	return i;
}

void
crm_cli_hoist(int argc, char **argv)
{
	int w = crm_cli_first_word(argc, argv), nopts = w - 1;
	char **opts;

	if (nopts <= 0 || w >= argc)
		return;
	opts = crm_xmalloc((size_t)nopts * sizeof(char *));
	memcpy(opts, argv + 1, (size_t)nopts * sizeof(char *));
	memmove(argv + 1, argv + w, (size_t)(argc - w) * sizeof(char *));
	memcpy(argv + 1 + (argc - w), opts, (size_t)nopts * sizeof(char *));
	free(opts);
}

static int
run_tool(struct crm_ctx *c, const struct crm_tool *t, int argc, char **argv)
{
	char path[128];
	int rc;

	crm_cli_hoist(argc, argv);
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		tool_help(t);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("%s %s\n", t->name, CRM_VERSION);
		return 0;
	}
	if (strcmp(argv[1], "--dump-options") == 0) {
		dump_options(t);
		return 0;
	}
	if ((c->verb = choose_verb(c, t, &argc, &argv, path, sizeof(path)))
	    == NULL)
		return crm_fail(c);
	c->verb_path = path;
	crm_column_where(c->prog, path);
	/* crm init makes the folders above the database: ordinary folders
	 * of the user's (~/.local/share), as their umask says */
	if (c->verb->flags & CRM_VERB_NO_DB)
		umask(user_umask);
	if ((rc = parse_options(c, argc - 1, argv + 1)) != 0) {
		if (rc < 0)
			return crm_fail(c);
		verb_help(t->name, path, c->verb);
		return 0;
	}
	if (c->verb->sub != NULL) {
		if (c->argc == 0) {
			verb_help(t->name, path, c->verb);
			return 0;
		}
		return crm_usage(c, "unknown command '%s %s' (see: %s %s "
		    "--help)", path, c->argv[0], t->name, path);
	}
	if (check_args(c) < 0)
		return crm_fail(c);
	if (c->db_path == NULL) {
		crm_err_set(&c->err, CRM_EX_CONFIG, "no database: HOME is not "
		    "set (or not a full path) and your account has no home "
		    "folder; set CRM_DB or give --db");
		return crm_fail(c);
	}
	if (c->argc > 0 && strcmp(c->argv[0], "-") == 0 &&
	    crm_verb_each_id(c->verb))
		return crm_ids_run(c);
	return c->verb->run(c);
}

int
crm_cli_main(const struct crm_tool *t, int argc, char **argv)
{
	struct crm_ctx c;
	int code;

	/* SQLite makes the -wal and -shm files with the database's mode
	 * minus the umask and mends the mode only after: under umask 022 a
	 * team's 0660 database has a 0640 -shm for a moment, and another
	 * member's write then fails. 007 keeps the group's bits; the files
	 * crm makes itself get their modes explicitly. */
	user_umask = umask(007);
	memset(&c, 0, sizeof(c));
	c.prog = t->name;
	c.ent = t->entity;
	c.report.fn = print_report;
	c.report.arg = &c;
	crm_i18n_init();
	if (crm_clock_init(&c.err) < 0)
		return crm_fail(&c);
	c.db_path = crm_default_db();
	if (getenv("CRM_USER") && *getenv("CRM_USER"))
		c.as = getenv("CRM_USER");
	init_format(&c);
	c.command = join_command(t->name, argc, argv);
	code = run_tool(&c, t, argc, argv);
	ctx_free(&c);
	return close_stdout(t->name, code);
}
