/* Claim, release, assign, lock: one record of an entity with a pool
 * changes hands, by the rules of design/data.md, and every move is in
 * the ownership history and the audit trail. These run inside the
 * caller's transaction (crm_session_begin/end), so that a command over
 * many ids is one. */
#include <stdio.h>
#include <string.h>

#include "pool-impl.h"
#include "crm/scope.h"
#include "crm/store.h"
#include "crm/banned.h"

#define OWNERS (CRM_ROLE_ADMIN | CRM_ROLE_MANAGER | CRM_ROLE_REP)
#define BOSSES (CRM_ROLE_ADMIN | CRM_ROLE_MANAGER)

int
pool_move(struct crm_session *s, const struct crm_record *old, const char *to,
    const char *reason, const char *note, struct crm_err *e)
{
	const struct pool_ent *p = pool_of(old->ent, e);
	const char *region, *bad;
	char now[CRM_TIME_LEN];
	struct crm_record r = { 0 };
	int rc = -1;

	if (p == NULL)
		return -1;
	crm_now_text(now);
	crm_record_copy(&r, old);
	region = old->f[p->region];
	crm_record_set(&r, p->owner, to);
	crm_record_set(&r, p->pool, to ? NULL : region ? region : "public");
	crm_record_set(&r, p->claimed, to ? now : NULL);
	if (p->updated >= 0)
		crm_record_set(&r, p->updated, now);
	if (crm_record_finish(&r, 0, &bad, e) == 0 &&
	    crm_store_update(s, &r, e) == 0 &&
	    crm_store_audit(s, "update", old, &r, e) == 0)
		rc = pool_history_add(s, old->ent, r.id, old->f[p->owner], to,
		    now, reason, note, e);
	crm_record_free(&r);
	return rc;
}

/* What a verb does to a record the acting user sees. */
typedef int pool_verb(struct crm_session *s, const struct pool_ent *p,
    const struct crm_record *r, const char *arg, struct crm_err *e);

/* Do verb to record id, if the acting user may see it; else 65 "no
 * ENTITY N" (客户不存在) and nothing more: not its title, owner or
 * pool. */
static int
on_seen(struct crm_session *s, const struct crm_entity *ent, long long id,
    pool_verb *verb, const char *arg, struct crm_err *e)
{
	const struct pool_ent *p = pool_of(ent, e);
	struct crm_record r;
	int rc = -1;

	if (p == NULL)
		return -1;
	if (crm_store_load(s, ent, id, &r, e) == 0 &&
	    crm_scope_may_see(s, ent, id, e) == 0)
		rc = verb(s, p, &r, arg, e);
	crm_record_free(&r);
	return rc;
}

/* 0 while r changes hands, else 65 naming why (a converted lead):
 * the entity's crm_pool_def.closed. */
static int
still_open(struct crm_session *s, const struct pool_ent *p,
    const struct crm_record *r, struct crm_err *e)
{
	char id[24];
	long long closed;

	if (p->ent->pool->closed == NULL)
		return 0;
	snprintf(id, sizeof(id), "%lld", r->id);
	if (pool_count(s, p->closed, id, NULL, NULL, &closed, e) < 0)
		return -1;
	if (!closed)
		return 0;
	return crm_err_set(e, CRM_EX_DATAERR, "%s %lld '%s' is %s: it no "
	    "longer changes hands", pool_word(p->ent->name), r->id,
	    pool_title(r), p->closed_by >= 0 && r->f[p->closed_by] ?
	    r->f[p->closed_by] : "closed");
}

static int
claim(struct crm_session *s, const struct pool_ent *p,
    const struct crm_record *r, const char *arg, struct crm_err *e)
{
	const char *owner = r->f[p->owner];

	(void)arg;
	if (still_open(s, p, r, e) < 0)
		return -1;
	if (owner != NULL && strcmp(owner, s->user) == 0)
		return crm_err_set(e, CRM_EX_DATAERR, "%s %lld '%s' is already "
		    "yours", pool_word(p->ent->name), r->id, pool_title(r));
	if (owner != NULL)
		return crm_err_set(e, CRM_EX_DATAERR, "%s %lld '%s' is not in "
		    "a pool: it belongs to '%s'", pool_word(p->ent->name),
		    r->id, pool_title(r), owner);
	if (pool_claim_rules(s, r, NC_("pool", "claim"), e) < 0)
		return -1;
	return pool_move(s, r, s->user, "claim", NULL, e);
}

int
crm_pool_claim(struct crm_session *s, const struct crm_entity *ent,
    long long id, struct crm_err *e)
{
	if (pool_require(s, ent, OWNERS, "claim", e) < 0)
		return -1;
	return on_seen(s, ent, id, claim, NULL, e);
}

static int
release_any(struct crm_session *s, const struct pool_ent *p,
    const struct crm_record *r, const char *reason, struct crm_err *e)
{
	if (r->f[p->owner] == NULL)
		return crm_err_set(e, CRM_EX_DATAERR, "%s %lld '%s' is already "
		    "in the pool '%s'", pool_word(p->ent->name), r->id,
		    pool_title(r), r->f[p->pool]);
	if (crm_scope_may_change(s, r, e) < 0)
		return -1;
	return pool_move(s, r, NULL, "release", reason, e);
}

static int
release(struct crm_session *s, const struct pool_ent *p,
    const struct crm_record *r, const char *reason, struct crm_err *e)
{
	if (still_open(s, p, r, e) < 0)
		return -1;
	return release_any(s, p, r, reason, e);
}

int
crm_pool_release(struct crm_session *s, const struct crm_entity *ent,
    long long id, const char *reason, struct crm_err *e)
{
	if (pool_require(s, ent, OWNERS, "release", e) < 0)
		return -1;
	return on_seen(s, ent, id, release, reason, e);
}

/* May the acting user (who may assign) give records to `to`? */
static int
assignee_ok(struct crm_session *s, const struct crm_entity *ent,
    const char *to, struct crm_err *e)
{
	int ok;

	if ((ok = pool_owner_state(s, ent, to, e)) != 2)
		return ok < 0 ? -1 : crm_err_set(e, CRM_EX_DATAERR, "'%s' is "
		    "not an active user", to);
	if (s->role == CRM_ROLE_MANAGER &&
	    (ok = crm_scope_in_team(s, to, e)) <= 0)
		return ok < 0 ? -1 : crm_err_set(e, CRM_EX_NOPERM, "'%s' is "
		    "not in your team", to);
	return 0;
}

static int
assign_any(struct crm_session *s, const struct pool_ent *p,
    const struct crm_record *r, const char *to, struct crm_err *e)
{
	if (r->f[p->owner] != NULL && strcmp(r->f[p->owner], to) == 0)
		return 0;	/* theirs already */
	return pool_move(s, r, to, "assign", NULL, e);
}

static int
assign(struct crm_session *s, const struct pool_ent *p,
    const struct crm_record *r, const char *to, struct crm_err *e)
{
	if (still_open(s, p, r, e) < 0)
		return -1;
	return assign_any(s, p, r, to, e);
}

int
crm_pool_assign(struct crm_session *s, const struct crm_entity *ent,
    long long id, const char *to, struct crm_err *e)
{
	if (pool_require(s, ent, BOSSES, "assign", e) < 0 ||
	    assignee_ok(s, ent, to, e) < 0)
		return -1;
	return on_seen(s, ent, id, assign, to, e);
}

int
pool_hand_one(struct crm_session *s, const struct crm_entity *ent,
    long long id, const char *to, const char *reason, struct crm_err *e)
{
	if (to == NULL)
		return pool_require(s, ent, OWNERS, "release", e) < 0 ? -1 :
		    on_seen(s, ent, id, release_any, reason, e);
	if (pool_require(s, ent, BOSSES, "assign", e) < 0 ||
	    assignee_ok(s, ent, to, e) < 0)
		return -1;
	return on_seen(s, ent, id, assign_any, to, e);
}

/* Lock with a reason, or (reason NULL) unlock. */
static int
set_lock(struct crm_session *s, const struct pool_ent *p,
    const struct crm_record *old, const char *reason, struct crm_err *e)
{
	struct crm_record r = { 0 };
	int rc;

	if (reason == NULL && old->f[p->locked] == NULL)
		return 0;	/* nothing to unlock */
	crm_record_copy(&r, old);
	crm_record_set(&r, p->locked, reason ? "1" : NULL);
	crm_record_set(&r, p->lock_reason, reason);
	rc = crm_store_save(s, old, &r, e);
	crm_record_free(&r);
	return rc;
}

int
crm_pool_lock(struct crm_session *s, const struct crm_entity *ent,
    long long id, const char *reason, int lock, struct crm_err *e)
{
	if (pool_require(s, ent, BOSSES, lock ? "lock" : "unlock", e) < 0)
		return -1;
	/* a lock without a reason is still a lock */
	return on_seen(s, ent, id, set_lock, lock ? (reason ? reason : "") :
	    NULL, e);
}
