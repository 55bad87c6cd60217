/* Customers: reading and writing one record, the duplicate check, who
 * may see and change what, and the verbs that change one customer. */
#include <stdlib.h>
#include <string.h>

#include "customer-impl.h"
#include "crm/clock.h"
#include "crm/setting.h"
#include "crm/user.h"
#include "crm/ytree.h"
#include "crm/banned.h"

#define CUST_COLUMNS \
	"id, name, contact, phone, email, address, city, region, industry, " \
	"size, tier, status, owner, pool, source_type, source_id, " \
	"claimed_at, last_followup_at, next_followup_at, created_at, " \
	"updated_at, note, tags, locked, lock_reason"

static const char sql_load[] =
	"SELECT " CUST_COLUMNS ", name_key, core_key, phone_key "
	"FROM customers WHERE id = ?";
static const char sql_load_extra[] =
	"SELECT j.key, j.value FROM customers c, json_each(c.extra) j "
	"WHERE c.id = ?";
static const char sql_insert[] =
	"INSERT INTO customers (" CUST_COLUMNS ", extra, name_key, core_key, "
	"phone_key, created_run, updated_run) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
	"?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, "
	"?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?30) RETURNING id";
static const char sql_update[] =
	"UPDATE customers SET name = ?2, contact = ?3, phone = ?4, email = ?5, "
	"address = ?6, city = ?7, region = ?8, industry = ?9, size = ?10, "
	"tier = ?11, status = ?12, owner = ?13, pool = ?14, "
	"source_type = ?15, source_id = ?16, claimed_at = ?17, "
	"last_followup_at = ?18, next_followup_at = ?19, created_at = ?20, "
	"updated_at = ?21, note = ?22, tags = ?23, locked = ?24, "
	"lock_reason = ?25, extra = ?26, name_key = ?27, core_key = ?28, "
	"phone_key = ?29, updated_run = ?30 WHERE id = ?1";
/* Custom field names are case-insensitive: the first spelling that was
 * registered is the one every record uses. */
static const char sql_register[] =
	"INSERT INTO custom_fields (entity, name) SELECT 'customer', ?1 "
	"WHERE NOT EXISTS (SELECT 1 FROM custom_fields WHERE "
	"entity = 'customer' AND name = ?1 COLLATE NOCASE)";
static const char sql_spelling[] =
	"SELECT name FROM custom_fields WHERE entity = 'customer' "
	"AND name = ? COLLATE NOCASE AND name != ?";
static const char sql_dup[] =
	"SELECT id, name, owner, pool, name_key FROM customers "
	"WHERE (name_key = ?1 OR phone_key = ?2) AND id IS NOT ?3 "
	"ORDER BY id LIMIT 1";
static const char sql_visible[] =
	CUST_TEAM "SELECT 1 FROM customers c WHERE c.id = ?6 AND "
	CUST_VISIBLE;
static const char sql_in_team[] =
	CUST_TEAM "SELECT 1 FROM team WHERE login = ?6";

int
cust_load(struct crm_session *s, long long id, struct cust *c,
    struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_load, e);
	int rc;

	memset(c, 0, sizeof(*c));
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = crm_db_row(s->db, st, e)) <= 0)
		return rc < 0 ? -1 : crm_err_set(e, CRM_EX_DATAERR, "no "
		    "customer %lld", id);
	c->id = id;
	for (int i = 1; i < CRM_CUST_NFIELDS; i++) {
		const char *v = crm_db_col_text(st, i);

		c->f[i] = v ? crm_xstrdup(v) : NULL;
	}
	c->f[CRM_CF_ID] = crm_xstrdup(crm_db_col_text(st, 0));
	c->name_key = crm_xstrdup(crm_db_col_text(st, CRM_CUST_NFIELDS));
	c->core_key = crm_xstrdup(crm_db_col_text(st, CRM_CUST_NFIELDS + 1));
	if (crm_db_col_text(st, CRM_CUST_NFIELDS + 2))
		c->phone_key = crm_xstrdup(crm_db_col_text(st,
		    CRM_CUST_NFIELDS + 2));
	sqlite3_reset(st);
	if ((st = crm_db_prepare(s->db, sql_load_extra, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = crm_db_row(s->db, st, e)) == 1)
		cust_put_extra(c, crm_db_col_text(st, 0),
		    crm_db_col_text(st, 1), NULL);
	return rc;
}

int
cust_register_extra(struct crm_session *s, const struct cust *c,
    struct crm_err *e)
{
	for (size_t i = 0; i < c->nextra; i++) {
		sqlite3_stmt *st = crm_db_prepare(s->db, sql_register, e);

		if (st == NULL)
			return -1;
		crm_db_bind_text(st, 1, c->ekeys[i]);
		if (crm_db_done(s->db, st, e) < 0)
			return -1;
	}
	return 0;
}

/* Give the custom fields of c the spelling they were registered with. */
static int
registered_spelling(struct crm_session *s, struct cust *c, struct crm_err *e)
{
	for (size_t i = 0; i < c->nextra; i++) {
		sqlite3_stmt *st = crm_db_prepare(s->db, sql_spelling, e);
		char *key, *val;
		int rc;

		if (st == NULL)
			return -1;
		crm_db_bind_text(st, 1, c->ekeys[i]);
		crm_db_bind_text(st, 2, c->ekeys[i]);
		if ((rc = crm_db_row(s->db, st, e)) <= 0) {
			if (rc < 0)
				return -1;
			continue;
		}
		key = crm_xstrdup(crm_db_col_text(st, 0));
		sqlite3_reset(st);
		val = crm_xstrdup(c->evals[i]);
		cust_put_extra(c, c->ekeys[i], NULL, NULL);
		cust_put_extra(c, key, val, NULL);
		free(key);
		free(val);
		i = (size_t)-1;		/* the keys moved: from the start */
	}
	return 0;
}

int
cust_write(struct crm_session *s, struct cust *c, struct crm_err *e)
{
	sqlite3_stmt *st;
	char *extra;
	int rc;

	if (registered_spelling(s, c, e) < 0)
		return -1;
	st = crm_db_prepare(s->db, c->id ? sql_update : sql_insert, e);
	extra = cust_extra_json(c);
	if (st == NULL || crm_audit_run(s, e) < 0) {
		free(extra);
		return -1;
	}
	if (c->id)
		sqlite3_bind_int64(st, 1, c->id);
	else
		crm_db_bind_text(st, 1, c->f[CRM_CF_ID]);
	for (int i = 1; i < CRM_CUST_NFIELDS; i++)
		crm_db_bind_text(st, i + 1, c->f[i]);
	crm_db_bind_text(st, CRM_CUST_NFIELDS + 1, extra);
	crm_db_bind_text(st, CRM_CUST_NFIELDS + 2, c->name_key);
	crm_db_bind_text(st, CRM_CUST_NFIELDS + 3, c->core_key);
	crm_db_bind_text(st, CRM_CUST_NFIELDS + 4, c->phone_key);
	sqlite3_bind_int64(st, CRM_CUST_NFIELDS + 5, s->run);
	free(extra);
	if (c->id) {
		rc = crm_db_done(s->db, st, e);
	} else {
		if ((rc = crm_db_row(s->db, st, e)) == 1) {
			c->id = sqlite3_column_int64(st, 0);
			sqlite3_reset(st);
			rc = 0;
		} else if (rc == 0) {
			rc = crm_err_set(e, CRM_EX_SOFTWARE, "internal error: "
			    "no id for the new customer");
		}
	}
	return rc < 0 ? -1 : cust_register_extra(s, c, e);
}

/* A field's value as the audit trail shows it (tags with ';'). */
static char *
audit_value(int f, const char *v)
{
	char *out;

	if (v == NULL)
		return NULL;
	out = crm_xstrdup(v);
	if (f == CRM_CF_TAGS)
		for (char *p = out; *p; p++)
			if (*p == '\x1f')
				*p = ';';
	return out;
}

static const char *
extra_of(const struct cust *c, const char *key)
{
	for (size_t i = 0; c && i < c->nextra; i++)
		if (strcmp(c->ekeys[i], key) == 0)
			return c->evals[i];
	return NULL;
}

static int
same_text(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a && b && strcmp(a, b) == 0);
}

static int
audit_one(struct crm_session *s, const char *id, const char *action,
    const char *field, int f, const char *old, const char *now,
    struct crm_err *e)
{
	char *o = audit_value(f, old), *n = audit_value(f, now);
	int rc = same_text(o, n) ? 0 : crm_audit_event(s, "customer", id,
	    action, field, o, n, e);

	free(o);
	free(n);
	return rc;
}

int
cust_audit(struct crm_session *s, const char *action, const struct cust *old,
    const struct cust *now, struct crm_err *e)
{
	const struct cust *any = now ? now : old;
	char id[32];

	if (any == NULL)
		return 0;
	snprintf(id, sizeof(id), "%lld", any->id);
	for (int f = 1; f < CRM_CUST_NFIELDS; f++)
		if (audit_one(s, id, action, crm_customer_fields[f].name, f,
		    old ? old->f[f] : NULL, now ? now->f[f] : NULL, e) < 0)
			return -1;
	for (size_t i = 0; old && i < old->nextra; i++)
		if (audit_one(s, id, action, old->ekeys[i], -1, old->evals[i],
		    extra_of(now, old->ekeys[i]), e) < 0)
			return -1;
	for (size_t i = 0; now && i < now->nextra; i++)
		if (extra_of(old, now->ekeys[i]) == NULL &&
		    audit_one(s, id, action, now->ekeys[i], -1, NULL,
		    now->evals[i], e) < 0)
			return -1;
	return 0;
}

int
cust_save(struct crm_session *s, const struct cust *old, struct cust *c,
    struct crm_err *e)
{
	char now[CRM_TIME_LEN];

	crm_now_text(now);
	free(c->f[CRM_CF_UPDATED_AT]);
	c->f[CRM_CF_UPDATED_AT] = crm_xstrdup(now);
	if (cust_write(s, c, e) < 0)
		return -1;
	return cust_audit(s, "update", old, c, e);
}

static const char sql_manager_of[] =
	"SELECT manager FROM users WHERE login = ?";

/* The refusal for a duplicate the user may not see: that one exists,
 * and whom to ask — never its id, name, phone or email (data.md). */
static int
dup_unseen(struct crm_session *s, const struct cust *c, const char *owner,
    const char *pool, const char *same, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_manager_of, e);
	char *manager = NULL;

	if (st == NULL)
		return -1;
	crm_db_bind_text(st, 1, owner);
	if (owner && crm_db_row(s->db, st, e) == 1) {
		if (crm_db_col_text(st, 0))
			manager = crm_xstrdup(crm_db_col_text(st, 0));
		sqlite3_reset(st);
	}
	if (owner == NULL)
		crm_err_set(e, CRM_EX_DATAERR, "'%s': a customer with the same "
		    "%s is in the pool '%s' (ask a manager of that region)",
		    c->f[CRM_CF_NAME], same, pool);
	else
		crm_err_set(e, CRM_EX_DATAERR, "'%s': a customer with the same "
		    "%s belongs to '%s'%s%s%s", c->f[CRM_CF_NAME], same, owner,
		    manager ? " (ask them or their manager '" : " (ask them)",
		    manager ? manager : "", manager ? "')" : "");
	free(manager);
	return -1;
}

int
cust_check_dup(struct crm_session *s, const struct cust *c,
    struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_dup, e);
	char *name, *owner, *pool;
	const char *same;
	long long id;
	int rc;

	if (st == NULL)
		return -1;
	crm_db_bind_text(st, 1, c->name_key);
	crm_db_bind_text(st, 2, c->phone_key);
	if (c->id)
		sqlite3_bind_int64(st, 3, c->id);
	if ((rc = crm_db_row(s->db, st, e)) <= 0)
		return rc;
	id = sqlite3_column_int64(st, 0);
	name = crm_xstrdup(crm_db_col_text(st, 1));
	owner = crm_db_col_text(st, 2) ? crm_xstrdup(crm_db_col_text(st, 2)) :
	    NULL;
	pool = crm_db_col_text(st, 3) ? crm_xstrdup(crm_db_col_text(st, 3)) :
	    NULL;
	same = same_text(c->name_key, crm_db_col_text(st, 4)) ? "name" :
	    "phone";
	sqlite3_reset(st);
	if ((rc = cust_may_see(s, id, NULL)) == 0)
		crm_err_set(e, CRM_EX_DATAERR, "'%s' is a duplicate of customer "
		    "%lld '%s' (%s %s): same %s; --allow-duplicate adds it "
		    "anyway", c->f[CRM_CF_NAME], id, name, owner ? "owner" :
		    "in the pool", owner ? owner : pool, same);
	else
		dup_unseen(s, c, owner, pool, same, e);
	free(name);
	free(owner);
	free(pool);
	return -1;
}

int
cust_bind_scope(struct crm_session *s, sqlite3_stmt *st, struct crm_err *e)
{
	long long same_region = 1;

	if ((s->role & (CRM_ROLE_REP | CRM_ROLE_MANAGER)) &&
	    crm_setting_int(s, "pool.same_region", &same_region, e) < 0)
		return -1;
	crm_db_bind_text(st, 1, s->user);
	sqlite3_bind_int(st, 2, (s->role & (CRM_ROLE_ADMIN |
	    CRM_ROLE_FINANCE | CRM_ROLE_MARKETING)) != 0);
	sqlite3_bind_int(st, 3, s->role == CRM_ROLE_MANAGER);
	crm_db_bind_text(st, 4, s->region);
	sqlite3_bind_int(st, 5, !same_region);
	return 0;
}

int
cust_may_see(struct crm_session *s, long long id, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_visible, e);
	int rc;

	if (st == NULL || cust_bind_scope(s, st, e) < 0)
		return -1;
	sqlite3_bind_int64(st, 6, id);
	if ((rc = crm_db_row(s->db, st, e)) < 0)
		return -1;
	sqlite3_reset(st);
	return rc ? 0 : crm_err_set(e, CRM_EX_DATAERR, "no customer %lld",
	    id);
}

int
cust_in_team(struct crm_session *s, const char *login, struct crm_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if (login == NULL)
		return 0;
	if (strcmp(login, s->user) == 0)
		return 1;
	if (s->role != CRM_ROLE_MANAGER)
		return 0;
	if ((st = crm_db_prepare(s->db, sql_in_team, e)) == NULL ||
	    cust_bind_scope(s, st, e) < 0)
		return -1;
	crm_db_bind_text(st, 6, login);
	rc = crm_db_row(s->db, st, e);
	if (rc == 1)
		sqlite3_reset(st);
	return rc;
}

int
cust_may_change(struct crm_session *s, const struct cust *c,
    struct crm_err *e)
{
	int in_team;

	if (s->role == CRM_ROLE_ADMIN)
		return 0;
	if (!(s->role & (CRM_ROLE_MANAGER | CRM_ROLE_REP)))
		return crm_session_require(s, CRM_ROLE_ADMIN |
		    CRM_ROLE_MANAGER | CRM_ROLE_REP, "change customers", e);
	if (c->f[CRM_CF_OWNER] == NULL)
		return crm_err_set(e, CRM_EX_NOPERM, "customer %lld '%s' is in "
		    "the pool '%s': claim it first", c->id, c->f[CRM_CF_NAME],
		    c->f[CRM_CF_POOL]);
	if ((in_team = cust_in_team(s, c->f[CRM_CF_OWNER], e)) < 0)
		return -1;
	return in_team ? 0 : crm_err_set(e, CRM_EX_NOPERM, "customer %lld "
	    "'%s' belongs to '%s', not to you%s", c->id, c->f[CRM_CF_NAME],
	    c->f[CRM_CF_OWNER], s->role == CRM_ROLE_MANAGER ? " or your team" :
	    "");
}

int
cust_owner_ok_db(void *arg, const char *login, struct crm_err *e)
{
	struct crm_session *s = arg;
	int rc = pool_owner_state(s, login, e);

	if (rc < 0)
		return -1;
	return rc == 2 ? 0 : crm_err_set(e, CRM_EX_DATAERR, "'%s' is not an "
	    "active user", login);
}

int
cust_required(struct crm_session *s, unsigned *mask, struct crm_err *e)
{
	struct crm_buf json = { 0 };
	struct crm_ynode *n = NULL;
	int rc;

	*mask = 1u << CRM_CF_NAME;
	rc = crm_setting_json(s, "customer.required", &json, e);
	if (rc == 0)
		rc = crm_ytree_parse(json.s, json.len, "customer.required", &n,
		    e);
	for (size_t i = 0; rc == 0 && i < n->n; i++) {
		int f = crm_customer_field(n->items[i]->s);

		if (f >= 0)
			*mask |= 1u << f;
	}
	crm_ytree_free(n);
	crm_buf_free(&json);
	return rc;
}

/* Apply input to c: field errors name the field. */
static int
apply_input(struct crm_session *s, struct cust *c,
    const struct crm_cust_input *in, struct crm_err *e)
{
	struct cust_checks ck = { cust_owner_ok_db, s };

	for (int f = 0; f < CRM_CUST_NFIELDS; f++)
		if (in->f[f] && cust_put(c, f, in->f[f], &ck, e) < 0)
			return crm_err_prefix(e, "field '%s'",
			    crm_customer_fields[f].name);
	for (size_t i = 0; i < in->nextra; i++)
		if (cust_extra_name_ok(in->ekeys[i], e) < 0 ||
		    cust_put_extra(c, in->ekeys[i], in->evals[i], e) < 0)
			return crm_err_prefix(e, "field '%s'", in->ekeys[i]);
	return 0;
}

/* Who a new customer belongs to: a rep's own, a manager's team. */
static int
check_new_owner(struct crm_session *s, struct cust *c, struct crm_err *e)
{
	const char *owner = c->f[CRM_CF_OWNER];
	int ok;

	if (crm_session_require(s, CRM_ROLE_ADMIN | CRM_ROLE_MANAGER |
	    CRM_ROLE_REP, "add customers", e) < 0)
		return -1;
	if (s->role == CRM_ROLE_REP && owner == NULL) {
		c->f[CRM_CF_OWNER] = crm_xstrdup(s->user);
		return 0;
	}
	if (owner == NULL || s->role == CRM_ROLE_ADMIN)
		return 0;
	if ((ok = cust_in_team(s, owner, e)) < 0)
		return -1;
	return ok ? 0 : crm_err_set(e, CRM_EX_NOPERM, "you may not give "
	    "customers to '%s'%s", owner, s->role == CRM_ROLE_REP ?
	    " (a rep adds customers for themselves)" : " (not in your team)");
}

static int
add_locked(struct crm_session *s, const struct crm_cust_input *in,
    int allow_dup, long long *id, struct crm_err *e)
{
	char now[CRM_TIME_LEN];
	struct cust c = { 0 };
	const char *bad;
	unsigned required;
	int rc = -1;

	crm_now_text(now);
	if (apply_input(s, &c, in, e) < 0 || check_new_owner(s, &c, e) < 0 ||
	    cust_required(s, &required, e) < 0)
		goto out;
	if (cust_finish(&c, required, &bad, e) < 0) {
		crm_err_prefix(e, "field '%s'", bad);
		goto out;
	}
	if (c.f[CRM_CF_CREATED_AT] == NULL)
		c.f[CRM_CF_CREATED_AT] = crm_xstrdup(now);
	free(c.f[CRM_CF_UPDATED_AT]);
	c.f[CRM_CF_UPDATED_AT] = crm_xstrdup(now);
	if (c.f[CRM_CF_OWNER] && c.f[CRM_CF_CLAIMED_AT] == NULL)
		c.f[CRM_CF_CLAIMED_AT] = crm_xstrdup(now);
	if ((!allow_dup && cust_check_dup(s, &c, e) < 0) ||
	    cust_write(s, &c, e) < 0 || cust_audit(s, "create", NULL, &c, e) < 0)
		goto out;
	*id = c.id;
	rc = 0;
out:
	cust_free(&c);
	return rc;
}

int
crm_customer_add(struct crm_session *s, const struct crm_cust_input *in,
    int allow_dup, long long *id, struct crm_err *e)
{
	int rc;

	if (crm_session_begin(s, e) < 0)
		return -1;
	rc = add_locked(s, in, allow_dup, id, e);
	return crm_session_end(s, rc == 0, e) < 0 ? -1 : rc;
}

/* An edit may leave a required field empty that was empty before (the
 * setting may be newer than the record), never empty one. */
static int
keep_required(const struct cust *c, const struct crm_cust_input *in,
    unsigned required, struct crm_err *e)
{
	for (int f = 0; f < CRM_CUST_NFIELDS; f++)
		if ((required & (1u << f)) && in->f[f] != NULL &&
		    c->f[f] == NULL)
			return crm_err_set(e, CRM_EX_DATAERR, "field '%s': "
			    "cannot be emptied (the setting customer.required "
			    "asks for it)", crm_customer_fields[f].name);
	return 0;
}

static int
set_locked(struct crm_session *s, long long id,
    const struct crm_cust_input *in, int allow_dup, struct crm_err *e)
{
	static const int fixed[] = { CRM_CF_ID, CRM_CF_OWNER, CRM_CF_POOL,
		CRM_CF_CLAIMED_AT, CRM_CF_LAST_FOLLOWUP_AT, CRM_CF_CREATED_AT,
		CRM_CF_UPDATED_AT, CRM_CF_LOCKED, CRM_CF_LOCK_REASON };
	struct cust old, c = { 0 };
	const char *bad;
	unsigned required;
	int rc = -1;

	for (size_t i = 0; i < sizeof(fixed) / sizeof(*fixed); i++)
		if (in->f[fixed[i]] != NULL)
			return crm_err_set(e, CRM_EX_USAGE, "'%s' cannot be "
			    "set here%s", crm_customer_fields[fixed[i]].name,
			    fixed[i] == CRM_CF_OWNER || fixed[i] == CRM_CF_POOL ?
			    " (claim, release and assign change it)" :
			    fixed[i] == CRM_CF_LOCKED ||
			    fixed[i] == CRM_CF_LOCK_REASON ?
			    " (lock and unlock change it)" :
			    fixed[i] == CRM_CF_LAST_FOLLOWUP_AT ?
			    " (follow records a follow-up)" :
			    fixed[i] == CRM_CF_ID ? "" : " (crm keeps it)");
	if (cust_load(s, id, &old, e) < 0 || cust_may_see(s, id, e) < 0 ||
	    cust_may_change(s, &old, e) < 0)
		goto out;
	cust_copy(&c, &old);
	if (apply_input(s, &c, in, e) < 0 ||
	    cust_required(s, &required, e) < 0 ||
	    keep_required(&c, in, required, e) < 0)
		goto out;
	if (cust_finish(&c, 0, &bad, e) < 0) {
		if (bad != NULL)
			crm_err_prefix(e, "field '%s'", bad);
		goto out;
	}
	if (!allow_dup && (!same_text(c.name_key, old.name_key) ||
	    !same_text(c.phone_key, old.phone_key)) &&
	    cust_check_dup(s, &c, e) < 0)
		goto out;
	rc = cust_save(s, &old, &c, e);
out:
	cust_free(&old);
	cust_free(&c);
	return rc;
}

int
crm_customer_set(struct crm_session *s, long long id,
    const struct crm_cust_input *in, int allow_dup, struct crm_err *e)
{
	int rc;

	if (crm_session_begin(s, e) < 0)
		return -1;
	rc = set_locked(s, id, in, allow_dup, e);
	return crm_session_end(s, rc == 0, e) < 0 ? -1 : rc;
}
