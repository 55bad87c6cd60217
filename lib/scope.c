/* Who sees and changes what, for every entity with an owner and a pool
 * (design/data.md): the scope parameters of the shared SQL, and the
 * checks of one record. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm/scope.h"
#include "crm/buf.h"
#include "crm/column-names.h"
#include "crm/i18n.h"
#include "crm/setting.h"
#include "crm/store.h"
#include "scope-sql.h"
#include "crm/banned.h"

static const char sql_in_team[] =
	SCOPE_TEAM "SELECT 1 FROM team WHERE login = ?6";
static const char sql_team_logins[] = SCOPE_TEAM "SELECT login FROM team";

static int
cmp_login(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
crm_scope_bind(struct crm_session *s, const struct crm_entity *ent,
    sqlite3_stmt *st, struct crm_err *e)
{
	unsigned see_all = ent && ent->scope ? ent->scope->see_all :
	    CRM_ROLES_ALL;
	long long same_region = 1;

	if ((s->role & (CRM_ROLE_REP | CRM_ROLE_MANAGER)) &&
	    crm_setting_int(s, "pool.same_region", &same_region, e) < 0)
		return -1;
	crm_db_bind_text(st, 1, s->user);
	sqlite3_bind_int(st, 2, (s->role & see_all) != 0);
	sqlite3_bind_int(st, 3, s->role == CRM_ROLE_MANAGER);
	crm_db_bind_text(st, 4, s->region);
	sqlite3_bind_int(st, 5, !same_region);
	return 0;
}

int
crm_scope_masked(struct crm_session *s, int *mask, struct crm_err *e)
{
	long long on = 0;

	*mask = 0;
	if (s->role != CRM_ROLE_REP)
		return 0;
	if (crm_setting_int(s, "pool.mask_contacts", &on, e) < 0)
		return -1;
	*mask = on != 0;
	return 0;
}

int
crm_scope_found_masked(struct crm_session *s, const struct crm_entity *ent,
    int f, const char *owner, struct crm_err *e)
{
	int mask;

	if (owner != NULL || !(ent->fields[f].flags & CRM_F_MASKED))
		return 0;
	return crm_scope_masked(s, &mask, e) < 0 ? -1 : mask;
}

int
crm_scope_in_team(struct crm_session *s, const char *login,
    struct crm_err *e)
{
	if (login == NULL)
		return 0;
	if (strcmp(login, s->user) == 0)
		return 1;
	if (s->role != CRM_ROLE_MANAGER)
		return 0;
	if (s->team)
		return bsearch(&login, s->team, s->nteam, sizeof(char *),
		    cmp_login) != NULL;
	return crm_scope_team_has(s, s->user, login, e);
}

int
crm_scope_team_has(struct crm_session *s, const char *manager,
    const char *login, struct crm_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if (login == NULL)
		return 0;
	if (strcmp(login, manager) == 0)
		return 1;
	if ((st = crm_db_prepare(s->db, sql_in_team, e)) == NULL)
		return -1;
	/* SCOPE_TEAM's ?1 and ?3 (a manager's team); its region unused */
	crm_db_bind_text(st, 1, manager);
	sqlite3_bind_int(st, 3, 1);
	crm_db_bind_text(st, 6, login);
	rc = crm_db_row(s->db, st, e);
	if (rc == 1)
		sqlite3_reset(st);
	return rc;
}

void
crm_scope_visible_sql(struct crm_buf *b, const struct crm_entity *ent,
    const char *alias)
{
	const char *a = alias;
	int owner = crm_entity_flagged(ent, CRM_F_OWNER);

	/* no owner (the product catalogue): the roles that see all */
	if (owner < 0) {
		crm_buf_adds(b, "(?2) ");
		return;
	}
	/* no pool (deals; expenses, whose owner is their `user`) */
	if (crm_entity_flagged(ent, CRM_F_POOL) < 0) {
		crm_buf_addf(b, "(?2 OR %s.%s IN (SELECT login FROM team)) ",
		    a, ent->fields[owner].name);
		return;
	}
	crm_buf_addf(b, "(?2 OR %s.owner IN (SELECT login FROM team) OR "
	    "(%s.owner IS NULL AND (?5 OR %s.pool = 'public' OR %s.pool IN "
	    "(SELECT region FROM team)))) ", a, a, a, a);
}

/* "Is record ?6 one the user sees, and what is it called?", built once
 * per entity. */
static void *
make_visible(const struct crm_entity *ent)
{
	struct crm_buf b = { 0 };

	crm_buf_addf(&b, SCOPE_TEAM "SELECT c.%s FROM %s c WHERE c.%s = ?6 "
	    "AND ", ent->fields[ent->title].name, ent->table,
	    ent->fields[0].name);
	crm_scope_visible_sql(&b, ent, "c");
	return crm_buf_detach(&b);
}

int
crm_scope_may_see(struct crm_session *s, const struct crm_entity *ent,
    long long id, struct crm_err *e)
{
	const char *sql = crm_entity_cache(ent, CRM_SLOT_SCOPE, make_visible);
	sqlite3_stmt *st = crm_db_prepare(s->db, sql, e);
	int rc;

	if (st == NULL || crm_scope_bind(s, ent, st, e) < 0)
		return -1;
	sqlite3_bind_int64(st, 6, id);
	if ((rc = crm_db_row(s->db, st, e)) < 0)
		return -1;
	sqlite3_reset(st);
	return rc ? 0 : crm_err_set(e, CRM_EX_DATAERR, "no %s %lld",
	    crm_entity_word(ent), id);
}

int
crm_scope_title(struct crm_session *s, const struct crm_entity *ent,
    long long id, struct crm_buf *out, struct crm_err *e)
{
	const char *sql = crm_entity_cache(ent, CRM_SLOT_SCOPE, make_visible);
	sqlite3_stmt *st = crm_db_prepare(s->db, sql, e);
	const char *t;
	int rc;

	if (st == NULL || crm_scope_bind(s, ent, st, e) < 0)
		return -1;
	sqlite3_bind_int64(st, 6, id);
	if ((rc = crm_db_row(s->db, st, e)) > 0 &&
	    (t = crm_db_col_text(st, 0)) != NULL)
		crm_buf_adds(out, t);
	else if (rc > 0)
		rc = 0;
	sqlite3_reset(st);
	return rc;
}

int
crm_scope_load(struct crm_session *s, const struct crm_entity *ent,
    long long id, struct crm_record *r, struct crm_err *e)
{
	crm_record_init(r, ent);
	if (crm_scope_may_see(s, ent, id, e) < 0)
		return -1;
	crm_record_free(r);
	return crm_store_load(s, ent, id, r, e);
}

static int
scope_may_change(struct crm_session *s, const struct crm_record *r,
    struct crm_err *e)
{
	const struct crm_entity *ent = r->ent;
	int owner = crm_entity_flagged(ent, CRM_F_OWNER);
	int pool = crm_entity_flagged(ent, CRM_F_POOL);
	const char *title = r->f[ent->title] ? r->f[ent->title] : "";
	char action[128];
	int in_team;

	/* a role that sees and changes them all (marketing's leads) */
	if (s->role == CRM_ROLE_ADMIN || ent->scope == NULL ||
	    (s->role & ent->scope->see_all & ent->scope->change))
		return 0;
	/* what only some may do, in the user's language */
	snprintf(action, sizeof(action), _("change %s"),
	    crm_entity_words(ent));
	if (crm_session_require(s, ent->scope->change, action, e) < 0)
		return -1;
	if (owner < 0)
		return 0;
	if (r->f[owner] == NULL)
		return crm_err_set(e, CRM_EX_NOPERM, "%s %lld '%s' is in the "
		    "pool '%s': claim it first", crm_entity_word(ent), r->id,
		    title,
		    pool >= 0 && r->f[pool] ? r->f[pool] : "public");
	if ((in_team = crm_scope_in_team(s, r->f[owner], e)) < 0)
		return -1;
	if (in_team)
		return 0;
	if (s->role == CRM_ROLE_MANAGER)
		return crm_err_set(e, CRM_EX_NOPERM, "%s %lld '%s' belongs to "
		    "'%s', not to you or your team", crm_entity_word(ent),
		    r->id, title, r->f[owner]);
	return crm_err_set(e, CRM_EX_NOPERM, "%s %lld '%s' belongs to '%s', "
	    "not to you", crm_entity_word(ent), r->id, title, r->f[owner]);
}

int
crm_scope_may_change(struct crm_session *s, const struct crm_record *r,
    struct crm_err *e)
{
	if (scope_may_change(s, r, e) < 0)
		return -1;
	return r->ent->may_change ? r->ent->may_change(s, r, e) : 0;
}

int
crm_scope_may_give(struct crm_session *s, const struct crm_entity *ent,
    const char *owner, struct crm_err *e)
{
	int ok;

	if (s->role == CRM_ROLE_ADMIN || ent->scope == NULL ||
	    strcmp(owner, s->user) == 0 ||
	    (s->role & ent->scope->see_all & ent->scope->change))
		return 0;
	if (s->role == CRM_ROLE_REP)
		return crm_err_set(e, CRM_EX_NOPERM, "you may not give %s to "
		    "'%s' (a rep's are their own)", crm_entity_words(ent),
		    owner);
	if ((ok = crm_scope_in_team(s, owner, e)) < 0)
		return -1;
	return ok ? 0 : crm_err_set(e, CRM_EX_NOPERM, "you may not give %s "
	    "to '%s' (not in your team)", crm_entity_words(ent), owner);
}

int
crm_scope_team_load(struct crm_session *s, struct crm_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if (s->role != CRM_ROLE_MANAGER || s->team != NULL)
		return 0;
	if ((st = crm_db_prepare(s->db, sql_team_logins, e)) == NULL)
		return -1;
	crm_db_bind_text(st, 1, s->user);
	sqlite3_bind_int(st, 3, 1);
	while ((rc = crm_db_row(s->db, st, e)) == 1) {
		s->team = crm_xrealloc(s->team, (s->nteam + 1) *
		    sizeof(char *));
		s->team[s->nteam++] = crm_xstrdup(crm_db_col_text(st, 0));
	}
	if (rc < 0) {	/* no half team: the questions go to the database */
		for (size_t i = 0; i < s->nteam; i++)
			free(s->team[i]);
		free(s->team);
		s->team = NULL;
		s->nteam = 0;
		return -1;
	}
	if (s->nteam > 1)
		qsort(s->team, s->nteam, sizeof(char *), cmp_login);
	return 0;
}
