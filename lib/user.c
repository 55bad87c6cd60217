/* The team (crm user): users on the entity layer (their descriptor is
 * lib/user-entity.c), with the rules that need the database — a manager
 * is a user and no one's report, an active admin is always left —,
 * deactivation with the handover of customers, leads and open deals,
 * the list, and undo. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "user-impl.h"
#include "pool-impl.h"
#include "crm/clock.h"
#include "crm/i18n.h"
#include "crm/setting.h"
#include "crm/deal.h"
#include "crm/entities.h"
#include "crm/pool.h"
#include "crm/store.h"
#include "crm/banned.h"

static const char sql_manager_of[] =
	"SELECT manager FROM users WHERE login = ?";
static const char sql_admins[] =
	"SELECT count(*) FROM users WHERE role = 'admin' AND active = 1";

int
crm_login_check(const char *login, struct crm_err *e)
{
	size_t n = strlen(login);

	if (n == 0 || n > 64 || !isalnum((unsigned char)login[0]))
		goto bad;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)login[i]) && !strchr("._-",
		    login[i]))
			goto bad;
	return 0;
bad:
	return crm_err_set(e, CRM_EX_DATAERR, "'%s' is not a login (letters, "
	    "digits, '.', '_' and '-', starting with a letter or digit)",
	    login);
}

/* A manager is named by a login: its shape here, as it is typed; that
 * it is a user, and no cycle, in check_manager. */
static int
manager_shape(void *arg, const struct crm_field *f, const char *login,
    struct crm_err *e)
{
	(void)arg;
	(void)f;
	return crm_login_check(login, e);
}

static const struct crm_record_checks checks = { manager_shape, NULL };

/* The manager must be a user, and not the user or one of the user's
 * reports (a cycle would make "my team" endless). */
static int
check_manager(struct crm_session *s, const char *login, const char *manager,
    struct crm_err *e)
{
	sqlite3_stmt *st;
	char *cur;
	int rc, steps = 0;

	if (manager == NULL)
		return 0;
	if ((st = crm_db_prepare(s->db, sql_manager_of, e)) == NULL)
		return -1;
	cur = crm_xstrdup(manager);
	for (;;) {
		if (strcmp(cur, login) == 0) {
			free(cur);
			return crm_err_set(e, CRM_EX_DATAERR, "'%s' cannot be "
			    "the manager of '%s': '%s' reports to '%s'",
			    manager, login, manager, login);
		}
		sqlite3_reset(st);
		crm_db_bind_text(st, 1, cur);
		rc = crm_db_row(s->db, st, e);
		if (rc <= 0) {
			if (rc == 0 && steps == 0)
				crm_err_set(e, CRM_EX_DATAERR, "manager '%s' "
				    "is not a user", manager);
			free(cur);
			return rc < 0 || steps == 0 ? -1 : 0;
		}
		free(cur);
		if (crm_db_col_text(st, 0) == NULL || ++steps > 10000) {
			sqlite3_reset(st);
			return 0;
		}
		cur = crm_xstrdup(crm_db_col_text(st, 0));
	}
}

/* That many active admins there are now, or more: 0, else 65. */
static int
check_admins(struct crm_session *s, int least, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_admins, e);
	int n;

	if (st == NULL || crm_db_row(s->db, st, e) != 1)
		return -1;
	n = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return n >= least ? 0 : crm_err_set(e, CRM_EX_DATAERR, "refusing: "
	    "no active admin would be left");
}

static int
is_active_admin(const struct crm_record *u)
{
	const char *role = u->f[CRM_UF_ROLE], *active = u->f[CRM_UF_ACTIVE];

	return role && strcmp(role, "admin") == 0 &&
	    !(active && strcmp(active, "0") == 0);
}

/* Before the write, so that a refused change leaves nothing behind for
 * the next record of an import to trip over: an active admin who stops
 * being one needs another. */
static int
check_admin_kept(struct crm_session *s, const struct crm_record *old,
    const struct crm_record *cur, struct crm_err *e)
{
	if (!is_active_admin(old) || is_active_admin(cur))
		return 0;
	return check_admins(s, 2, e);
}

/* Whether u may own records: an active admin, manager or rep (the rule
 * of lib/pool-rules.c). */
static int
may_own(const char *role)
{
	return role == NULL || strcmp(role, "admin") == 0 ||
	    strcmp(role, "manager") == 0 || strcmp(role, "rep") == 0;
}

static int
keeps_records(const struct crm_record *u)
{
	const char *active = u->f[CRM_UF_ACTIVE];

	return may_own(u->f[CRM_UF_ROLE]) && !(active && strcmp(active,
	    "0") == 0);
}

static const char sql_open_deals[] =
	"SELECT id FROM deals WHERE owner = ?1 "
	"AND stage <> 'won' AND stage <> 'lost' ORDER BY id";

/* Nor an open deal: nobody could follow it up, and it would stay in the
 * pipeline and the forecasts. Deals have no pool, so --to-pool leaves
 * them and is refused here; --handover has moved them (hand_over). Won
 * and lost deals stay with their owner, as history. */
static int
owns_no_open_deal(struct crm_session *s, const struct crm_record *cur,
    struct crm_err *e)
{
	const char *login = cur->f[CRM_UF_LOGIN], *role = cur->f[CRM_UF_ROLE];
	long long *ids;
	size_t n;

	if (pool_ids(s, sql_open_deals, login, &ids, &n, e) < 0)
		return -1;
	free(ids);
	if (n == 0)
		return 0;
	if (may_own(role))
		return crm_err_set(e, CRM_EX_DATAERR, "'%s' still owns %zu "
		    "open deal%s: hand them over first (--handover LOGIN, or "
		    "crm-deal edit ID --owner LOGIN: deals have no pool)",
		    login, n, n == 1 ? "" : "s");
	return crm_err_set(e, CRM_EX_DATAERR, "'%s' owns %zu open deal%s, "
	    "and a %s user owns none: hand them over first (--handover "
	    "LOGIN, or crm-deal edit ID --owner LOGIN: deals have no pool)",
	    login, n, n == 1 ? "" : "s", role);
}

/* A user who may not own records (cur: a finance or marketing role, or
 * inactive) owns none of an entity with a pool, nor an open deal (65,
 * naming the way out). */
static int
owns_nothing(struct crm_session *s, const struct crm_record *cur,
    struct crm_err *e)
{
	const char *login = cur->f[CRM_UF_LOGIN], *role = cur->f[CRM_UF_ROLE];
	long long n;

	for (size_t i = 0; crm_entities[i]; i++) {
		const struct crm_entity *ent = crm_entities[i];
		const char *what = crm_cgettext("entity", ent->name);

		if (ent->pool == NULL)
			continue;
		if (crm_pool_owned(s, ent, login, &n, e) < 0)
			return -1;
		if (n > 0 && may_own(role))
			return crm_err_set(e, CRM_EX_DATAERR, "'%s' still owns "
			    "%lld %s%s: hand them over first (--handover "
			    "LOGIN, or --to-pool)", login, n, what,
			    n == 1 ? "" : "s");
		if (n > 0)
			return crm_err_set(e, CRM_EX_DATAERR, "'%s' owns %lld "
			    "%s%s, and a %s user owns none: hand them over "
			    "first (--handover LOGIN, or --to-pool)", login, n,
			    what, n == 1 ? "" : "s", role);
	}
	return owns_no_open_deal(s, cur, e);
}

/* Before the write, as check_admin_kept. */
static int
check_owner_kept(struct crm_session *s, const struct crm_record *old,
    const struct crm_record *cur, struct crm_err *e)
{
	if (!keeps_records(old) || keeps_records(cur))
		return 0;
	return owns_nothing(s, cur, e);
}

/* The fields given, in the descriptor's order, then the rules of the
 * entity (its finish hook). The times are crm's. */
static int
put_input(struct crm_record *u, const struct crm_user_input *in,
    const char **bad, struct crm_err *e)
{
	const struct crm_entity *ent = u->ent;

	for (size_t f = 1; f < ent->nfields; f++) {
		if (in->f[f] == NULL || (ent->fields[f].flags & CRM_F_SYSTEM))
			continue;
		*bad = ent->fields[f].name;
		if (crm_record_put(u, (int)f, in->f[f], &checks, e) < 0)
			return -1;
	}
	return crm_record_finish(u, 0, bad, e);
}

/* A new user, created and updated now. */
static int
insert(struct crm_session *s, struct crm_record *u, struct crm_err *e)
{
	char now[CRM_TIME_LEN];

	crm_now_text(now);
	crm_record_set(u, CRM_UF_CREATED_AT, now);
	crm_record_set(u, CRM_UF_UPDATED_AT, now);
	if (crm_store_insert(s, u, e) < 0)
		return -1;
	return crm_store_audit(s, "create", NULL, u, e);
}

int
crm_user_apply(struct crm_session *s, const char *login,
    const struct crm_user_input *in, int create, const char **bad,
    enum user_change *change, struct crm_err *e)
{
	struct crm_record old = { 0 }, cur = { 0 };
	int found, rc = -1;

	*bad = "login";
	if (change)
		*change = USER_UNCHANGED;
	crm_record_init(&cur, &crm_user_entity);
	if (crm_record_put(&cur, CRM_UF_LOGIN, login, NULL, e) < 0)
		goto out;
	if ((login = cur.f[CRM_UF_LOGIN]) == NULL) {
		crm_err_set(e, CRM_EX_DATAERR, "a user needs a login");
		goto out;
	}
	*bad = NULL;
	if ((found = crm_store_get(s, &crm_user_entity, login, &old, e)) < 0)
		goto out;
	if (found && create == 1) {
		crm_err_set(e, CRM_EX_DATAERR, "user '%s' already exists",
		    login);
		goto out;
	}
	if (!found && create == 0) {
		crm_err_set(e, CRM_EX_DATAERR, "no user '%s'", login);
		goto out;
	}
	if (found) {
		crm_record_free(&cur);
		crm_record_copy(&cur, &old);
		login = cur.f[CRM_UF_LOGIN];
	} else {
		crm_record_set(&cur, CRM_UF_ACTIVE, "1");
	}
	if (put_input(&cur, in, bad, e) < 0)
		goto out;
	*bad = "manager";
	if (!crm_record_same_field(&old, &cur, CRM_UF_MANAGER) &&
	    check_manager(s, login, cur.f[CRM_UF_MANAGER], e) < 0)
		goto out;
	*bad = NULL;
	if (found && (check_admin_kept(s, &old, &cur, e) < 0 ||
	    check_owner_kept(s, &old, &cur, e) < 0))
		goto out;
	rc = 0;
	if (found && crm_record_same(&old, &cur))
		goto out;	/* nothing to write, nor to audit */
	rc = -1;
	if ((found ? crm_store_save(s, &old, &cur, e) : insert(s, &cur, e)) < 0)
		goto out;
	if (change)
		*change = found ? USER_UPDATED : USER_CREATED;
	rc = 0;
out:
	crm_record_free(&old);
	crm_record_free(&cur);
	return rc;
}

void
crm_user_input_of(struct crm_user_input *in, const struct crm_record *r,
    unsigned long long given)
{
	memset(in, 0, sizeof(*in));
	for (size_t f = 0; f < CRM_USER_NFIELDS; f++)
		if (given & (1ull << f))
			in->f[f] = r->f[f] ? r->f[f] : "";
}

/* Only their own language, which changes nothing for anyone else: the
 * one change to the team a user may make without an admin. */
static int
own_lang_only(const struct crm_session *s, const char *login,
    const struct crm_user_input *in)
{
	if (strcmp(login, s->user) != 0 || in->f[CRM_UF_LANG] == NULL)
		return 0;
	for (size_t f = 0; f < CRM_USER_NFIELDS; f++)
		if (f != CRM_UF_LANG && in->f[f])
			return 0;
	return 1;
}

static const char sql_lang[] =
	"SELECT lang FROM users WHERE login = ? AND lang IS NOT NULL";

int
crm_user_lang(struct crm_session *s, const char *login,
    struct crm_buf *out, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_lang, e);
	int rc;

	crm_buf_reset(out);
	if (st == NULL)
		return -1;
	crm_db_bind_text(st, 1, login);
	if ((rc = crm_db_row(s->db, st, e)) < 0)
		return -1;
	if (rc == 1) {
		crm_buf_adds(out, crm_db_col_text(st, 0));
		sqlite3_reset(st);
		return 0;
	}
	return crm_setting_text(s, "ui.lang", out, e);
}

static int
team_change(struct crm_session *s, const char *login,
    const struct crm_user_input *in, int create, struct crm_err *e)
{
	const char *bad;
	int rc;

	if ((create || !own_lang_only(s, login, in)) &&
	    crm_session_require(s, CRM_ROLE_ADMIN, N_("change the team"),
	    e) < 0)
		return -1;
	if (crm_session_begin(s, e) < 0)
		return -1;
	rc = crm_user_apply(s, login, in, create, &bad, NULL, e);
	return crm_session_end(s, rc == 0, e) < 0 ? -1 : rc;
}

int
crm_user_add(struct crm_session *s, const char *login,
    const struct crm_user_input *in, struct crm_err *e)
{
	return team_change(s, login, in, 1, e);
}

int
crm_user_set(struct crm_session *s, const char *login,
    const struct crm_user_input *in, struct crm_err *e)
{
	return team_change(s, login, in, 0, e);
}

/* A leaver's open deals to `to`, each an ordinary change of owner
 * (crm-deal edit ID --owner: the rules of any, audited in this run, so
 * crm undo gives them back). */
static int
hand_over_deals(struct crm_session *s, const char *login, const char *to,
    long *moved, struct crm_err *e)
{
	struct crm_input in = { .f[CRM_DF_OWNER] = to };
	long long *ids;
	size_t n;
	int rc;

	if ((rc = pool_ids(s, sql_open_deals, login, &ids, &n, e)) < 0)
		return -1;
	for (size_t i = 0; rc >= 0 && i < n; i++) {
		if ((rc = crm_deal_set(s, ids[i], &in, e)) < 0)
			crm_err_prefix(e, "deal %lld", ids[i]);
		*moved += rc == 0;
	}
	free(ids);
	return rc < 0 ? -1 : 0;
}

/* A leaver's records of every entity with a pool (customers and leads)
 * handed over (to NULL: back to their pools), and to a user their open
 * deals too; what is left refuses the change after it
 * (check_owner_kept). */
static int
hand_over(struct crm_session *s, const char *login, const char *to,
    struct crm_handed *h, struct crm_err *e)
{
	if (to && strcmp(to, login) == 0)
		return crm_err_set(e, CRM_EX_USAGE, "cannot hand '%s''s "
		    "records over to '%s' itself", login, login);
	for (size_t i = 0; crm_entities[i]; i++) {
		const struct crm_entity *ent = crm_entities[i];
		long n = 0;

		if (ent->pool == NULL)
			continue;
		if (crm_pool_handover(s, ent, login, to, &n, e) < 0)
			return crm_err_prefix(e, "handover of '%s'", login);
		*(strcmp(ent->name, "customer") == 0 ? &h->customers :
		    &h->leads) += n;
	}
	if (to && hand_over_deals(s, login, to, &h->deals, e) < 0)
		return crm_err_prefix(e, "handover of '%s'", login);
	return 0;
}

/* Whether in leaves the user unable to own records. */
static int
stops_owning(const struct crm_user_input *in)
{
	const char *role = in->f[CRM_UF_ROLE], *active = in->f[CRM_UF_ACTIVE];

	return (role && !may_own(role)) || (active && (strcmp(active,
	    "no") == 0 || strcmp(active, "0") == 0));
}

int
crm_user_set_handover(struct crm_session *s, const char *login,
    const struct crm_user_input *in, const char *handover_to, int to_pool,
    struct crm_handed *h, struct crm_err *e)
{
	int rc = -1;

	memset(h, 0, sizeof(*h));
	if (!handover_to && !to_pool)
		return crm_user_set(s, login, in, e);
	if (!stops_owning(in))
		return crm_err_set(e, CRM_EX_USAGE, "--handover and --to-pool "
		    "go with --role finance or marketing, or --active no");
	if (crm_session_require(s, CRM_ROLE_ADMIN, N_("change the team"),
	    e) < 0 || crm_session_begin(s, e) < 0)
		return -1;
	if (hand_over(s, login, handover_to, h, e) == 0)
		rc = team_change(s, login, in, 0, e);
	return crm_session_end(s, rc == 0, e) < 0 ? -1 : rc;
}

int
crm_user_deactivate(struct crm_session *s, const char *login,
    const char *handover_to, int to_pool, struct crm_handed *h,
    struct crm_err *e)
{
	struct crm_user_input in = { .f[CRM_UF_ACTIVE] = "0" };

	return crm_user_set_handover(s, login, &in, handover_to, to_pool, h,
	    e);
}

int
crm_user_add_first_admin(struct crm_session *s, const char *login,
    const char *name, struct crm_err *e)
{
	struct crm_user_input in = { .f[CRM_UF_NAME] = name,
		.f[CRM_UF_ROLE] = "admin" };
	const char *bad;

	return crm_user_apply(s, login, &in, 1, &bad, NULL, e);
}

static const char sql_active[] =
	"SELECT active FROM users WHERE login = ?";

int
crm_user_state(struct crm_session *s, const char *login, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_active, e);
	int rc, active;

	if (st == NULL)
		return -1;
	crm_db_bind_text(st, 1, login);
	if ((rc = crm_db_row(s->db, st, e)) <= 0)
		return rc;
	active = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return active ? 2 : 1;
}

int
crm_user_active_ok(void *session, const struct crm_field *fd,
    const char *login, struct crm_err *e)
{
	int rc = crm_user_state(session, login, e);

	(void)fd;
	if (rc < 0)
		return -1;
	return rc == 2 ? 0 : crm_err_set(e, CRM_EX_DATAERR, "'%s' is not an "
	    "active user", login);
}

/* The fields of the descriptor up to lang: all but updated_at. */
static const char sql_list[] =
	"SELECT login, name, role, region, manager, email, "
	"CASE active WHEN 1 THEN 'true' ELSE 'false' END, created_at, lang "
	"FROM users WHERE (?1 OR active = 1) AND (?2 OR login = ?3) "
	"ORDER BY login";

struct crm_rows *
crm_user_list(struct crm_session *s, int all, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_list, e);

	if (st == NULL)
		return NULL;
	sqlite3_bind_int(st, 1, all);
	/* a rep sees only themselves (design/data.md) */
	sqlite3_bind_int(st, 2, s->role != CRM_ROLE_REP);
	crm_db_bind_text(st, 3, s->user);
	return crm_rows_from_stmt(s->db, st, crm_entity_cols(&crm_user_entity),
	    CRM_UF_LANG + 1, 0);
}

/* Undo of an add: the user goes, its fields logged as deleted. */
static int
remove_user(struct crm_session *s, const char *login, struct crm_err *e)
{
	struct crm_record u;
	int rc = crm_store_get(s, &crm_user_entity, login, &u, e);

	if (rc > 0 && crm_store_delete(s, &u, e) < 0)
		rc = crm_err_set(e, CRM_EX_DATAERR, "cannot remove user '%s': "
		    "records refer to it", login);
	else if (rc > 0)
		rc = crm_store_audit(s, "delete", &u, NULL, e);
	crm_record_free(&u);
	return rc < 0 ? -1 : check_admins(s, 1, e);
}

/* An undone add removes the user; an undone change or delete puts the
 * old values back, under the rules of any change. */
int
crm_user_undo(struct crm_session *s, const struct crm_undo_group *g,
    struct crm_err *e)
{
	struct crm_record u;
	struct crm_user_input in;
	unsigned long long given = 0;
	const char *bad;
	int rc = -1;

	if (strcmp(g->action, "create") == 0)
		return remove_user(s, g->id, e);
	crm_record_init(&u, &crm_user_entity);
	for (size_t i = 0; i < g->n; i++) {
		int f = g->fields[i] ? crm_entity_field(&crm_user_entity,
		    g->fields[i]) : -1;

		if (f > 0)
			given |= 1ull << f;
	}
	if (crm_store_from_events(&u, g->n, g->fields, g->olds, e) == 0) {
		crm_user_input_of(&in, &u, given);
		rc = crm_user_apply(s, g->id, &in,
		    strcmp(g->action, "delete") == 0, &bad, NULL, e);
	}
	crm_record_free(&u);
	return rc;
}
