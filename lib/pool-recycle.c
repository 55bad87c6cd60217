/* Recycling: every owned, unlocked record past its limit goes back to
 * its pool in one set-based pass — the entity's rule fills the due table,
 * then the history and the move are one statement each. A move's row in
 * the history is its audit too: it names the pool and the claim that
 * ended, and the view move_events (schema/013) gives crm log and crm undo
 * the events it stands for, so no per-field events are written. */
#include "pool-impl.h"
#include "crm/audit.h"
#include "crm/scope.h"
#include "crm/banned.h"

static const char sql_due_create[] =
	"CREATE TEMP TABLE IF NOT EXISTS pool_due (id INTEGER PRIMARY KEY, "
	"title TEXT, owner TEXT, region TEXT, claimed_at TEXT, rule TEXT, "
	"days INTEGER)";
static const char sql_due_clear[] = "DELETE FROM " POOL_DUE;
/* ?4: the entity's name in the history; the pool as the move's UPDATE
 * sets it (lib/pool-ent.c) */
static const char sql_history[] =
	"INSERT INTO ownership (subject_type, subject_id, from_owner, "
	"to_owner, at, by_login, reason, note, run, to_pool, from_claimed_at) "
	"SELECT ?4, id, owner, NULL, ?1, ?2, 'recycle', rule || ': ' || days "
	"|| ' days', ?3, coalesce(region, 'public'), claimed_at FROM " POOL_DUE
	" ORDER BY id";
static const char sql_moved[] =
	"SELECT id, title, owner, rule, days FROM " POOL_DUE " ORDER BY id";

/* The rows of a statement, kept in memory: they outlive the transaction
 * (a dry run rolls back) and can be counted. */
static struct crm_rows *
kept_rows(struct crm_session *s, sqlite3_stmt *st, const struct crm_col *cols,
    size_t n, struct crm_err *e)
{
	struct crm_rows *src, *out;
	const struct crm_val *v;
	int rc;

	src = crm_rows_from_stmt(s->db, st, cols, n, 0);
	out = crm_rows_mem(cols, n);
	while ((rc = crm_rows_next(src, &v, e)) == 1)
		crm_rows_mem_add(out, v);
	crm_rows_close(src);
	if (rc < 0) {
		crm_rows_close(out);
		return NULL;
	}
	return out;
}

static int
fill_due(struct crm_session *s, const struct crm_entity *ent,
    struct crm_err *e)
{
	if (crm_db_exec(s->db, sql_due_create, e) < 0 ||
	    crm_db_exec(s->db, sql_due_clear, e) < 0)
		return -1;
	return ent->pool->recycle_due(s, e);
}

static int
move_due(struct crm_session *s, const struct pool_ent *p, struct crm_err *e)
{
	char now[CRM_TIME_LEN];
	sqlite3_stmt *st;

	crm_now_text(now);
	if (crm_audit_run(s, e) < 0 ||
	    (st = crm_db_prepare(s->db, sql_history, e)) == NULL)
		return -1;
	crm_db_bind_text(st, 1, now);
	crm_db_bind_text(st, 2, s->user);
	sqlite3_bind_int64(st, 3, s->run);
	crm_db_bind_text(st, 4, p->ent->name);
	if (crm_db_done(s->db, st, e) < 0 ||
	    (st = crm_db_prepare(s->db, p->recycle, e)) == NULL)
		return -1;
	crm_db_bind_text(st, 1, now);
	sqlite3_bind_int64(st, 2, s->run);
	return crm_db_done(s->db, st, e);
}

/* --warn: the entity's list, within the acting user's scope. */
static struct crm_rows *
recycle_warn(struct crm_session *s, const struct pool_ent *p, int days,
    struct crm_err *e)
{
	sqlite3_stmt *st = p->ent->pool->recycle_warn(s, days, e);

	if (st == NULL || crm_scope_bind(s, p->ent, st, e) < 0)
		return NULL;
	return kept_rows(s, st, p->warn, 5, e);
}

struct crm_rows *
crm_pool_recycle(struct crm_session *s, const struct crm_entity *ent,
    int warn, struct crm_err *e)
{
	const struct pool_ent *p = pool_of(ent, e);
	struct crm_rows *rows = NULL;
	sqlite3_stmt *st;
	int rc;

	if (p == NULL)
		return NULL;
	if (ent->pool->recycle_due == NULL || ent->pool->recycle_warn == NULL) {
		crm_err_set(e, CRM_EX_SOFTWARE, "internal error: %s have no "
		    "recycle rule", ent->pool->plural);
		return NULL;
	}
	if (warn >= 0)
		return recycle_warn(s, p, warn, e);
	/* the moves insert into the table's and the history's indexes: a
	 * bigger cache keeps a night's tens of thousands from thrashing;
	 * the rule reads every owned record, from the file mapped rather
	 * than copied page by page (a quarter of the time was the kernel
	 * copying pages; the mapping only reads, SQLite writes as ever) */
	if (crm_pool_job_allowed(s, ent, "recycle", e) < 0 ||
	    crm_db_exec(s->db, "PRAGMA cache_size = -32768; "
	    "PRAGMA mmap_size = 1073741824", e) < 0 ||
	    crm_session_begin(s, e) < 0)
		return NULL;
	rc = fill_due(s, ent, e);
	if (rc == 0 && ((st = crm_db_prepare(s->db, sql_moved, e)) == NULL ||
	    (rows = kept_rows(s, st, p->moved, 5, e)) == NULL))
		rc = -1;
	if (rc == 0 && crm_rows_count(rows) > 0)
		rc = move_due(s, p, e);
	if (rc == 0 && crm_rows_count(rows) > 0 && ent->pool->recycled)
		rc = ent->pool->recycled(s, e);
	if (crm_session_end(s, rc == 0, e) < 0 || rc < 0) {
		crm_rows_close(rows);
		return NULL;
	}
	return rows;
}
