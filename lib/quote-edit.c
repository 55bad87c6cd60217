/* quote edit: a draft, or a rejected quote that goes back to draft,
 * changed field by field and its lines replaced; the lines' audit (the
 * entity "quote_line") and its undo; what crm keeps of a quote; and the
 * default validity of a new quote (quote.valid_days). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quote-impl.h"
#include "crm/audit.h"
#include "crm/clock.h"
#include "crm/db.h"
#include "crm/scope.h"
#include "crm/setting.h"
#include "crm/store.h"
#include "crm/banned.h"

int
quote_input_check(const struct crm_input *in, struct crm_err *e)
{
	static const int kept[] = { CRM_QF_ID, CRM_QF_OWNER, CRM_QF_GROSS,
		CRM_QF_TOTAL, CRM_QF_MAX_DISCOUNT, CRM_QF_SUBMITTED_AT,
		CRM_QF_APPROVED_BY, CRM_QF_CREATED_AT, CRM_QF_UPDATED_AT };
	const char *status = crm_quote_entity.fields[CRM_QF_STATUS].name;

	if (in->f[CRM_QF_STATUS] != NULL)
		return crm_err_set(e, CRM_EX_USAGE, "'%s' cannot be set here "
		    "(submit, approve and reject change it)", status);
	for (size_t i = 0; i < sizeof(kept) / sizeof(*kept); i++)
		if (in->f[kept[i]] != NULL)
			return crm_err_set(e, CRM_EX_USAGE, "'%s' cannot be "
			    "set here (crm keeps it)",
			    crm_quote_entity.fields[kept[i]].name);
	return 0;
}

int
quote_valid_default(struct crm_session *s, struct crm_record *q,
    struct crm_err *e)
{
	char until[CRM_DATE_LEN];
	long long days;

	if (q->f[CRM_QF_VALID_UNTIL] != NULL)
		return 0;
	if (crm_setting_int(s, "quote.valid_days", &days, e) < 0)
		return -1;
	if (days > 0) {
		crm_date_format(crm_today() + (crm_day)days, until);
		crm_record_set(q, CRM_QF_VALID_UNTIL, until);
	}
	return 0;
}

/* ---- the lines' audit ---- */

/* A line's fields as the audit names them, in the order of sql_lines. */
static const char *const line_fields[] = { "product_id", "sku", "name",
	"qty", "price", "discount", "amount" };
#define NLF (sizeof(line_fields) / sizeof(*line_fields))

struct line {
	int n;
	char *v[NLF];
};

struct lines {
	struct line *l;
	size_t n;
};

static const char sql_lines[] =
	"SELECT line, product_id, sku, name, qty, price, discount, amount "
	"FROM quote_lines WHERE quote_id = ? ORDER BY line";

static void
lines_free(struct lines *ls)
{
	for (size_t i = 0; i < ls->n; i++)
		for (size_t f = 0; f < NLF; f++)
			free(ls->l[i].v[f]);
	free(ls->l);
	ls->l = NULL;
	ls->n = 0;
}

static int
lines_load(struct crm_session *s, long long id, struct lines *ls,
    struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_lines, e);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = crm_db_row(s->db, st, e)) == 1) {
		struct line *l;

		ls->l = crm_xrealloc(ls->l, (ls->n + 1) * sizeof(*ls->l));
		l = &ls->l[ls->n++];
		l->n = sqlite3_column_int(st, 0);
		for (size_t f = 0; f < NLF; f++)
			l->v[f] = crm_xstrdup(crm_db_col_text(st,
			    (int)f + 1));
	}
	return rc;
}

/* Line n of ls, or NULL. */
static const struct line *
line_no(const struct lines *ls, int n)
{
	for (size_t i = 0; i < ls->n; i++)
		if (ls->l[i].n == n)
			return &ls->l[i];
	return NULL;
}

static int
same_line(const struct line *a, const struct line *b)
{
	for (size_t f = 0; f < NLF; f++)
		if (strcmp(a->v[f], b->v[f]) != 0)
			return 0;
	return 1;
}

/* The events of a line made (old NULL) or removed (new NULL). */
static int
line_audit(struct crm_session *s, long long quote, int n,
    const char *const *old, const char *const *new_v, struct crm_err *e)
{
	char id[48];

	snprintf(id, sizeof(id), "%lld:%d", quote, n);
	for (size_t f = 0; f < NLF; f++)
		if (crm_audit_event(s, "quote_line", id, old ? "delete" :
		    "create", line_fields[f], old ? old[f] : NULL,
		    new_v ? new_v[f] : NULL, e) < 0)
			return -1;
	return 0;
}

/* Every line that is not the same before and after: removed, then
 * made (crm undo, newest first, takes the new ones out before it puts
 * the old ones back). */
static int
lines_audit(struct crm_session *s, long long id, const struct lines *was,
    const struct lines *now, struct crm_err *e)
{
	for (size_t i = 0; i < was->n; i++) {
		const struct line *o = &was->l[i], *n = line_no(now, o->n);

		if ((n == NULL || !same_line(o, n)) && line_audit(s, id, o->n,
		    (const char *const *)o->v, NULL, e) < 0)
			return -1;
	}
	for (size_t i = 0; i < now->n; i++) {
		const struct line *n = &now->l[i], *o = line_no(was, n->n);

		if ((o == NULL || !same_line(o, n)) && line_audit(s, id, n->n,
		    NULL, (const char *const *)n->v, e) < 0)
			return -1;
	}
	return 0;
}

static const char sql_line_delete[] =
	"DELETE FROM quote_lines WHERE quote_id = ? AND line = ?";
static const char sql_line_insert[] =
	"INSERT INTO quote_lines (quote_id, line, product_id, sku, name, qty, "
	"price, discount, amount) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

/* Put back a removed line from its events, or take out a made one. */
int
crm_quote_line_undo(struct crm_session *s, const struct crm_undo_group *g,
    struct crm_err *e)
{
	const char *v[NLF] = { 0 };
	long long quote;
	int n, put = strcmp(g->action, "delete") == 0;
	sqlite3_stmt *st;

	if (sscanf(g->id, "%lld:%d", &quote, &n) != 2 ||
	    (!put && strcmp(g->action, "create") != 0))
		return crm_err_set(e, CRM_EX_DATAERR, "cannot undo a change "
		    "to quote line %s", g->id);
	for (size_t i = 0; i < g->n; i++)
		for (size_t f = 0; f < NLF; f++)
			if (g->fields[i] && strcmp(g->fields[i],
			    line_fields[f]) == 0)
				v[f] = put ? g->olds[i] : g->news[i];
	st = crm_db_prepare(s->db, put ? sql_line_insert : sql_line_delete,
	    e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, quote);
	sqlite3_bind_int(st, 2, n);
	for (size_t f = 0; put && f < NLF; f++)
		crm_db_bind_text(st, (int)f + 3, v[f]);
	if (crm_db_done(s->db, st, e) < 0)
		return -1;
	return line_audit(s, quote, n, put ? NULL : v, put ? v : NULL, e);
}

/* ---- edit ---- */

/* The fields of the input on q; a new deal names its owner again as
 * add does. */
static int
edit_fields(struct crm_session *s, struct crm_record *q,
    const struct crm_input *in, struct crm_err *e)
{
	const char *bad;

	if (in->f[CRM_QF_CUSTOMER] != NULL)
		return crm_err_set(e, CRM_EX_USAGE, "a quote's customer does "
		    "not change (add a quote for the other customer)");
	if (quote_input_check(in, e) < 0 || crm_input_apply(q, in, NULL,
	    e) < 0)
		return -1;
	if (in->f[CRM_QF_DEAL] != NULL && quote_owner_set(s, q, e) < 0)
		return -1;
	if (crm_record_finish(q, 0, &bad, e) < 0)
		return bad ? crm_err_prefix(e, "field '%s'", bad) : -1;
	return 0;
}

static int
editable(const struct crm_record *q, struct crm_err *e)
{
	const char *st = q->f[CRM_QF_STATUS];

	if (strcmp(st, "draft") == 0 || strcmp(st, "rejected") == 0)
		return 0;
	return crm_err_set(e, CRM_EX_DATAERR, "quote %lld is %s: only a draft "
	    "or a rejected quote can be edited", q->id, st);
}

static int
edit_locked(struct crm_session *s, long long id, const struct crm_input *in,
    const char *const *specs, size_t n, struct crm_err *e)
{
	struct crm_record old, q = { 0 };
	struct lines was = { 0 }, now = { 0 };
	char now_at[CRM_TIME_LEN];
	int rc = -1;

	if (crm_scope_load(s, &crm_quote_entity, id, &old, e) < 0 ||
	    crm_scope_may_change(s, &old, e) < 0 || editable(&old, e) < 0)
		goto out;
	crm_record_copy(&q, &old);
	if (edit_fields(s, &q, in, e) < 0 || (n > 0 && (lines_load(s, id,
	    &was, e) < 0 || quote_lines_set(s, &q, specs, n, e) < 0 ||
	    lines_load(s, id, &now, e) < 0)))
		goto out;
	/* a rejected quote goes back to draft, to be submitted again:
	 * the approvals it had are spent (lib/quote-approve.c) */
	crm_record_set(&q, CRM_QF_STATUS, "draft");
	crm_record_set(&q, CRM_QF_SUBMITTED_AT, NULL);
	crm_record_set(&q, CRM_QF_APPROVED_BY, NULL);
	crm_now_text(now_at);
	crm_record_set(&q, CRM_QF_UPDATED_AT, now_at);
	if (crm_store_save(s, &old, &q, e) == 0 &&
	    lines_audit(s, id, &was, &now, e) == 0)
		rc = 0;
out:
	lines_free(&was);
	lines_free(&now);
	crm_record_free(&old);
	crm_record_free(&q);
	return rc;
}

int
crm_quote_edit(struct crm_session *s, long long id,
    const struct crm_input *in, const char *const *lines, size_t nlines,
    struct crm_err *e)
{
	int rc, any = nlines > 0 || in->nextra > 0;

	for (size_t f = 0; f < CRM_QUOTE_NFIELDS && !any; f++)
		any = in->f[f] != NULL;
	if (!any)
		return crm_err_set(e, CRM_EX_USAGE, "nothing to change (give "
		    "--line, --valid-until, --note, --deal or --set)");
	if (crm_session_begin(s, e) < 0)
		return -1;
	rc = edit_locked(s, id, in, lines, nlines, e);
	return crm_session_end(s, rc == 0, e) < 0 ? -1 : rc;
}
