/* The public pool (公海) and the daily jobs: customers move between reps
 * and pools by claim, release, assign, distribute and recycle, each move
 * in the ownership history and the audit trail (design/data.md, "Pool
 * rules in one place"). */
#ifndef CRM_POOL_H
#define CRM_POOL_H

#include "crm/rows.h"
#include "crm/session.h"

/* Take a pool customer. A refusal by rule (region, cap, daily limit,
 * cool-down, role) is 77 and names the rule and its numbers; a customer
 * that does not exist or is not in a pool is 65. */
int crm_pool_claim(struct crm_session *s, long long id, struct crm_err *e);
/* Give a customer back to its pool (its region's, else public). */
int crm_pool_release(struct crm_session *s, long long id, const char *reason,
    struct crm_err *e);
/* Managers (within their team) and admins: hand a customer to a user. */
int crm_pool_assign(struct crm_session *s, long long id, const char *to,
    struct crm_err *e);
/* Managers and admins: exempt a customer from recycling, or not. */
int crm_pool_lock(struct crm_session *s, long long id, const char *reason,
    int lock, struct crm_err *e);

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

/* Deal a pool's customers out to reps: evenly, never past a rep's cap
 * or quota, inactive reps skipped, never to a rep a customer left within
 * pool.reclaim_cooldown_days (it goes to the next rep with room, or
 * stays). A manager deals only pools they see (else 65 "no pool") to
 * their team; only reps, managers and admins own customers (65). The
 * ledger: id, name, to. */
struct crm_rows *crm_pool_distribute(struct crm_session *s,
    const struct crm_distribute *d, struct crm_err *e);

/* Return to the pool every owned, unlocked customer past its tier's
 * limit (recycle.followup_days; recycle.deal_days). What moved: id,
 * name, owner, rule, days. With warn >= 0 nothing moves: the customers
 * that will go within warn days, with days_left. */
struct crm_rows *crm_pool_recycle(struct crm_session *s, int warn,
    struct crm_err *e);

/* 0 when the acting user may run the job ("recycle": admins;
 * "distribute": managers and admins), else 77. A command checks it
 * before it takes the job's lock file. */
int crm_pool_job_allowed(const struct crm_session *s, const char *job,
    struct crm_err *e);

/* A lock file beside the database for a cron job: 75 when the same job
 * already runs. The lock is the real file's (DB.job.lock beside the path
 * resolved by realpath), never followed through a symlink, made 0660;
 * one made by another user serves. Released by crm_joblock_release (or
 * at exit). */
int crm_joblock(const char *db_path, const char *job, int *fd,
    struct crm_err *e);
void crm_joblock_release(int fd);

#endif
