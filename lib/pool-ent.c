/* What the pool derives from an entity's descriptor: the fields of the
 * convention (crm/pool.h) and the statements over its table, built once
 * (table and column names from the descriptor only, every value bound:
 * design/style.md) and kept for the life of the process; and the small
 * steps every pool verb takes. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pool-impl.h"
#include "crm/buf.h"
#include "crm/setting.h"
#include "crm/banned.h"

static char *
build_recycle(const struct pool_ent *p)
{
	struct crm_buf b = { 0 };

	crm_buf_addf(&b, "UPDATE %s SET owner = NULL, pool = coalesce(region, "
	    "'public'), claimed_at = NULL", p->ent->table);
	if (p->updated >= 0)
		crm_buf_adds(&b, ", updated_at = ?1");
	if (p->ent->features & CRM_E_RUNS)
		crm_buf_adds(&b, ", updated_run = ?2");
	crm_buf_addf(&b, " WHERE %s IN (SELECT id FROM " POOL_DUE ")",
	    p->ent->fields[0].name);
	return crm_buf_detach(&b);
}

static void
result_columns(struct pool_ent *p)
{
	const char *title = p->ent->fields[p->ent->title].name;
	/* headers of a table in the user's language (NC_) */
	const struct crm_col moved[5] = {
		{ NC_("column", "id"), CRM_COL_INT }, { title, CRM_COL_TEXT },
		{ NC_("column", "owner"), CRM_COL_TEXT },
		{ NC_("column", "rule"), CRM_COL_TEXT },
		{ NC_("column", "days"), CRM_COL_INT } };
	const struct crm_col ledger[3] = {
		{ NC_("column", "id"), CRM_COL_INT }, { title, CRM_COL_TEXT },
		{ NC_("column", "to"), CRM_COL_TEXT } };

	for (size_t i = 0; i < 5; i++)
		p->moved[i] = p->warn[i] = moved[i];
	p->warn[4].name = NC_("column", "days_left");
	for (size_t i = 0; i < 3; i++)
		p->ledger[i] = ledger[i];
}

/* The fields of the convention (crm/pool.h), and updated_at when the
 * entity has one. */
static const struct {
	const char *name;
	size_t at;
	int required;
} convention[] = {
	{ "owner", offsetof(struct pool_ent, owner), 1 },
	{ "pool", offsetof(struct pool_ent, pool), 1 },
	{ "region", offsetof(struct pool_ent, region), 1 },
	{ "claimed_at", offsetof(struct pool_ent, claimed), 1 },
	{ "locked", offsetof(struct pool_ent, locked), 1 },
	{ "lock_reason", offsetof(struct pool_ent, lock_reason), 1 },
	{ "updated_at", offsetof(struct pool_ent, updated), 0 },
};
#define NCONVENTION (sizeof(convention) / sizeof(*convention))

static int *
field_of(struct pool_ent *p, size_t i)
{
	return (int *)(void *)((char *)p + convention[i].at);
}

/* The statements of what a user holds and of what changes hands: the
 * entity's own conditions (crm_pool_def.cap_counts, closed) are SQL
 * over its table as c. */
static void
build_counts(struct pool_ent *p, struct crm_buf *b)
{
	const struct crm_pool_def *def = p->ent->pool;
	const char *id = p->ent->fields[0].name, *t = p->ent->table;

	crm_buf_addf(b, "SELECT count(*) FROM %s WHERE owner = ?1", t);
	p->owned = crm_buf_detach(b);
	crm_buf_addf(b, "SELECT count(*) FROM %s c WHERE c.owner = ?1", t);
	if (def->cap_counts)
		crm_buf_addf(b, " AND (?2 IS NOT NULL OR (%s))",
		    def->cap_counts);
	p->capped = crm_buf_detach(b);
	crm_buf_addf(b, "SELECT %s FROM %s WHERE owner = ?1 ORDER BY %s",
	    id, t, id);
	p->owned_ids = crm_buf_detach(b);
	crm_buf_addf(b, "SELECT c.%s FROM %s c WHERE c.owner IS NULL AND "
	    "c.pool = ?1", id, t);
	if (def->closed)
		crm_buf_addf(b, " AND NOT (%s)", def->closed);
	crm_buf_addf(b, " ORDER BY c.%s", id);
	p->pool_ids = crm_buf_detach(b);
	crm_buf_addf(b, "SELECT count(*) FROM %s c WHERE c.%s = ?1 AND (%s)",
	    t, id, def->closed ? def->closed : "0");
	p->closed = crm_buf_detach(b);
	p->closed_by = def->closed_by ?
	    crm_entity_field(p->ent, def->closed_by) : -1;
}

static void *
make(const struct crm_entity *ent)
{
	struct pool_ent *p = crm_xcalloc(1, sizeof(*p));
	const char *id = ent->fields[0].name, *t = ent->table;
	struct crm_buf b = { 0 };

	p->ent = ent;
	for (size_t i = 0; i < NCONVENTION; i++)
		*field_of(p, i) = crm_entity_field(ent, convention[i].name);
	build_counts(p, &b);
	/* ?3: the entity's name in the history */
	crm_buf_addf(&b, "SELECT o.subject_id, o.from_owner FROM %s c "
	    "JOIN ownership o ON o.subject_type = ?3 AND o.subject_id = c.%s "
	    "WHERE c.owner IS NULL AND c.pool = ?1 "
	    "AND o.from_owner IS NOT NULL AND o.to_owner IS NOT o.from_owner "
	    "AND o.at >= ?2", t, id);
	p->pool_left = crm_buf_detach(&b);
	p->recycle = build_recycle(p);
	result_columns(p);
	return p;
}

const struct pool_ent *
pool_of(const struct crm_entity *ent, struct crm_err *e)
{
	struct pool_ent *p;

	if (ent->pool == NULL || ent->fields[0].kind != CRM_K_ID) {
		crm_err_set(e, CRM_EX_SOFTWARE, "internal error: %s records "
		    "have no pool", ent->name);
		return NULL;
	}
	p = crm_entity_cache(ent, CRM_SLOT_POOL, make);
	for (size_t i = 0; i < NCONVENTION; i++)
		if (convention[i].required && *field_of(p, i) < 0) {
			crm_err_set(e, CRM_EX_SOFTWARE, "internal error: %s "
			    "has no field '%s' (crm/pool.h)", ent->name,
			    convention[i].name);
			return NULL;
		}
	return p;
}

int
pool_setting(struct crm_session *s, const struct crm_entity *ent,
    const char *name, long long *v, struct crm_err *e)
{
	char key[96];

	snprintf(key, sizeof(key), "%s.%s", ent->pool->settings, name);
	return crm_setting_int(s, key, v, e);
}

/* What a verb does to the records, for "only a manager may ...", in
 * the user's language: "claim customers" (领取客户). */
static const struct {
	const char *verb, *action;
} actions[] = {
	{ "claim", N_("claim %s") },
	{ "release", N_("release %s") },
	{ "assign", N_("assign %s") },
	{ "lock", N_("lock %s") },
	{ "unlock", N_("unlock %s") },
	{ "recycle", N_("recycle %s") },
	{ "distribute", N_("distribute %s") },
};

int
pool_require(const struct crm_session *s, const struct crm_entity *ent,
    unsigned roles, const char *verb, struct crm_err *e)
{
	const char *what = pool_word(ent->pool->plural);
	char action[96];

	snprintf(action, sizeof(action), "%s %s", verb, what);
	for (size_t i = 0; i < sizeof(actions) / sizeof(*actions); i++)
		if (strcmp(actions[i].verb, verb) == 0)
			snprintf(action, sizeof(action),
			    crm_tr(actions[i].action), what);
	return crm_session_require(s, roles, action, e);
}

int
pool_row(struct crm_session *s, const char *sql, const char *a,
    const char *b, const char *c, long long *n, char **text,
    struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql, e);
	int rc;

	if (st == NULL)
		return -1;
	crm_db_bind_text(st, 1, a);
	crm_db_bind_text(st, 2, b);
	crm_db_bind_text(st, 3, c);
	if ((rc = crm_db_row(s->db, st, e)) <= 0)
		return rc;
	*n = sqlite3_column_int64(st, 0);
	if (text != NULL)
		*text = crm_xstrdup(crm_db_col_text(st, 1));
	sqlite3_reset(st);
	return 1;
}

int
pool_count(struct crm_session *s, const char *sql, const char *a,
    const char *b, const char *c, long long *n, struct crm_err *e)
{
	return pool_row(s, sql, a, b, c, n, NULL, e) == 1 ? 0 : -1;
}

int
pool_ids(struct crm_session *s, const char *sql, const char *a,
    long long **ids, size_t *n, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql, e);
	int rc;

	*ids = NULL;
	*n = 0;
	if (st == NULL)
		return -1;
	crm_db_bind_text(st, 1, a);
	while ((rc = crm_db_row(s->db, st, e)) == 1) {
		*ids = crm_xrealloc(*ids, (*n + 1) * sizeof(**ids));
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	if (rc < 0) {
		free(*ids);
		*ids = NULL;
		*n = 0;
	}
	return rc;
}
