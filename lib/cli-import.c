/* The import verb of every entity's tool: its options read, the input
 * opened, the rejects file made safely, crm_import (crm/import.h) run,
 * the plan of a dry run printed, and the summary. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "crm/cli-import.h"
#include "crm/column-names.h"
#include "crm/buf.h"
#include "crm/i18n.h"
#include "crm/import.h"
#include "crm/outfile.h"
#include "import-impl.h"
#include "crm/banned.h"

static void
progress(void *arg, long records)
{
	const struct crm_ctx *c = arg;

	fputc('\r', stderr);
	fprintf(stderr, _("%s: import: %ld records read"), c->prog, records);
}

/* --on-duplicate, in the order of enum crm_on_dup. */
static const char *const on_dup[] = { "error", "skip", "update", "allow" };

static int
read_on_dup(struct crm_ctx *c, struct crm_import_opts *o)
{
	const char *dup = crm_opt(c, "on-duplicate");

	o->on_dup = CRM_DUP_ERROR;
	for (size_t i = 0; dup && i < sizeof(on_dup) / sizeof(*on_dup); i++) {
		if (strcmp(dup, on_dup[i]) == 0) {
			o->on_dup = (enum crm_on_dup)i;
			return 0;
		}
	}
	return dup ? crm_err_set(&c->err, CRM_EX_USAGE, "--on-duplicate: "
	    "'%s' is not error, skip, update or allow", dup) : 0;
}

const char *
crm_cli_maps(struct crm_ctx *c, struct crm_buf *maps)
{
	int n;
	const char *const *all = crm_opt_all(c, "map", &n);

	if (n <= 1)
		return crm_opt(c, "map");
	for (int i = 0; i < n; i++) {
		if (i > 0)
			crm_buf_adds(maps, ",");
		crm_buf_adds(maps, all[i]);
	}
	return crm_buf_str(maps);
}

static int
read_opts(struct crm_ctx *c, struct crm_import_opts *o,
    struct crm_in_opts *io, struct crm_buf *maps)
{
	memset(o, 0, sizeof(*o));
	if (read_on_dup(c, o) < 0)
		return -1;
	o->partial = crm_flag(c, "partial");
	if (crm_opt(c, "rejects") && !o->partial)
		return crm_err_set(&c->err, CRM_EX_USAGE, "--rejects needs "
		    "--partial");
	if (crm_flag(c, "force") && !crm_opt(c, "rejects"))
		return crm_err_set(&c->err, CRM_EX_USAGE, "--force needs "
		    "--rejects");
	o->extra = crm_flag(c, "extra");
	o->ignore_unknown = crm_flag(c, "ignore-unknown");
	if (o->extra && o->ignore_unknown)
		return crm_err_set(&c->err, CRM_EX_USAGE, "--extra and "
		    "--ignore-unknown exclude each other");
	o->map = crm_cli_maps(c, maps);
	o->historical = crm_flag(c, "historical");
	o->ignore_cap = crm_flag(c, "ignore-cap");
	o->excel = c->excel;
	c->excel = 0;	/* about the input here: the plan follows -f */
	o->dry_run = c->dry_run;
	if (crm_ctx_progress(c)) {
		o->progress = progress;
		o->progress_arg = c;
	}
	return crm_cli_input_opts(c, io);
}

/* The rejects file (crm/cli-import.h): made only once the input is
 * open, never the input itself nor one of the database's files, never
 * through a symbolic link; an existing file only with --force, and then
 * replaced by swapping a new file with it. Protected as the database is
 * (crm_outfile_protect). Without --force it is made without a name
 * (O_TMPFILE) and named just before the import commits (or at its end):
 * an import killed before leaves no file behind to refuse the next
 * run. */

static int
rejects_refuse(struct crm_err *e, const char *path, const char *why)
{
	return crm_err_set(e, CRM_EX_CANTCREAT, "cannot create the "
	    "rejects file '%s': %s", path, why);
}

/* A new file beside path, named .crm-rejects.XXXXXX (into r->tmp). */
static int
rejects_beside(struct crm_cli_rejects *r)
{
	char *copy = crm_xstrdup(r->path);
	struct crm_buf b = { 0 };

	crm_buf_addf(&b, "%s/.crm-rejects.XXXXXX", dirname(copy));
	free(copy);
	r->tmp = crm_buf_detach(&b);
	return mkostemp(r->tmp, O_CLOEXEC);
}

/* A file without a name in path's folder; where the file system has
 * none such, or no /proc names it later (rejects_name), one beside it. */
static int
rejects_unnamed(struct crm_cli_rejects *r)
{
	char *copy;
	int fd;

	if (access("/proc/self/fd", X_OK) != 0)
		return rejects_beside(r);
	copy = crm_xstrdup(r->path);
	fd = open(dirname(copy), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
	free(copy);
	if (fd < 0 && (errno == EOPNOTSUPP || errno == EISDIR ||
	    errno == EINVAL))
		return rejects_beside(r);
	return fd;
}

int
crm_cli_rejects_open(struct crm_ctx *c, struct crm_in *in,
    struct crm_cli_rejects *r)
{
	struct stat ist, st;
	const char *clash;
	int fd;

	r->named = 0;
	if (fstat(crm_in_fd(in), &ist) < 0)
		return crm_err_set(&c->err, CRM_EX_IOERR, "cannot read '%s': "
		    "%s", crm_in_name(in), strerror(errno));
	if (lstat(r->path, &st) == 0 && st.st_dev == ist.st_dev &&
	    st.st_ino == ist.st_ino)
		return rejects_refuse(&c->err, r->path, _("it is the input"));
	if ((clash = crm_outfile_clash(r->path, c->db_path)) != NULL)
		return rejects_refuse(&c->err, r->path, clash);
	r->force = crm_flag(c, "force");
	if (!r->force && lstat(r->path, &st) == 0)
		errno = EEXIST, fd = -1;
	else
		fd = r->force ? rejects_beside(r) : rejects_unnamed(r);
	if (fd < 0)
		return rejects_refuse(&c->err, r->path, errno == EEXIST ?
		    _("it exists (--force replaces it)") : strerror(errno));
	if (crm_outfile_protect(fd, c->db_path) < 0 ||
	    (r->fp = fdopen(fd, "w")) == NULL) {
		close(fd);
		if (r->tmp)
			unlink(r->tmp);
		return rejects_refuse(&c->err, r->path, strerror(errno));
	}
	return 0;
}

/* --force: the new file put at path before the import commits, so
 * that a name that cannot be replaced (another's file in a sticky
 * folder) stops the import instead of losing its rejects. The old file
 * is swapped (not removed) under tmp's name, to be put back should the
 * import fail; where the file system cannot swap, the old file goes. */
static int
rejects_replace(struct crm_cli_rejects *r, struct crm_err *e)
{
	struct stat st;
	int rc = -1;

	if (lstat(r->path, &st) == 0) {
		rc = renameat2(AT_FDCWD, r->tmp, AT_FDCWD, r->path,
		    RENAME_EXCHANGE);
		r->swapped = rc == 0;
	}
	if (rc < 0 && (errno == ENOENT || errno == EINVAL || errno == ENOSYS))
		rc = rename(r->tmp, r->path);
	if (rc < 0)
		return rejects_refuse(e, r->path, strerror(errno));
	if (!r->swapped) {
		free(r->tmp);
		r->tmp = NULL;
	}
	r->named = 1;
	return 0;
}

/* Name the file: a link that fails if a file of the name appeared
 * meanwhile, or with --force the file swapped with the old one. */
static int
rejects_name(struct crm_cli_rejects *r, struct crm_err *e)
{
	char fdpath[64];
	int rc;

	if (r->fp == NULL || r->named)
		return 0;
	if (fflush(r->fp) != 0)
		return crm_err_set(e, CRM_EX_IOERR, "cannot write '%s': %s",
		    r->path, strerror(errno));
	if (r->force)
		return rejects_replace(r, e);
	if (r->tmp) {
		rc = link(r->tmp, r->path);
		unlink(r->tmp);
		free(r->tmp);
		r->tmp = NULL;
	} else {
		snprintf(fdpath, sizeof(fdpath), "/proc/self/fd/%d",
		    fileno(r->fp));
		rc = linkat(AT_FDCWD, fdpath, AT_FDCWD, r->path,
		    AT_SYMLINK_FOLLOW);
	}
	if (rc < 0)
		return rejects_refuse(e, r->path, errno == EEXIST ?
		    _("it exists (--force replaces it)") : strerror(errno));
	r->named = 1;
	return 0;
}

int
crm_cli_rejects_close(struct crm_ctx *c, struct crm_cli_rejects *r, int ok)
{
	int rc = 0;

	if (r->fp == NULL) {
		free(r->tmp);
		return 0;
	}
	if (ok)
		rc = rejects_name(r, &c->err);
	if (fclose(r->fp) != 0 && ok && rc == 0)
		rc = crm_err_set(&c->err, CRM_EX_IOERR, "cannot write '%s': "
		    "%s", r->path, strerror(errno));
	if (rc < 0 || !ok) {
		/* the old file back over the new one */
		if (r->swapped)
			rename(r->tmp, r->path);
		else if (r->tmp)
			unlink(r->tmp);
		if (r->named && !r->swapped)
			unlink(r->path);
	} else if (r->swapped)
		unlink(r->tmp);
	free(r->tmp);
	r->tmp = NULL;
	return rc;
}

/* An import interrupted (Ctrl-C, kill, a closed terminal) before it
 * committed takes its rejects file away, as one that failed does, and
 * dies of the signal again. After the commit (the library blocks these
 * signals while it commits) the records and the rejects file are the
 * import's: a first signal is let pass, so that the file is put in
 * place and the summary said, and the exit says how the import went. */
static const char *volatile rejects_made;
static const char *volatile rejects_old;	/* --force: the file replaced */
static volatile sig_atomic_t import_committed;	/* the last import's */
static volatile sig_atomic_t import_signalled;

static void
import_on_signal(int sig)
{
	if (import_committed && !import_signalled) {
		import_signalled = sig;
		return;
	}
	if (rejects_old && !import_committed)
		rename(rejects_old, rejects_made);
	else if (rejects_made && !import_committed)
		unlink(rejects_made);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
import_guard(const struct crm_cli_rejects *r)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa;

	import_committed = 0;
	import_signalled = 0;
	rejects_made = r->tmp;	/* an unnamed file goes by itself */
	rejects_old = NULL;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = import_on_signal;
	sa.sa_flags = SA_RESTART;	/* a late signal leaves writes whole */
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(*sigs); i++)
		sigaction(sigs[i], &sa, NULL);
}

/* The rejects written, the import about to commit: the file named
 * (crm_import_opts, rejects_ready), for the signal handler too. */
static int
rejects_ready(void *arg, struct crm_err *e)
{
	struct crm_cli_rejects *r = arg;

	if (rejects_name(r, e) < 0)
		return -1;
	if (r->named)
		rejects_made = r->path;
	if (r->swapped)
		rejects_old = r->tmp;
	return 0;
}

/* The rejects file could not be put in place after the import
 * committed: say that its records are in all the same. -1. */
static int
rejects_late(struct crm_ctx *c, const struct crm_session *s)
{
	char msg[sizeof(c->err.msg)];

	if (!import_committed || s->run == 0)
		return -1;
	memcpy(msg, c->err.msg, sizeof(msg));
	return crm_err_set(&c->err, c->err.code, "%s; the records were "
	    "imported all the same (run %lld)", msg, (long long)s->run);
}

int
crm_cli_import(struct crm_ctx *c, const struct crm_entity *ent)
{
	return crm_cli_import_with(c, ent, NULL);
}

/* Can the input be read again: a file (not standard input, a pipe or a
 * fifo)? */
static int
rereadable(struct crm_in *in)
{
	struct stat st;

	return strcmp(crm_in_name(in), "-") != 0 &&
	    fstat(crm_in_fd(in), &st) == 0 && S_ISREG(st.st_mode);
}

/* A load into an empty table that met records added meanwhile (or an
 * owner deactivated) wrote nothing: the file is read again, into the
 * table that has records now (the staged way), its owners checked
 * again. An entity with options of its own (deals) keeps
 * what it made of the first reading, so it exits 75 instead. */
static int
import_again(struct crm_ctx *c, const struct crm_entity *ent,
    struct crm_in **in, const struct crm_in_opts *io,
    const struct crm_import_opts *o, struct crm_import_result *r)
{
	char *name = crm_xstrdup(crm_in_name(*in));
	int rc = -1;

	crm_note(c, "the database changed while '%s' was read: reading it "
	    "again", name);
	crm_in_close(*in);
	crm_err_clear(&c->err);
	memset(r, 0, sizeof(*r));
	if ((*in = crm_in_open(name, io, &c->err)) != NULL)
		rc = crm_import(crm_ctx_session(c), ent, *in, o, r, &c->err);
	free(name);
	return rc;
}

static int
import_run(struct crm_ctx *c, const struct crm_entity *ent, void *arg,
    struct crm_buf *maps)
{
	struct crm_session *s = crm_ctx_session(c);
	struct crm_import_opts o;
	struct crm_in_opts io;
	struct crm_import_result r = { 0 };
	char empty[256] = "";
	struct crm_cli_rejects rej = { 0 };
	struct crm_in *in;
	int rc;

	if (s == NULL || read_opts(c, &o, &io, maps) < 0)
		return crm_fail(c);
	if ((in = crm_in_open(c->argc ? c->argv[0] : "-", &io, &c->err)) ==
	    NULL)
		return crm_fail(c);
	rej.path = c->dry_run ? NULL : crm_opt(c, "rejects");
	rc = rej.path ? crm_cli_rejects_open(c, in, &rej) : 0;
	o.arg = arg;
	o.rejects = rej.fp;
	o.rejects_ready = rejects_ready;
	o.rejects_arg = &rej;
	o.committed = &import_committed;
	import_guard(&rej);
	o.rejects_fmt = rej.path && crm_in_guess_format(rej.path) >= 0 ?
	    (enum crm_fmt)crm_in_guess_format(rej.path) : CRM_FMT_CSV;
	if (rc == 0)
		rc = crm_import(s, ent, in, &o, &r, &c->err);
	if (rc < 0 && r.raced && arg == NULL && rereadable(in))
		rc = import_again(c, ent, &in, &io, &o, &r);
	crm_in_close(in);
	if (o.progress)
		fputc('\n', stderr);
	if (crm_cli_rejects_close(c, &rej, rc == 0) < 0)
		rc = rejects_late(c, s);
	rejects_made = NULL;
	rejects_old = NULL;
	if (r.planned) {
		struct crm_err why = c->err;	/* the plan's verdict */
		/* the reasons in the user's language in a table */
		int prc = crm_print_rows(c, c->fmt == CRM_FMT_TABLE ?
		    import_plan_for_people(s, ent, &c->err) :
		    crm_import_plan(s, ent, &c->err), 0, NULL);

		if (prc != 0)
			return prc;
		c->err = why;
	}
	if (rc < 0)
		return crm_fail(c);
	if (r.empty > 0)
		snprintf(empty, sizeof(empty), P_(", skipped %ld empty row",
		    ", skipped %ld empty rows", r.empty), r.empty);
	if (r.merged > 0)
		snprintf(empty + strlen(empty), sizeof(empty) - strlen(empty),
		    P_(", merged %ld into an earlier line",
		    ", merged %ld into earlier lines", r.merged), r.merged);
	if (r.left > 0)
		snprintf(empty + strlen(empty), sizeof(empty) - strlen(empty),
		    P_(", left out %ld row (not %s)",
		    ", left out %ld rows (not %s)", r.left), r.left,
		    crm_entity_words(ent));
	if (c->dry_run)
		crm_note(c, "dry run: would have imported %ld, updated %ld, "
		    "skipped %ld duplicate%s, rejected %ld%s", r.created,
		    r.updated, r.skipped, r.skipped == 1 ? "" : "s",
		    r.rejected, empty);
	else
		crm_note(c, "imported %ld, updated %ld, skipped %ld "
		    "duplicate%s, rejected %ld%s", r.created, r.updated,
		    r.skipped, r.skipped == 1 ? "" : "s", r.rejected, empty);
	if (s->run && !c->dry_run)
		crm_note(c, "run %lld (crm undo %lld takes it back)", s->run,
		    s->run);
	return r.rejected > 0 ? CRM_EX_DATAERR : 0;
}

int
crm_cli_import_committed(void)
{
	return import_committed;
}

int
crm_cli_import_with(struct crm_ctx *c, const struct crm_entity *ent,
    void *arg)
{
	struct crm_buf maps = { 0 };
	int rc = import_run(c, ent, arg, &maps);

	crm_buf_free(&maps);
	return rc;
}
