/* Candidate duplicate pairs, for any entity: one statement built once
 * from the descriptor's keys. */
#include <stdlib.h>

#include "crm/dupes.h"
#include "crm/buf.h"
#include "crm/i18n.h"
#include "crm/scope.h"
#include "scope-sql.h"
#include "crm/banned.h"

/* headers of a table in the user's language (NC_); the reasons are
 * data, the keys' names */
static const struct crm_col dupe_cols[] = {
	{ NC_("column", "id_a"), CRM_COL_INT },
	{ NC_("column", "name_a"), CRM_COL_TEXT },
	{ NC_("column", "id_b"), CRM_COL_INT },
	{ NC_("column", "name_b"), CRM_COL_TEXT },
	{ NC_("column", "reason"), CRM_COL_TEXT },
};

/* The first duplicate key: what a near pair must not share already. */
static const struct crm_key *
dup_key(const struct crm_entity *ent)
{
	for (size_t k = 0; k < ent->nkeys; k++)
		if (ent->keys[k].flags & CRM_KEY_DUP)
			return &ent->keys[k];
	return NULL;
}

/* The pairs that share key k; ?6 says whether masked fields are masked
 * for the user. */
static void
pairs(struct crm_buf *b, const struct crm_entity *ent,
    const struct crm_key *k)
{
	const char *id = ent->fields[0].name;
	const char *title = ent->fields[ent->title].name;
	const struct crm_key *dup = dup_key(ent);
	int near = !(k->flags & CRM_KEY_DUP);

	crm_buf_addf(b, "SELECT a.%s AS ia, a.%s AS na, b.%s AS ib, "
	    "b.%s AS nb, '%s' AS why FROM %s a JOIN %s b ON b.%s = a.%s "
	    "AND b.%s > a.%s WHERE a.%s IS NOT NULL ", id, title, id, title,
	    near ? "similar" : k->what, ent->table, ent->table, k->column,
	    k->column, id, id, k->column);
	if (ent->scope) {
		crm_buf_adds(b, "AND ");
		crm_scope_visible_sql(b, ent, "a");
		crm_buf_adds(b, "AND ");
		crm_scope_visible_sql(b, ent, "b");
	}
	if (ent->fields[k->field].flags & CRM_F_MASKED)
		crm_buf_adds(b, "AND NOT (?6 AND (a.owner IS NULL OR "
		    "b.owner IS NULL)) ");
	if (near && dup != NULL)
		crm_buf_addf(b, "AND a.%s <> b.%s ", dup->column, dup->column);
	/* ?7: the pairs a manager allowed too */
	if (!near && ent->dupes_allowed)
		crm_buf_addf(b, "AND (?7 OR NOT EXISTS (SELECT 1 FROM %s x "
		    "JOIN %s y USING (run, kind, grp) WHERE x.kind = '%s' AND "
		    "x.%s = a.%s AND y.%s = b.%s)) ", ent->dupes_allowed,
		    ent->dupes_allowed, k->what, ent->dupes_allowed_id, id,
		    ent->dupes_allowed_id, id);
}

static void *
make_dupes(const struct crm_entity *ent)
{
	struct crm_buf b = { 0 };
	int first = 1;

	if (ent->scope)
		crm_buf_adds(&b, SCOPE_TEAM);
	crm_buf_adds(&b, "SELECT ia, na, ib, nb, group_concat(why, ',') "
	    "FROM (");
	for (size_t k = 0; k < ent->nkeys; k++) {
		if (!(ent->keys[k].flags & (CRM_KEY_DUP | CRM_KEY_NEAR)))
			continue;
		crm_buf_adds(&b, first ? "" : " UNION ALL ");
		first = 0;
		pairs(&b, ent, &ent->keys[k]);
	}
	crm_buf_adds(&b, ") GROUP BY ia, ib ORDER BY ia, ib");
	return crm_buf_detach(&b);
}

struct crm_rows *
crm_dupes(struct crm_session *s, const struct crm_entity *ent,
    int with_allowed, struct crm_err *e)
{
	const char *sql = crm_entity_cache(ent, CRM_SLOT_DUPES, make_dupes);
	sqlite3_stmt *st = crm_db_prepare(s->db, sql, e);
	int mask = 0;

	if (st == NULL || (ent->scope && (crm_scope_bind(s, ent, st, e) < 0 ||
	    crm_scope_masked(s, &mask, e) < 0)))
		return NULL;
	sqlite3_bind_int(st, 6, mask);
	sqlite3_bind_int(st, 7, with_allowed);
	return crm_rows_from_stmt(s->db, st, dupe_cols,
	    sizeof(dupe_cols) / sizeof(*dupe_cols), 0);
}
