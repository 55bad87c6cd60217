/* Import: the ids of new records past the cap. A record without an id
 * takes, when it moves in, the one after the highest (SQLite's); when
 * that would pass CRM_ID_MAX (a record of the file, or of the table,
 * has an id near it), each such record is given its id here before the
 * move: the next ones up to the cap, then the highest free ones below
 * it, in the order of the file — as crm_store_insert gives one. */
#include <stdio.h>
#include <stdlib.h>

#include "import-impl.h"
#include "crm/buf.h"
#include "crm/column-names.h"
#include "crm/store.h"
#include "crm/banned.h"

/* One statement of this rare case, made from the descriptor's names. */
static sqlite3_stmt *
made(struct importer *im, struct crm_buf *sql, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare_once(im->s->db, crm_buf_str(sql), e);

	crm_buf_free(sql);
	return st;
}

/* The highest id of the table of db and of the records to create, and
 * how many of those have none: 0, -1. A file without ids whose records
 * all fit below the cap after the table's highest needs no more: not
 * the two scans of the staged records (0.1 s at a million). */
static int
top_and_count(struct importer *im, const char *db, long long *top,
    long long *n, struct crm_err *e)
{
	const char *t = im->ent->table, *id = im->ent->fields[0].name;
	struct crm_buf sql = { 0 };
	sqlite3_stmt *st;
	int rc;

	crm_buf_addf(&sql, "SELECT max(%2$s) FROM %3$s.%1$s", t, id, db);
	if ((st = made(im, &sql, e)) == NULL)
		return -1;
	rc = sqlite3_step(st);
	*top = sqlite3_column_int64(st, 0);
	*n = 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return crm_db_fail(im->s->db, rc, e);
	if (!__atomic_load_n(&im->ids_named, __ATOMIC_RELAXED) &&
	    *top <= CRM_ID_MAX - im->records)
		return 0;
	crm_buf_addf(&sql, "SELECT max(coalesce((SELECT max(%2$s) FROM "
	    "%3$s.%1$s), 0), coalesce((SELECT max(CAST(%2$s AS INTEGER)) FROM "
	    "temp.import_%1$s WHERE _action = 'create'), 0)), (SELECT "
	    "count(*) FROM temp.import_%1$s WHERE _action = 'create' AND "
	    "%2$s IS NULL)", t, id, db);
	if ((st = made(im, &sql, e)) == NULL)
		return -1;
	rc = sqlite3_step(st);
	*top = sqlite3_column_int64(st, 0);
	*n = sqlite3_column_int64(st, 1);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : crm_db_fail(im->s->db, rc, e);
}

/* The staged ids are text, as the file has them (the staging table's
 * columns have no type): an id given is bound as one. */
static void
bind_id(sqlite3_stmt *st, int i, long long id)
{
	char text[24];

	snprintf(text, sizeof(text), "%lld", id);
	sqlite3_bind_text(st, i, text, -1, SQLITE_TRANSIENT);
}

/* Is id a record's of the table or of the file? 1, 0, -1. */
static int
taken(struct importer *im, int bulk, long long id, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(im->s->db, im->q->taken_id[bulk], e);
	int rc;

	if (st == NULL)
		return -1;
	bind_id(st, 1, id);
	if (crm_db_row(im->s->db, st, e) != 1)
		return -1;
	rc = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return rc;
}

/* The next id: up to the cap after the highest, then down from it. */
static int
next_free(struct importer *im, int bulk, long long *up, long long *down,
    long long *id, struct crm_err *e)
{
	int rc;

	if (*up <= CRM_ID_MAX) {
		*id = (*up)++;
		return 0;
	}
	while (*down > 0 && (rc = taken(im, bulk, *down, e)) != 0) {
		if (rc < 0)
			return -1;
		(*down)--;
	}
	if (*down == 0)
		return crm_store_no_id_left(im->ent, e);
	*id = (*down)--;
	return 0;
}

/* The numbers of the records to create without an id, in file order. */
static long long *
unnumbered(struct importer *im, long long n, struct crm_err *e)
{
	struct crm_buf sql = { 0 };
	sqlite3_stmt *st;
	long long *seq, i = 0;
	int rc;

	crm_buf_addf(&sql, "SELECT _seq FROM temp.import_%1$s WHERE _action = "
	    "'create' AND %2$s IS NULL ORDER BY _seq", im->ent->table,
	    im->ent->fields[0].name);
	if ((st = made(im, &sql, e)) == NULL)
		return NULL;
	seq = crm_xcalloc((size_t)n, sizeof(*seq));
	while (i < n && (rc = sqlite3_step(st)) == SQLITE_ROW)
		seq[i++] = sqlite3_column_int64(st, 0);
	rc = i == n ? SQLITE_DONE : sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(seq);
		crm_db_fail(im->s->db, rc, e);
		return NULL;
	}
	return seq;
}

int
import_give_ids(struct importer *im, int bulk, struct crm_err *e)
{
	struct crm_buf sql = { 0 };
	sqlite3_stmt *set;
	long long top, n, up, down = CRM_ID_MAX, *seq;
	int rc = SQLITE_DONE;

	if (im->ent->fields[0].kind != CRM_K_ID)
		return 0;
	if (top_and_count(im, bulk ? "bulk" : "main", &top, &n, e) < 0)
		return -1;
	if (n == 0 || top + n <= CRM_ID_MAX)
		return 0;
	if ((seq = unnumbered(im, n, e)) == NULL)
		return -1;
	crm_buf_addf(&sql, "UPDATE temp.import_%1$s SET %2$s = ?1 WHERE "
	    "_seq = ?2", im->ent->table, im->ent->fields[0].name);
	if ((set = made(im, &sql, e)) == NULL) {
		free(seq);
		return -1;
	}
	up = top + 1;
	for (long long i = 0; i < n && rc == SQLITE_DONE; i++) {
		long long give = 0;

		if (next_free(im, bulk, &up, &down, &give, e) < 0) {
			rc = -1;
			break;
		}
		bind_id(set, 1, give);
		sqlite3_bind_int64(set, 2, seq[i]);
		rc = sqlite3_step(set);
		sqlite3_reset(set);
	}
	free(seq);
	sqlite3_finalize(set);
	if (rc == -1)
		return -1;
	return rc == SQLITE_DONE ? 0 : crm_db_fail(im->s->db, rc, e);
}
