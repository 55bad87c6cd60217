/* Import, the run: the importer made for an entity, the records read
 * and decided without the write lock (the staging tables are temporary,
 * so their writes take no lock on the database and others work on while
 * the file is read; a commit by anyone else from then on changes
 * data_version), then one write transaction that decides again if
 * someone wrote meanwhile and moves the good records in; the plan of a
 * dry run, the rejects, and the trace of an import that met records the
 * user may not see. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "import-impl.h"
#include "crm/audit.h"
#include "crm/clock.h"
#include "crm/env.h"
#include "crm/column-names.h"
#include "crm/i18n.h"
#include "crm/out.h"
#include "crm/store.h"
#include "crm/banned.h"

const char import_data_version[] = "PRAGMA data_version";
/* The table's indexes, as the schema has them. */
static const char sql_indexes[] =
	"SELECT name, sql FROM main.sqlite_master WHERE type = 'index' "
	"AND tbl_name = ?1 AND sql IS NOT NULL";
/* The cache of the import's connection while it stages, checks and
 * moves records into a table that has some: big enough for the pages of
 * the indexes that new records land all over (100 000 customers into a
 * million: 3.9 s at 32 MiB, the cache thrashing — 400 000 page reads
 * and 350 000 writes —, 2.5 s at 128 MiB). A cap, not an allocation: a
 * small database never fills it; a direct load into an empty table
 * uses import_direct_cache. */
const char import_load_cache[] = "PRAGMA cache_size = -131072";
/* A direct load appends to a table without indexes: a small cache does
 * (and keeps the memory of a big load flat) */
const char import_direct_cache[] = "PRAGMA cache_size = -8192";
static const char sql_sort_cache[] =
	"PRAGMA cache_size = -4096; PRAGMA threads = 2";
static const struct crm_col plan_cols[] = {
	{ "line", CRM_COL_INT }, { "action", CRM_COL_TEXT },
	{ "id", CRM_COL_INT }, { "reason", CRM_COL_TEXT },
};

const char *
import_en(const struct importer *im, const struct crm_buf *b,
    const struct crm_buf *en)
{
	return crm_buf_str(im->tr && b->len > 0 ? en : b);
}

void
import_english(int on)
{
	crm_i18n_use(on ? "en" : NULL);
}

/* Does the user speak another language than English? Then a reason is
 * made in theirs and, for data, in English. */
static int
not_english(void)
{
	const char *lang = crm_i18n_lang();

	return !(strncmp(lang, "en", 2) == 0 && (lang[2] == '\0' ||
	    lang[2] == '_'));
}

int
import_count(struct importer *im, struct crm_import_result *r, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(im->s->db, im->q->counts, e);

	if (st == NULL || crm_db_row(im->s->db, st, e) != 1)
		return -1;
	r->records = im->records;
	r->created = sqlite3_column_int64(st, 0) + im->loaded;
	r->updated = sqlite3_column_int64(st, 1);
	r->skipped = sqlite3_column_int64(st, 2);
	r->rejected = sqlite3_column_int64(st, 3);
	r->merged = sqlite3_column_int64(st, 4);
	sqlite3_reset(st);
	return 0;
}

/* One rejected record: its raw values (\x1f-separated, in the order of
 * the input's columns), line and reason. */
static int
reject_row(struct importer *im, sqlite3_stmt *st, struct crm_out *out,
    struct crm_val *vals, struct crm_err *e)
{
	size_t n = im->nreject_cols + 2;
	char *raw = crm_xstrdup(crm_db_col_text(st, 2) ?
	    crm_db_col_text(st, 2) : ""), *p = raw;
	char line[32];
	int rc;

	for (size_t i = 0; i < im->nreject_cols; i++) {
		char *sep = p ? strchr(p, '\x1f') : NULL;

		if (sep)
			*sep = '\0';
		vals[i] = crm_val_text(p);
		p = sep ? sep + 1 : NULL;
	}
	snprintf(line, sizeof(line), "%lld",
	    (long long)sqlite3_column_int64(st, 0));
	vals[n - 2] = crm_val_text(line);
	vals[n - 1] = crm_val_text(crm_db_col_text(st, 1));
	rc = crm_out_row(out, vals, e);
	free(raw);
	return rc;
}

/* The rejected records, with the input's columns, line and reason,
 * through the writer of o->rejects_fmt. */
static int
write_rejects(struct importer *im, FILE *fp, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(im->s->db, im->q->rejects, e);
	size_t n = im->nreject_cols + 2;
	struct crm_col *cols;
	struct crm_val *vals;
	struct crm_out *out;
	int rc;

	if (st == NULL)
		return -1;
	cols = crm_xcalloc(n, sizeof(*cols));
	vals = crm_xcalloc(n, sizeof(*vals));
	for (size_t i = 0; i < im->nreject_cols; i++)
		cols[i] = (struct crm_col){ im->reject_cols[i], CRM_COL_TEXT };
	cols[n - 2] = (struct crm_col){ "line", CRM_COL_INT };
	cols[n - 1] = (struct crm_col){ "reason", CRM_COL_TEXT };
	out = crm_out_new(fp, im->o->rejects_fmt, cols, n,
	    im->o->rejects_fmt == CRM_FMT_CSV && crm_in_for_excel(im->in) ?
	    CRM_OUT_EXCEL : 0, 0);
	while ((rc = crm_db_row(im->s->db, st, e)) == 1) {
		if ((rc = reject_row(im, st, out, vals, e)) < 0) {
			sqlite3_reset(st);
			break;
		}
	}
	if (crm_out_end(out, rc < 0 ? NULL : e) < 0)
		rc = -1;
	free(cols);
	free(vals);
	return rc < 0 ? -1 : 0;
}

/* The commit, with the signals that end a command held back while it
 * runs when the caller wants to know that it committed: a handler that
 * runs then sees it done or not done, not half way (lib/cli-import.c
 * keeps the rejects file of an import that committed). */
static int
commit_blocked(struct importer *im, struct crm_err *e)
{
	sigset_t block, old;
	int rc;

	if (im->o->committed == NULL)
		return crm_db_commit(im->s->db, e);
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &block, &old);
	rc = crm_db_commit(im->s->db, e);
	if (rc == 0)
		*im->o->committed = 1;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return rc;
}

/* The rejects written, before the commit that makes the import's
 * records the database's: a rejects file that cannot be written leaves
 * the database as it was. Then the commit. */
int
import_commit(struct importer *im, const struct crm_import_result *r,
    struct crm_err *e)
{
	FILE *fp = im->o->rejects;

	if (fp && im->o->partial && r->rejected > 0) {
		struct crm_err why = { 0 };

		if (write_rejects(im, fp, &why) == 0 && fflush(fp) != 0)
			crm_err_set(&why, CRM_EX_IOERR, "%s", strerror(errno));
		if (why.code != 0)
			return crm_err_set(e, CRM_EX_IOERR, "cannot write the "
			    "rejects (%s); nothing imported", why.msg);
		im->rejects_written = 1;
	}
	if (fp && im->o->rejects_ready &&
	    im->o->rejects_ready(im->o->rejects_arg, e) < 0)
		return -1;
	return commit_blocked(im, e);
}

void
import_report_rejects(struct importer *im, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(im->s->db, im->q->rejects, e);

	if (st == NULL)
		return;
	while (crm_db_row(im->s->db, st, e) == 1)
		crm_report(im->s->report, "%s:%lld: %s", crm_in_name(im->in),
		    (long long)sqlite3_column_int64(st, 0),
		    crm_db_col_text(st, 3));
}

struct crm_rows *
crm_import_plan(struct crm_session *s, const struct crm_entity *ent,
    struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, import_sql(ent)->plan, e);

	return st == NULL ? NULL : crm_rows_from_stmt(s->db, st, plan_cols,
	    sizeof(plan_cols) / sizeof(*plan_cols), 0);
}

struct crm_rows *
import_plan_for_people(struct crm_session *s, const struct crm_entity *ent,
    struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, import_sql(ent)->plan_why,
	    e);

	return st == NULL ? NULL : crm_rows_from_stmt(s->db, st, plan_cols,
	    sizeof(plan_cols) / sizeof(*plan_cols), 0);
}

static void
add_drop(struct crm_buf *drop, const char *name)
{
	crm_buf_adds(drop, "DROP INDEX main.\"");
	for (; *name; name++) {
		if (*name == '"')
			crm_buf_addc(drop, '"');
		crm_buf_addc(drop, *name);
	}
	crm_buf_adds(drop, "\"; ");
}

static int
indexes_read(struct crm_session *s, const char *table,
    struct crm_import_indexes *x, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_indexes, e);
	int rc;

	if (st == NULL)
		return -1;
	crm_db_bind_text(st, 1, table);
	while ((rc = crm_db_row(s->db, st, e)) == 1) {
		x->make = crm_xrealloc(x->make, (x->n + 1) * sizeof(char *));
		x->make[x->n++] = crm_xstrdup(crm_db_col_text(st, 1));
		add_drop(&x->drop, crm_db_col_text(st, 0));
	}
	return rc < 0 ? -1 : 0;
}

int
import_indexes_read(struct importer *im, struct crm_import_indexes *x,
    struct crm_err *e)
{
	return indexes_read(im->s, im->ent->table, x, e);
}

int
crm_import_indexes_drop(struct crm_session *s, const char *table,
    struct crm_import_indexes *x, struct crm_err *e)
{
	if (indexes_read(s, table, x, e) < 0)
		return -1;
	return x->n == 0 ? 0 : crm_db_exec(s->db, crm_buf_str(&x->drop), e);
}

/* Drop the table's indexes, keeping what makes them again. */
static int
indexes_drop(struct importer *im, struct crm_import_indexes *x,
    struct crm_err *e)
{
	return crm_import_indexes_drop(im->s, im->ent->table, x, e);
}

/* Build them again, and the planner's statistics. A CREATE INDEX sorts
 * in runs the size of the cache and merges them: with a small cache and
 * a second sorter thread the runs are sorted in parallel and stay in the
 * CPU's caches (five builds over a million rows: 4.2 s at 32 MiB, 1.7 s
 * at 4 MiB with two threads), and the peak memory is smaller. */
/* Build those of x that pick marks v (all of them, without pick), then
 * the cache again (cache). */
int
import_indexes_build(struct crm_session *s, struct crm_import_indexes *x,
    const unsigned char *pick, int v, const char *analyze, const char *cache,
    struct crm_err *e)
{
	int rc = 0;

	if (x->n == 0)
		return 0;
	if (crm_db_exec(s->db, sql_sort_cache, e) < 0)
		return -1;
	for (size_t i = 0; rc == 0 && i < x->n; i++)
		if (pick == NULL || pick[i] == v)
			rc = crm_db_exec(s->db, x->make[i], e);
	if (rc == 0 && analyze)
		rc = crm_db_exec(s->db, analyze, e);
	if (crm_db_exec(s->db, cache, rc < 0 ? NULL : e) < 0)
		rc = -1;
	return rc;
}

int
crm_import_indexes_make(struct crm_session *s, struct crm_import_indexes *x,
    const char *analyze, struct crm_err *e)
{
	return import_indexes_build(s, x, NULL, 0, analyze, import_load_cache, e);
}

static int
indexes_make(struct importer *im, struct crm_import_indexes *x,
    struct crm_err *e)
{
	return crm_import_indexes_make(im->s, x, im->q->analyze, e);
}

void
crm_import_indexes_free(struct crm_import_indexes *x)
{
	for (size_t i = 0; i < x->n; i++)
		free(x->make[i]);
	free(x->make);
	crm_buf_free(&x->drop);
}

int
import_indexes_drop(struct importer *im, struct crm_err *e)
{
	return indexes_drop(im, &im->dropped, e);
}

/* The good new records into the table with one INSERT ... SELECT. Into
 * an empty table, many are loaded without its indexes, which are built
 * after: one sort each instead of a million inserts into a b-tree. */
static int
move_in(struct importer *im, long long creates, struct crm_err *e)
{
	struct crm_import_indexes x = { NULL, 0, { 0 } };
	char now[CRM_TIME_LEN];
	sqlite3_stmt *st;
	long long any;
	int rc = -1;

	if (creates == 0)
		return 0;
	if (import_int(im, im->q->any, &any, e) < 0)
		return -1;
	if (!any && creates >= 10000 && indexes_drop(im, &x, e) < 0)
		goto out;
	if (import_give_ids(im, 0, e) < 0 ||
	    (st = crm_db_prepare(im->s->db, im->q->move, e)) == NULL)
		goto out;
	crm_now_text(now);
	sqlite3_bind_int64(st, 1, im->s->run);
	crm_db_bind_text(st, 2, now);
	if (crm_db_done(im->s->db, st, e) == 0)
		rc = indexes_make(im, &x, e);
out:
	crm_import_indexes_free(&x);
	return rc;
}

/* The entity's own step before the good records move in, or after
 * (moved), and then what it records of duplicates allowed. */
int
import_own_step(struct importer *im, int moved, struct crm_err *e)
{
	const struct crm_import_def *d = im->ent->import;
	int (*step)(void *, struct crm_session *, struct crm_err *) =
	    moved ? d->after_move : d->before_move;

	if (step && step(im->o->arg, im->s, e) < 0)
		return -1;
	if (moved && d->allowed && im->o->on_dup == CRM_DUP_ALLOW)
		return d->allowed(im->s, e);
	return 0;
}

/* The one write transaction. If someone else wrote since the records
 * were decided, they are decided again under the lock. */
static int
write_all(struct importer *im, long long version, struct crm_import_result *r,
    struct crm_err *e)
{
	long long now_version;

	if (crm_session_begin(im->s, e) < 0)
		return -1;
	if (import_int(im, import_data_version, &now_version, e) < 0)
		goto fail;
	if (now_version != version && (import_decide(im, 1, e) < 0 ||
	    import_count(im, r, e) < 0))
		goto fail;
	if (r->rejected > 0 && !im->o->partial) {
		import_report_rejects(im, e);
		crm_err_set(e, CRM_EX_DATAERR, "%ld bad record%s in '%s'; "
		    "nothing imported", r->rejected, r->rejected == 1 ? "" :
		    "s", crm_in_name(im->in));
		goto fail;
	}
	if (r->created + r->updated == 0) {
		crm_db_rollback(im->s->db);
		return 0;
	}
	if (crm_audit_run(im->s, e) < 0 || import_own_step(im, 0, e) < 0 ||
	    move_in(im, r->created, e) < 0 ||
	    import_apply_updates(im, e) < 0 || import_own_step(im, 1, e) < 0 ||
	    (im->q->register_all &&
	    import_exec(im, im->q->register_all, im->ent->name, e) < 0))
		goto fail;
	return import_commit(im, r, e);
fail:
	crm_db_rollback(im->s->db);
	return -1;
}

static void
importer_free(struct importer *im)
{
	size_t nseen = im->q ? im->q->ndup + 1 : 0;

	crm_fieldmap_free(&im->map);
	for (size_t i = 0; im->seen && i < nseen; i++)
		crm_keyset_free(&im->seen[i]);
	free(im->seen);
	for (size_t i = 0; im->filters && i < im->q->ndup; i++)
		crm_keyfilter_free(&im->filters[i]);
	free(im->filters);
	for (size_t i = 0; i < im->ncoll; i++)
		free(im->coll[i].key);
	free(im->coll);
	import_read_free(im);
	crm_buf_free(&im->why);
	crm_buf_free(&im->refused);
	crm_buf_free(&im->why_en);
	crm_buf_free(&im->refused_en);
	crm_buf_free(&im->raw);
	crm_import_indexes_free(&im->dropped);
	for (size_t i = 0; i < im->nloaded_extra; i++)
		free(im->loaded_extra[i]);
	free(im->loaded_extra);
}

/* The staging tables, empty, and the names of the fields by bit. */
static int
stage_init(struct importer *im, struct crm_err *e)
{
	const struct crm_entity *ent = im->ent;

	if (crm_db_exec(im->s->db, im->q->create, e) < 0 ||
	    crm_db_exec(im->s->db, im->q->clear, e) < 0)
		return -1;
	for (size_t f = 0; f < ent->nfields; f++) {
		sqlite3_stmt *st = crm_db_prepare(im->s->db, im->q->field, e);

		if (st == NULL)
			return -1;
		sqlite3_bind_int(st, 1, (int)f);
		crm_db_bind_text(st, 2, ent->fields[f].name);
		sqlite3_bind_int(st, 3, (ent->fields[f].flags &
		    CRM_F_REQUIRED) != 0);
		if (crm_db_done(im->s->db, st, e) < 0)
			return -1;
	}
	return 0;
}

/* Who may import, and the options only some may use. */
static int
may_import(struct crm_session *s, const struct crm_entity *ent,
    const struct crm_import_opts *o, struct crm_err *e)
{
	char what[128];

	/* what only some may do ("only an admin may %s"): said in the
	 * user's language by crm_session_require, the made one here */
	snprintf(what, sizeof(what), _("import %s"), crm_entity_words(ent));
	if (ent->import == NULL)
		return crm_err_set(e, CRM_EX_USAGE, "%s cannot be imported",
		    crm_entity_words(ent));
	return crm_session_require(s, ent->import->roles, what, e) < 0 ||
	    (o->historical && crm_session_require(s, CRM_ROLE_ADMIN,
	    N_("import history (--historical)"), e) < 0) ||
	    (o->ignore_cap && crm_session_require(s, CRM_ROLE_ADMIN,
	    N_("import past pool.max_owned (--ignore-cap)"), e) < 0) ||
	    (o->on_dup == CRM_DUP_ALLOW && crm_session_require(s,
	    CRM_ROLE_ADMIN | CRM_ROLE_MANAGER, N_("import duplicates "
	    "(--on-duplicate allow)"), e) < 0) ? -1 : 0;
}

/* CRM_IMPORT_FILTER_BITS: the size of a direct load's filters of the
 * keys seen, as a power of two bits (9 to 30; default 26): a test that
 * makes it small has most records held back, as a false hit would.
 * CRM_IMPORT_THREADS=1: one thread (a machine of one core; a test that
 * compares the two ways); 2, the default, two. */
static int
import_env(struct importer *im, struct crm_err *e)
{
	const char *threads = getenv("CRM_IMPORT_THREADS");
	long bits;

	if (threads && *threads && strcmp(threads, "1") != 0 &&
	    strcmp(threads, "2") != 0)
		return crm_err_set(e, CRM_EX_USAGE, "CRM_IMPORT_THREADS: '%s' "
		    "is not 1 or 2", threads);
	im->one_thread = threads && strcmp(threads, "1") == 0;
	if (crm_env_number("CRM_IMPORT_FILTER_BITS", 9, 30, N_("bits"), 0,
	    &bits, e) < 0)
		return -1;
	im->filter_bits = (int)bits;
	return 0;
}

static int
importer_init(struct importer *im, struct crm_session *s,
    const struct crm_entity *ent, struct crm_in *in,
    const struct crm_import_opts *o, struct crm_err *e)
{
	memset(im, 0, sizeof(*im));
	im->s = s;
	im->ent = ent;
	im->o = o;
	im->in = in;
	im->tr = not_english();
	im->deferred = o->on_dup != CRM_DUP_UPDATE;
	if (may_import(s, ent, o, e) < 0 || import_env(im, e) < 0)
		return -1;
	im->q = import_sql(ent);
	im->seen = crm_xcalloc(im->q->ndup + 1, sizeof(*im->seen));
	if (crm_fieldmap_init(&im->map, crm_entity_defs(ent), ent->nfields,
	    o->map, e) < 0 || crm_store_required(s, ent, &im->required, e) < 0)
		return -1;
	/* the sorter of CREATE INDEX and the staging table spill less with
	 * a bigger cache: 32 MiB for this connection only */
	if (crm_db_exec(s->db, import_load_cache, e) < 0)
		return -1;
	import_read_init(im);
	return stage_init(im, e);
}

/* Read and stage every record and decide what each does, without the
 * write lock. */
static int
read_and_decide(struct importer *im, struct crm_import_result *r,
    struct crm_err *e)
{
	if (crm_db_exec(im->s->db, "BEGIN", e) < 0)
		return -1;
	if (import_stage_all(im, r, e) < 0 || import_dedup(im, e) < 0 ||
	    import_decide(im, 0, e) < 0 || import_count(im, r, e) < 0 ||
	    crm_db_exec(im->s->db, "COMMIT", e) < 0) {
		import_temp_full(im, e);	/* only temp tables written */
		crm_db_exec(im->s->db, "ROLLBACK", NULL);
		return -1;
	}
	return 0;
}

/* A dry run, and an import that met records the user may not see and
 * was refused or wrote nothing (no run of its own), leave a run in the
 * log: probing for masked data leaves a trace. */
static int
leave_trace(struct importer *im, int failed, struct crm_err *e)
{
	int rc = failed ? -1 : 0;

	if (im->o->dry_run)
		return crm_audit_trace_rc(im->s, "dry run", rc, e);
	if (im->hidden > 0 && (failed || im->s->run == 0))
		return crm_audit_trace_rc(im->s, failed ? "refused" :
		    "no change", rc, e);
	return rc;
}

int
crm_import(struct crm_session *s, const struct crm_entity *ent,
    struct crm_in *in, const struct crm_import_opts *o,
    struct crm_import_result *r, struct crm_err *e)
{
	struct importer im;
	long long version;
	int rc = -1;

	memset(r, 0, sizeof(*r));
	if (importer_init(&im, s, ent, in, o, e) < 0 ||
	    import_int(&im, import_data_version, &version, e) < 0)
		goto out;
	rc = import_load_direct(&im, version, r, e);
	if (rc <= 0)
		goto done;
	rc = read_and_decide(&im, r, e);
	if (rc == 0 && o->dry_run) {
		r->planned = 1;
		if (r->rejected > 0 && !o->partial)
			rc = crm_err_set(e, CRM_EX_DATAERR, "%ld bad record%s: "
			    "the import would write nothing (--partial imports "
			    "the good ones)", r->rejected, r->rejected == 1 ?
			    "" : "s");
	} else if (rc == 0) {
		rc = write_all(&im, version, r, e);
	}
done:
	/* the rejects of an import that committed nothing (the others were
	 * written before the commit, import_commit) */
	if (rc == 0 && o->partial && o->rejects && r->rejected > 0 &&
	    !im.rejects_written)
		rc = write_rejects(&im, o->rejects, e);
	rc = leave_trace(&im, rc < 0, e);
out:
	if (s->db && !r->planned && im.q)	/* else the plan reads it */
		crm_db_exec(s->db, im.q->clear, NULL);
	if (s->db && im.direct)
		crm_db_exec(s->db, im.q->loaded_init, NULL);
	importer_free(&im);
	return rc;
}
