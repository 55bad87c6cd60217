/* Recycling and distributing: the jobs that move many customers at once,
 * set-based where the rule allows it. */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "customer-impl.h"
#include "crm/store.h"
#include "crm/clock.h"
#include "crm/pool.h"
#include "crm/setting.h"
#include "crm/user.h"
#include "crm/ytree.h"
#include "scope-sql.h"
#include "crm/banned.h"

/* Customers past their tier's limit. ?1..?5: the follow-up cutoff
 * dates of tiers A..E (NULL: no limit), ?6..?10 the deal cutoffs;
 * ?11 today. A customer with no tier counts as E. Until deals exist, no
 * customer has a won deal. */
#define IDLE "coalesce(c.last_followup_at, c.claimed_at, c.created_at)"
#define FOLLOW_CUT "CASE coalesce(c.tier, 'E') WHEN 'A' THEN ?1 " \
	"WHEN 'B' THEN ?2 WHEN 'C' THEN ?3 WHEN 'D' THEN ?4 ELSE ?5 END"
#define DEAL_CUT "CASE coalesce(c.tier, 'E') WHEN 'A' THEN ?6 " \
	"WHEN 'B' THEN ?7 WHEN 'C' THEN ?8 WHEN 'D' THEN ?9 ELSE ?10 END"

static const char sql_due_create[] =
	"CREATE TEMP TABLE IF NOT EXISTS recycle_due (id INTEGER PRIMARY KEY, "
	"name TEXT, owner TEXT, region TEXT, claimed_at TEXT, rule TEXT, "
	"days INTEGER)";
static const char sql_due_clear[] = "DELETE FROM temp.recycle_due";
static const char sql_due_fill[] =
	"INSERT INTO temp.recycle_due SELECT c.id, c.name, c.owner, c.region, "
	"c.claimed_at, CASE WHEN " IDLE " < " FOLLOW_CUT " THEN "
	"'recycle.followup_days.' || coalesce(c.tier, 'E') ELSE "
	"'recycle.deal_days.' || coalesce(c.tier, 'E') END, "
	"CAST(julianday(?11) - julianday(substr(CASE WHEN " IDLE " < "
	FOLLOW_CUT " THEN " IDLE " ELSE c.claimed_at END, 1, 10)) AS INTEGER) "
	"FROM customers c WHERE c.owner IS NOT NULL AND c.locked IS NULL "
	"AND (" IDLE " < " FOLLOW_CUT " OR c.claimed_at < " DEAL_CUT ")";
static const char sql_move[] =
	"UPDATE customers SET owner = NULL, pool = coalesce(region, 'public'), "
	"claimed_at = NULL, updated_at = ?1, updated_run = ?2 "
	"WHERE id IN (SELECT id FROM temp.recycle_due)";
static const char sql_history[] =
	"INSERT INTO ownership (subject_type, subject_id, from_owner, "
	"to_owner, at, by_login, reason, note, run) SELECT 'customer', id, "
	"owner, NULL, ?1, ?2, 'recycle', rule || ': ' || days || ' days', ?3 "
	"FROM temp.recycle_due ORDER BY id";
static const char sql_events[] =
	"INSERT INTO events (run, entity, entity_id, action, field, old, new) "
	"SELECT ?1, 'customer', id, 'update', f.field, CASE f.field "
	"WHEN 'owner' THEN owner WHEN 'claimed_at' THEN claimed_at END, "
	"CASE f.field WHEN 'pool' THEN coalesce(region, 'public') END "
	"FROM temp.recycle_due, (SELECT 'owner' AS field UNION ALL "
	"SELECT 'pool' UNION ALL SELECT 'claimed_at') f "
	"WHERE f.field <> 'claimed_at' OR claimed_at IS NOT NULL ORDER BY id";
static const char sql_moved[] =
	"SELECT id, name, owner, rule, days FROM temp.recycle_due ORDER BY id";

static const struct crm_col moved_cols[] = {
	{ "id", CRM_COL_INT }, { "name", CRM_COL_TEXT },
	{ "owner", CRM_COL_TEXT }, { "rule", CRM_COL_TEXT },
	{ "days", CRM_COL_INT },
};

/* The cutoff date of each tier for a setting: the limit in days back from
 * today, shifted `ahead` days into the future (for --warn). */
static int
cutoffs(struct crm_session *s, const char *key, int ahead,
    char out[5][CRM_DATE_LEN], int on[5], struct crm_err *e)
{
	struct crm_buf json = { 0 };
	struct crm_ynode *n = NULL;
	int rc;

	rc = crm_setting_json(s, key, &json, e);
	if (rc == 0)
		rc = crm_ytree_parse(json.s, json.len, key, &n, e);
	for (int t = 0; rc == 0 && t < 5; t++) {
		const char tier[2] = { (char)('A' + t), '\0' };
		long long days;

		on[t] = crm_ytree_int(crm_ytree_get(n, tier), &days);
		if (on[t])
			crm_date_format(crm_today() - (crm_day)days + ahead,
			    out[t]);
	}
	crm_ytree_free(n);
	crm_buf_free(&json);
	return rc;
}

static int
fill_due(struct crm_session *s, int ahead, struct crm_err *e)
{
	char follow[5][CRM_DATE_LEN], deal[5][CRM_DATE_LEN], today[CRM_DATE_LEN];
	int fon[5], don[5];
	sqlite3_stmt *st;

	if (cutoffs(s, "recycle.followup_days", ahead, follow, fon, e) < 0 ||
	    cutoffs(s, "recycle.deal_days", ahead, deal, don, e) < 0 ||
	    crm_db_exec(s->db, sql_due_create, e) < 0 ||
	    crm_db_exec(s->db, sql_due_clear, e) < 0 ||
	    (st = crm_db_prepare(s->db, sql_due_fill, e)) == NULL)
		return -1;
	for (int t = 0; t < 5; t++) {
		crm_db_bind_text(st, 1 + t, fon[t] ? follow[t] : NULL);
		crm_db_bind_text(st, 6 + t, don[t] ? deal[t] : NULL);
	}
	crm_today_text(today);
	crm_db_bind_text(st, 11, today);
	return crm_db_done(s->db, st, e);
}

/* The rows of a statement, kept in memory: they outlive the transaction
 * (a dry run rolls back) and can be counted. */
static struct crm_rows *
kept_rows(struct crm_session *s, sqlite3_stmt *st, const struct crm_col *cols,
    size_t n, struct crm_err *e)
{
	struct crm_rows *src, *out;
	const struct crm_val *v;
	int rc;

	src = crm_rows_from_stmt(s->db, st, cols, n, 0);
	out = crm_rows_mem(cols, n);
	while ((rc = crm_rows_next(src, &v, e)) == 1)
		crm_rows_mem_add(out, v);
	crm_rows_close(src);
	if (rc < 0) {
		crm_rows_close(out);
		return NULL;
	}
	return out;
}

static struct crm_rows *
moved_rows(struct crm_session *s, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_moved, e);

	return st ? kept_rows(s, st, moved_cols, 5, e) : NULL;
}

static int
move_due(struct crm_session *s, struct crm_err *e)
{
	char now[CRM_TIME_LEN];
	sqlite3_stmt *st;

	crm_now_text(now);
	if (crm_audit_run(s, e) < 0 ||
	    (st = crm_db_prepare(s->db, sql_history, e)) == NULL)
		return -1;
	crm_db_bind_text(st, 1, now);
	crm_db_bind_text(st, 2, s->user);
	sqlite3_bind_int64(st, 3, s->run);
	if (crm_db_done(s->db, st, e) < 0 ||
	    (st = crm_db_prepare(s->db, sql_events, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, s->run);
	if (crm_db_done(s->db, st, e) < 0 ||
	    (st = crm_db_prepare(s->db, sql_move, e)) == NULL)
		return -1;
	crm_db_bind_text(st, 1, now);
	sqlite3_bind_int64(st, 2, s->run);
	return crm_db_done(s->db, st, e);
}

/* --warn: customers that will be due within ?11 days, those already due
 * (they go tonight) with days_left 0; the cutoffs of today in ?6..?10
 * (follow-ups) and ?12..?16 (deals). */
#define WARN_FOLLOW "CASE coalesce(c.tier, 'E') WHEN 'A' THEN ?6 " \
	"WHEN 'B' THEN ?7 WHEN 'C' THEN ?8 WHEN 'D' THEN ?9 ELSE ?10 END"
#define WARN_DEAL "CASE coalesce(c.tier, 'E') WHEN 'A' THEN ?12 " \
	"WHEN 'B' THEN ?13 WHEN 'C' THEN ?14 WHEN 'D' THEN ?15 ELSE ?16 END"
#define WARN_PART(cut, when, rule) \
	"SELECT c.id, c.name, c.owner, '" rule ".' || coalesce(c.tier, 'E') " \
	"AS rule, max(0, CAST(julianday(substr(" when ", 1, 10)) - " \
	"julianday(" cut ") AS INTEGER) + 1) AS days_left FROM customers c " \
	"WHERE c.owner IS NOT NULL AND c.locked IS NULL AND " when " < date(" \
	cut ", '+' || ?11 || ' days') AND " SCOPE_VISIBLE

static const char sql_warn[] =
	SCOPE_TEAM "SELECT id, name, owner, rule, min(days_left) FROM ("
	WARN_PART(WARN_FOLLOW, IDLE, "recycle.followup_days") " UNION ALL "
	WARN_PART(WARN_DEAL, "c.claimed_at", "recycle.deal_days")
	") GROUP BY id ORDER BY min(days_left), id";

static const struct crm_col warn_cols[] = {
	{ "id", CRM_COL_INT }, { "name", CRM_COL_TEXT },
	{ "owner", CRM_COL_TEXT }, { "rule", CRM_COL_TEXT },
	{ "days_left", CRM_COL_INT },
};

static struct crm_rows *
recycle_warn(struct crm_session *s, int warn, struct crm_err *e)
{
	char follow[5][CRM_DATE_LEN], deal[5][CRM_DATE_LEN];
	int fon[5], don[5];
	sqlite3_stmt *st;

	if (cutoffs(s, "recycle.followup_days", 0, follow, fon, e) < 0 ||
	    cutoffs(s, "recycle.deal_days", 0, deal, don, e) < 0 ||
	    (st = crm_db_prepare(s->db, sql_warn, e)) == NULL ||
	    crm_scope_bind(s, &crm_customer_entity, st, e) < 0)
		return NULL;
	for (int t = 0; t < 5; t++) {
		crm_db_bind_text(st, 6 + t, fon[t] ? follow[t] : NULL);
		crm_db_bind_text(st, 12 + t, don[t] ? deal[t] : NULL);
	}
	sqlite3_bind_int(st, 11, warn);
	return kept_rows(s, st, warn_cols, 5, e);
}

/* Who runs the jobs that take a lock file: checked before the lock, so
 * that a refused run leaves no file behind. */
static const struct {
	const char *job;
	unsigned roles;
	const char *action;
} jobs[] = {
	{ "recycle", CRM_ROLE_ADMIN, "recycle customers" },
	{ "distribute", CRM_ROLE_ADMIN | CRM_ROLE_MANAGER,
	    "distribute customers" },
};

int
crm_pool_job_allowed(const struct crm_session *s, const char *job,
    struct crm_err *e)
{
	for (size_t i = 0; i < sizeof(jobs) / sizeof(*jobs); i++)
		if (strcmp(jobs[i].job, job) == 0)
			return crm_session_require(s, jobs[i].roles,
			    jobs[i].action, e);
	return crm_err_set(e, CRM_EX_SOFTWARE, "internal error: no job "
	    "'%s'", job);
}

struct crm_rows *
crm_pool_recycle(struct crm_session *s, int warn, struct crm_err *e)
{
	struct crm_rows *rows = NULL;
	int rc;

	if (warn >= 0)
		return recycle_warn(s, warn, e);
	/* the moves insert into the history's and the audit's indexes: a
	 * bigger cache keeps a night's tens of thousands from thrashing */
	if (crm_pool_job_allowed(s, "recycle", e) < 0 ||
	    crm_db_exec(s->db, "PRAGMA cache_size = -32768", e) < 0 ||
	    crm_session_begin(s, e) < 0)
		return NULL;
	rc = fill_due(s, 0, e);
	if (rc == 0 && (rows = moved_rows(s, e)) == NULL)
		rc = -1;
	if (rc == 0 && crm_rows_count(rows) > 0)
		rc = move_due(s, e);
	if (crm_session_end(s, rc == 0, e) < 0 || rc < 0) {
		crm_rows_close(rows);
		return NULL;
	}
	return rows;
}

/* Distributing a pool. */
static const char sql_pool_ids[] =
	"SELECT id FROM customers WHERE owner IS NULL AND pool = ? ORDER BY id";
/* Whether the acting user sees the pool ?6 (cust_bind_scope). */
static const char sql_pool_seen[] =
	SCOPE_TEAM "SELECT ?2 OR " SCOPE_POOL_SEEN("?6");
/* The active reps of region ?6 in the acting user's team (all, for an
 * admin). */
static const char sql_region_reps[] =
	SCOPE_TEAM "SELECT u.login FROM users u WHERE u.active = 1 "
	"AND u.role = 'rep' AND u.region = ?6 "
	"AND (?2 OR u.login IN (SELECT login FROM team)) ORDER BY u.login";
static const char sql_owned[] =
	"SELECT count(*) FROM customers WHERE owner = ?";
/* Who each customer of the pool left since ?2: the cool-down. */
static const char sql_pool_left[] =
	"SELECT o.subject_id, o.from_owner FROM customers c "
	"JOIN ownership o ON o.subject_type = 'customer' "
	"AND o.subject_id = c.id WHERE c.owner IS NULL AND c.pool = ?1 "
	"AND o.from_owner IS NOT NULL AND o.to_owner IS NOT o.from_owner "
	"AND o.at >= ?2";

static const struct crm_col ledger_cols[] = {
	{ "id", CRM_COL_INT }, { "name", CRM_COL_TEXT },
	{ "to", CRM_COL_TEXT },
};

struct rep {
	char *login;
	long long owned;	/* now, with what this run gave */
	long long room;		/* how many more this run may give */
};

/* A customer that left a rep within the cool-down: not theirs again. */
struct left {
	long long id;
	size_t rep;
};

struct deal {
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
	int state = pool_owner_state(s, login, e), team;

	if (state < 0)
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
	    crm_scope_bind(s, &crm_customer_entity, st, e) < 0) {
		rc = -1;
	} else {
		crm_db_bind_text(st, 6, d->region);
		while ((rc = crm_db_row(s->db, st, e)) == 1)
			add_rep(dl, crm_db_col_text(st, 0));
	}
	if (rc == 0 && dl->nreps == 0)
		rc = crm_err_set(e, CRM_EX_DATAERR, "no active reps %sto "
		    "distribute to", s->role == CRM_ROLE_MANAGER ?
		    "in your team " : "");
	return rc < 0 ? -1 : 0;
}

/* How much each rep may still take: the cap, the quota. */
static int
measure_room(struct crm_session *s, const struct crm_distribute *d,
    struct deal *dl, struct crm_err *e)
{
	long long cap;

	if (crm_setting_int(s, "pool.max_owned", &cap, e) < 0)
		return -1;
	for (size_t i = 0; i < dl->nreps; i++) {
		struct rep *r = &dl->reps[i];
		sqlite3_stmt *st = crm_db_prepare(s->db, sql_owned, e);

		if (st == NULL)
			return -1;
		crm_db_bind_text(st, 1, r->login);
		if (crm_db_row(s->db, st, e) != 1)
			return -1;
		r->owned = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
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

/* The recent departures from the reps of the pool's customers, in one
 * query: distributing must not undo the cool-down of a claim. */
static int
load_left(struct crm_session *s, const char *pool, struct deal *dl,
    struct crm_err *e)
{
	char since[CRM_DATE_LEN];
	long long cooldown;
	sqlite3_stmt *st;
	int rc;

	if (crm_setting_int(s, "pool.reclaim_cooldown_days", &cooldown, e) < 0)
		return -1;
	if (cooldown <= 0)
		return 0;
	pool_cooldown_since(cooldown, since);
	if ((st = crm_db_prepare(s->db, sql_pool_left, e)) == NULL)
		return -1;
	crm_db_bind_text(st, 1, pool);
	crm_db_bind_text(st, 2, since);
	while ((rc = crm_db_row(s->db, st, e)) == 1) {
		const char *from = crm_db_col_text(st, 1);

		for (size_t i = 0; i < dl->nreps; i++) {
			if (strcmp(dl->reps[i].login, from) != 0)
				continue;
			dl->left = crm_xrealloc(dl->left, (dl->nleft + 1) *
			    sizeof(*dl->left));
			dl->left[dl->nleft++] = (struct left){
			    sqlite3_column_int64(st, 0), i };
		}
	}
	if (dl->nleft > 1)
		qsort(dl->left, dl->nleft, sizeof(*dl->left), left_cmp);
	return rc;
}

/* May rep r have customer id? Room, and not within its cool-down. */
static int
may_take(const struct deal *dl, size_t r, long long id)
{
	struct left key = { id, r };

	return dl->reps[r].room > 0 && (dl->nleft == 0 ||
	    bsearch(&key, dl->left, dl->nleft, sizeof(key), left_cmp) == NULL);
}

/* The rep customer id goes to: -1 when none may take it (*full when no
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

static long long *
pool_ids(struct crm_session *s, const char *pool, size_t *n,
    struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_pool_ids, e);
	long long *ids = NULL;
	int rc;

	*n = 0;
	if (st == NULL)
		return NULL;
	crm_db_bind_text(st, 1, pool);
	while ((rc = crm_db_row(s->db, st, e)) == 1) {
		ids = crm_xrealloc(ids, (*n + 1) * sizeof(*ids));
		ids[(*n)++] = sqlite3_column_int64(st, 0);
	}
	return ids;
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

/* Give customer id to rep r and write it in the ledger. */
static int
give(struct crm_session *s, struct rep *r, long long id,
    struct crm_rows *ledger, struct crm_err *e)
{
	struct crm_val row[3];
	struct crm_record c;
	char text[32];
	int rc;

	if ((rc = crm_store_load(s, &crm_customer_entity, id, &c, e)) == 0 &&
	    (rc = pool_move(s, &c, r->login, "distribute", NULL, e)) == 0) {
		snprintf(text, sizeof(text), "%lld", id);
		row[0] = crm_val_text(text);
		row[1] = crm_val_text(c.f[CRM_CF_NAME]);
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
	long long *ids = pool_ids(s, d->pool, &n, e);
	int rc = 0, full = 0;

	if (d->method == CRM_DIST_RANDOM)
		shuffle(ids, n, d->seed);
	for (size_t i = 0; i < n && rc == 0 && !full; i++) {
		long r = next_rep(d, dl, ids[i], &turn, &full);

		if (r >= 0)
			rc = give(s, &dl->reps[r], ids[i], ledger, e);
	}
	free(ids);
	return rc;
}

/* A manager deals only pools they see; to anyone else, a pool out of
 * their scope does not exist. */
static int
pool_seen(struct crm_session *s, const char *pool, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_pool_seen, e);
	int seen;

	if (st == NULL || crm_scope_bind(s, &crm_customer_entity, st, e) < 0)
		return -1;
	crm_db_bind_text(st, 6, pool);
	if (crm_db_row(s->db, st, e) != 1)
		return -1;
	seen = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return seen ? 0 : crm_err_set(e, CRM_EX_DATAERR, "no pool '%s'", pool);
}

struct crm_rows *
crm_pool_distribute(struct crm_session *s, const struct crm_distribute *d,
    struct crm_err *e)
{
	struct crm_rows *ledger = NULL;
	struct deal dl = { 0 };
	int rc = -1;

	if (crm_pool_job_allowed(s, "distribute", e) < 0 ||
	    crm_session_begin(s, e) < 0)
		return NULL;
	if (pool_seen(s, d->pool, e) == 0 && load_reps(s, d, &dl, e) == 0 &&
	    measure_room(s, d, &dl, e) == 0 &&
	    load_left(s, d->pool, &dl, e) == 0) {
		ledger = crm_rows_mem(ledger_cols, 3);
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
