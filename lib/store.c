/* Records in their tables: the statements of each entity built once
 * from its descriptor, loading, inserting, updating and deleting rows,
 * and the audit of every change, field by field. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "crm/store.h"
#include "crm/audit.h"
#include "crm/clock.h"
#include "crm/column-names.h"
#include "crm/setting.h"
#include "crm/ytree.h"
#include "crm/banned.h"

/* The statements of one entity: kept for the life of the process,
 * since the statement cache is keyed by the text's address. */
struct built {
	char *select, *extra, *insert, *update, *delete;
	char *top, *below;	/* a new id near the cap: next_id */
};

static void
columns(struct crm_buf *b, const struct crm_entity *ent, int from)
{
	for (size_t f = (size_t)from; f < ent->nfields; f++)
		crm_buf_addf(b, "%s%s", f > (size_t)from ? ", " : "",
		    ent->fields[f].name);
	for (size_t k = 0; k < ent->nkeys; k++)
		crm_buf_addf(b, ", %s", ent->keys[k].column);
}

static char *
build_insert(const struct crm_entity *ent)
{
	struct crm_buf b = { 0 };
	size_t n = ent->nfields + ent->nkeys;

	crm_buf_addf(&b, "INSERT INTO %s (", ent->table);
	columns(&b, ent, 0);
	if (ent->features & CRM_E_EXTRA)
		crm_buf_adds(&b, ", extra");
	if (ent->features & CRM_E_RUNS)
		crm_buf_adds(&b, ", created_run, updated_run");
	crm_buf_adds(&b, ") VALUES (");
	for (size_t i = 1; i <= n; i++)
		crm_buf_addf(&b, "%s?%zu", i > 1 ? ", " : "", i);
	if (ent->features & CRM_E_EXTRA)
		crm_buf_addf(&b, ", ?%zu", n + 1);
	if (ent->features & CRM_E_RUNS)
		crm_buf_addf(&b, ", ?%zu, ?%zu", n + 2, n + 2);
	crm_buf_addf(&b, ") RETURNING %s", ent->fields[0].name);
	return crm_buf_detach(&b);
}

static char *
build_update(const struct crm_entity *ent)
{
	struct crm_buf b = { 0 };
	size_t i = 2, n = ent->nfields + ent->nkeys;

	crm_buf_addf(&b, "UPDATE %s SET ", ent->table);
	for (size_t f = 1; f < ent->nfields; f++, i++)
		crm_buf_addf(&b, "%s%s = ?%zu", f > 1 ? ", " : "",
		    ent->fields[f].name, i);
	for (size_t k = 0; k < ent->nkeys; k++, i++)
		crm_buf_addf(&b, ", %s = ?%zu", ent->keys[k].column, i);
	if (ent->features & CRM_E_EXTRA)
		crm_buf_addf(&b, ", extra = ?%zu", n + 1);
	if (ent->features & CRM_E_RUNS)
		crm_buf_addf(&b, ", updated_run = ?%zu", n + 2);
	crm_buf_addf(&b, " WHERE %s = ?1", ent->fields[0].name);
	return crm_buf_detach(&b);
}

static void *
make_statements(const struct crm_entity *ent)
{
	struct built *bt = crm_xcalloc(1, sizeof(*bt));
	struct crm_buf b = { 0 };

	crm_buf_adds(&b, "SELECT ");
	columns(&b, ent, 0);
	crm_buf_addf(&b, " FROM %s WHERE %s = ?1", ent->table,
	    ent->fields[0].name);
	bt->select = crm_buf_detach(&b);
	crm_buf_addf(&b, "SELECT j.key, j.value FROM %s t, json_each(t.extra) "
	    "j WHERE t.%s = ?1", ent->table, ent->fields[0].name);
	bt->extra = crm_buf_detach(&b);
	bt->insert = build_insert(ent);
	bt->update = build_update(ent);
	crm_buf_addf(&b, "DELETE FROM %s WHERE %s = ?1", ent->table,
	    ent->fields[0].name);
	bt->delete = crm_buf_detach(&b);
	crm_buf_addf(&b, "SELECT max(%s) FROM %s", ent->fields[0].name,
	    ent->table);
	bt->top = crm_buf_detach(&b);
	/* the highest free id below one taken, from the top down: the
	 * first gap is found after as many rows as the ids given so */
	crm_buf_addf(&b, "SELECT a.%1$s - 1 FROM %2$s a WHERE a.%1$s <= ?1 "
	    "AND a.%1$s > 1 AND NOT EXISTS (SELECT 1 FROM %2$s b WHERE "
	    "b.%1$s = a.%1$s - 1) ORDER BY a.%1$s DESC LIMIT 1",
	    ent->fields[0].name, ent->table);
	bt->below = crm_buf_detach(&b);
	return bt;
}

static const struct built *
statements(const struct crm_entity *ent)
{
	return crm_entity_cache(ent, CRM_SLOT_STORE, make_statements);
}

static int
load_extra(struct crm_session *s, const struct built *bt, const char *key,
    struct crm_record *r, struct crm_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if (!(r->ent->features & CRM_E_EXTRA))
		return 0;
	if ((st = crm_db_prepare(s->db, bt->extra, e)) == NULL)
		return -1;
	crm_db_bind_text(st, 1, key);
	while ((rc = crm_db_row(s->db, st, e)) == 1)
		crm_record_put_extra(r, crm_db_col_text(st, 0),
		    crm_db_col_text(st, 1), NULL);
	return rc;
}

int
crm_store_get(struct crm_session *s, const struct crm_entity *ent,
    const char *key, struct crm_record *r, struct crm_err *e)
{
	const struct built *bt = statements(ent);
	sqlite3_stmt *st = crm_db_prepare(s->db, bt->select, e);
	int rc;

	crm_record_init(r, ent);
	if (st == NULL)
		return -1;
	crm_db_bind_text(st, 1, key);
	if ((rc = crm_db_row(s->db, st, e)) <= 0)
		return rc;
	for (size_t f = 0; f < ent->nfields; f++)
		crm_record_set(r, (int)f, crm_db_col_text(st, (int)f));
	for (size_t k = 0; k < ent->nkeys; k++) {
		const char *v = crm_db_col_text(st, (int)(ent->nfields + k));

		r->key[k] = v ? crm_xstrdup(v) : NULL;
	}
	if (ent->fields[0].kind == CRM_K_ID)
		r->id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return load_extra(s, bt, key, r, e) < 0 ? -1 : 1;
}

int
crm_store_load(struct crm_session *s, const struct crm_entity *ent,
    long long id, struct crm_record *r, struct crm_err *e)
{
	char key[32];
	int rc;

	snprintf(key, sizeof(key), "%lld", id);
	if ((rc = crm_store_get(s, ent, key, r, e)) < 0)
		return -1;
	return rc ? 0 : crm_err_set(e, CRM_EX_DATAERR, "no %s %lld",
	    crm_entity_word(ent), id);
}

/* Custom field names are case-insensitive: the first spelling that was
 * registered is the one every record uses. */
static const char sql_register[] =
	"INSERT INTO custom_fields (entity, name) SELECT ?1, ?2 "
	"WHERE NOT EXISTS (SELECT 1 FROM custom_fields WHERE "
	"entity = ?1 AND name = ?2 COLLATE NOCASE)";
static const char sql_spelling[] =
	"SELECT name FROM custom_fields WHERE entity = ?1 "
	"AND name = ?2 COLLATE NOCASE AND name != ?2";
static const char sql_custom[] =
	"SELECT name FROM custom_fields WHERE entity = ?1 ORDER BY name";

static int
register_extra(struct crm_session *s, const struct crm_record *r,
    struct crm_err *e)
{
	for (size_t i = 0; i < r->nextra; i++) {
		sqlite3_stmt *st = crm_db_prepare(s->db, sql_register, e);

		if (st == NULL)
			return -1;
		crm_db_bind_text(st, 1, r->ent->name);
		crm_db_bind_text(st, 2, r->ekeys[i]);
		if (crm_db_done(s->db, st, e) < 0)
			return -1;
	}
	return 0;
}

/* Give the custom fields of r the spelling they were registered with. */
static int
registered_spelling(struct crm_session *s, struct crm_record *r,
    struct crm_err *e)
{
	for (size_t i = 0; i < r->nextra; i++) {
		sqlite3_stmt *st = crm_db_prepare(s->db, sql_spelling, e);
		char *key, *val;
		int rc;

		if (st == NULL)
			return -1;
		crm_db_bind_text(st, 1, r->ent->name);
		crm_db_bind_text(st, 2, r->ekeys[i]);
		if ((rc = crm_db_row(s->db, st, e)) <= 0) {
			if (rc < 0)
				return -1;
			continue;
		}
		key = crm_xstrdup(crm_db_col_text(st, 0));
		sqlite3_reset(st);
		val = crm_xstrdup(r->evals[i]);
		crm_record_put_extra(r, r->ekeys[i], NULL, NULL);
		crm_record_put_extra(r, key, val, NULL);
		free(key);
		free(val);
		i = (size_t)-1;		/* the keys moved: from the start */
	}
	return 0;
}

char **
crm_store_custom_fields(struct crm_session *s, const struct crm_entity *ent,
    size_t *n, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_custom, e);
	char **out = NULL;

	*n = 0;
	if (st == NULL)
		return NULL;
	crm_db_bind_text(st, 1, ent->name);
	while (crm_db_row(s->db, st, e) == 1) {
		out = crm_xrealloc(out, (*n + 1) * sizeof(char *));
		out[(*n)++] = crm_xstrdup(crm_db_col_text(st, 0));
	}
	return out;
}

/* Bind every value of r as write_row's statements number them. */
static void
bind_row(struct crm_session *s, sqlite3_stmt *st, const struct crm_record *r)
{
	const struct crm_entity *ent = r->ent;
	size_t n = ent->nfields + ent->nkeys;

	for (size_t f = 0; f < ent->nfields; f++)
		crm_db_bind_text(st, (int)f + 1, r->f[f]);
	for (size_t k = 0; k < ent->nkeys; k++)
		crm_db_bind_text(st, (int)(ent->nfields + k) + 1, r->key[k]);
	if (ent->features & CRM_E_EXTRA) {
		char *extra = crm_record_extra_json(r);

		crm_db_bind_text(st, (int)n + 1, extra);
		free(extra);
	}
	if (ent->features & CRM_E_RUNS)
		sqlite3_bind_int64(st, (int)n + 2, s->run);
}

/* The id of a new numbered record: SQLite's, the one after the highest,
 * while that is at most CRM_ID_MAX (*id 0); past it, the highest free
 * id below the cap — SQLite at its own end would draw a free one at
 * random, a deterministic choice gives the same ids to the same
 * commands. 65 when none is free. */
static int
next_id(struct crm_session *s, const struct built *bt,
    const struct crm_entity *ent, long long *id, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, bt->top, e);
	int rc;

	*id = 0;
	if (st == NULL || crm_db_row(s->db, st, e) != 1)
		return -1;
	rc = sqlite3_column_int64(st, 0) < CRM_ID_MAX;
	sqlite3_reset(st);
	if (rc)
		return 0;
	if ((st = crm_db_prepare(s->db, bt->below, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, CRM_ID_MAX + 1);
	if ((rc = crm_db_row(s->db, st, e)) < 0)
		return -1;
	if (rc == 0)
		return crm_store_no_id_left(ent, e);
	*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return 0;
}

int
crm_store_no_id_left(const struct crm_entity *ent, struct crm_err *e)
{
	return crm_err_set(e, CRM_EX_DATAERR, "no id is left for a new %s: "
	    "every id from 1 to %lld is taken", crm_entity_word(ent),
	    CRM_ID_MAX);
}

int
crm_store_new_id(struct crm_session *s, const struct crm_entity *ent,
    long long *id, struct crm_err *e)
{
	return next_id(s, statements(ent), ent, id, e);
}

int
crm_store_insert(struct crm_session *s, struct crm_record *r,
    struct crm_err *e)
{
	const struct built *bt = statements(r->ent);
	sqlite3_stmt *st;
	long long id = 0;
	int rc;

	if (r->ent->fields[0].kind == CRM_K_ID && r->f[0] == NULL &&
	    next_id(s, bt, r->ent, &id, e) < 0)
		return -1;
	if (id > 0)
		crm_record_set_num(r, 0, id);
	if (registered_spelling(s, r, e) < 0 || crm_audit_run(s, e) < 0 ||
	    (st = crm_db_prepare(s->db, bt->insert, e)) == NULL)
		return -1;
	bind_row(s, st, r);
	if ((rc = crm_db_row(s->db, st, e)) == 0)
		return crm_err_set(e, CRM_EX_SOFTWARE, "internal error: no key "
		    "for the new %s", crm_entity_word(r->ent));
	if (rc < 0)
		return -1;
	crm_record_set(r, 0, crm_db_col_text(st, 0));
	if (r->ent->fields[0].kind == CRM_K_ID)
		r->id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return register_extra(s, r, e);
}

int
crm_store_update(struct crm_session *s, struct crm_record *r,
    struct crm_err *e)
{
	const struct built *bt = statements(r->ent);
	sqlite3_stmt *st;

	if (registered_spelling(s, r, e) < 0 || crm_audit_run(s, e) < 0 ||
	    (st = crm_db_prepare(s->db, bt->update, e)) == NULL)
		return -1;
	bind_row(s, st, r);
	if (crm_db_done(s->db, st, e) < 0)
		return -1;
	return register_extra(s, r, e);
}

int
crm_store_delete(struct crm_session *s, const struct crm_record *r,
    struct crm_err *e)
{
	const struct built *bt = statements(r->ent);
	sqlite3_stmt *st;

	if (crm_audit_run(s, e) < 0 ||
	    (st = crm_db_prepare(s->db, bt->delete, e)) == NULL)
		return -1;
	crm_db_bind_text(st, 1, r->f[0]);
	return crm_db_done(s->db, st, e);
}

static int
same_text(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a && b && strcmp(a, b) == 0);
}

static int
audit_one(struct crm_session *s, const char *entity, const char *id,
    const char *action, const char *field, const char *old,
    const char *now, struct crm_err *e)
{
	return same_text(old, now) ? 0 : crm_audit_event(s, entity, id,
	    action, field, old, now, e);
}

static int
audit_fields(struct crm_session *s, const char *action, const char *id,
    const struct crm_record *old, const struct crm_record *now,
    struct crm_err *e)
{
	const struct crm_entity *ent = (now ? now : old)->ent;
	int rc = 0;

	for (size_t f = 1; rc == 0 && f < ent->nfields; f++) {
		char *o, *n;

		if (ent->fields[f].flags & CRM_F_UNAUDITED)
			continue;
		o = old ? crm_record_show(old, (int)f) : NULL;
		n = now ? crm_record_show(now, (int)f) : NULL;
		rc = audit_one(s, ent->name, id, action, ent->fields[f].name, o,
		    n, e);
		free(o);
		free(n);
	}
	return rc;
}

int
crm_store_audit(struct crm_session *s, const char *action,
    const struct crm_record *old, const struct crm_record *now,
    struct crm_err *e)
{
	const struct crm_record *any = now ? now : old;
	const char *name, *id;

	if (any == NULL)
		return 0;
	name = any->ent->name;
	id = any->f[0] ? any->f[0] : "";
	if (audit_fields(s, action, id, old, now, e) < 0)
		return -1;
	for (size_t i = 0; old && i < old->nextra; i++)
		if (audit_one(s, name, id, action, old->ekeys[i],
		    old->evals[i], crm_record_extra(now, old->ekeys[i]), e) < 0)
			return -1;
	for (size_t i = 0; now && i < now->nextra; i++)
		if (crm_record_extra(old, now->ekeys[i]) == NULL &&
		    audit_one(s, name, id, action, now->ekeys[i], NULL,
		    now->evals[i], e) < 0)
			return -1;
	return 0;
}

int
crm_store_save(struct crm_session *s, const struct crm_record *old,
    struct crm_record *r, struct crm_err *e)
{
	int updated = crm_entity_field(r->ent, "updated_at");
	char now[CRM_TIME_LEN];

	/* every value the same: nothing to write, no event, no run (an
	 * updated_at alone would be a change nobody made) */
	if (old != NULL && crm_record_same(old, r))
		return 0;
	if (updated >= 0) {
		crm_now_text(now);
		crm_record_set(r, updated, now);
	}
	if (crm_store_update(s, r, e) < 0)
		return -1;
	return crm_store_audit(s, "update", old, r, e);
}

int
crm_store_create(struct crm_session *s, struct crm_record *r,
    unsigned long long required, struct crm_err *e)
{
	static const char *const times[] = { "created_at", "updated_at" };
	char now[CRM_TIME_LEN];
	const char *bad;

	crm_now_text(now);
	for (size_t i = 0; i < 2; i++) {
		int f = crm_entity_field(r->ent, times[i]);

		if (f >= 0 && r->f[f] == NULL)
			crm_record_set(r, f, now);
	}
	if (crm_record_finish(r, required, &bad, e) < 0)
		return bad ? crm_err_prefix(e, "field '%s'", bad) : -1;
	if (crm_store_insert(s, r, e) < 0)
		return -1;
	return crm_store_audit(s, "create", NULL, r, e);
}

int
crm_store_from_events(struct crm_record *r, size_t n,
    const char *const *fields, const char *const *vals, struct crm_err *e)
{
	for (size_t i = 0; i < n; i++) {
		int f;

		if (fields[i] == NULL)
			continue;
		f = crm_entity_field(r->ent, fields[i]);
		if (f < 0) {
			if (crm_record_put_extra(r, fields[i], vals[i], e) < 0)
				return -1;
		} else if (crm_record_put(r, f, vals[i], NULL, e) < 0) {
			return crm_err_prefix(e, "field '%s'", fields[i]);
		}
	}
	return 0;
}

int
crm_store_required(struct crm_session *s, const struct crm_entity *ent,
    unsigned long long *mask, struct crm_err *e)
{
	const char *name = ent->required_setting;
	struct crm_buf json = { 0 };
	struct crm_ynode *n = NULL;
	int rc = 0;

	*mask = 0;
	for (size_t f = 0; f < ent->nfields; f++)
		if (ent->fields[f].flags & CRM_F_REQUIRED)
			*mask |= 1ull << f;
	if (name == NULL)
		return 0;
	rc = crm_setting_json(s, name, &json, e);
	if (rc == 0)
		rc = crm_ytree_parse(json.s, json.len, name, &n, e);
	for (size_t i = 0; rc == 0 && i < n->n; i++) {
		int f = crm_entity_field(ent, n->items[i]->s);

		if (f >= 0)
			*mask |= 1ull << f;
	}
	crm_ytree_free(n);
	crm_buf_free(&json);
	return rc;
}
