/* Import, the direct load: into an empty table, each new record
 * straight into a table of the bulk database (import-bulk.c) or, for an
 * entity whose load step writes, of the database inside the write
 * transaction; a record that may be a copy of an earlier one held back,
 * the copies in the file found, the indexes built, the staged records
 * decided, then (for the bulk database) the table copied in under the
 * write lock. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import-impl.h"
#include "crm/audit.h"
#include "crm/clock.h"
#include "crm/column-names.h"
#include "crm/store.h"
#include "crm/banned.h"

/* A direct load checks the foreign keys of the table once, before the
 * commit (import_load_direct). */
static const char sql_fk_off[] = "PRAGMA foreign_keys = OFF";
static const char sql_fk_on[] = "PRAGMA foreign_keys = ON";
static const char sql_fk_check[] =
	"SELECT count(*) FROM pragma_foreign_key_check(?1)";

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

/* The records a load into the bulk database held back (import-stage.c,
 * hold) that are not copies after all, into its table with the ids they
 * were given, before the lock (as if loaded: they are not decided
 * again), and out of the staging table; their custom fields noted. */
static int
move_held_bulk(struct importer *im, struct crm_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if (im->q->moved_extra) {
		if ((st = crm_db_prepare(im->s->db, im->q->moved_extra,
		    e)) == NULL)
			return -1;
		while ((rc = crm_db_row(im->s->db, st, e)) == 1)
			import_note_extra(im, crm_db_col_text(st, 0));
		if (rc < 0)
			return -1;
	}
	if (import_give_ids(im, 1, e) < 0 ||
	    (st = crm_db_prepare(im->s->db, im->q->move_bulk, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, im->run);
	crm_db_bind_text(st, 2, im->now);
	if (crm_db_done(im->s->db, st, e) < 0)
		return -1;
	im->loaded += sqlite3_changes(crm_db_sqlite(im->s->db));
	return crm_db_exec(im->s->db, im->q->moved_out, e);
}

/* After a direct load: the indexes of the duplicate keys, the copies in
 * the file found with them, the staged records decided, then the other
 * indexes and the statistics; the load's small cache kept. Into the bulk
 * database, the records held back that are not copies go in before its
 * other indexes are built (fewer to add them to). */
static int
load_indexes_dedup(struct importer *im, struct crm_err *e)
{
	struct crm_import_indexes *x = &im->dropped;
	unsigned char *pick = crm_xcalloc(x->n + 1, 1);
	int rc;

	for (size_t i = 0; i < x->n; i++)
		pick[i] = (unsigned char)finds_copies(im, x->make[i]);
	/* the statistics are the database's: made after the copy */
	rc = import_indexes_build(im->s, x, pick, 1, NULL, import_direct_cache,
	    e) < 0 || import_dedup(im, e) < 0 || (im->bulk &&
	    (import_decide(im, 0, e) < 0 || move_held_bulk(im, e) < 0)) ||
	    import_indexes_build(im->s, x, pick, 0, im->bulk ? NULL :
	    im->q->analyze, import_direct_cache, e) < 0 ||
	    (!im->bulk && import_decide(im, 0, e) < 0) ? -1 : 0;
	free(pick);
	return rc;
}

/* The records of a direct load that are staged as new and not refused,
 * held back by their id or key and not copies after all (import-stage.c,
 * id_taken, hold; the bulk database's went in before: move_held_bulk),
 * into the table as the move puts them. */
static int
move_held(struct importer *im, struct crm_err *e)
{
	sqlite3_stmt *st;

	if (import_give_ids(im, 0, e) < 0 ||
	    (st = crm_db_prepare(im->s->db, im->q->move, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, im->s->run);
	crm_db_bind_text(st, 2, im->now);
	return crm_db_done(im->s->db, st, e);
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
	import_report_rejects(im, e);
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
	    crm_db_exec(im->s->db, import_direct_cache, e) < 0 ||
	    import_stage_all(im, r, e) < 0 || load_indexes_dedup(im, e) < 0 ||
	    import_count(im, r, e) < 0 ||
	    refuse_rejected(im, r, e) < 0 ? -1 : 0;
}

/* The end of a direct load, in the write transaction: the held records
 * moved, the references checked (the check reads the whole table), the
 * entity's step, the custom fields — all with the load's small cache
 * (the stage history of a million deals appends to its table and
 * indexes: 5.7 s and 27 MiB at 8 MiB, 6.6 s and 145 MiB at 128 MiB). */
static int
load_end(struct importer *im, const struct crm_import_result *r,
    struct crm_err *e)
{
	if (move_held(im, e) < 0 ||
	    (!im->refs_ok && references_ok(im, e) < 0) ||
	    crm_db_exec(im->s->db, import_direct_cache, e) < 0 ||
	    import_own_step(im, 1, e) < 0 || (im->q->register_all &&
	    import_exec(im, im->q->register_all, im->ent->name, e) < 0) ||
	    register_loaded(im, e) < 0)
		return -1;
	return import_commit(im, r, e);
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
	if (load_end(im, r, e) == 0)
		return 0;
fail:
	return load_abort(im);
}

/* Someone wrote while the file was read: are the owners of the records
 * loaded still users who may own them (checked as each was read)? Else
 * 75, and a file is read again (lib/cli-import.c). */
static int
loaded_owners_gone(struct importer *im, struct crm_import_result *r,
    struct crm_err *e)
{
	long long gone;

	if (im->q->bulk_owners == NULL)
		return 0;
	if (import_int(im, im->q->bulk_owners, &gone, e) < 0)
		return -1;
	if (!gone)
		return 0;
	r->raced = 1;
	return crm_err_set(e, CRM_EX_TEMPFAIL, "an owner in '%s' was "
	    "deactivated while it was read; nothing imported (import it "
	    "again)", crm_in_name(im->in));
}

/* The references of the records in the bulk database checked before
 * the lock (locked 0), unless the entity's end makes records they name
 * under it (bulk_end); and under it (locked 1) when they were not, or
 * someone wrote meanwhile. */
static int
bulk_references(struct importer *im, int locked, struct crm_err *e)
{
	int rc = 1;

	if ((locked || im->ent->import->bulk_end == NULL) &&
	    (rc = import_bulk_references(im, e)) < 0)
		return -1;
	im->refs_ok = rc == 0;
	return 0;
}

/* The bulk database's table into the database's, under the write lock:
 * the table still empty (else 75: someone added records while the file
 * was read), the staged records decided again if someone wrote, the
 * run, the copy, the statistics, the end. */
static int
bulk_copy_locked(struct importer *im, long long version,
    struct crm_import_result *r, struct crm_err *e)
{
	const struct crm_import_def *d = im->ent->import;
	long long any, now_version;

	if (import_bulk_run(im, e) < 0 || crm_session_begin(im->s, e) < 0)
		return -1;
	if (import_int(im, im->q->any, &any, e) < 0 ||
	    import_int(im, import_data_version, &now_version, e) < 0)
		goto fail;
	if (any) {
		r->raced = 1;
		crm_err_set(e, CRM_EX_TEMPFAIL, "%s were added while '%s' "
		    "was read; nothing imported (import it again)",
		    crm_entity_words(im->ent), crm_in_name(im->in));
		goto fail;
	}
	if (now_version != version)
		im->refs_ok = 0;
	if (now_version != version && (import_decide(im, 1, e) < 0 ||
	    import_count(im, r, e) < 0 || refuse_rejected(im, r, e) < 0 ||
	    loaded_owners_gone(im, r, e) < 0))
		goto fail;
	if (crm_audit_run(im->s, e) < 0)
		goto fail;
	if (d->bulk_end && d->bulk_end(im->o->arg, im->s, e) < 0) {
		r->raced = e->code == CRM_EX_TEMPFAIL;
		goto fail;
	}
	/* the references by their distinct values again, under the lock:
	 * the whole table read only if one is missing (load_end) */
	if (!im->refs_ok && bulk_references(im, 1, e) < 0)
		goto fail;
	if (import_bulk_run(im, e) < 0 || import_bulk_copy(im, e) < 0 ||
	    (im->q->analyze && crm_db_exec(im->s->db, im->q->analyze, e) < 0))
		goto fail;
	if (load_end(im, r, e) == 0)
		return 0;
fail:
	return load_abort(im);
}

/* The copy out of WAL if no one else has the database open (db.h,
 * crm_db_wal_leave): the pages of a million customers written once
 * instead of twice and no log as big as them to delete, 0.4 s less
 * (sys time 1.25 s -> 0.83 s); someone who opens it meanwhile waits
 * for the commit as a writer does, readers too. */
static int
bulk_write(struct importer *im, long long version,
    struct crm_import_result *r, struct crm_err *e)
{
	int out = crm_db_wal_leave(im->s->db);
	int rc = bulk_copy_locked(im, version, r, e);

	if (out)
		crm_db_wal_return(im->s->db);
	return rc;
}

/* The entity's look-ups over (struct crm_import_def, read_end): 0. */
static int
read_ended(const struct importer *im)
{
	if (im->ent->import->read_end)
		im->ent->import->read_end(im->o->arg);
	return 0;
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
	if (load_read(im, r, e) < 0 || read_ended(im) < 0 ||
	    bulk_references(im, 0, e) < 0 ||
	    crm_db_exec(im->s->db, "COMMIT", e) < 0) {
		import_temp_full(im, e);
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
 * built once at the end, then the entity's after_move. A record whose
 * key the load's filters may have seen is held back, staged with the id
 * it would have had: a copy of an earlier record of the file is found
 * once the indexes are built (import-dedup.c), and the ids of a load
 * skip it; the others go in. The rest is staged and decided as ever: a
 * bad record, a record the user may not create as it is, one with the
 * id of an earlier one. The table
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
	/* a record held back for its duplicate key goes in by the move,
	 * not by the entity's step for a record loaded */
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
int
import_load_direct(struct importer *im, long long version,
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
