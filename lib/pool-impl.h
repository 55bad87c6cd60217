/* Shared by lib/pool*.c, and by an entity's own pool rules and the
 * checks of its changes (lib/customer*.c): what the pool derives from a
 * descriptor, and the one-record steps every verb and job takes. */
#ifndef CRM_POOL_IMPL_H
#define CRM_POOL_IMPL_H

#include "crm/clock.h"
#include "crm/i18n.h"
#include "crm/pool.h"
#include "crm/record.h"

/* The records a recycle rule finds due (crm_pool_def.recycle_due fills
 * it, the generic job moves them): a temporary table, one for every
 * entity, emptied before each run. */
#define POOL_DUE "temp.pool_due"
#define POOL_DUE_COLS "id, title, owner, region, claimed_at, rule, days"

/* What the pool derives from an entity's descriptor, once: the fields of
 * the convention (crm/pool.h) and the statements over its table. */
struct pool_ent {
	const struct crm_entity *ent;
	int owner, pool, region, claimed, locked, lock_reason, updated;
	char *owned;		/* how many records ?1 owns */
	char *capped;		/* how many of them the cap counts (?2
				 * not NULL: all of them) */
	char *owned_ids;	/* their ids */
	char *pool_ids;		/* the ids of the open records in pool ?1 */
	char *closed;		/* 1 when record ?1 no longer changes hands */
	int closed_by;		/* the field that says why, or -1 */
	char *pool_left;	/* departures from them since ?2 */
	char *recycle;		/* the due records back to their pools */
	struct crm_col moved[5], warn[5], ledger[3];	/* result columns */
};

/* The record's title in messages ("" for none). */
static inline const char *
pool_title(const struct crm_record *r)
{
	const char *t = r->f[r->ent->title];

	return t ? t : "";
}

/* The records' word in a message, in the user's language: ent->name
 * ("customer"), ent->table or the pool's plural ("customers"), which the
 * entity's descriptor marks NC_("entity", ...). */
static inline const char *
pool_word(const char *word)
{
	return crm_cgettext("entity", word);
}

/* ent's, or NULL and 70 when ent has no pool or lacks a field of the
 * convention (a bug in its descriptor). */
const struct pool_ent *pool_of(const struct crm_entity *ent,
    struct crm_err *e);
/* The integer setting PREFIX.name of ent's pool. */
int pool_setting(struct crm_session *s, const struct crm_entity *ent,
    const char *name, long long *v, struct crm_err *e);
/* crm_session_require for "VERB RECORDS" ("claim customers"). */
int pool_require(const struct crm_session *s, const struct crm_entity *ent,
    unsigned roles, const char *verb, struct crm_err *e);
/* The first row of a statement, ?1..?3 bound to a, b, c (NULL: null):
 * its first column in *n, its second (with text not NULL) in *text, a
 * copy the caller frees. 1, 0 without a row, -1. */
int pool_row(struct crm_session *s, const char *sql, const char *a,
    const char *b, const char *c, long long *n, char **text,
    struct crm_err *e);
/* The number a statement counts, ?1..?3 bound to a, b, c. */
int pool_count(struct crm_session *s, const char *sql, const char *a,
    const char *b, const char *c, long long *n, struct crm_err *e);
/* The ids a statement yields, ?1 bound to a, in *ids (the caller frees
 * them) and their number in *n. */
int pool_ids(struct crm_session *s, const char *sql, const char *a,
    long long **ids, size_t *n, struct crm_err *e);

/* Whether login may own ent's records: 2 an active rep, manager or
 * admin, 1 a deactivated one, 0 no such user; a finance or marketing
 * user is 65 naming their role; -1. */
int pool_owner_state(struct crm_session *s, const struct crm_entity *ent,
    const char *login, struct crm_err *e);
/* The same as a CRM_K_LOGIN check (crm_record_checks): login may own
 * the records of arg, a struct pool_owner_arg; 65 if not. */
struct pool_owner_arg {
	struct crm_session *s;
	const struct crm_entity *ent;
};
int pool_owner_ok(void *arg, const struct crm_field *fd, const char *login,
    struct crm_err *e);
/* The first day of a cool-down of days days that runs today
 * (PREFIX.reclaim_cooldown_days): a departure on or after it counts. */
void pool_cooldown_since(long long days, char since[CRM_DATE_LEN]);
/* How many records login holds toward the cap (PREFIX.max_owned). */
int pool_capped(struct crm_session *s, const struct pool_ent *p,
    const char *login, long long *n, struct crm_err *e);
/* The rules of a claim, in the order data.md gives them, for what the
 * acting user does with r ("claim", "take back": marked NC_("pool",
 * ...), said in the user's language): the cap, the claims of today, the
 * cool-down; 77 naming the rule. The region rule is the scope: a pool
 * the user may not see (pool.same_region) holds nothing for them, so
 * the caller's visibility check has refused it. */
int pool_claim_rules(struct crm_session *s, const struct crm_record *r,
    const char *what, struct crm_err *e);
/* For crm undo of a change of owner: old is the record now, to the
 * owner the undo gives back. A rep gets a record back only as a claim
 * would (cap, claims today, cool-down: 77), and gives none to others;
 * managers and admins may, as with assign. */
int pool_undo_check(struct crm_session *s, const struct crm_record *old,
    const char *to, struct crm_err *e);
/* Move a record to `to` (NULL: back to its pool) with its audit and its
 * ownership history: claim, release, assign, distribute. */
int pool_move(struct crm_session *s, const struct crm_record *old,
    const char *to, const char *reason, const char *note,
    struct crm_err *e);
/* A handover's assign (to) or release (to NULL) of record id: as
 * crm_pool_assign and crm_pool_release, closed records too. */
int pool_hand_one(struct crm_session *s, const struct crm_entity *ent,
    long long id, const char *to, const char *reason, struct crm_err *e);
/* One row of the ownership history of record id, at `at`. */
int pool_history_add(struct crm_session *s, const struct crm_entity *ent,
    long long id, const char *from, const char *to, const char *at,
    const char *reason, const char *note, struct crm_err *e);

#endif
