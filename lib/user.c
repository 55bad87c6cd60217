#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "crm/user.h"
#include "user-impl.h"
#include "crm/clock.h"
#include "crm/customer.h"
#include "crm/mail.h"
#include "crm/banned.h"

enum { F_NAME, F_ROLE, F_REGION, F_MANAGER, F_EMAIL, F_ACTIVE, NFIELDS };

static const char *const field_names[NFIELDS] = {
	"name", "role", "region", "manager", "email", "active"
};

/* A user as strings: active is "1" or "0". */
struct user_row {
	char *f[NFIELDS];
};

static const char sql_get[] =
	"SELECT name, role, region, manager, email, active FROM users "
	"WHERE login = ?";
static const char sql_insert[] =
	"INSERT INTO users (login, name, role, region, manager, email, active, "
	"created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)";
static const char sql_update[] =
	"UPDATE users SET name = ?2, role = ?3, region = ?4, manager = ?5, "
	"email = ?6, active = ?7, updated_at = ?8 WHERE login = ?1";
static const char sql_delete[] = "DELETE FROM users WHERE login = ?";
static const char sql_manager_of[] =
	"SELECT manager FROM users WHERE login = ?";
static const char sql_admins[] =
	"SELECT count(*) FROM users WHERE role = 'admin' AND active = 1";

static void
row_free(struct user_row *r)
{
	for (int i = 0; i < NFIELDS; i++)
		free(r->f[i]);
	memset(r, 0, sizeof(*r));
}

static void
row_put(struct user_row *r, int i, const char *v)
{
	free(r->f[i]);
	r->f[i] = v && *v ? crm_xstrdup(v) : NULL;
}

/* 1 found, 0 not, -1 error. */
static int
row_load(struct crm_session *s, const char *login, struct user_row *r,
    struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_get, e);
	int rc;

	if (st == NULL)
		return -1;
	crm_db_bind_text(st, 1, login);
	if ((rc = crm_db_row(s->db, st, e)) <= 0)
		return rc;
	for (int i = 0; i < NFIELDS; i++)
		row_put(r, i, crm_db_col_text(st, i));
	sqlite3_reset(st);
	return 1;
}

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

static int
parse_active(const char *v, const char **out)
{
	static const char *const yes[] = { "1", "yes", "true", "y", "on" };
	static const char *const no[] = { "0", "no", "false", "n", "off" };

	for (size_t i = 0; i < 5; i++) {
		if (strcasecmp(v, yes[i]) == 0)
			return *out = "1", 0;
		if (strcasecmp(v, no[i]) == 0)
			return *out = "0", 0;
	}
	return -1;
}

/* Apply the input to r; *bad names the field an error is about. */
static int
row_apply(struct user_row *r, const struct crm_user_input *in,
    const char **bad, struct crm_err *e)
{
	const char *v[NFIELDS] = { in->name, in->role, in->region,
		in->manager, in->email, in->active };
	enum crm_role role;

	for (int i = 0; i < NFIELDS; i++) {
		if (v[i] == NULL)
			continue;
		*bad = field_names[i];
		if (i == F_ROLE && crm_role_parse(v[i], &role, e) < 0)
			return -1;
		/* both go into mail headers: one plain address, and a
		 * name on one line */
		if (i == F_EMAIL && *v[i] && crm_mail_address_check(v[i],
		    e) < 0)
			return -1;
		if (i == F_NAME && crm_mail_name_check(v[i], e) < 0)
			return -1;
		if (i == F_ACTIVE && parse_active(v[i], &v[i]) < 0)
			return crm_err_set(e, CRM_EX_DATAERR, "'%s' is not yes "
			    "or no", in->active);
		if (i == F_MANAGER && *v[i] && crm_login_check(v[i], e) < 0)
			return -1;
		row_put(r, i, v[i]);
	}
	*bad = "name";
	if (r->f[F_NAME] == NULL)
		return crm_err_set(e, CRM_EX_DATAERR, "a user needs a name "
		    "(--name)");
	*bad = "role";
	if (r->f[F_ROLE] == NULL)
		return crm_err_set(e, CRM_EX_DATAERR, "a user needs a role "
		    "(--role admin|manager|rep|finance|marketing)");
	*bad = NULL;
	return 0;
}

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
is_active_admin(const struct user_row *r)
{
	return r->f[F_ROLE] && strcmp(r->f[F_ROLE], "admin") == 0 &&
	    !(r->f[F_ACTIVE] && strcmp(r->f[F_ACTIVE], "0") == 0);
}

/* Before the write, so that a refused change leaves nothing behind for
 * the next record of an import to trip over: an active admin who stops
 * being one needs another. */
static int
check_admin_kept(struct crm_session *s, const struct user_row *old,
    const struct user_row *cur, struct crm_err *e)
{
	if (!is_active_admin(old) || is_active_admin(cur))
		return 0;
	return check_admins(s, 2, e);
}


static int
row_write(struct crm_session *s, const char *sql, const char *login,
    const struct user_row *r, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql, e);
	char now[CRM_TIME_LEN];

	if (st == NULL)
		return -1;
	crm_now_text(now);
	crm_db_bind_text(st, 1, login);
	for (int i = 0; i < NFIELDS; i++)
		crm_db_bind_text(st, i + 2, r->f[i]);
	sqlite3_bind_int(st, 7, r->f[F_ACTIVE] == NULL ||
	    strcmp(r->f[F_ACTIVE], "0") != 0);
	crm_db_bind_text(st, 8, now);
	return crm_db_done(s->db, st, e);
}

static int
same(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a && b && strcmp(a, b) == 0);
}

static int
audit_changes(struct crm_session *s, const char *login, const char *action,
    const struct user_row *old, const struct user_row *new_row,
    struct crm_err *e)
{
	for (int i = 0; i < NFIELDS; i++) {
		const char *o = old ? old->f[i] : NULL;

		if (same(o, new_row->f[i]))
			continue;
		if (crm_audit_event(s, "user", login, action, field_names[i], o,
		    new_row->f[i], e) < 0)
			return -1;
	}
	return 0;
}

static int
same_row(const struct user_row *a, const struct user_row *b)
{
	for (int i = 0; i < NFIELDS; i++)
		if (!same(a->f[i], b->f[i]))
			return 0;
	return 1;
}

int
crm_user_apply(struct crm_session *s, const char *login,
    const struct crm_user_input *in, int create, const char **bad,
    enum user_change *change, struct crm_err *e)
{
	struct user_row old = { 0 }, cur = { 0 };
	int found, rc = -1;

	*bad = "login";
	if (change)
		*change = USER_UNCHANGED;
	if (crm_login_check(login, e) < 0)
		return -1;
	*bad = NULL;
	if ((found = row_load(s, login, &old, e)) < 0)
		return -1;
	if (found && create == 1) {
		crm_err_set(e, CRM_EX_DATAERR, "user '%s' already exists",
		    login);
		goto out;
	}
	if (!found && create == 0) {
		crm_err_set(e, CRM_EX_DATAERR, "no user '%s'", login);
		goto out;
	}
	for (int i = 0; i < NFIELDS; i++)
		row_put(&cur, i, old.f[i]);
	if (!found)
		row_put(&cur, F_ACTIVE, "1");
	if (row_apply(&cur, in, bad, e) < 0)
		goto out;
	*bad = "manager";
	if (!same(old.f[F_MANAGER], cur.f[F_MANAGER]) &&
	    check_manager(s, login, cur.f[F_MANAGER], e) < 0)
		goto out;
	*bad = NULL;
	if (found && check_admin_kept(s, &old, &cur, e) < 0)
		goto out;
	rc = 0;
	if (found && same_row(&old, &cur))
		goto out;	/* nothing to write, nor to audit */
	rc = -1;
	if (row_write(s, found ? sql_update : sql_insert, login, &cur, e) < 0 ||
	    audit_changes(s, login, found ? "update" : "create",
	    found ? &old : NULL, &cur, e) < 0)
		goto out;
	if (change)
		*change = found ? USER_UPDATED : USER_CREATED;
	rc = 0;
out:
	row_free(&old);
	row_free(&cur);
	return rc;
}

static int
team_change(struct crm_session *s, const char *login,
    const struct crm_user_input *in, int create, struct crm_err *e)
{
	const char *bad;
	int rc;

	if (crm_session_require(s, CRM_ROLE_ADMIN, "change the team", e) < 0 ||
	    crm_session_begin(s, e) < 0)
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

int
crm_user_deactivate(struct crm_session *s, const char *login,
    const char *handover_to, int to_pool, long *moved, struct crm_err *e)
{
	struct crm_user_input in = { .active = "0" };
	long long owned;
	int rc = -1;

	*moved = 0;
	if (crm_session_require(s, CRM_ROLE_ADMIN, "change the team", e) < 0 ||
	    crm_session_begin(s, e) < 0)
		return -1;
	if (handover_to && strcmp(handover_to, login) == 0)
		crm_err_set(e, CRM_EX_USAGE, "cannot hand '%s''s customers "
		    "over to '%s' itself", login, login);
	else if ((handover_to || to_pool) &&
	    crm_customer_handover(s, login, handover_to, moved, e) < 0)
		crm_err_prefix(e, "handover of '%s'", login);
	else if (crm_customer_owned(s, login, &owned, e) < 0)
		;
	else if (owned > 0)
		crm_err_set(e, CRM_EX_DATAERR, "'%s' still owns %lld "
		    "customer%s: hand them over first (--handover LOGIN, or "
		    "--to-pool)", login, owned, owned == 1 ? "" : "s");
	else
		rc = team_change(s, login, &in, 0, e);
	return crm_session_end(s, rc == 0, e) < 0 ? -1 : rc;
}

int
crm_user_add_first_admin(struct crm_session *s, const char *login,
    const char *name, struct crm_err *e)
{
	struct crm_user_input in = { .name = name, .role = "admin" };
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
crm_user_active(struct crm_session *s, const char *login, struct crm_err *e)
{
	int state = crm_user_state(s, login, e);

	return state < 0 ? -1 : state == 2;
}

static const struct crm_col list_cols[] = {
	{ "login", CRM_COL_TEXT }, { "name", CRM_COL_TEXT },
	{ "role", CRM_COL_TEXT }, { "region", CRM_COL_TEXT },
	{ "manager", CRM_COL_TEXT }, { "email", CRM_COL_TEXT },
	{ "active", CRM_COL_BOOL }, { "created_at", CRM_COL_TIME },
};

static const char sql_list[] =
	"SELECT login, name, role, region, manager, email, "
	"CASE active WHEN 1 THEN 'true' ELSE 'false' END, created_at "
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
	return crm_rows_from_stmt(s->db, st, list_cols,
	    sizeof(list_cols) / sizeof(*list_cols), 0);
}

int
crm_user_undo(struct crm_session *s, const struct crm_undo_group *g,
    struct crm_err *e)
{
	struct crm_user_input in = { 0 };
	const char **slot[NFIELDS] = { &in.name, &in.role, &in.region,
		&in.manager, &in.email, &in.active };
	const char *bad;
	sqlite3_stmt *st;

	if (strcmp(g->action, "create") == 0) {
		if ((st = crm_db_prepare(s->db, sql_delete, e)) == NULL)
			return -1;
		crm_db_bind_text(st, 1, g->id);
		if (crm_db_done(s->db, st, e) < 0)
			return crm_err_set(e, CRM_EX_DATAERR, "cannot remove "
			    "user '%s': records refer to it", g->id);
		for (size_t i = 0; i < g->n; i++)
			if (crm_audit_event(s, "user", g->id, "delete",
			    g->fields[i], g->news[i], NULL, e) < 0)
				return -1;
		return check_admins(s, 1, e);
	}
	for (size_t i = 0; i < g->n; i++)
		for (int k = 0; k < NFIELDS; k++)
			if (g->fields[i] && strcmp(g->fields[i],
			    field_names[k]) == 0)
				*slot[k] = g->olds[i] ? g->olds[i] : "";
	return crm_user_apply(s, g->id, &in, strcmp(g->action, "delete") == 0,
	    &bad, NULL, e);
}
