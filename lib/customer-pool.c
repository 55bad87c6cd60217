/* Claim, release, assign, lock: one customer changes hands, by the
 * rules of design/data.md, and every move is in the ownership history
 * and the audit trail. These run inside the caller's transaction
 * (crm_session_begin/end), so that a command over many ids is one. */
#include <stdlib.h>
#include <string.h>

#include "customer-impl.h"
#include "crm/store.h"
#include "crm/clock.h"
#include "crm/pool.h"
#include "crm/setting.h"
#include "crm/user.h"
#include "crm/banned.h"

static const char sql_owned[] =
	"SELECT count(*) FROM customers WHERE owner = ?";
static const char sql_claims_since[] =
	"SELECT count(*) FROM ownership WHERE to_owner = ?1 "
	"AND reason = 'claim' AND at >= ?2";
static const char sql_left_since[] =
	"SELECT max(at) FROM ownership WHERE from_owner = ?1 "
	"AND subject_type = 'customer' AND subject_id = ?2 "
	"AND to_owner IS NOT ?1 AND at >= ?3";
static const char sql_user_role[] =
	"SELECT active, role FROM users WHERE login = ?";
static const char sql_ownership[] =
	"INSERT INTO ownership (subject_type, subject_id, from_owner, "
	"to_owner, at, by_login, reason, note, run) "
	"VALUES ('customer', ?, ?, ?, ?, ?, ?, ?, ?)";

/* The first column of a statement's row as a number, and the second as
 * text the caller frees (when text is not NULL): 1, 0 without a row, -1.
 * ?1 and ?2 are a and b. */
static int
row_of(struct crm_session *s, const char *sql, const char *a, const char *b,
    long long *n, char **text, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql, e);
	int rc;

	if (st == NULL)
		return -1;
	crm_db_bind_text(st, 1, a);
	crm_db_bind_text(st, 2, b);
	if ((rc = crm_db_row(s->db, st, e)) <= 0)
		return rc;
	*n = sqlite3_column_int64(st, 0);
	if (text != NULL)
		*text = crm_xstrdup(crm_db_col_text(st, 1));
	sqlite3_reset(st);
	return 1;
}

static int
count_of(struct crm_session *s, const char *sql, const char *a,
    const char *b, long long *n, struct crm_err *e)
{
	return row_of(s, sql, a, b, n, NULL, e) < 0 ? -1 : 0;
}

int
pool_owner_state(struct crm_session *s, const char *login, struct crm_err *e)
{
	enum crm_role role;
	long long active;
	char *name = NULL;
	int rc = row_of(s, sql_user_role, login, NULL, &active, &name, e);

	if (rc <= 0)
		return rc;
	rc = crm_role_parse(name, &role, e);
	free(name);
	if (rc < 0)
		return -1;
	if (!(role & (CRM_ROLE_ADMIN | CRM_ROLE_MANAGER | CRM_ROLE_REP)))
		return crm_err_set(e, CRM_EX_DATAERR, "'%s' is %s: only reps, "
		    "managers and admins own customers", login,
		    crm_role_name(role));
	return active ? 2 : 1;
}

int
pool_move(struct crm_session *s, const struct crm_record *old, const char *to,
    const char *reason, const char *note, struct crm_err *e)
{
	char now[CRM_TIME_LEN];
	struct crm_record c = { 0 };
	const char *bad;
	sqlite3_stmt *st;
	int rc = -1;

	crm_now_text(now);
	crm_record_copy(&c, old);
	free(c.f[CRM_CF_OWNER]);
	free(c.f[CRM_CF_POOL]);
	free(c.f[CRM_CF_CLAIMED_AT]);
	free(c.f[CRM_CF_UPDATED_AT]);
	c.f[CRM_CF_OWNER] = to ? crm_xstrdup(to) : NULL;
	c.f[CRM_CF_POOL] = NULL;	/* cust_finish: region, else public */
	c.f[CRM_CF_CLAIMED_AT] = to ? crm_xstrdup(now) : NULL;
	c.f[CRM_CF_UPDATED_AT] = crm_xstrdup(now);
	if (crm_record_finish(&c, 0, &bad, e) < 0 || crm_store_update(s, &c, e) < 0 ||
	    crm_store_audit(s, "update", old, &c, e) < 0 ||
	    (st = crm_db_prepare(s->db, sql_ownership, e)) == NULL)
		goto out;
	sqlite3_bind_int64(st, 1, c.id);
	crm_db_bind_text(st, 2, old->f[CRM_CF_OWNER]);
	crm_db_bind_text(st, 3, to);
	crm_db_bind_text(st, 4, now);
	crm_db_bind_text(st, 5, s->user);
	crm_db_bind_text(st, 6, reason);
	crm_db_bind_text(st, 7, note);
	sqlite3_bind_int64(st, 8, s->run);
	rc = crm_db_done(s->db, st, e);
out:
	crm_record_free(&c);
	return rc;
}

void
pool_cooldown_since(long long days, char since[CRM_DATE_LEN])
{
	crm_date_format(crm_today() - (crm_day)days + 1, since);
}

/* The rules of a claim, in the order data.md gives them, for what the
 * acting user does ("claim", "take back"). The region rule is the
 * scope: a pool the user may not see (pool.same_region) holds no
 * customer for them, so the caller's visibility check has refused it. */
static int
claim_rules(struct crm_session *s, const struct crm_record *c, const char *what,
    struct crm_err *e)
{
	const char *name = c->f[CRM_CF_NAME];
	long long cap, per_day, cooldown, n;
	char today[CRM_DATE_LEN], since[CRM_DATE_LEN];
	sqlite3_stmt *st;

	if (crm_setting_int(s, "pool.max_owned", &cap, e) < 0 ||
	    crm_setting_int(s, "pool.claims_per_day", &per_day, e) < 0 ||
	    crm_setting_int(s, "pool.reclaim_cooldown_days", &cooldown, e) < 0)
		return -1;
	if (cap > 0) {
		if (count_of(s, sql_owned, s->user, NULL, &n, e) < 0)
			return -1;
		if (n >= cap)
			return crm_err_set(e, CRM_EX_NOPERM, "cannot %s "
			    "'%s': you hold %lld customers, the cap is %lld "
			    "(pool.max_owned)", what, name, n, cap);
	}
	crm_today_text(today);
	if (per_day > 0) {
		if (count_of(s, sql_claims_since, s->user, today, &n, e) < 0)
			return -1;
		if (n >= per_day)
			return crm_err_set(e, CRM_EX_NOPERM, "cannot %s "
			    "'%s': you claimed %lld customers today, the limit "
			    "is %lld (pool.claims_per_day)", what, name, n,
			    per_day);
	}
	if (cooldown <= 0)
		return 0;
	pool_cooldown_since(cooldown, since);
	if ((st = crm_db_prepare(s->db, sql_left_since, e)) == NULL)
		return -1;
	crm_db_bind_text(st, 1, s->user);
	sqlite3_bind_int64(st, 2, c->id);
	crm_db_bind_text(st, 3, since);
	if (crm_db_row(s->db, st, e) != 1)
		return -1;
	if (sqlite3_column_type(st, 0) != SQLITE_NULL) {
		char left[CRM_DATE_LEN + 1], again[CRM_DATE_LEN];
		crm_day day;

		snprintf(left, sizeof(left), "%.10s", crm_db_col_text(st, 0));
		sqlite3_reset(st);
		crm_date_parse(left, &day, NULL);
		crm_date_format(day + (crm_day)cooldown, again);
		return crm_err_set(e, CRM_EX_NOPERM, "cannot %s '%s': it "
		    "left you on %s; you may claim it again from %s "
		    "(pool.reclaim_cooldown_days is %lld)", what, name, left,
		    again, cooldown);
	}
	sqlite3_reset(st);
	return 0;
}

int
pool_undo_check(struct crm_session *s, const struct crm_record *old, const char *to,
    struct crm_err *e)
{
	const char *from = old->f[CRM_CF_OWNER];

	if ((s->role & (CRM_ROLE_ADMIN | CRM_ROLE_MANAGER)) || to == NULL ||
	    (from != NULL && strcmp(from, to) == 0))
		return 0;
	if (strcmp(to, s->user) != 0)
		return crm_err_set(e, CRM_EX_NOPERM, "cannot undo: it would give "
		    "customer %lld '%s' to '%s' (only a manager or an admin "
		    "may)", old->id, old->f[CRM_CF_NAME], to);
	return claim_rules(s, old, "take back", e);
}

/* The customer id, if the acting user may see it; else 65 "no customer
 * N" and nothing more: not its name, owner or pool. */
static int
load_seen(struct crm_session *s, long long id, struct crm_record *c,
    struct crm_err *e)
{
	if (crm_store_load(s, &crm_customer_entity, id, c, e) < 0 || crm_scope_may_see(s, &crm_customer_entity, id, e) < 0)
		return -1;
	return 0;
}

int
crm_pool_claim(struct crm_session *s, long long id, struct crm_err *e)
{
	struct crm_record c;
	int rc = -1;

	if (crm_session_require(s, CRM_ROLE_ADMIN | CRM_ROLE_MANAGER |
	    CRM_ROLE_REP, "claim customers", e) < 0)
		return -1;
	if (load_seen(s, id, &c, e) < 0)
		goto out;
	if (c.f[CRM_CF_OWNER] != NULL &&
	    strcmp(c.f[CRM_CF_OWNER], s->user) == 0) {
		crm_err_set(e, CRM_EX_DATAERR, "customer %lld '%s' is already "
		    "yours", id, c.f[CRM_CF_NAME]);
		goto out;
	}
	if (c.f[CRM_CF_OWNER] != NULL) {
		crm_err_set(e, CRM_EX_DATAERR, "customer %lld '%s' is not in a "
		    "pool: it belongs to '%s'", id, c.f[CRM_CF_NAME],
		    c.f[CRM_CF_OWNER]);
		goto out;
	}
	if (claim_rules(s, &c, "claim", e) == 0)
		rc = pool_move(s, &c, s->user, "claim", NULL, e);
out:
	crm_record_free(&c);
	return rc;
}

int
crm_pool_release(struct crm_session *s, long long id, const char *reason,
    struct crm_err *e)
{
	struct crm_record c;
	int rc = -1;

	if (crm_session_require(s, CRM_ROLE_ADMIN | CRM_ROLE_MANAGER |
	    CRM_ROLE_REP, "release customers", e) < 0)
		return -1;
	if (load_seen(s, id, &c, e) < 0)
		goto out;
	if (c.f[CRM_CF_OWNER] == NULL) {
		crm_err_set(e, CRM_EX_DATAERR, "customer %lld '%s' is already "
		    "in the pool '%s'", id, c.f[CRM_CF_NAME], c.f[CRM_CF_POOL]);
		goto out;
	}
	if (crm_scope_may_change(s, &c, e) == 0)
		rc = pool_move(s, &c, NULL, "release", reason, e);
out:
	crm_record_free(&c);
	return rc;
}

int
crm_pool_assign(struct crm_session *s, long long id, const char *to,
    struct crm_err *e)
{
	struct crm_record c = { 0 };
	int rc = -1, ok;

	if (crm_session_require(s, CRM_ROLE_ADMIN | CRM_ROLE_MANAGER,
	    "assign customers", e) < 0)
		return -1;
	if ((ok = pool_owner_state(s, to, e)) != 2)
		return ok < 0 ? -1 : crm_err_set(e, CRM_EX_DATAERR, "'%s' is "
		    "not an active user", to);
	if (s->role == CRM_ROLE_MANAGER &&
	    (ok = crm_scope_in_team(s, to, e)) <= 0)
		return ok < 0 ? -1 : crm_err_set(e, CRM_EX_NOPERM, "'%s' is not "
		    "in your team", to);
	if (load_seen(s, id, &c, e) < 0)
		goto out;
	rc = 0;
	if (c.f[CRM_CF_OWNER] && strcmp(c.f[CRM_CF_OWNER], to) == 0)
		goto out;	/* theirs already */
	rc = pool_move(s, &c, to, "assign", NULL, e);
out:
	crm_record_free(&c);
	return rc;
}

int
crm_pool_lock(struct crm_session *s, long long id, const char *reason,
    int lock, struct crm_err *e)
{
	struct crm_record old = { 0 }, c = { 0 };
	int rc = -1;

	if (crm_session_require(s, CRM_ROLE_ADMIN | CRM_ROLE_MANAGER,
	    lock ? "lock customers" : "unlock customers", e) < 0)
		return -1;
	if (load_seen(s, id, &old, e) < 0)
		goto out;
	crm_record_copy(&c, &old);
	free(c.f[CRM_CF_LOCKED]);
	free(c.f[CRM_CF_LOCK_REASON]);
	c.f[CRM_CF_LOCKED] = lock ? crm_xstrdup("1") : NULL;
	c.f[CRM_CF_LOCK_REASON] = lock && reason ? crm_xstrdup(reason) : NULL;
	rc = 0;
	if ((old.f[CRM_CF_LOCKED] != NULL) == lock && !lock)
		goto out;	/* nothing to unlock */
	rc = crm_store_save(s, &old, &c, e);
out:
	crm_record_free(&old);
	crm_record_free(&c);
	return rc;
}
