/* crm target: setting targets (one per user or region, period and
 * metric: set creates or changes it), listing them as the acting user
 * may see them, importing a file of them, and what a period's target
 * is for the reports. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report-impl.h"
#include "scope-sql.h"
#include "crm/db.h"
#include "crm/store.h"
#include "crm/banned.h"

static const char sql_find[] =
	"SELECT id FROM targets WHERE user IS ?1 AND region IS ?2 AND "
	"period = ?3 AND metric = ?4";
static const char sql_user[] =
	"SELECT 1 FROM users WHERE login = ?1 AND active = 1";
/* Is the region one of the team's (the manager's and those under
 * them)? */
static const char sql_team_region[] =
	SCOPE_TEAM "SELECT 1 FROM team WHERE region = ?6";

/* May the acting user set a target of user or region? 77 if not. */
static int
may_set(struct crm_session *s, const struct crm_record *t,
    struct crm_err *e)
{
	const char *user = t->f[CRM_TF_USER];
	sqlite3_stmt *st;
	int rc;

	if (s->role == CRM_ROLE_ADMIN)
		return 0;
	if (s->role != CRM_ROLE_MANAGER)
		return crm_err_set(e, CRM_EX_NOPERM, "only a manager or an "
		    "admin may set targets");
	if (user != NULL)
		rc = crm_scope_in_team(s, user, e);
	else {
		if ((st = crm_db_prepare(s->db, sql_team_region, e)) == NULL ||
		    crm_scope_bind(s, &crm_target_entity, st, e) < 0)
			return -1;
		crm_db_bind_text(st, 6, t->f[CRM_TF_REGION]);
		if ((rc = crm_db_row(s->db, st, e)) == 1)
			sqlite3_reset(st);
	}
	if (rc < 0)
		return -1;
	if (rc == 0)
		return crm_err_set(e, CRM_EX_NOPERM, "%s is not in your team: "
		    "only their manager or an admin may set their targets",
		    user ? user : t->f[CRM_TF_REGION]);
	return 0;
}

static int
user_exists(struct crm_session *s, const char *user, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_user, e);
	int rc;

	if (st == NULL)
		return -1;
	crm_db_bind_text(st, 1, user);
	if ((rc = crm_db_row(s->db, st, e)) == 1)
		sqlite3_reset(st);
	if (rc == 0)
		crm_err_set(e, CRM_EX_DATAERR, "no user %s", user);
	return rc == 1 ? 0 : -1;
}

/* The id of the target of t's key, 0 if none. */
static long long
find(struct crm_session *s, const struct crm_record *t, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_find, e);
	long long id = 0;
	int rc;

	if (st == NULL)
		return -1;
	crm_db_bind_text(st, 1, t->f[CRM_TF_USER]);
	crm_db_bind_text(st, 2, t->f[CRM_TF_REGION]);
	crm_db_bind_text(st, 3, t->f[CRM_TF_PERIOD]);
	crm_db_bind_text(st, 4, t->f[CRM_TF_METRIC]);
	if ((rc = crm_db_row(s->db, st, e)) == 1) {
		id = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
	}
	return rc < 0 ? -1 : id;
}

static int
set_locked(struct crm_session *s, struct crm_record *t, long long *id,
    struct crm_err *e)
{
	struct crm_record old, now;
	const char *bad = NULL;
	long long have;
	int rc;

	if (crm_record_finish(t, 0, &bad, e) < 0) {
		if (bad)
			crm_err_prefix(e, "field '%s'", bad);
		return -1;
	}
	if ((t->f[CRM_TF_USER] && user_exists(s, t->f[CRM_TF_USER], e) < 0) ||
	    may_set(s, t, e) < 0 || (have = find(s, t, e)) < 0)
		return -1;
	if (have == 0) {
		rc = crm_store_create(s, t, 0, e);
		*id = t->id;
		return rc;
	}
	if (crm_store_load(s, &crm_target_entity, have, &old, e) < 0)
		return -1;
	crm_record_copy(&now, &old);
	crm_record_set(&now, CRM_TF_VALUE, t->f[CRM_TF_VALUE]);
	rc = crm_store_save(s, &old, &now, e);
	crm_record_free(&now);
	crm_record_free(&old);
	*id = have;
	return rc;
}

/* The record of a key and value, unchecked (finish checks it). */
static void
fill(struct crm_record *t, const struct crm_target_key *k,
    const char *value)
{
	crm_record_init(t, &crm_target_entity);
	crm_record_set(t, CRM_TF_USER, k->user);
	crm_record_set(t, CRM_TF_REGION, k->region);
	crm_record_set(t, CRM_TF_PERIOD, k->period);
	crm_record_set(t, CRM_TF_METRIC, k->metric);
	crm_record_set(t, CRM_TF_VALUE, value);
}

int
crm_target_set(struct crm_session *s, const struct crm_target_key *k,
    const char *value, long long *id, struct crm_err *e)
{
	struct crm_record t;
	int rc;

	fill(&t, k, value);
	if (crm_session_begin(s, e) < 0) {
		crm_record_free(&t);
		return -1;
	}
	rc = set_locked(s, &t, id, e);
	crm_record_free(&t);
	return crm_session_end(s, rc == 0, e) < 0 ? -1 : rc;
}

/* Admins and finance see all; others their team's users' targets
 * (their own for a rep) and those of the team's regions. */
static const char sql_list[] =
	SCOPE_TEAM "SELECT id, user, region, period, metric, value, "
	"created_at, updated_at FROM targets t WHERE (?2 OR t.user IN "
	"(SELECT login FROM team) OR t.region IN (SELECT region FROM team)) "
	"AND (?6 IS NULL OR t.user = ?6) AND (?7 IS NULL OR t.region = ?7) "
	"AND (?8 IS NULL OR t.period = ?8) AND (?9 IS NULL OR t.metric = ?9) "
	"ORDER BY t.period, t.user IS NULL, t.user, t.region, t.metric";

static const struct crm_col list_cols[] = {
	{ NC_("column", "id"), CRM_COL_INT },
	{ NC_("column", "user"), CRM_COL_TEXT },
	{ NC_("column", "region"), CRM_COL_TEXT },
	{ NC_("column", "period"), CRM_COL_TEXT },
	{ NC_("column", "metric"), CRM_COL_TEXT },
	{ NC_("column", "value"), CRM_COL_TEXT },
	{ NC_("column", "created_at"), CRM_COL_TIME },
	{ NC_("column", "updated_at"), CRM_COL_TIME },
};

struct crm_rows *
crm_target_list(struct crm_session *s, const struct crm_target_key *f,
    struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_list, e);
	char key[REPORT_KEY_LEN];
	struct crm_range r;
	enum crm_metric m;

	if (f->period) {
		if (crm_period_parse(f->period, "--period", &r, e) < 0)
			return NULL;
		report_bucket(r.unit, r.from, key);
	}
	if (f->metric && crm_metric_parse(f->metric, 0, &m, "--metric",
	    e) < 0)
		return NULL;
	if (st == NULL || crm_scope_bind(s, &crm_target_entity, st, e) < 0)
		return NULL;
	crm_db_bind_text(st, 6, f->user);
	crm_db_bind_text(st, 7, f->region);
	crm_db_bind_text(st, 8, f->period ? key : NULL);
	crm_db_bind_text(st, 9, f->metric);
	return crm_rows_from_stmt(s->db, st, list_cols,
	    sizeof(list_cols) / sizeof(*list_cols), 0);
}

/* One record of an import: its key and value by column name. */
static int
import_one(struct crm_session *s, const struct crm_rec *rec,
    struct crm_err *e)
{
	static const char *const names[] = {
		"user", "region", "period", "metric", "value"
	};
	const char *v[5] = { NULL, NULL, NULL, NULL, NULL };
	struct crm_target_key k;
	struct crm_record t;
	long long id;
	int rc;

	for (size_t i = 0; i < rec->n; i++) {
		int f = crm_entity_field(&crm_target_entity, rec->names[i]);
		size_t j;

		for (j = 0; j < 5; j++)
			if (f >= 0 && strcmp(crm_target_entity.fields[f].name,
			    names[j]) == 0)
				break;
		if (j < 5 && rec->vals[i].type == CRM_V_TEXT)
			v[j] = rec->vals[i].s;
		else if (j == 5 && f < 0)
			return crm_err_set(e, CRM_EX_DATAERR, "unknown column "
			    "'%s' (user, region, period, metric, value)",
			    rec->names[i]);
	}
	k.user = v[0];
	k.region = v[1];
	k.period = v[2];
	k.metric = v[3];
	fill(&t, &k, v[4]);
	rc = set_locked(s, &t, &id, e);
	crm_record_free(&t);
	if (rc < 0 && e->code == CRM_EX_USAGE)
		e->code = CRM_EX_DATAERR;
	return rc;
}

int
crm_target_import(struct crm_session *s, const char *path,
    const struct crm_in_opts *o, long *n, struct crm_err *e)
{
	struct crm_in *in = crm_in_open(path, o, e);
	struct crm_rec rec;
	int rc, ok;

	*n = 0;
	if (in == NULL)
		return -1;
	if (crm_session_begin(s, e) < 0) {
		crm_in_close(in);
		return -1;
	}
	while ((rc = crm_in_next(in, &rec, e)) == 1) {
		if (import_one(s, &rec, e) < 0) {
			crm_err_prefix(e, "%s:%ld", crm_in_name(in), rec.line);
			rc = -1;
			break;
		}
		(*n)++;
	}
	ok = rc == 0;
	crm_in_close(in);
	return crm_session_end(s, ok, e) < 0 || !ok ? -1 : 0;
}

int
crm_target_undo(struct crm_session *s, const struct crm_undo_group *g,
    struct crm_err *e)
{
	return crm_store_undo(s, &crm_target_entity, g, e);
}

static const char sql_value[] =
	"SELECT value FROM targets WHERE user IS ?1 AND region IS ?2 AND "
	"period = ?3 AND metric = ?4";

/* The target set for exactly this period, 1 if there is one. */
static int
value_of(struct crm_session *s, const char *user, const char *region,
    enum crm_metric m, enum crm_unit u, crm_day day, long long *v,
    struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_value, e);
	char key[REPORT_KEY_LEN];
	int rc;

	if (st == NULL)
		return -1;
	report_bucket(u, day, key);
	crm_db_bind_text(st, 1, user);
	crm_db_bind_text(st, 2, region);
	crm_db_bind_text(st, 3, key);
	crm_db_bind_text(st, 4, report_metric_name(m));
	if ((rc = crm_db_row(s->db, st, e)) == 1) {
		rc = report_target_value(m, crm_db_col_text(st, 0), v, e) < 0 ?
		    -1 : 1;
		sqlite3_reset(st);
	}
	return rc;
}

/* A period's own target, else the sum of its parts' (quarters of a
 * year, months of a quarter). */
static int
target_of(struct crm_session *s, const char *user, const char *region,
    enum crm_metric m, enum crm_unit u, crm_day from, long long *v,
    struct crm_err *e)
{
	enum crm_unit part = u == CRM_PU_YEAR ? CRM_PU_QUARTER :
	    CRM_PU_MONTH;
	int rc = value_of(s, user, region, m, u, from, v, e), any = 0;
	crm_day end = report_next(u, from);
	long long pv;

	if (rc != 0 || u == CRM_PU_MONTH)
		return rc;
	*v = 0;
	for (crm_day d = from; d < end; d = report_next(part, d)) {
		if ((rc = target_of(s, user, region, m, part, d, &pv, e)) < 0)
			return -1;
		if (rc == 1) {
			*v += pv;
			any = 1;
		}
	}
	return any;
}

int
report_target_of(struct crm_session *s, const char *user,
    const char *region, enum crm_metric m, const struct crm_range *r,
    long long *v, struct crm_err *e)
{
	*v = 0;
	if (r->unit != CRM_PU_MONTH && r->unit != CRM_PU_QUARTER &&
	    r->unit != CRM_PU_YEAR)
		return 0;
	return target_of(s, user, region, m, r->unit, r->from, v, e);
}
