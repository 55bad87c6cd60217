/* Customers: reading and writing one record, the duplicate check, who
 * may see and change what, and the verbs that change one customer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "customer-impl.h"
#include "crm/audit.h"
#include "crm/store.h"
#include "crm/clock.h"
#include "crm/setting.h"
#include "crm/user.h"
#include "crm/ytree.h"
#include "scope-sql.h"
#include "crm/banned.h"

static const char sql_dup[] =
	"SELECT id, name, owner, pool, name_key FROM customers "
	"WHERE (name_key = ?1 OR phone_key = ?2) AND id IS NOT ?3 "
	"ORDER BY id LIMIT 1";

static int
same_text(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a && b && strcmp(a, b) == 0);
}

static const char sql_manager_of[] =
	"SELECT manager FROM users WHERE login = ?";

int
crm_customer_dup_unseen(struct crm_session *s, const char *what,
    const char *owner, const char *pool, const char *same, struct crm_err *e)
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
		    what, same, pool);
	else if (manager != NULL)
		crm_err_set(e, CRM_EX_DATAERR, "'%s': a customer with the same "
		    "%s belongs to '%s' (ask them or their manager '%s')",
		    what, same, owner, manager);
	else
		crm_err_set(e, CRM_EX_DATAERR, "'%s': a customer with the same "
		    "%s belongs to '%s' (ask them)", what, same, owner);
	free(manager);
	return -1;
}

int
customer_check_dup(struct crm_session *s, const struct crm_record *c,
    int *unseen, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_dup, e);
	char *name, *owner, *pool;
	const char *same;
	long long id;
	int rc, k, seen;

	*unseen = 0;
	if (st == NULL)
		return -1;
	crm_db_bind_text(st, 1, c->key[CUST_KEY_NAME]);
	crm_db_bind_text(st, 2, c->key[CUST_KEY_PHONE]);
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
	k = same_text(c->key[CUST_KEY_NAME], crm_db_col_text(st, 4)) ?
	    CUST_KEY_NAME : CUST_KEY_PHONE;
	sqlite3_reset(st);
	rc = crm_scope_found_masked(s, &crm_customer_entity,
	    crm_customer_entity.keys[k].field, owner, e);
	seen = rc == 0 &&
	    crm_scope_may_see(s, &crm_customer_entity, id, NULL) == 0;
	same = crm_cgettext("key", crm_customer_entity.keys[k].what);
	if (seen && owner != NULL)
		crm_err_set(e, CRM_EX_DATAERR, "'%s' is a duplicate of "
		    "customer %lld '%s' (owner %s): same %s (a manager may "
		    "allow it: --allow-duplicate)", c->f[CRM_CF_NAME], id, name,
		    owner, same);
	else if (seen)
		crm_err_set(e, CRM_EX_DATAERR, "'%s' is a duplicate of "
		    "customer %lld '%s' (in the pool %s): same %s (a manager "
		    "may allow it: --allow-duplicate)", c->f[CRM_CF_NAME], id,
		    name, pool, same);
	else if (rc >= 0) {
		*unseen = 1;
		crm_customer_dup_unseen(s, c->f[CRM_CF_NAME], owner, pool,
		    same, e);
	}
	free(name);
	free(owner);
	free(pool);
	return -1;
}

int
customer_owner_ok(void *arg, const struct crm_field *fd, const char *login,
    struct crm_err *e)
{
	struct crm_session *s = arg;
	int rc = pool_owner_state(s, &crm_customer_entity, login, e);

	(void)fd;
	if (rc < 0)
		return -1;
	return rc == 2 ? 0 : crm_err_set(e, CRM_EX_DATAERR, "'%s' is not an "
	    "active user", login);
}

/* Apply input to c: field errors name the field. */
static int
apply_input(struct crm_session *s, struct crm_record *c,
    const struct crm_customer_input *in, struct crm_err *e)
{
	struct crm_record_checks ck = { customer_owner_ok, s };

	return crm_input_apply(c, in, &ck, e);
}

/* Who a new customer belongs to: a rep's own, a manager's team. */
static int
check_new_owner(struct crm_session *s, struct crm_record *c, struct crm_err *e)
{
	const char *owner = c->f[CRM_CF_OWNER];
	int ok;

	if (crm_session_require(s, CRM_ROLE_ADMIN | CRM_ROLE_MANAGER |
	    CRM_ROLE_REP, _("add customers"), e) < 0)
		return -1;
	if (s->role == CRM_ROLE_REP && owner == NULL) {
		c->f[CRM_CF_OWNER] = crm_xstrdup(s->user);
		return 0;
	}
	if (owner == NULL || s->role == CRM_ROLE_ADMIN)
		return 0;
	if ((ok = crm_scope_in_team(s, owner, e)) < 0)
		return -1;
	if (ok)
		return 0;
	if (s->role == CRM_ROLE_REP)
		return crm_err_set(e, CRM_EX_NOPERM, "you may not give "
		    "customers to '%s' (a rep adds customers for themselves)",
		    owner);
	return crm_err_set(e, CRM_EX_NOPERM, "you may not give customers to "
	    "'%s' (not in your team)", owner);
}

/* A manager's --allow-duplicate is recorded (schema/022): each group
 * of customers that shares customer ?2's name key, or its phone key, as
 * it is now, one allowance of the run ?1, so that crm check stops
 * reporting the group and still reports a member that joins it later. */
#define ALLOW_GROUP(kind, col) \
	"SELECT ?1, '" kind "', grp, id FROM (SELECT id, min(id) OVER () " \
	"AS grp, count(*) OVER () AS n FROM customers WHERE " col " = " \
	"(SELECT " col " FROM customers WHERE id = ?2)) WHERE n > 1"
static const char sql_allow[] =
	"INSERT OR IGNORE INTO customer_dupes_allowed (run, kind, grp, "
	"customer_id) " ALLOW_GROUP("name", "name_key") " UNION ALL "
	ALLOW_GROUP("phone", "phone_key");
static const char sql_has_dup[] =
	"SELECT 1 FROM customers c JOIN customers d ON d.id <> c.id AND "
	"(d.name_key = c.name_key OR d.phone_key = c.phone_key) "
	"WHERE c.id = ?1 LIMIT 1";

/* The allowance is an event too, of the record "duplicate" of the
 * customer's id, its field the key: crm log shows who allowed what (an
 * edit that changed nothing else has no other event), and crm undo of
 * the run finds it (lib/undo.c: the rows go with the run's history).
 * Not the other customers' ids: the manager may not see them all. */
static const char sql_allowed[] =
	"SELECT DISTINCT kind FROM customer_dupes_allowed WHERE run = ?1 "
	"AND customer_id = ?2 ORDER BY kind";

static int
log_allowed(struct crm_session *s, long long id, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_allowed, e);
	char key[24], kinds[2][8] = { "", "" };
	int rc, n = 0;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, s->run);
	sqlite3_bind_int64(st, 2, id);
	while ((rc = crm_db_row(s->db, st, e)) == 1)
		if (n < 2)
			snprintf(kinds[n++], sizeof(kinds[0]), "%s",
			    crm_db_col_text(st, 0));
	snprintf(key, sizeof(key), "%lld", id);
	for (int i = 0; i < n && rc == 0; i++)
		rc = crm_audit_event(s, "duplicate", key, "create", kinds[i],
		    NULL, "allowed", e);
	return rc;
}

static int
allow_dups(struct crm_session *s, long long id, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_has_dup, e);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = crm_db_row(s->db, st, e)) <= 0)
		return rc;	/* no duplicate: nothing to allow, no run */
	sqlite3_reset(st);
	/* the run exists even when the edit changed no field */
	if (crm_audit_run(s, e) < 0 ||
	    (st = crm_db_prepare(s->db, sql_allow, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, s->run);
	sqlite3_bind_int64(st, 2, id);
	return crm_db_done(s->db, st, e) < 0 ? -1 : log_allowed(s, id, e);
}

static int
add_locked(struct crm_session *s, const struct crm_customer_input *in,
    int allow_dup, long long *id, int *unseen, struct crm_err *e)
{
	char now[CRM_TIME_LEN];
	struct crm_record c = { 0 };
	const char *bad;
	unsigned long long required;
	int rc = -1;

	crm_now_text(now);
	customer_init(&c);
	if (apply_input(s, &c, in, e) < 0 || check_new_owner(s, &c, e) < 0 ||
	    crm_store_required(s, &crm_customer_entity, &required, e) < 0)
		goto out;
	if (crm_record_finish(&c, required, &bad, e) < 0) {
		crm_err_prefix(e, "field '%s'", bad);
		goto out;
	}
	if (c.f[CRM_CF_CREATED_AT] == NULL)
		c.f[CRM_CF_CREATED_AT] = crm_xstrdup(now);
	free(c.f[CRM_CF_UPDATED_AT]);
	c.f[CRM_CF_UPDATED_AT] = crm_xstrdup(now);
	if (c.f[CRM_CF_OWNER] && c.f[CRM_CF_CLAIMED_AT] == NULL)
		c.f[CRM_CF_CLAIMED_AT] = crm_xstrdup(now);
	if ((!allow_dup && customer_check_dup(s, &c, unseen, e) < 0) ||
	    crm_store_insert(s, &c, e) < 0 ||
	    crm_store_audit(s, "create", NULL, &c, e) < 0 ||
	    (allow_dup && allow_dups(s, c.id, e) < 0))
		goto out;
	*id = c.id;
	rc = 0;
out:
	crm_record_free(&c);
	return rc;
}

/* The groups that hold a customer the run ?1 created (an import's,
 * which made them in bulk, without events: the run's rows say it). */
static const char sql_allow_created[] =
	"INSERT OR IGNORE INTO customer_dupes_allowed (run, kind, grp, "
	"customer_id) WITH k (kind, key, id, mine) AS (SELECT 'name', "
	"name_key, id, created_run IS ?1 FROM customers UNION ALL SELECT "
	"'phone', phone_key, id, created_run IS ?1 FROM customers WHERE "
	"phone_key IS NOT NULL), g AS (SELECT kind, id, min(id) OVER w AS "
	"grp, count(*) OVER w AS n, max(mine) OVER w AS ours FROM k "
	"WINDOW w AS (PARTITION BY kind, key)) "
	"SELECT ?1, kind, grp, id FROM g WHERE n > 1 AND ours";

int
customer_import_allowed(struct crm_session *s, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_allow_created, e);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, s->run);
	return crm_db_done(s->db, st, e);
}

/* Whether two records are one customer is a manager's call (撞单): a
 * rep who could add a copy of another rep's customer would take it. */
static int
may_allow_dup(struct crm_session *s, int allow_dup, struct crm_err *e)
{
	if (!allow_dup)
		return 0;
	return crm_session_require(s, CRM_ROLE_ADMIN | CRM_ROLE_MANAGER,
	    _("add or keep a duplicate (--allow-duplicate; ask your "
	    "manager)"), e);
}

int
crm_customer_add(struct crm_session *s, const struct crm_customer_input *in,
    int allow_dup, long long *id, struct crm_err *e)
{
	int unseen = 0, rc;

	if (may_allow_dup(s, allow_dup, e) < 0 || crm_session_begin(s, e) < 0)
		return -1;
	rc = add_locked(s, in, allow_dup, id, &unseen, e);
	rc = crm_session_end(s, rc == 0, e) < 0 ? -1 : rc;
	return unseen ? crm_audit_trace_rc(s, "refused", rc, e) : rc;
}

/* An edit may leave a required field empty that was empty before (the
 * setting may be newer than the record), never empty one. */
static int
keep_required(const struct crm_record *c, const struct crm_customer_input *in,
    unsigned long long required, struct crm_err *e)
{
	for (int f = 0; f < (int)crm_customer_entity.nfields; f++)
		if ((required & (1ull << f)) && in->f[f] != NULL &&
		    c->f[f] == NULL)
			return crm_err_set(e, CRM_EX_DATAERR, "field '%s': "
			    "cannot be emptied (the setting customer.required "
			    "asks for it)", crm_customer_entity.fields[f].name);
	return 0;
}

/* The duplicate check of an edit, on the keys it changes only: a pair
 * a manager allowed stays allowed while neither changes its phone. */
static int
changed_keys_dup(struct crm_session *s, const struct crm_record *old,
    const struct crm_record *c, int *unseen, struct crm_err *e)
{
	static const int dup_keys[] = { CUST_KEY_NAME, CUST_KEY_PHONE };
	struct crm_record probe;
	int changed = 0, rc = 0;

	crm_record_copy(&probe, c);
	for (size_t i = 0; i < sizeof(dup_keys) / sizeof(*dup_keys); i++) {
		int k = dup_keys[i];

		if (same_text(c->key[k], old->key[k])) {
			free(probe.key[k]);
			probe.key[k] = NULL;
		} else {
			changed = 1;
		}
	}
	if (changed)
		rc = customer_check_dup(s, &probe, unseen, e);
	crm_record_free(&probe);
	return rc;
}

/* The refusal of a field that edit does not set: what sets it. */
static int
not_here(int f, struct crm_err *e)
{
	const char *name = crm_customer_entity.fields[f].name;

	switch (f) {
	case CRM_CF_OWNER:
	case CRM_CF_POOL:
		return crm_err_set(e, CRM_EX_USAGE, "'%s' cannot be set here "
		    "(claim, release and assign change it)", name);
	case CRM_CF_LOCKED:
	case CRM_CF_LOCK_REASON:
		return crm_err_set(e, CRM_EX_USAGE, "'%s' cannot be set here "
		    "(lock and unlock change it)", name);
	case CRM_CF_LAST_FOLLOWUP_AT:
		return crm_err_set(e, CRM_EX_USAGE, "'%s' cannot be set here "
		    "(follow records a follow-up)", name);
	case CRM_CF_ID:
		return crm_err_set(e, CRM_EX_USAGE, "'%s' cannot be set here",
		    name);
	default:
		return crm_err_set(e, CRM_EX_USAGE, "'%s' cannot be set here "
		    "(crm keeps it)", name);
	}
}

static int
set_locked(struct crm_session *s, long long id,
    const struct crm_customer_input *in, int allow_dup, int *unseen,
    struct crm_err *e)
{
	static const int fixed[] = { CRM_CF_ID, CRM_CF_OWNER, CRM_CF_POOL,
		CRM_CF_CLAIMED_AT, CRM_CF_LAST_FOLLOWUP_AT, CRM_CF_CREATED_AT,
		CRM_CF_UPDATED_AT, CRM_CF_LOCKED, CRM_CF_LOCK_REASON };
	struct crm_record old, c = { 0 };
	const char *bad;
	unsigned long long required;
	int rc = -1;

	for (size_t i = 0; i < sizeof(fixed) / sizeof(*fixed); i++)
		if (in->f[fixed[i]] != NULL)
			return not_here(fixed[i], e);
	if (crm_scope_load(s, &crm_customer_entity, id, &old, e) < 0 ||
	    crm_scope_may_change(s, &old, e) < 0)
		goto out;
	crm_record_copy(&c, &old);
	if (apply_input(s, &c, in, e) < 0 ||
	    crm_store_required(s, &crm_customer_entity, &required, e) < 0 ||
	    keep_required(&c, in, required, e) < 0)
		goto out;
	if (crm_record_finish(&c, 0, &bad, e) < 0) {
		if (bad != NULL)
			crm_err_prefix(e, "field '%s'", bad);
		goto out;
	}
	if (!allow_dup && changed_keys_dup(s, &old, &c, unseen, e) < 0)
		goto out;
	if ((rc = crm_store_save(s, &old, &c, e)) == 0 && allow_dup)
		rc = allow_dups(s, id, e);
out:
	crm_record_free(&old);
	crm_record_free(&c);
	return rc;
}

int
crm_customer_set(struct crm_session *s, long long id,
    const struct crm_customer_input *in, int allow_dup, struct crm_err *e)
{
	int unseen = 0, rc;

	if (may_allow_dup(s, allow_dup, e) < 0 || crm_session_begin(s, e) < 0)
		return -1;
	rc = set_locked(s, id, in, allow_dup, &unseen, e);
	rc = crm_session_end(s, rc == 0, e) < 0 ? -1 : rc;
	return unseen ? crm_audit_trace_rc(s, "refused", rc, e) : rc;
}
