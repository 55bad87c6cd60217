/* Distributing a pool: its records dealt out to reps, evenly, within
 * their caps and quotas, never back to a rep within the cool-down; each
 * record an ordinary move (lib/pool.c). */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pool-impl.h"
#include "crm/scope.h"
#include "crm/store.h"
#include "scope-sql.h"
#include "crm/banned.h"

/* Whether the acting user sees the pool ?6 (crm_scope_bind). */
static const char sql_pool_seen[] =
	SCOPE_TEAM "SELECT ?2 OR " SCOPE_POOL_SEEN("?6");
/* The active reps of region ?6 in the acting user's team (all, for an
 * admin). */
static const char sql_region_reps[] =
	SCOPE_TEAM "SELECT u.login FROM users u WHERE u.active = 1 "
	"AND u.role = 'rep' AND u.region = ?6 "
	"AND (?2 OR u.login IN (SELECT login FROM team)) ORDER BY u.login";

struct rep {
	char *login;
	long long owned;	/* now, with what this run gave */
	long long room;		/* how many more this run may give */
};

/* A record that left a rep within the cool-down: not theirs again. */
struct left {
	long long id;
	size_t rep;
};

struct deal {
	const struct pool_ent *p;
	struct rep *reps;
	size_t nreps;
	struct left *left;	/* sorted by id, then rep */
	size_t nleft;
};

static uint64_t
next_random(uint64_t *state)
{
	*state ^= *state >> 12;
	*state ^= *state << 25;
	*state ^= *state >> 27;
	return *state * 0x2545F4914F6CDD1DULL;
}

static void
add_rep(struct deal *dl, const char *login)
{
	dl->reps = crm_xrealloc(dl->reps, (dl->nreps + 1) * sizeof(*dl->reps));
	dl->reps[dl->nreps++] = (struct rep){ crm_xstrdup(login), 0, 0 };
}

/* A --to user: unknown ones are an error, inactive ones left out; a
 * manager deals only to their team. */
static int
to_rep(struct crm_session *s, struct deal *dl, const char *login,
    struct crm_err *e)
{
	int state, team;

	/* a login twice in the list (a pasted list) is one rep: never a
	 * second share past --per-rep or the cap */
	for (size_t i = 0; i < dl->nreps; i++)
		if (strcmp(dl->reps[i].login, login) == 0)
			return 0;
	if ((state = pool_owner_state(s, dl->p->ent, login, e)) < 0)
		return -1;
	if (state == 0)
		return crm_err_set(e, CRM_EX_DATAERR, "'%s' is not a user",
		    login);
	if (state == 1)
		return 0;	/* inactive reps are skipped */
	if ((team = s->role != CRM_ROLE_MANAGER ? 1 :
	    crm_scope_in_team(s, login, e)) < 0)
		return -1;
	if (!team)
		return crm_err_set(e, CRM_EX_NOPERM, "'%s' is not in your "
		    "team", login);
	add_rep(dl, login);
	return 0;
}

/* The reps to deal to: the --to list or the active reps of a region,
 * within the acting user's team. */
static int
load_reps(struct crm_session *s, const struct crm_distribute *d,
    struct deal *dl, struct crm_err *e)
{
	sqlite3_stmt *st;
	int rc = 0;

	if (d->to != NULL) {
		for (size_t i = 0; i < d->nto && rc == 0; i++)
			rc = to_rep(s, dl, d->to[i], e);
	} else if ((st = crm_db_prepare(s->db, sql_region_reps, e)) == NULL ||
	    crm_scope_bind(s, dl->p->ent, st, e) < 0) {
		rc = -1;
	} else {
		crm_db_bind_text(st, 6, d->region);
		while ((rc = crm_db_row(s->db, st, e)) == 1)
			add_rep(dl, crm_db_col_text(st, 0));
	}
	if (rc == 0 && dl->nreps == 0 && s->role == CRM_ROLE_MANAGER)
		rc = crm_err_set(e, CRM_EX_DATAERR, "no active reps in your "
		    "team to distribute to");
	else if (rc == 0 && dl->nreps == 0)
		rc = crm_err_set(e, CRM_EX_DATAERR, "no active reps to "
		    "distribute to");
	return rc < 0 ? -1 : 0;
}

/* How much each rep may still take: the cap, the quota. */
static int
measure_room(struct crm_session *s, const struct crm_distribute *d,
    struct deal *dl, struct crm_err *e)
{
	long long cap;

	if (pool_setting(s, dl->p->ent, "max_owned", &cap, e) < 0)
		return -1;
	for (size_t i = 0; i < dl->nreps; i++) {
		struct rep *r = &dl->reps[i];

		if (pool_capped(s, dl->p, r->login, &r->owned, e) < 0)
			return -1;
		r->room = cap > 0 ? cap - r->owned : LLONG_MAX;
		if (r->room < 0)
			r->room = 0;
		if (d->per_rep > 0 && r->room > d->per_rep)
			r->room = d->per_rep;
	}
	return 0;
}

static int
left_cmp(const void *a, const void *b)
{
	const struct left *x = a, *y = b;

	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return (x->rep > y->rep) - (x->rep < y->rep);
}

static void
add_left(struct deal *dl, long long id, const char *from)
{
	for (size_t i = 0; i < dl->nreps; i++) {
		if (strcmp(dl->reps[i].login, from) != 0)
			continue;
		dl->left = crm_xrealloc(dl->left, (dl->nleft + 1) *
		    sizeof(*dl->left));
		dl->left[dl->nleft++] = (struct left){ id, i };
	}
}

/* The recent departures from the reps of the pool's records, in one
 * query: distributing must not undo the cool-down of a claim. */
static int
load_left(struct crm_session *s, const char *pool, struct deal *dl,
    struct crm_err *e)
{
	char since[CRM_DATE_LEN];
	long long cooldown;
	sqlite3_stmt *st;
	int rc;

	if (pool_setting(s, dl->p->ent, "reclaim_cooldown_days", &cooldown,
	    e) < 0)
		return -1;
	if (cooldown <= 0)
		return 0;
	pool_cooldown_since(cooldown, since);
	if ((st = crm_db_prepare(s->db, dl->p->pool_left, e)) == NULL)
		return -1;
	crm_db_bind_text(st, 1, pool);
	crm_db_bind_text(st, 2, since);
	crm_db_bind_text(st, 3, dl->p->ent->name);
	while ((rc = crm_db_row(s->db, st, e)) == 1)
		add_left(dl, sqlite3_column_int64(st, 0),
		    crm_db_col_text(st, 1));
	if (dl->nleft > 1)
		qsort(dl->left, dl->nleft, sizeof(*dl->left), left_cmp);
	return rc;
}

/* May rep r have record id? Room, and not within its cool-down. */
static int
may_take(const struct deal *dl, size_t r, long long id)
{
	struct left key = { id, r };

	return dl->reps[r].room > 0 && (dl->nleft == 0 ||
	    bsearch(&key, dl->left, dl->nleft, sizeof(key), left_cmp) == NULL);
}

/* The rep record id goes to: -1 when none may take it (*full when no
 * rep has room at all). */
static long
next_rep(const struct crm_distribute *d, const struct deal *dl, long long id,
    size_t *turn, int *full)
{
	size_t n = dl->nreps;
	long best = -1;

	*full = 1;
	for (size_t k = 0; k < n; k++) {
		size_t i = d->method == CRM_DIST_LEAST_LOADED ? k :
		    (*turn + k) % n;

		if (dl->reps[i].room > 0)
			*full = 0;
		if (!may_take(dl, i, id))
			continue;
		if (d->method != CRM_DIST_LEAST_LOADED) {
			*turn = i + 1;
			return (long)i;
		}
		if (best < 0 || dl->reps[i].owned < dl->reps[best].owned)
			best = (long)i;
	}
	return best;
}

static void
shuffle(long long *ids, size_t n, unsigned long long seed)
{
	uint64_t state = seed * 0x9E3779B97F4A7C15ULL + 1;

	for (size_t i = n; i > 1; i--) {
		size_t j = (size_t)(next_random(&state) % i);
		long long t = ids[i - 1];

		ids[i - 1] = ids[j];
		ids[j] = t;
	}
}

/* Give record id to rep r and write it in the ledger. */
static int
give(struct crm_session *s, const struct deal *dl, struct rep *r,
    long long id, struct crm_rows *ledger, struct crm_err *e)
{
	struct crm_val row[3];
	struct crm_record c;
	char text[32];
	int rc;

	if ((rc = crm_store_load(s, dl->p->ent, id, &c, e)) == 0 &&
	    (rc = pool_move(s, &c, r->login, "distribute", NULL, e)) == 0) {
		snprintf(text, sizeof(text), "%lld", id);
		row[0] = crm_val_text(text);
		row[1] = crm_val_text(c.f[c.ent->title]);
		row[2] = crm_val_text(r->login);
		crm_rows_mem_add(ledger, row);
		r->owned++;
		r->room--;
	}
	crm_record_free(&c);
	return rc;
}

static int
deal_out(struct crm_session *s, const struct crm_distribute *d,
    struct deal *dl, struct crm_rows *ledger, struct crm_err *e)
{
	size_t n, turn = 0;
	long long *ids;
	int rc = 0, full = 0;

	if (pool_ids(s, dl->p->pool_ids, d->pool, &ids, &n, e) < 0)
		return -1;
	if (d->method == CRM_DIST_RANDOM)
		shuffle(ids, n, d->seed);
	for (size_t i = 0; i < n && rc == 0 && !full; i++) {
		long r = next_rep(d, dl, ids[i], &turn, &full);

		if (r >= 0)
			rc = give(s, dl, &dl->reps[r], ids[i], ledger, e);
	}
	free(ids);
	return rc;
}

/* A manager deals only pools they see; to anyone else, a pool out of
 * their scope does not exist. */
static int
pool_seen(struct crm_session *s, const struct crm_entity *ent,
    const char *pool, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_pool_seen, e);
	int seen;

	if (st == NULL || crm_scope_bind(s, ent, st, e) < 0)
		return -1;
	crm_db_bind_text(st, 6, pool);
	if (crm_db_row(s->db, st, e) != 1)
		return -1;
	seen = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return seen ? 0 : crm_err_set(e, CRM_EX_DATAERR, "no pool '%s'", pool);
}

struct crm_rows *
crm_pool_distribute(struct crm_session *s, const struct crm_entity *ent,
    const struct crm_distribute *d, struct crm_err *e)
{
	struct crm_rows *ledger = NULL;
	struct deal dl = { 0 };
	int rc = -1;

	if ((dl.p = pool_of(ent, e)) == NULL ||
	    crm_pool_job_allowed(s, ent, "distribute", e) < 0 ||
	    crm_session_begin(s, e) < 0)
		return NULL;
	if (pool_seen(s, ent, d->pool, e) == 0 &&
	    load_reps(s, d, &dl, e) == 0 && measure_room(s, d, &dl, e) == 0 &&
	    load_left(s, d->pool, &dl, e) == 0) {
		ledger = crm_rows_mem(dl.p->ledger, 3);
		rc = deal_out(s, d, &dl, ledger, e);
	}
	for (size_t i = 0; i < dl.nreps; i++)
		free(dl.reps[i].login);
	free(dl.reps);
	free(dl.left);
	if (crm_session_end(s, rc == 0, e) < 0 || rc < 0) {
		crm_rows_close(ledger);
		return NULL;
	}
	return ledger;
}
