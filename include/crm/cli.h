/* CLI glue shared by every binary (design/cli.md): the common options,
 * verb tables from which --help, the completions and a meta-test all
 * derive, the id loop, choosing the output writer, reporting errors with
 * their exit code, and closing stdout. cmd/ files are a verb table and
 * one small function per verb. */
#ifndef CRM_CLI_H
#define CRM_CLI_H

#include "crm/doc.h"
#include "crm/entity.h"
#include "crm/err.h"
#include "crm/in.h"
#include "crm/out.h"
#include "crm/rows.h"
#include "crm/session.h"

#define CRM_OPT_MAX 48

struct crm_opt {
	const char *name;	/* long name, without -- */
	int has_arg;		/* 0: a flag; 1: takes a value; 2: an
				   optional value (--opt=VALUE, or --opt
				   VALUE when the verb has more positional
				   arguments than it takes) */
	const char *arg;	/* the value's name in help: "LOGIN" */
	const char *help;
	const char *values;	/* completion: "a|b|c", "@file", "@user" */
};

struct crm_ctx;

enum {
	CRM_VERB_NO_DB = 1 << 0,	/* does not open a session */
	CRM_VERB_WRITES = 1 << 1,	/* honours --dry-run */
	CRM_VERB_ANY_VERSION = 1 << 2,	/* opens older schemas (migrate) */
	CRM_VERB_SIGNED_ARGS = 1 << 3,	/* -WORD arguments are not options
					   (tag ID +vip -old) */
	CRM_VERB_EXCEL_INPUT = 1 << 4,	/* --excel is about the input,
					   whatever -f says (import) */
	CRM_VERB_DOC = 1 << 5		/* -f text and -f html print a
					   document (crm/doc.h: quote show) */
};

struct crm_verb {
	const char *name;
	int (*run)(struct crm_ctx *c);
	const char *args;	/* positional synopsis: "LOGIN" */
	const char *summary;	/* one line */
	const struct crm_opt *opts;	/* { NULL }-terminated, or NULL */
	unsigned flags;
	const struct crm_verb *sub;	/* sub-verbs ({ NULL }-terminated) */
	int min_args, max_args;	/* positional args; max -1: any */
};

struct crm_tool {
	const char *name;	/* "crm-customer" */
	const char *summary;
	const struct crm_verb *verbs;	/* { NULL }-terminated */
	const struct crm_entity *entity;	/* the generic verbs' records
						   (crm/cli-pool.h ...) */
};

struct crm_ctx {
	const char *prog;	/* "crm-customer" */
	const struct crm_entity *ent;	/* the tool's entity, or NULL */
	const char *verb_path;	/* "user add" */
	const struct crm_verb *verb;
	/* common options */
	const char *db_path;
	const char *as;
	enum crm_fmt fmt;
	int no_header, excel, quiet, dry_run;
	int fmt_set;		/* -f or CRM_FORMAT was given */
	const char *bad_env_fmt;	/* CRM_FORMAT when no writer knows it */
	enum crm_doc_fmt doc;	/* -f text or html, for a verb flagged
				   CRM_VERB_DOC */
	int doc_from_env;	/* that came from CRM_FORMAT */
	/* the verb's options, parallel to verb->opts */
	const char **vals[CRM_OPT_MAX];
	int nvals[CRM_OPT_MAX];
	int argc;		/* positional arguments */
	char **argv;
	struct crm_session s;
	int have_session;
	struct crm_report report;
	struct crm_err err;
	char *command;		/* the whole command line, for the audit */
	char **signed_argv;	/* argv rearranged for CRM_VERB_SIGNED_ARGS */
	const char *where;	/* "stdin:LINE" while a verb runs for an id
				   read from stdin (crm_ids_run): crm_fail
				   puts it before the message */
};

/* Run a tool: parse argv, dispatch to the verb, report an error, close
 * stdout. Returns the process's exit code. */
int crm_cli_main(const struct crm_tool *t, int argc, char **argv);

/* The index of the first argument that is not a common option or its
 * value (the verb, or for crm a NOUN); argc if there is none. */
int crm_cli_first_word(int argc, char **argv);
/* Move common options given before the first word to the end, where
 * getopt reads them with the verb's own: crm --db X user list. */
void crm_cli_hoist(int argc, char **argv);

/* A verb option's value (the last one given), or NULL. */
const char *crm_opt(const struct crm_ctx *c, const char *name);
/* All values of a repeatable option; *n gets their count. */
const char *const *crm_opt_all(const struct crm_ctx *c, const char *name,
    int *n);
int crm_flag(const struct crm_ctx *c, const char *name);

/* The session, opened on first use (database, acting user). NULL with
 * c->err set on failure. */
struct crm_session *crm_ctx_session(struct crm_ctx *c);
/* Report c->err on stderr; returns its exit code. */
int crm_fail(struct crm_ctx *c);
/* Set c->err and report it: for usage errors in cmd/. */
int crm_usage(struct crm_ctx *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* A summary line on stderr ("imported 9812"), unless --quiet. */
void crm_note(const struct crm_ctx *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Is stderr a terminal (for progress)? */
int crm_ctx_progress(const struct crm_ctx *c);

/* Print rows in the chosen format and close them; returns the exit
 * code (a NULL rows reports c->err). extra: CRM_OUT_* flags such as
 * CRM_OUT_VERTICAL; count (may be NULL) gets the rows printed. For a
 * query: when it finds nothing it prints the header (csv/tsv), [] (json,
 * yaml) or nothing (table). */
int crm_print_rows(struct crm_ctx *c, struct crm_rows *rows, unsigned extra,
    long *count);
/* The same for what a job did (recycle, distribute, reminders) and for
 * a single record: nothing at all on stdout when there are no rows. */
int crm_print_job(struct crm_ctx *c, struct crm_rows *rows, unsigned extra,
    long *count);
/* A writer for stdout in the chosen format. */
struct crm_out *crm_ctx_out(struct crm_ctx *c, const struct crm_col *cols,
    size_t ncols, unsigned extra);

/* For each id in args[0..n) — or, when that is the single argument
 * "-", each id read from stdin (one a line, or csv/tsv/yaml/json with an
 * `id` column, or `login` for users) — call fn. Stops at the first
 * error (returns -1). where
 * is "stdin:LINE" or "argument N" for messages. */
int crm_ids_each(struct crm_ctx *c, int n, char **args,
    int (*fn)(struct crm_ctx *c, const char *id, const char *where,
    void *arg), void *arg);

/* crm_ids_each inside one transaction of the session: every id is done,
 * or none is (design/cli.md: writes are all-or-nothing). A dry run shows
 * what all of them would change. */
int crm_ids_each_tx(struct crm_ctx *c, int n, char **args,
    int (*fn)(struct crm_ctx *c, const char *id, const char *where,
    void *arg), void *arg);

/* Does the verb act on one existing record named by its first argument
 * (synopsis ID|NAME, ID, SKU|ID|NAME ...) and write? Then "-" there
 * reads the ids from stdin, as crm_ids_each does, and crm_ids_run runs
 * the verb once for each, in one transaction: all of them or none. */
int crm_verb_each_id(const struct crm_verb *v);
int crm_ids_run(struct crm_ctx *c);

/* The options of every verb that reads records: --from and --encoding. */
#define CRM_INPUT_OPTS \
	{ "from", 1, "FMT", "input format: csv, tsv, yaml, json, jsonl " \
	    "(default: from the file name; stdin: from its first " \
	    "character, [ json, { jsonl, - yaml, else csv)", \
	    "csv|tsv|yaml|json|jsonl" }, \
	{ "encoding", 1, "ENC", "input encoding: utf-8, gbk, gb18030, auto", \
	    "utf-8|gbk|gb18030|auto" }, \
	{ "date-order", 1, "ORDER", "dates with the year last (03/01/19): " \
	    "dmy (day first) or mdy (month first)", "dmy|mdy" }
/* Fill o from --from and --encoding (64 for an unknown format); set
 * how dates with the year last read from --date-order. */
int crm_cli_input_opts(struct crm_ctx *c, struct crm_in_opts *o);

/* A whole-number option: *out gets its value, or dflt when the option
 * is not given. A value that is not a decimal integer within [min, max]
 * is a usage error (64) naming the option; returns -1 then. */
int crm_opt_num(struct crm_ctx *c, const char *name, long long min,
    long long max, long long dflt, long long *out);
/* The same rule for a positional argument or any text: what names it in
 * the message ("--limit", "run"). */
int crm_num_parse(const char *text, const char *what, long long min,
    long long max, long long *out, struct crm_err *e);

/* A yes/no option's value: 1, 0, or -1 (and c->err) if neither. */
int crm_opt_yesno(struct crm_ctx *c, const char *name, int dflt);

/* The default database path: $CRM_DB, else $XDG_DATA_HOME/crm/crm.db
 * (an absolute one), else ~/.local/share/crm/crm.db, ~ being HOME or the
 * password database's home; NULL when there is no home at all. */
const char *crm_default_db(void);

#endif
