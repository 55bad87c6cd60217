/* What an import created in bulk, known by created_run (entities with
 * CRM_E_RUNS): crm undo removes it while nothing has touched it since. An
 * import writes no per-field events for the records it creates (a
 * million rows would be ten million events). */
#include <stdio.h>
#include <stdlib.h>

#include "crm/store.h"
#include "crm/audit.h"
#include "crm/buf.h"
#include "crm/column-names.h"
#include "crm/banned.h"

struct bulk_sql {
	char *touched, *count, *delete;
};

/* A later run counts as a change unless it was undone, or it is the undo
 * of a run after ours (lib/undo.c's rule). Records with events of their
 * own in the run are left to those events. */
static void *
make_bulk(const struct crm_entity *ent)
{
	struct bulk_sql *b = crm_xcalloc(1, sizeof(*b));
	const char *t = ent->table, *id = ent->fields[0].name;
	const char *title = ent->fields[ent->title].name;
	struct crm_buf q = { 0 };

	crm_buf_addf(&q, "SELECT c.%s, c.%s, c.updated_run FROM %s c "
	    "JOIN runs r ON r.id = c.updated_run WHERE c.created_run = ?1 "
	    "AND c.updated_run <> ?1 AND r.undone_by IS NULL AND NOT EXISTS "
	    "(SELECT 1 FROM runs t WHERE t.undone_by = r.id AND t.id > ?1) "
	    "LIMIT 1", id, title, t);
	b->touched = crm_buf_detach(&q);
	crm_buf_addf(&q, "SELECT count(*) FROM %s WHERE created_run = ?1 AND "
	    "NOT EXISTS (SELECT 1 FROM events e WHERE e.run = ?1 AND "
	    "e.entity = '%s' AND e.entity_id = CAST(%s.%s AS TEXT))", t,
	    ent->name, t, id);
	b->count = crm_buf_detach(&q);
	crm_buf_addf(&q, "DELETE FROM %s WHERE created_run = ?1 AND NOT EXISTS "
	    "(SELECT 1 FROM events e WHERE e.run = ?1 AND e.entity = '%s' "
	    "AND e.entity_id = CAST(%s.%s AS TEXT))", t, ent->name, t, id);
	b->delete = crm_buf_detach(&q);
	return b;
}

static int
touched_since(struct crm_session *s, const struct crm_entity *ent,
    const struct bulk_sql *b, long long run, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, b->touched, e);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, run);
	if ((rc = crm_db_row(s->db, st, e)) <= 0)
		return rc;
	crm_err_set(e, CRM_EX_DATAERR, "cannot undo run %lld: %s %lld '%s' "
	    "was changed since by run %lld", run, crm_entity_word(ent),
	    (long long)sqlite3_column_int64(st, 0), crm_db_col_text(st, 1),
	    (long long)sqlite3_column_int64(st, 2));
	sqlite3_reset(st);
	return -1;
}

int
crm_store_undo_bulk(struct crm_session *s, const struct crm_entity *ent,
    long long run, int check_only, struct crm_err *e)
{
	const struct bulk_sql *b;
	sqlite3_stmt *st;
	char count[32];
	long long n;

	if (!(ent->features & CRM_E_RUNS))
		return 0;
	b = crm_entity_cache(ent, CRM_SLOT_BULK, make_bulk);
	if (touched_since(s, ent, b, run, e) != 0 ||
	    (st = crm_db_prepare(s->db, b->count, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, run);
	if (crm_db_row(s->db, st, e) != 1)
		return -1;
	n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (check_only || n == 0)
		return (int)(n > 0);
	if ((st = crm_db_prepare(s->db, b->delete, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, run);
	if (crm_db_done(s->db, st, e) < 0)
		return crm_err_set(e, CRM_EX_DATAERR, "cannot undo run %lld: "
		    "its %s have records added since", run,
		    crm_entity_words(ent));
	snprintf(count, sizeof(count), "%lld", n);
	return crm_audit_event(s, ent->name, "*", "delete", "count", count,
	    NULL, e) < 0 ? -1 : 1;
}
