/* Import, the run: the importer made for an entity, the records read
 * and decided without the write lock (the staging tables are temporary,
 * so their writes take no lock on the database and others work on while
 * the file is read; a commit by anyone else from then on changes
 * data_version), then one write transaction that decides again if
 * someone wrote meanwhile and moves the good records in; the plan of a
 * dry run, the rejects, and the trace of an import that met records the
 * user may not see. */
#include <stdlib.h>
#include <string.h>

#include "import-impl.h"
#include "crm/audit.h"
#include "crm/clock.h"
#include "crm/column-names.h"
#include "crm/i18n.h"
#include "crm/out.h"
#include "crm/store.h"
#include "crm/banned.h"

static const char sql_data_version[] = "PRAGMA data_version";
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
 * uses sql_direct_cache. */
static const char sql_load_cache[] = "PRAGMA cache_size = -131072";
/* A direct load appends to a table without indexes: a small cache does
 * (and keeps the memory of a big load flat) */
static const char sql_direct_cache[] = "PRAGMA cache_size = -8192";
static const char sql_sort_cache[] =
	"PRAGMA cache_size = -4096; PRAGMA threads = 2";
/* A direct load checks the foreign keys of the table once, before the
 * commit (load_direct). */
static const char sql_fk_off[] = "PRAGMA foreign_keys = OFF";
static const char sql_fk_on[] = "PRAGMA foreign_keys = ON";
static const char sql_fk_check[] =
	"SELECT count(*) FROM pragma_foreign_key_check(?1)";
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

static int
count(struct importer *im, struct crm_import_result *r, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(im->s->db, im->q->counts, e);

	if (st == NULL || crm_db_row(im->s->db, st, e) != 1)
		return -1;
	r->records = im->records;
	r->created = sqlite3_column_int64(st, 0) + im->loaded;
	r->updated = sqlite3_column_int64(st, 1);
	r->skipped = sqlite3_column_int64(st, 2);
	r->rejected = sqlite3_column_int64(st, 3);
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
	out = crm_out_new(fp, im->o->rejects_fmt, cols, n, 0, 0);
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

static void
report_rejects(struct importer *im, struct crm_err *e)
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
static int
indexes_build(struct crm_session *s, struct crm_import_indexes *x,
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
	return indexes_build(s, x, NULL, 0, analyze, sql_load_cache, e);
}

static int
indexes_make(struct importer *im, struct crm_import_indexes *x,
    struct crm_err *e)
{
	return crm_import_indexes_make(im->s, x, im->q->analyze, e);
}

/* Does the index (what makes it) find the copies in the file: one on a
 * duplicate key, not unique (a copy is still in the table)? */
static int
finds_copies(const struct importer *im, const char *make)
{
	char col[80];

	if (strncmp(make, "CREATE UNIQUE", 13) == 0)
		return 0;
	for (size_t j = 0; j < im->q->ndup; j++) {
		snprintf(col, sizeof(col), "(%s)",
		    im->ent->keys[im->q->dup[j]].column);
		if (strstr(make, col) != NULL)
			return 1;
	}
	return 0;
}

/* After a direct load: the indexes of the duplicate keys, the copies in
 * the file found with them and taken out of the table (which has no
 * other index yet to take them out of), then the other indexes and the
 * statistics; the load's small cache kept. */
static int
load_indexes_dedup(struct importer *im, struct crm_err *e)
{
	struct crm_import_indexes *x = &im->dropped;
	unsigned char *pick = crm_xcalloc(x->n + 1, 1);
	int rc;

	for (size_t i = 0; i < x->n; i++)
		pick[i] = (unsigned char)finds_copies(im, x->make[i]);
	/* the statistics are the database's: made after the copy */
	rc = indexes_build(im->s, x, pick, 1, NULL, sql_direct_cache, e) < 0 ||
	    import_dedup(im, e) < 0 || indexes_build(im->s, x, pick, 0,
	    im->bulk ? NULL : im->q->analyze, sql_direct_cache, e) < 0 ?
	    -1 : 0;
	free(pick);
	return rc;
}

/* The records of a direct load that are staged as new and not refused:
 * none unless one was held back by its id and is not a copy after all
 * (import-stage.c, id_taken); into the table as the move puts them. */
static int
move_held(struct importer *im, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(im->s->db, im->q->move, e);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, im->s->run);
	crm_db_bind_text(st, 2, im->now);
	return crm_db_done(im->s->db, st, e);
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
	if ((st = crm_db_prepare(im->s->db, im->q->move, e)) == NULL)
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
 * (moved). */
static int
own_step(struct importer *im, int moved, struct crm_err *e)
{
	const struct crm_import_def *d = im->ent->import;
	int (*step)(void *, struct crm_session *, struct crm_err *) =
	    moved ? d->after_move : d->before_move;

	return step ? step(im->o->arg, im->s, e) : 0;
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
	if (import_int(im, sql_data_version, &now_version, e) < 0)
		goto fail;
	if (now_version != version && (import_decide(im, 1, e) < 0 ||
	    count(im, r, e) < 0))
		goto fail;
	if (r->rejected > 0 && !im->o->partial) {
		report_rejects(im, e);
		crm_err_set(e, CRM_EX_DATAERR, "%ld bad record%s in '%s'; "
		    "nothing imported", r->rejected, r->rejected == 1 ? "" :
		    "s", crm_in_name(im->in));
		goto fail;
	}
	if (r->created + r->updated == 0) {
		crm_db_rollback(im->s->db);
		return 0;
	}
	if (crm_audit_run(im->s, e) < 0 || own_step(im, 0, e) < 0 ||
	    move_in(im, r->created, e) < 0 ||
	    import_apply_updates(im, e) < 0 || own_step(im, 1, e) < 0 ||
	    (im->q->register_all &&
	    import_exec(im, im->q->register_all, im->ent->name, e) < 0))
		goto fail;
	return crm_db_commit(im->s->db, e);
fail:
	crm_db_rollback(im->s->db);
	return -1;
}

/* The custom fields of the records loaded, in use from now on. */
static int
register_loaded(struct importer *im, struct crm_err *e)
{
	for (size_t i = 0; i < im->nloaded_extra; i++) {
		sqlite3_stmt *st = crm_db_prepare(im->s->db,
		    im->q->loaded_extra, e);

		if (st == NULL)
			return -1;
		crm_db_bind_text(st, 1, im->ent->name);
		crm_db_bind_text(st, 2, im->loaded_extra[i]);
		if (crm_db_done(im->s->db, st, e) < 0)
			return -1;
	}
	return 0;
}

/* Does every record loaded name records that are there (its foreign
 * keys)? The database refuses the import if not, as a check per row
 * would have. */
static int
references_ok(struct importer *im, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(im->s->db, sql_fk_check, e);
	long long n;

	if (st == NULL)
		return -1;
	crm_db_bind_text(st, 1, im->ent->table);
	if (crm_db_row(im->s->db, st, e) != 1)
		return -1;
	n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return n == 0 ? 0 : crm_err_set(e, CRM_EX_DATAERR, "refused by the "
	    "database: %lld %s name records that are not there (FOREIGN "
	    "KEY constraint failed)", n, crm_entity_words(im->ent));
}

/* The bad records said, and the import refused, unless --partial. */
static int
refuse_rejected(struct importer *im, struct crm_import_result *r,
    struct crm_err *e)
{
	if (r->rejected == 0 || im->o->partial)
		return 0;
	report_rejects(im, e);
	return crm_err_set(e, CRM_EX_DATAERR, "%ld bad record%s in '%s'; "
	    "nothing imported", r->rejected, r->rejected == 1 ? "" : "s",
	    crm_in_name(im->in));
}

/* Read the file into the table (the database's, or the bulk one): each
 * record loaded or staged, the copies found, the indexes built, the
 * staged records decided. */
static int
load_read(struct importer *im, struct crm_import_result *r,
    struct crm_err *e)
{
	im->direct = 1;
	crm_now_text(im->now);
	return crm_db_exec(im->s->db, im->q->loaded_init, e) < 0 ||
	    crm_db_exec(im->s->db, sql_direct_cache, e) < 0 ||
	    import_stage_all(im, r, e) < 0 || load_indexes_dedup(im, e) < 0 ||
	    import_decide(im, 0, e) < 0 || count(im, r, e) < 0 ||
	    refuse_rejected(im, r, e) < 0 ? -1 : 0;
}

/* The end of a direct load, in the write transaction: the held records
 * moved, the references checked (the check reads the whole table), the
 * entity's step, the custom fields — all with the load's small cache
 * (the stage history of a million deals appends to its table and
 * indexes: 5.7 s and 27 MiB at 8 MiB, 6.6 s and 145 MiB at 128 MiB). */
static int
load_end(struct importer *im, struct crm_err *e)
{
	if (move_held(im, e) < 0 || references_ok(im, e) < 0 ||
	    crm_db_exec(im->s->db, sql_direct_cache, e) < 0 ||
	    own_step(im, 1, e) < 0 || (im->q->register_all &&
	    import_exec(im, im->q->register_all, im->ent->name, e) < 0) ||
	    register_loaded(im, e) < 0)
		return -1;
	return crm_db_commit(im->s->db, e);
}

/* The write transaction rolled back, its run gone: -1. */
static int
load_abort(struct importer *im)
{
	crm_db_rollback(im->s->db);
	im->s->run = 0;
	return -1;
}

/* A direct load whose entity's load step writes other tables and cannot
 * promise them instead (struct crm_import_def, bulk_begin) loads into
 * the database's table inside the write transaction, begun before the
 * file is read: other writers wait for the whole import. 1: the table
 * has records, nothing done. */
static int
load_locked(struct importer *im, struct crm_import_result *r,
    struct crm_err *e)
{
	long long any;

	if (crm_session_begin(im->s, e) < 0)
		return -1;
	if (import_int(im, im->q->any, &any, e) < 0)
		goto fail;
	if (any) {
		crm_db_rollback(im->s->db);
		return 1;
	}
	if (crm_audit_run(im->s, e) < 0)
		goto fail;
	im->run = im->s->run;
	if (load_read(im, r, e) < 0)
		goto fail;
	if (r->created + r->updated == 0)
		return load_abort(im) + 1;
	if (load_end(im, e) == 0)
		return 0;
fail:
	return load_abort(im);
}

/* The bulk database's table into the database's, under the write lock:
 * the table still empty (else 75: someone added records while the file
 * was read), the staged records decided again if someone wrote, the
 * run, the copy, the statistics, the end. */
static int
bulk_write(struct importer *im, long long version,
    struct crm_import_result *r, struct crm_err *e)
{
	const struct crm_import_def *d = im->ent->import;
	long long any, now_version;

	if (import_bulk_run(im, e) < 0 || crm_session_begin(im->s, e) < 0)
		return -1;
	if (import_int(im, im->q->any, &any, e) < 0 ||
	    import_int(im, sql_data_version, &now_version, e) < 0)
		goto fail;
	if (any) {
		crm_err_set(e, CRM_EX_TEMPFAIL, "%s were added while '%s' "
		    "was read; nothing imported (run the import again)",
		    crm_entity_words(im->ent), crm_in_name(im->in));
		goto fail;
	}
	if (now_version != version && (import_decide(im, 1, e) < 0 ||
	    count(im, r, e) < 0 || refuse_rejected(im, r, e) < 0))
		goto fail;
	if (crm_audit_run(im->s, e) < 0 || (d->bulk_end &&
	    d->bulk_end(im->o->arg, im->s, e) < 0) ||
	    import_bulk_run(im, e) < 0 ||
	    import_bulk_copy(im, e) < 0 || (im->q->analyze &&
	    crm_db_exec(im->s->db, im->q->analyze, e) < 0))
		goto fail;
	if (load_end(im, e) == 0)
		return 0;
fail:
	return load_abort(im);
}

/* A direct load through the bulk database (import-bulk.c): read,
 * loaded, deduplicated, indexed and decided in one transaction of its
 * own that takes no lock on the database (the bulk database and the
 * staging tables are private), then copied in under the lock. */
static int
load_bulk(struct importer *im, long long version,
    struct crm_import_result *r, struct crm_err *e)
{
	const struct crm_import_def *d = im->ent->import;
	int rc = -1;

	if (import_bulk_open(im, e) < 0 || (d->bulk_begin &&
	    d->bulk_begin(im->o->arg, im->s, e) < 0) ||
	    crm_db_exec(im->s->db, "BEGIN", e) < 0)
		goto out;
	if (load_read(im, r, e) < 0 ||
	    crm_db_exec(im->s->db, "COMMIT", e) < 0) {
		import_bulk_full(im, e);
		crm_db_exec(im->s->db, "ROLLBACK", NULL);
		goto out;
	}
	rc = r->created + r->updated == 0 ? 0 : bulk_write(im, version, r, e);
out:
	import_bulk_close(im);
	return rc;
}

/* A direct load: when a real import (no plan, no merging of copies in
 * the file, no cap to count) meets an empty table, each new record that
 * nothing decided later can refuse goes straight into a table, after
 * the entity's load step: no copy of it in the staging table (only its
 * rowid and line, in the table of those loaded), no move, the indexes
 * built once at the end, then the entity's after_move. A copy of an
 * earlier record of the file is found once the indexes are built
 * (import-dedup.c) and taken out again: the ids of a load skip it. The
 * rest is staged and decided as ever: a bad record, a record the user
 * may not create as it is, one with the id of an earlier one. The table
 * is the bulk database's (load_bulk), or, for an entity whose load step
 * writes (without bulk_begin), the database's (load_locked). 1: not
 * possible, nothing done. */
static int
load_direct_fk(struct importer *im, long long version,
    struct crm_import_result *r, struct crm_err *e)
{
	long long any, cap;

	/* an entity's own step before the move works on the staged rows,
	 * unless it has one for a record loaded */
	if (im->o->dry_run || im->o->on_dup == CRM_DUP_UPDATE ||
	    (im->ent->import->before_move && !im->ent->import->load))
		return 1;
	/* a copy by a duplicate key is taken out after the load, which
	 * cannot undo what the entity's step did for it */
	if (im->ent->import->load && im->q->ndup > 0)
		return 1;
	if (import_cap(im, &cap, e) < 0)
		return -1;
	if (cap > 0)
		return 1;
	if (im->ent->import->load && !im->ent->import->bulk_begin)
		return load_locked(im, r, e);
	if (import_int(im, im->q->any, &any, e) < 0)
		return -1;
	return any ? 1 : load_bulk(im, version, r, e);
}

/* The direct load without the foreign key checks of each insert: they
 * open and close a cursor on each parent table for every record (at
 * 1,000,000 deals, 0.65 s of CPU against 0.15 s for the one check of the
 * whole table at the end, references_ok). What else the transaction
 * writes comes from the paths that every other command takes with the
 * checks on. The pragma does nothing inside a transaction: it is set
 * before the load begins one, and again after it ended. */
static int
load_direct(struct importer *im, long long version,
    struct crm_import_result *r, struct crm_err *e)
{
	int rc;

	if (crm_db_exec(im->s->db, sql_fk_off, e) < 0)
		return -1;
	rc = load_direct_fk(im, version, r, e);
	if (crm_db_exec(im->s->db, sql_fk_on, rc < 0 ? NULL : e) < 0)
		rc = -1;
	return rc;
}

static void
importer_free(struct importer *im)
{
	size_t nseen = im->q ? im->q->ndup + 1 : 0;

	crm_fieldmap_free(&im->map);
	for (size_t i = 0; im->seen && i < nseen; i++)
		crm_keyset_free(&im->seen[i]);
	free(im->seen);
	for (size_t i = 0; im->maybe && i < im->q->ndup; i++)
		crm_keyfilter_free(&im->maybe[i]);
	free(im->maybe);
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
	if (may_import(s, ent, o, e) < 0)
		return -1;
	im->q = import_sql(ent);
	im->seen = crm_xcalloc(im->q->ndup + 1, sizeof(*im->seen));
	if (crm_fieldmap_init(&im->map, crm_entity_defs(ent), ent->nfields,
	    o->map, e) < 0 || crm_store_required(s, ent, &im->required, e) < 0)
		return -1;
	/* the sorter of CREATE INDEX and the staging table spill less with
	 * a bigger cache: 32 MiB for this connection only */
	if (crm_db_exec(s->db, sql_load_cache, e) < 0)
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
	    import_decide(im, 0, e) < 0 || count(im, r, e) < 0 ||
	    crm_db_exec(im->s->db, "COMMIT", e) < 0) {
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
	    import_int(&im, sql_data_version, &version, e) < 0)
		goto out;
	rc = load_direct(&im, version, r, e);
	if (rc == 0 && o->partial && o->rejects && r->rejected > 0)
		rc = write_rejects(&im, o->rejects, e);
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
		if (rc == 0 && o->partial && o->rejects && r->rejected > 0)
			rc = write_rejects(&im, o->rejects, e);
	}
done:
	rc = leave_trace(&im, rc < 0, e);
out:
	if (s->db && !r->planned && im.q)	/* else the plan reads it */
		crm_db_exec(s->db, im.q->clear, NULL);
	if (s->db && im.direct)
		crm_db_exec(s->db, im.q->loaded_init, NULL);
	importer_free(&im);
	return rc;
}
