/* An order's payment plan (回款计划): its terms ("30%:0,70%:30") and the
 * instalments they make — each its percent of the total, rounded half-up
 * to the cent, due that many days after the order date, the last one
 * taking what is left so that they sum to the total exactly. Every
 * instalment is a record of crm_instalment_entity, audited, so that
 * crm undo puts back what a run made, dropped or cancelled. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "order-impl.h"
#include "crm/db.h"
#include "crm/i18n.h"
#include "crm/line.h"
#include "crm/money.h"
#include "crm/scope.h"
#include "crm/store.h"
#include "crm/banned.h"

#define MAX_DAYS 3650

static int
not_terms(const char *text, struct crm_err *e)
{
	return crm_err_set(e, CRM_EX_DATAERR, "'%s' is not percent:days "
	    "terms, e.g. 30%%:0,70%%:30", text);
}

/* One term "P%:D" of len bytes at p. */
static int
term_parse(const char *text, const char *p, size_t len, struct crm_term *t,
    struct crm_err *e)
{
	char item[64], *colon, *end;
	long days;

	while (len > 0 && isspace((unsigned char)*p)) {
		p++;
		len--;
	}
	while (len > 0 && isspace((unsigned char)p[len - 1]))
		len--;
	if (len == 0 || len >= sizeof(item))
		return not_terms(text, e);
	memcpy(item, p, len);
	item[len] = '\0';
	/* the percent sign is required: 30:0 is not terms */
	if ((colon = strchr(item, ':')) == NULL || colon == item ||
	    colon[-1] != '%')
		return not_terms(text, e);
	*colon = '\0';
	if (crm_percent_parse(item, &t->percent) < 0 || t->percent == 0 ||
	    !isdigit((unsigned char)colon[1]))
		return not_terms(text, e);
	days = strtol(colon + 1, &end, 10);
	if (*end != '\0' || days > MAX_DAYS)
		return not_terms(text, e);
	t->days = (int)days;
	return 0;
}

static void
term_text(const struct crm_term *t, struct crm_buf *out)
{
	if (t->percent % 100 == 0)
		crm_buf_addf(out, "%d%%:%d", t->percent / 100, t->days);
	else
		crm_buf_addf(out, "%d.%02d%%:%d", t->percent / 100,
		    t->percent % 100, t->days);
}

int
crm_terms_parse(const char *text, struct crm_term *t, size_t *n,
    struct crm_buf *norm, struct crm_err *e)
{
	const char *p = text;
	int sum = 0;

	*n = 0;
	for (;;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);

		if (*n == CRM_TERMS_MAX)
			return crm_err_set(e, CRM_EX_DATAERR, "'%s' has more "
			    "than %d terms", text, CRM_TERMS_MAX);
		if (term_parse(text, p, len, &t[*n], e) < 0)
			return -1;
		sum += t[(*n)++].percent;
		if (comma == NULL)
			break;
		p = comma + 1;
	}
	if (sum != 10000)
		return crm_err_set(e, CRM_EX_DATAERR, "the percentages of '%s' "
		    "must add up to 100", text);
	for (size_t i = 0; norm && i < *n; i++) {
		if (i)
			crm_buf_addc(norm, ',');
		term_text(&t[i], norm);
	}
	return 0;
}

static void
set_num(struct crm_record *r, int f, long long v)
{
	char num[32];

	snprintf(num, sizeof(num), "%lld", v);
	crm_record_set(r, f, num);
}

/* The amounts of the terms: each its share of total, half-up, never
 * more than is left; the last the rest. */
static int
amounts(int64_t total, const struct crm_term *t, size_t n, int64_t *out,
    struct crm_err *e)
{
	int64_t left = total, scaled;

	for (size_t i = 0; i < n; i++) {
		if (__builtin_mul_overflow(total, (int64_t)t[i].percent,
		    &scaled) || scaled > INT64_MAX - 5000)
			return crm_err_set(e, CRM_EX_DATAERR, "the amount is "
			    "too large");
		out[i] = i + 1 == n ? left : (scaled + 5000) / 10000;
		if (out[i] > left)
			out[i] = left;
		left -= out[i];
	}
	return 0;
}

/* Instalment i of terms t and amounts a, due from day, into r. */
static void
plan_fill(struct crm_record *r, const struct crm_record *o, size_t i,
    const struct crm_term *t, const int64_t *a, crm_day day)
{
	char due[CRM_DATE_LEN];

	crm_record_set(r, CRM_IF_ORDER, o->f[CRM_OF_ID]);
	set_num(r, CRM_IF_SEQ, (long long)i + 1);
	set_num(r, CRM_IF_PERCENT, t[i].percent);
	crm_date_format(day + t[i].days, due);
	crm_record_set(r, CRM_IF_DUE, due);
	set_num(r, CRM_IF_AMOUNT, (long long)a[i]);
}

/* Instalment i made anew, or made of the old one (its change audited:
 * crm undo puts it back). */
static int
plan_one(struct crm_session *s, const struct crm_record *o, size_t i,
    const struct crm_term *t, const int64_t *a, crm_day day,
    long long old, struct crm_err *e)
{
	struct crm_record was, r = { 0 };
	int rc;

	if (old == 0) {
		crm_record_init(&r, &crm_instalment_entity);
		plan_fill(&r, o, i, t, a, day);
		rc = crm_store_create(s, &r, 0, e);
		crm_record_free(&r);
		return rc;
	}
	if ((rc = crm_store_load(s, &crm_instalment_entity, old, &was,
	    e)) == 0) {
		crm_record_copy(&r, &was);
		plan_fill(&r, o, i, t, a, day);
		crm_record_set(&r, CRM_IF_STATUS, "open");
		rc = crm_store_save(s, &was, &r, e);
	}
	crm_record_free(&was);
	crm_record_free(&r);
	return rc;
}

/* The instalments of o's terms and total, the first nold of them made
 * of the instalments old. */
static int
plan_write(struct crm_session *s, const struct crm_record *o,
    const long long *old, size_t nold, size_t *made, struct crm_err *e)
{
	struct crm_term t[CRM_TERMS_MAX];
	int64_t amount[CRM_TERMS_MAX];
	size_t n;
	crm_day day;
	int rc = 0;

	if (crm_terms_parse(o->f[CRM_OF_TERMS], t, &n, NULL, e) < 0 ||
	    crm_date_parse(o->f[CRM_OF_DATE], &day, e) < 0 ||
	    amounts(strtoll(o->f[CRM_OF_TOTAL], NULL, 10), t, n, amount,
	    e) < 0)
		return crm_err_prefix(e, "field 'terms'");
	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = plan_one(s, o, i, t, amount, day, i < nold ? old[i] : 0,
		    e);
	*made = n;
	return rc;
}

int
order_plan_make(struct crm_session *s, const struct crm_record *o,
    struct crm_err *e)
{
	size_t n;

	return plan_write(s, o, NULL, 0, &n, e);
}

static const char sql_plan[] =
	"SELECT id FROM instalments WHERE order_id = ?1 "
	"AND (?2 IS NULL OR status = ?2) ORDER BY seq, id";

/* Each instalment of order id (of that status, or any: NULL), to fn. */
static int
each(struct crm_session *s, long long id, const char *status,
    int (*fn)(struct crm_session *s, struct crm_record *r,
    struct crm_err *e), struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_plan, e);
	long long *ids = NULL;
	size_t n = 0;
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	crm_db_bind_text(st, 2, status);
	while ((rc = crm_db_row(s->db, st, e)) == 1) {
		ids = crm_xrealloc(ids, (n + 1) * sizeof(*ids));
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	for (size_t i = 0; rc == 0 && i < n; i++) {
		struct crm_record r;

		if ((rc = crm_store_load(s, &crm_instalment_entity, ids[i], &r,
		    e)) == 0)
			rc = fn(s, &r, e);
		crm_record_free(&r);
	}
	free(ids);
	return rc;
}

static int
drop_one(struct crm_session *s, struct crm_record *r, struct crm_err *e)
{
	if (crm_store_audit(s, "delete", r, NULL, e) < 0)
		return -1;
	return crm_store_delete(s, r, e);
}

static int
cancel_one(struct crm_session *s, struct crm_record *r, struct crm_err *e)
{
	struct crm_record now = { 0 };
	int rc;

	crm_record_copy(&now, r);
	crm_record_set(&now, CRM_IF_STATUS, "cancelled");
	rc = crm_store_save(s, r, &now, e);
	crm_record_free(&now);
	return rc;
}

int
order_plan_drop(struct crm_session *s, long long id, struct crm_err *e)
{
	return each(s, id, NULL, drop_one, e);
}

int
order_plan_cancel(struct crm_session *s, long long id, struct crm_err *e)
{
	return each(s, id, "open", cancel_one, e);
}

/* The instalments of an order; 1 in the second column for those that
 * allocations name (a reversed receipt's, which net to 0 when nothing
 * is paid). */
static const char sql_reuse[] =
	"SELECT i.id, EXISTS (SELECT 1 FROM allocations a "
	"WHERE a.instalment_id = i.id) FROM instalments i "
	"WHERE i.order_id = ?1 ORDER BY i.seq, i.id";

static int
drop_id(struct crm_session *s, long long id, struct crm_err *e)
{
	struct crm_record r;
	int rc;

	if ((rc = crm_store_load(s, &crm_instalment_entity, id, &r, e)) == 0)
		rc = drop_one(s, &r, e);
	crm_record_free(&r);
	return rc;
}

int
order_plan_remake(struct crm_session *s, const struct crm_record *o,
    struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_reuse, e);
	long long (*old)[2] = NULL, *kept = NULL;
	size_t nold = 0, nkept = 0, made = 0;
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, o->id);
	while ((rc = crm_db_row(s->db, st, e)) == 1) {
		old = crm_xrealloc(old, (nold + 1) * sizeof(*old));
		old[nold][0] = sqlite3_column_int64(st, 0);
		old[nold++][1] = sqlite3_column_int(st, 1);
	}
	kept = crm_xrealloc(kept, (nold + 1) * sizeof(*kept));
	for (size_t i = 0; rc == 0 && i < nold; i++)
		if (old[i][1])
			kept[nkept++] = old[i][0];
		else
			rc = drop_id(s, old[i][0], e);
	if (rc == 0)
		rc = plan_write(s, o, kept, nkept, &made, e);
	if (rc == 0 && nkept > made)
		rc = crm_err_set(e, CRM_EX_DATAERR, "order %s: receipts "
		    "since reversed paid %zu of its instalments, which keep "
		    "that history: its new plan needs at least %zu "
		    "instalments", o->f[CRM_OF_NUMBER], nkept, nkept);
	free(old);
	free(kept);
	return rc;
}

static const char sql_instalments[] =
	"SELECT seq, due_date, crm_money(percent), crm_money(amount), "
	"crm_money(paid), status FROM instalments WHERE order_id = ? "
	"ORDER BY seq, id";
static const struct crm_col instalment_cols[] = {
	{ NC_("column", "seq"), CRM_COL_INT },
	{ NC_("column", "due_date"), CRM_COL_DATE },
	/* hundredths of a percent print as money does: 30.00 */
	{ NC_("column", "percent"), CRM_COL_MONEY },
	{ NC_("column", "amount"), CRM_COL_MONEY },
	{ NC_("column", "paid"), CRM_COL_MONEY },
	{ NC_("column", "status"), CRM_COL_TEXT },
};

struct crm_rows *
crm_order_instalments(struct crm_session *s, long long id, struct crm_err *e)
{
	sqlite3_stmt *st;

	if (crm_scope_may_see(s, &crm_order_entity, id, e) < 0 ||
	    (st = crm_db_prepare(s->db, sql_instalments, e)) == NULL)
		return NULL;
	sqlite3_bind_int64(st, 1, id);
	return crm_rows_from_stmt(s->db, st, instalment_cols,
	    sizeof(instalment_cols) / sizeof(*instalment_cols), 0);
}

int
crm_instalment_undo(struct crm_session *s, const struct crm_undo_group *g,
    struct crm_err *e)
{
	return crm_store_undo(s, &crm_instalment_entity, g, e);
}
