/* Import, the bulk database of a direct load: a private database of
 * SQLite's (ATTACH '': a file in its temporary directory, made 0600
 * with O_EXCL and unlinked as it is opened, gone with the connection)
 * holding a table like the one loaded, with the same indexes. The file
 * is read, checked and loaded into it, its copies found and its
 * indexes built without the database's write lock; under the lock the
 * table is copied in whole by SQLite's transfer (records and index
 * entries as they are, appended in order), which takes a fraction of
 * the load: other users' writes do not wait for the file to be read.
 * No journal: the bulk database is thrown away if anything fails. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "import-impl.h"
#include "crm/banned.h"

static const char sql_attach[] =
	"ATTACH '' AS bulk; PRAGMA bulk.page_size = 16384; "
	"PRAGMA bulk.journal_mode = OFF; PRAGMA bulk.synchronous = OFF; "
	"PRAGMA bulk.cache_size = -8192";
static const char sql_detach[] = "DETACH bulk";
static const char sql_table[] =
	"SELECT sql FROM main.sqlite_master WHERE type = 'table' AND "
	"name = ?1";
/* the run the next to begin will be (runs are numbered in order) */
static const char sql_next_run[] =
	"SELECT coalesce(max(id), 0) + 1 FROM main.runs";

/* What makes the table (make: its CREATE TABLE) in the bulk database:
 * the same columns and constraints, so that the transfer applies. */
static char *
bulk_table_sql(const char *table, const char *make)
{
	const char *cols = strchr(make, '(');
	struct crm_buf b = { 0 };

	if (cols == NULL)
		return NULL;
	crm_buf_addf(&b, "CREATE TABLE bulk.\"%s\" %s", table, cols);
	return crm_buf_detach(&b);
}

/* The same for an index (make: its CREATE [UNIQUE] INDEX name ON ...):
 * its name qualified, the table then being the bulk database's. */
static char *
bulk_index_sql(const char *make)
{
	const char *p = strcasestr(make, "INDEX ");
	struct crm_buf b = { 0 };

	if (p == NULL)
		return NULL;
	p += 6;
	while (*p == ' ')
		p++;
	if (strncasecmp(p, "IF NOT EXISTS ", 14) == 0)
		p += 14;
	crm_buf_add(&b, make, (size_t)(p - make));
	crm_buf_addf(&b, "bulk.%s", p);
	return crm_buf_detach(&b);
}

static int
make_table(struct importer *im, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(im->s->db, sql_table, e);
	char *make;
	int rc;

	if (st == NULL)
		return -1;
	crm_db_bind_text(st, 1, im->ent->table);
	if ((rc = crm_db_row(im->s->db, st, e)) != 1)
		return rc < 0 ? -1 : crm_err_set(e, CRM_EX_SOFTWARE, "no table "
		    "%s", im->ent->table);
	make = bulk_table_sql(im->ent->table, crm_db_col_text(st, 0));
	sqlite3_reset(st);
	if (make == NULL)
		return crm_err_set(e, CRM_EX_SOFTWARE, "cannot read the "
		    "schema of %s", im->ent->table);
	rc = crm_db_exec(im->s->db, make, e);
	free(make);
	return rc;
}

/* The table's indexes, to be made in the bulk database once it is
 * loaded (import.c builds them, as those dropped for a direct load). */
static int
note_indexes(struct importer *im, struct crm_err *e)
{
	struct crm_import_indexes *x = &im->dropped;

	if (import_indexes_read(im, x, e) < 0)
		return -1;
	crm_buf_free(&x->drop);
	for (size_t i = 0; i < x->n; i++) {
		char *make = bulk_index_sql(x->make[i]);

		if (make == NULL)
			return crm_err_set(e, CRM_EX_SOFTWARE, "cannot read "
			    "the index '%s'", x->make[i]);
		free(x->make[i]);
		x->make[i] = make;
	}
	return 0;
}

int
import_bulk_open(struct importer *im, struct crm_err *e)
{
	if (crm_db_exec(im->s->db, sql_attach, e) < 0)
		return -1;
	im->bulk = 1;
	if (make_table(im, e) < 0 || note_indexes(im, e) < 0)
		return -1;
	return import_int(im, sql_next_run, &im->run, e);
}

/* The records loaded name the run about to begin (or begun: s->run);
 * set again if others began runs meanwhile (checked without the lock,
 * then with it, so that the lock is seldom held for it). */
int
import_bulk_run(struct importer *im, struct crm_err *e)
{
	long long run = im->s->run;
	sqlite3_stmt *st;

	if (run == 0 && import_int(im, sql_next_run, &run, e) < 0)
		return -1;
	if (run == im->run || im->q->bulk_run == NULL)
		return 0;
	if ((st = crm_db_prepare(im->s->db, im->q->bulk_run, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, run);
	if (crm_db_done(im->s->db, st, e) < 0)
		return -1;
	im->run = run;
	return 0;
}

int
import_bulk_copy(struct importer *im, struct crm_err *e)
{
	return import_exec(im, im->q->bulk_copy, NULL, e);
}

static const char sql_fk_list[] =
	"SELECT seq, \"table\", \"from\", \"to\" FROM "
	"pragma_foreign_key_list(?1)";

/* The query that finds a value of a foreign key of the bulk database's
 * table (each a column to a named column) that names no record: the
 * distinct values of each, which the key's index gives without reading
 * the table. NULL for a key of several columns, or to a primary key it
 * does not name. */
static char *
references_sql(struct importer *im, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(im->s->db, sql_fk_list, e);
	struct crm_buf b = { 0 };
	int rc, n = 0;

	if (st == NULL)
		return NULL;
	crm_db_bind_text(st, 1, im->ent->table);
	crm_buf_adds(&b, "SELECT 0");
	while ((rc = crm_db_row(im->s->db, st, e)) == 1) {
		const char *to = crm_db_col_text(st, 3);

		if (sqlite3_column_int(st, 0) != 0 || to == NULL) {
			sqlite3_reset(st);
			crm_buf_free(&b);
			return NULL;
		}
		crm_buf_addf(&b, " OR EXISTS (SELECT 1 FROM (SELECT DISTINCT "
		    "\"%2$s\" AS v FROM bulk.\"%1$s\" WHERE \"%2$s\" IS NOT "
		    "NULL) WHERE v NOT IN (SELECT \"%4$s\" FROM main.\"%3$s\" "
		    "WHERE \"%4$s\" IS NOT NULL))", im->ent->table,
		    crm_db_col_text(st, 2), crm_db_col_text(st, 1), to);
		n++;
	}
	if (rc < 0 || n == 0) {
		crm_buf_free(&b);
		return NULL;
	}
	return crm_buf_detach(&b);
}

/* Do the records of the bulk database name records that are there (its
 * foreign keys), as the database stands before the lock? 0: yes; 1: it
 * is for the check under the lock to say (some do not, or it cannot be
 * said so); -1. */
int
import_bulk_references(struct importer *im, struct crm_err *e)
{
	char *sql = references_sql(im, e);
	sqlite3 *h = crm_db_sqlite(im->s->db);
	sqlite3_stmt *st = NULL;
	int rc, bad = 0;

	if (sql == NULL)
		return e->code ? -1 : 1;
	/* made here, not cached: the statement cache is keyed by address */
	rc = sqlite3_prepare_v2(h, sql, -1, &st, NULL);
	free(sql);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
		bad = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return crm_db_fail(im->s->db, rc, e);
	return bad ? 1 : 0;
}

/* The directory SQLite makes its temporary files in (os_unix.c looks
 * there in this order). */
static const char *
temp_dir(void)
{
	static const char *const dirs[] = { "/var/tmp", "/usr/tmp", "/tmp" };
	const char *env[] = { getenv("SQLITE_TMPDIR"), getenv("TMPDIR") };

	for (size_t i = 0; i < 2; i++)
		if (env[i] && *env[i] && access(env[i], W_OK | X_OK) == 0)
			return env[i];
	for (size_t i = 0; i < 3; i++)
		if (access(dirs[i], W_OK | X_OK) == 0)
			return dirs[i];
	return ".";
}

/* A load into the bulk database or the staging tables that failed for
 * want of room: the room wanted is in the temporary directory, not
 * beside the database. */
int
import_temp_full(struct importer *im, struct crm_err *e)
{
	if (sqlite3_errcode(crm_db_sqlite(im->s->db)) != SQLITE_FULL)
		return -1;
	return crm_err_set(e, CRM_EX_IOERR, "no room for the import's "
	    "temporary database in '%s' (about 400 bytes a record; set "
	    "TMPDIR to a place with more)", temp_dir());
}

void
import_bulk_close(struct importer *im)
{
	if (im->bulk)
		crm_db_exec(im->s->db, sql_detach, NULL);
	im->bulk = 0;
}
