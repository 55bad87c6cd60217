/* The pools (公海, 线索池) of every entity that has one: records move
 * between users and pools by claim, release, assign, distribute and
 * recycle, each move in the ownership history and the audit trail
 * (design/data.md, "Pool rules in one place"). One module for every such
 * entity: its statements are built once from the descriptor.
 *
 * The convention: an entity with a pool (ent->pool set) is numbered
 * (field 0 is CRM_K_ID), and its descriptor and table have the fields
 *
 *   owner        a login; NULL while in a pool
 *   pool         the pool it is in; NULL while owned
 *   region       the pool it goes back to (NULL: 'public')
 *   claimed_at   when its owner got it
 *   locked       1, or NULL: never recycled
 *   lock_reason  why
 *
 * by these names; the ownership history and the audit trail call it by
 * ent->name. Every function runs inside the caller's transaction
 * (crm_session_begin/end) unless it says otherwise. */
#ifndef CRM_POOL_H
#define CRM_POOL_H

#include "crm/entity.h"
#include "crm/rows.h"
#include "crm/session.h"

/* What an entity's pool has of its own. */
struct crm_pool_def {
	/* the settings prefix: PREFIX.max_owned, PREFIX.claims_per_day,
	 * PREFIX.reclaim_cooldown_days ("pool") */
	const char *settings;
	/* the records in messages: "you hold 3 customers", "claim
	 * customers" ("customers") */
	const char *plural;
	/* the pool in option texts: "the pool to deal out" ("pool": 公海;
	 * "lead pool": 线索池), marked NC_("entity", ...) */
	const char *word;
	/* The recycle rule: put every owned, unlocked record past its
	 * limit into temp.pool_due (id, title, owner, region, claimed_at,
	 * rule, days: lib/pool-impl.h), set-based. NULL: none recycle. */
	int (*recycle_due)(struct crm_session *s, struct crm_err *e);
	/* --warn DAYS: the statement of the records that go within days
	 * days (id, title, owner, rule, days_left), its own parameters
	 * bound from ?6 on; ?1..?5 are the scope's (SCOPE_TEAM and
	 * SCOPE_VISIBLE, lib/scope-sql.h), which the caller binds. */
	sqlite3_stmt *(*recycle_warn)(struct crm_session *s, int days,
	    struct crm_err *e);
	/* After a recycle moved the records of temp.pool_due, in its run:
	 * what else a record back in the pool changes (a lead's status),
	 * with its events. NULL: nothing. */
	int (*recycled)(struct crm_session *s, struct crm_err *e);
	/* The owned records PREFIX.max_owned counts: an SQL condition over
	 * the entity's table as c, unless the boolean setting
	 * PREFIX.cap_counts_all names is true (then every one counts).
	 * NULL: every owned record counts. A customer with a won deal does
	 * not count while pool.cap_counts_won is false. */
	const char *cap_counts;
	const char *cap_counts_all;
	/* The records that no longer change hands (a converted or
	 * disqualified lead): an SQL condition over the table as c, and
	 * the field whose value says why. Claim, release and assign refuse
	 * one (65 naming that value); distribute leaves it where it is; a
	 * handover moves it all the same (the leaver's records must go).
	 * NULL: every record changes hands. */
	const char *closed;
	const char *closed_by;
};

/* Take a pool record. A refusal by rule (region, cap, daily limit,
 * cool-down, role) is 77 and names the rule and its numbers; a record
 * that does not exist or is not in a pool is 65. */
int crm_pool_claim(struct crm_session *s, const struct crm_entity *ent,
    long long id, struct crm_err *e);
/* Give a record back to its pool (its region's, else public). */
int crm_pool_release(struct crm_session *s, const struct crm_entity *ent,
    long long id, const char *reason, struct crm_err *e);
/* Managers (within their team) and admins: hand a record to a user. */
int crm_pool_assign(struct crm_session *s, const struct crm_entity *ent,
    long long id, const char *to, struct crm_err *e);
/* Managers and admins: exempt a record from recycling, or not. */
int crm_pool_lock(struct crm_session *s, const struct crm_entity *ent,
    long long id, const char *reason, int lock, struct crm_err *e);

/* Owner changes of a record the user sees, newest first: at, from, to,
 * by, reason, note. */
struct crm_rows *crm_pool_owners(struct crm_session *s,
    const struct crm_entity *ent, long long id, struct crm_err *e);
/* How many records login owns. */
int crm_pool_owned(struct crm_session *s, const struct crm_entity *ent,
    const char *login, long long *n, struct crm_err *e);
/* Whether the cap of ent's pool counts every owned record (*all 1), or
 * only those of its cap_counts condition (0). */
int crm_pool_cap_all(struct crm_session *s, const struct crm_entity *ent,
    int *all, struct crm_err *e);
/* 离职交接: every record of `from` to `to` (an assign), or with to NULL
 * back to its pool (a release), closed ones too; *moved gets how
 * many. */
int crm_pool_handover(struct crm_session *s, const struct crm_entity *ent,
    const char *from, const char *to, long *moved, struct crm_err *e);

enum crm_distribute_method {
	CRM_DIST_ROUND_ROBIN,
	CRM_DIST_RANDOM,
	CRM_DIST_LEAST_LOADED
};

struct crm_distribute {
	const char *pool;
	const char *const *to;	/* logins, or NULL and region */
	size_t nto;
	const char *region;
	long per_rep;		/* 0: no quota */
	enum crm_distribute_method method;
	unsigned long long seed;
};

/* Deal a pool's records out to reps: evenly, never past a rep's cap or
 * quota, inactive reps skipped, never to a rep a record left within
 * PREFIX.reclaim_cooldown_days (it goes to the next rep with room, or
 * stays). A manager deals only pools they see (else 65 "no pool") to
 * their team; only reps, managers and admins own records (65). The
 * ledger: id, the title field, to. Its own transaction. */
struct crm_rows *crm_pool_distribute(struct crm_session *s,
    const struct crm_entity *ent, const struct crm_distribute *d,
    struct crm_err *e);

/* Return to the pool every owned, unlocked record past its limit (the
 * entity's recycle rule). What moved: id, the title field, owner, rule,
 * days. With warn >= 0 nothing moves: the records that will go within
 * warn days, with days_left. Its own transaction. */
struct crm_rows *crm_pool_recycle(struct crm_session *s,
    const struct crm_entity *ent, int warn, struct crm_err *e);

/* 0 when the acting user may run the job on ent's records ("recycle":
 * admins; "distribute": managers and admins), else 77. A command checks
 * it before it takes the job's lock file. */
int crm_pool_job_allowed(const struct crm_session *s,
    const struct crm_entity *ent, const char *job, struct crm_err *e);

#endif
