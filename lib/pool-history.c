/* The ownership history: one row per change of owner of a record of an
 * entity with a pool, by ent->name (its subject type), which the
 * claim rules read (claims today, the cool-down) and show lists. */
#include "pool-impl.h"
#include "crm/i18n.h"
#include "crm/scope.h"
#include "crm/banned.h"

/* headers of a table in the user's language (NC_) */
static const struct crm_col owner_cols[] = {
	{ NC_("column", "at"), CRM_COL_TIME },
	{ NC_("column", "from"), CRM_COL_TEXT },
	{ NC_("column", "to"), CRM_COL_TEXT },
	{ NC_("column", "by"), CRM_COL_TEXT },
	{ NC_("column", "reason"), CRM_COL_TEXT },
	{ NC_("column", "note"), CRM_COL_TEXT },
};

static const char sql_add[] =
	"INSERT INTO ownership (subject_id, run, subject_type, from_owner, "
	"to_owner, at, by_login, reason, note) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
static const char sql_owners[] =
	"SELECT at, from_owner, to_owner, by_login, reason, note "
	"FROM ownership WHERE subject_type = ? AND subject_id = ? "
	"ORDER BY at DESC, id DESC";

int
pool_history_add(struct crm_session *s, const struct crm_entity *ent,
    long long id, const char *from, const char *to, const char *at,
    const char *reason, const char *note, struct crm_err *e)
{
	const char *text[] = { ent->name, from, to, at, s->user, reason, note };
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_add, e);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, s->run);
	for (int i = 0; i < 7; i++)
		crm_db_bind_text(st, 3 + i, text[i]);
	return crm_db_done(s->db, st, e);
}

struct crm_rows *
crm_pool_owners(struct crm_session *s, const struct crm_entity *ent,
    long long id, struct crm_err *e)
{
	sqlite3_stmt *st;

	if (crm_scope_may_see(s, ent, id, e) < 0 ||
	    (st = crm_db_prepare(s->db, sql_owners, e)) == NULL)
		return NULL;
	crm_db_bind_text(st, 1, ent->name);
	sqlite3_bind_int64(st, 2, id);
	return crm_rows_from_stmt(s->db, st, owner_cols,
	    sizeof(owner_cols) / sizeof(*owner_cols), 0);
}
