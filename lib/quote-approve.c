/* Submitting a quote and deciding on it, by the setting quote.approval
 * (design/data.md): over the manager's discount or total it needs a
 * manager in the owner's line (their manager, or that one's manager:
 * never the owner), over finance's also finance; an admin may give
 * either. Each decision is a row of quote_approvals with who and when,
 * written in the run that changes the quote's status, so that crm undo
 * of the run takes both back. */
#include <stdlib.h>
#include <string.h>

#include "crm/clock.h"
#include "crm/db.h"
#include "crm/i18n.h"
#include "crm/money.h"
#include "crm/quote.h"
#include "crm/scope.h"
#include "crm/setting.h"
#include "crm/store.h"
#include "crm/ytree.h"
#include "crm/banned.h"

enum { MANAGER, FINANCE, NAPPROVERS };
static const char *const approver[NAPPROVERS] = { "manager", "finance" };

/* Does a quote of this total and largest discount go over the limits
 * of one approver (a mapping of discount and total, either absent)? */
static int
over(const struct crm_ynode *lim, int64_t total, long long discount)
{
	const struct crm_ynode *d = lim ? crm_ytree_get(lim, "discount") : 0;
	const struct crm_ynode *t = lim ? crm_ytree_get(lim, "total") : 0;
	long long pct;
	int64_t cents;

	if (d && crm_ytree_int(d, &pct) && discount > pct * 100)
		return 1;
	return t && t->s && crm_money_parse(t->s, &cents, NULL) == 0 &&
	    total > cents;
}

/* The approvers quote q needs: a bit per approver. */
static int
needed(struct crm_session *s, const struct crm_record *q, unsigned *need,
    struct crm_err *e)
{
	struct crm_buf json = { 0 };
	struct crm_ynode *rules = NULL;
	int64_t total = strtoll(q->f[CRM_QF_TOTAL], NULL, 10);
	long long disc = strtoll(q->f[CRM_QF_MAX_DISCOUNT], NULL, 10);
	int rc = crm_setting_json(s, "quote.approval", &json, e);

	if (rc == 0)
		rc = crm_ytree_parse(json.s, json.len, "quote.approval",
		    &rules, e);
	*need = 0;
	for (int a = 0; rc == 0 && a < NAPPROVERS; a++)
		if (over(crm_ytree_get(rules, approver[a]), total, disc))
			*need |= 1u << a;
	crm_ytree_free(rules);
	crm_buf_free(&json);
	return rc;
}

/* A rejected quote that was edited and submitted again needs its
 * approvals anew: only those after its last rejection count. */
static const char sql_given[] =
	"SELECT role FROM quote_approvals WHERE quote_id = ?1 "
	"AND decision = 'approved' AND id > coalesce((SELECT max(id) "
	"FROM quote_approvals WHERE quote_id = ?1 AND decision = 'rejected'), "
	"0)";

/* The approvers that have approved q: a bit per approver. */
static int
given(struct crm_session *s, long long id, unsigned *have,
    struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_given, e);
	int rc;

	if (st == NULL)
		return -1;
	*have = 0;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = crm_db_row(s->db, st, e)) == 1)
		for (int a = 0; a < NAPPROVERS; a++)
			if (strcmp(crm_db_col_text(st, 0), approver[a]) == 0)
				*have |= 1u << a;
	return rc;
}

/* A quote past its valid_until cannot be submitted nor approved. */
static int
still_valid(const struct crm_record *q, struct crm_err *e)
{
	char today[CRM_DATE_LEN];

	crm_today_text(today);
	if (q->f[CRM_QF_VALID_UNTIL] &&
	    strcmp(q->f[CRM_QF_VALID_UNTIL], today) < 0)
		return crm_err_set(e, CRM_EX_DATAERR, "quote %lld was valid "
		    "until %s", q->id, q->f[CRM_QF_VALID_UNTIL]);
	return 0;
}

static int
status_is(const struct crm_record *q, const char *want, struct crm_err *e)
{
	if (strcmp(q->f[CRM_QF_STATUS], want) == 0)
		return 0;
	return crm_err_set(e, CRM_EX_DATAERR, "quote %lld is %s, not %s",
	    q->id, q->f[CRM_QF_STATUS], want);
}

static int
submit_locked(struct crm_session *s, long long id, struct crm_err *e)
{
	struct crm_record old, q = { 0 };
	char now[CRM_TIME_LEN];
	unsigned need;
	int rc = -1;

	if (crm_scope_load(s, &crm_quote_entity, id, &old, e) < 0 ||
	    crm_scope_may_change(s, &old, e) < 0 ||
	    status_is(&old, "draft", e) < 0 || still_valid(&old, e) < 0 ||
	    needed(s, &old, &need, e) < 0)
		goto out;
	crm_now_text(now);
	crm_record_copy(&q, &old);
	crm_record_set(&q, CRM_QF_STATUS, need ? "submitted" : "approved");
	crm_record_set(&q, CRM_QF_SUBMITTED_AT, now);
	crm_record_set(&q, CRM_QF_UPDATED_AT, now);
	rc = crm_store_save(s, &old, &q, e);
out:
	crm_record_free(&old);
	crm_record_free(&q);
	return rc;
}

int
crm_quote_submit(struct crm_session *s, long long id, struct crm_err *e)
{
	int rc;

	if (crm_session_begin(s, e) < 0)
		return -1;
	rc = submit_locked(s, id, e);
	return crm_session_end(s, rc == 0, e) < 0 ? -1 : rc;
}

/* The approver a user (login, role) stands for on quote q, among
 * those it still awaits (pending): a manager for a quote of their team
 * but not their own, finance, an admin either; *as -1 for none. */
static int
approver_of(struct crm_session *s, const char *login, enum crm_role role,
    const struct crm_record *q, unsigned pending, int *as,
    struct crm_err *e)
{
	const char *owner = q->f[CRM_QF_OWNER];
	int team = 0;

	*as = -1;
	if (role == CRM_ROLE_MANAGER && strcmp(owner, login) != 0 &&
	    (team = crm_scope_team_has(s, login, owner, e)) < 0)
		return -1;
	if ((pending & 1u << MANAGER) && (team || role == CRM_ROLE_ADMIN))
		*as = MANAGER;
	else if ((pending & 1u << FINANCE) && (role == CRM_ROLE_FINANCE ||
	    role == CRM_ROLE_ADMIN))
		*as = FINANCE;
	return 0;
}

/* The approver the acting user stands for on quote q; 77 for none. */
static int
acting_as(struct crm_session *s, const struct crm_record *q,
    unsigned pending, int *as, struct crm_err *e)
{
	if (approver_of(s, s->user, s->role, q, pending, as, e) < 0)
		return -1;
	if (*as < 0)
		return crm_err_set(e, CRM_EX_NOPERM, "quote %lld awaits no "
		    "approval of yours (it awaits: %s)", q->id,
		    pending == (1u << MANAGER | 1u << FINANCE) ?
		    "manager, finance" : pending & 1u << MANAGER ? "manager" :
		    pending ? "finance" : "-");
	return 0;
}

static const char sql_decide[] =
	"INSERT INTO quote_approvals (quote_id, role, by_login, at, "
	"decision, reason, run) VALUES (?, ?, ?, ?, ?, ?, ?)";

static int
record_decision(struct crm_session *s, long long id, int as,
    const char *at, const char *reason, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_decide, e);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	crm_db_bind_text(st, 2, approver[as]);
	crm_db_bind_text(st, 3, s->user);
	crm_db_bind_text(st, 4, at);
	crm_db_bind_text(st, 5, reason ? "rejected" : "approved");
	crm_db_bind_text(st, 6, reason);
	sqlite3_bind_int64(st, 7, s->run);
	return crm_db_done(s->db, st, e);
}

/* One more approver in q's approved_by; approved when none is left. */
static void
approved_by(struct crm_record *q, int as, unsigned left)
{
	struct crm_buf b = { 0 };

	if (q->f[CRM_QF_APPROVED_BY])
		crm_buf_addf(&b, "%s, ", q->f[CRM_QF_APPROVED_BY]);
	crm_buf_adds(&b, approver[as]);
	crm_record_set(q, CRM_QF_APPROVED_BY, b.s);
	if (left == 0)
		crm_record_set(q, CRM_QF_STATUS, "approved");
	crm_buf_free(&b);
}

/* Approve (reason NULL) or reject a submitted quote. */
static int
decide_locked(struct crm_session *s, long long id, const char *reason,
    struct crm_err *e)
{
	struct crm_record old, q = { 0 };
	char now[CRM_TIME_LEN];
	unsigned need, have;
	int as = MANAGER, rc = -1;

	if (crm_scope_load(s, &crm_quote_entity, id, &old, e) < 0 ||
	    status_is(&old, "submitted", e) < 0 ||
	    (!reason && still_valid(&old, e) < 0) ||
	    needed(s, &old, &need, e) < 0 || given(s, id, &have, e) < 0 ||
	    acting_as(s, &old, need & ~have, &as, e) < 0)
		goto out;
	crm_now_text(now);
	crm_record_copy(&q, &old);
	if (reason)
		crm_record_set(&q, CRM_QF_STATUS, "rejected");
	else
		approved_by(&q, as, need & ~(have | 1u << as));
	crm_record_set(&q, CRM_QF_UPDATED_AT, now);
	/* the save makes the run the decision is recorded in */
	if (crm_store_save(s, &old, &q, e) == 0)
		rc = record_decision(s, id, as, now, reason, e);
out:
	crm_record_free(&old);
	crm_record_free(&q);
	return rc;
}

static int
decide(struct crm_session *s, long long id, const char *reason,
    struct crm_err *e)
{
	int rc;

	if (crm_session_begin(s, e) < 0)
		return -1;
	rc = decide_locked(s, id, reason, e);
	return crm_session_end(s, rc == 0, e) < 0 ? -1 : rc;
}

int
crm_quote_approve(struct crm_session *s, long long id, struct crm_err *e)
{
	return decide(s, id, NULL, e);
}

int
crm_quote_reject(struct crm_session *s, long long id, const char *reason,
    struct crm_err *e)
{
	if (reason == NULL || *reason == '\0')
		return crm_err_set(e, CRM_EX_USAGE, "reject needs --reason "
		    "TEXT");
	return decide(s, id, reason, e);
}

static const char sql_approvals[] =
	"SELECT at, role, by_login, decision, reason FROM quote_approvals "
	"WHERE quote_id = ? ORDER BY at, id";
static const struct crm_col approval_cols[] = {
	{ NC_("column", "at"), CRM_COL_TIME },
	{ NC_("column", "role"), CRM_COL_TEXT },
	{ NC_("column", "by"), CRM_COL_TEXT },
	{ NC_("column", "decision"), CRM_COL_TEXT },
	{ NC_("column", "reason"), CRM_COL_TEXT },
};

struct crm_rows *
crm_quote_approvals(struct crm_session *s, long long id, struct crm_err *e)
{
	sqlite3_stmt *st;

	if (crm_scope_may_see(s, &crm_quote_entity, id, e) < 0 ||
	    (st = crm_db_prepare(s->db, sql_approvals, e)) == NULL)
		return NULL;
	sqlite3_bind_int64(st, 1, id);
	return crm_rows_from_stmt(s->db, st, approval_cols,
	    sizeof(approval_cols) / sizeof(*approval_cols), 0);
}

/* crm_quote_awaits(ID, LOGIN, ROLE): the approval quote ID awaits from
 * that user, by approver_of, for crm remind's statement. */
static void
fn_awaits(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct crm_session *s = sqlite3_user_data(ctx);
	const char *login = (const char *)sqlite3_value_text(argv[1]);
	const char *name = (const char *)sqlite3_value_text(argv[2]);
	struct crm_err e = { 0 };
	struct crm_record q;
	enum crm_role role;
	unsigned need = 0, have = 0;
	int as = -1, rc;

	(void)argc;
	if (login == NULL || name == NULL ||
	    crm_role_parse(name, &role, NULL) < 0) {
		sqlite3_result_null(ctx);
		return;
	}
	/* crm_store_load initializes q in any case */
	rc = crm_store_load(s, &crm_quote_entity, sqlite3_value_int64(argv[0]),
	    &q, &e);
	if (rc == 0 && strcmp(q.f[CRM_QF_STATUS], "submitted") == 0 &&
	    (rc = needed(s, &q, &need, &e)) == 0 &&
	    (rc = given(s, q.id, &have, &e)) == 0)
		rc = approver_of(s, login, role, &q, need & ~have, &as, &e);
	crm_record_free(&q);
	if (rc < 0)
		sqlite3_result_error(ctx, e.msg, -1);
	else if (as < 0)
		sqlite3_result_null(ctx);
	else
		sqlite3_result_text(ctx, approver[as], -1, SQLITE_STATIC);
}

int
crm_quote_sql(struct crm_session *s, struct crm_err *e)
{
	/* direct only: never from a view or trigger of the file */
	if (sqlite3_create_function(crm_db_sqlite(s->db), "crm_quote_awaits",
	    3, SQLITE_UTF8 | SQLITE_DIRECTONLY, s, fn_awaits, NULL,
	    NULL) != SQLITE_OK)
		return crm_err_set(e, CRM_EX_SOFTWARE, "cannot add the SQL "
		    "function crm_quote_awaits");
	return 0;
}
