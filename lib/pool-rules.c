/* The rules of who may hold a pool record (design/data.md, "Pool rules
 * in one place"): who may own one at all, and the claim rules — the cap,
 * the daily limit and the cool-down — that a claim and a rep's undo
 * obey. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pool-impl.h"
#include "crm/column-names.h"
#include "crm/banned.h"

/* 0 for a role that owns nothing, 1 inactive, 2 active; the role */
static const char sql_owner_state[] =
	"SELECT CASE WHEN role NOT IN ('admin', 'manager', 'rep') THEN 0 "
	"WHEN active THEN 2 ELSE 1 END, role FROM users WHERE login = ?1";
/* ?3: the entity's name in the history */
static const char sql_claims_since[] =
	"SELECT count(*) FROM ownership WHERE to_owner = ?1 "
	"AND reason = 'claim' AND at >= ?2 AND subject_type = ?3";
static const char sql_left_since[] =
	"SELECT max(at) FROM ownership WHERE from_owner = ?1 "
	"AND subject_type = ?4 AND subject_id = ?2 "
	"AND to_owner IS NOT ?1 AND at >= ?3";

void
pool_cooldown_since(long long days, char since[CRM_DATE_LEN])
{
	crm_date_format(crm_today() - (crm_day)days + 1, since);
}

int
pool_owner_state(struct crm_session *s, const struct crm_entity *ent,
    const char *login, struct crm_err *e)
{
	long long state;
	char *role = NULL;
	int rc = pool_row(s, sql_owner_state, login, NULL, NULL, &state, &role,
	    e);

	if (rc > 0 && state == 0)
		rc = crm_err_set(e, CRM_EX_DATAERR, "'%s' is %s: only reps, "
		    "managers and admins own %s", login, role,
		    ent->pool ? pool_word(ent->pool->plural) :
		    crm_entity_words(ent));
	else if (rc > 0)
		rc = (int)state;
	free(role);
	return rc;
}

int
pool_owner_ok(void *arg, const struct crm_field *fd, const char *login,
    struct crm_err *e)
{
	const struct pool_owner_arg *a = arg;
	int rc = pool_owner_state(a->s, a->ent, login, e);

	(void)fd;
	if (rc < 0)
		return -1;
	return rc == 2 ? 0 : crm_err_set(e, CRM_EX_DATAERR, "'%s' is not an "
	    "active user", login);
}

/* The cool-down: r may not go back to the acting user within cooldown
 * days of leaving them. */
static int
cooldown_rule(struct crm_session *s, const struct crm_record *r,
    const char *what, long long cooldown, struct crm_err *e)
{
	char since[CRM_DATE_LEN], left[CRM_DATE_LEN + 1], again[CRM_DATE_LEN];
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_left_since, e);
	crm_day day;

	if (st == NULL)
		return -1;
	pool_cooldown_since(cooldown, since);
	crm_db_bind_text(st, 1, s->user);
	sqlite3_bind_int64(st, 2, r->id);
	crm_db_bind_text(st, 3, since);
	crm_db_bind_text(st, 4, r->ent->name);
	if (crm_db_row(s->db, st, e) != 1)
		return -1;
	if (sqlite3_column_type(st, 0) == SQLITE_NULL) {
		sqlite3_reset(st);
		return 0;
	}
	snprintf(left, sizeof(left), "%.10s", crm_db_col_text(st, 0));
	sqlite3_reset(st);
	crm_date_parse(left, &day, NULL);
	crm_date_format(day + (crm_day)cooldown, again);
	return crm_err_set(e, CRM_EX_NOPERM, "cannot %s '%s': it left you on "
	    "%s; you may claim it again from %s (%s.reclaim_cooldown_days is "
	    "%lld)", crm_cgettext("pool", what), pool_title(r), left, again,
	    r->ent->pool->settings, cooldown);
}

int
crm_pool_cap_all(struct crm_session *s, const struct crm_entity *ent,
    int *all, struct crm_err *e)
{
	long long v = 1;

	if (ent->pool && ent->pool->cap_counts && ent->pool->cap_counts_all &&
	    pool_setting(s, ent, ent->pool->cap_counts_all, &v, e) < 0)
		return -1;
	*all = v != 0;
	return 0;
}

int
pool_capped(struct crm_session *s, const struct pool_ent *p,
    const char *login, long long *n, struct crm_err *e)
{
	int all;

	if (crm_pool_cap_all(s, p->ent, &all, e) < 0)
		return -1;
	return pool_count(s, p->capped, login, all ? "1" : NULL, NULL, n, e);
}

int
pool_claim_rules(struct crm_session *s, const struct crm_record *r,
    const char *what, struct crm_err *e)
{
	const struct crm_pool_def *def = r->ent->pool;
	const struct pool_ent *p = pool_of(r->ent, e);
	const char *title = pool_title(r);
	const char *act = crm_cgettext("pool", what);
	const char *word = pool_word(def->plural);
	long long cap, per_day, cooldown, n;
	char today[CRM_DATE_LEN];

	if (p == NULL || pool_setting(s, r->ent, "max_owned", &cap, e) < 0 ||
	    pool_setting(s, r->ent, "claims_per_day", &per_day, e) < 0 ||
	    pool_setting(s, r->ent, "reclaim_cooldown_days", &cooldown, e) < 0)
		return -1;
	if (cap > 0) {
		if (pool_capped(s, p, s->user, &n, e) < 0)
			return -1;
		if (n >= cap)
			return crm_err_set(e, CRM_EX_NOPERM, "cannot %s '%s': "
			    "you hold %lld %s, the cap is %lld (%s.max_owned)",
			    act, title, n, word, cap, def->settings);
	}
	crm_today_text(today);
	if (per_day > 0) {
		if (pool_count(s, sql_claims_since, s->user, today,
		    r->ent->name, &n, e) < 0)
			return -1;
		if (n >= per_day)
			return crm_err_set(e, CRM_EX_NOPERM, "cannot %s '%s': "
			    "you claimed %lld %s today, the limit is %lld "
			    "(%s.claims_per_day)", act, title, n, word,
			    per_day, def->settings);
	}
	return cooldown > 0 ? cooldown_rule(s, r, what, cooldown, e) : 0;
}

int
pool_undo_check(struct crm_session *s, const struct crm_record *old,
    const char *to, struct crm_err *e)
{
	const struct pool_ent *p = pool_of(old->ent, e);
	const char *from;

	if (p == NULL)
		return -1;
	from = old->f[p->owner];
	if ((s->role & (CRM_ROLE_ADMIN | CRM_ROLE_MANAGER)) || to == NULL ||
	    (from != NULL && strcmp(from, to) == 0))
		return 0;
	if (strcmp(to, s->user) != 0)
		return crm_err_set(e, CRM_EX_NOPERM, "cannot undo: it would "
		    "give %s %lld '%s' to '%s' (only a manager or an admin "
		    "may)", pool_word(old->ent->name), old->id,
		    pool_title(old), to);
	return pool_claim_rules(s, old, NC_("pool", "take back"), e);
}
