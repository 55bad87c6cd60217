/* crm-pay plan: an order's payment plan (回款计划) made anew from other
 * terms, and the plans of the orders a user sees. The instalments are
 * made by the order's own code (lib/order-plan.c), so that an order's
 * terms and crm-pay's plan never disagree. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "order-impl.h"
#include "pay-impl.h"
#include "scope-sql.h"
#include "crm/customer.h"
#include "crm/db.h"
#include "crm/find.h"
#include "crm/money.h"
#include "crm/store.h"
#include "crm/banned.h"

/* Who may remake order o's plan: finance and admins, and whoever may
 * change the order (its owner, their managers). */
static int
may_plan(struct crm_session *s, const struct crm_record *o,
    struct crm_err *e)
{
	if (s->role & PAY_FINANCE)
		return 0;
	return crm_scope_may_change(s, o, e);
}

static const char sql_paid[] =
	"SELECT coalesce(sum(paid), 0) FROM instalments WHERE order_id = ?";

/* A plan is remade only while nothing of it is paid: what receipts paid
 * stays where they put it until they are reversed. */
static int
nothing_paid(struct crm_session *s, const struct crm_record *o,
    struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_paid, e);
	long long paid;
	char money[CRM_MONEY_LEN];

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, o->id);
	if (crm_db_row(s->db, st, e) != 1)
		return -1;
	paid = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (paid == 0)
		return 0;
	crm_money_format(paid, money);
	return crm_err_set(e, CRM_EX_DATAERR, "order %lld '%s' has %s paid: "
	    "its plan is remade only when nothing is (reverse the receipts "
	    "first)", o->id, o->f[CRM_OF_NUMBER], money);
}

static int
plan_locked(struct crm_session *s, long long id, const char *terms,
    struct crm_err *e)
{
	struct crm_term t[CRM_TERMS_MAX];
	struct crm_record old, o = { 0 };
	struct crm_buf norm = { 0 };
	size_t n;
	int rc = -1;

	if (crm_scope_load(s, &crm_order_entity, id, &old, e) < 0 ||
	    may_plan(s, &old, e) < 0)
		goto out;
	if (strcmp(old.f[CRM_OF_STATUS], "cancelled") == 0) {
		crm_err_set(e, CRM_EX_DATAERR, "order %lld '%s' is cancelled: "
		    "it has no plan", id, old.f[CRM_OF_NUMBER]);
		goto out;
	}
	if (nothing_paid(s, &old, e) < 0)
		goto out;
	if (crm_terms_parse(terms, t, &n, &norm, e) < 0) {
		crm_err_prefix(e, "--terms");
		goto out;
	}
	crm_record_copy(&o, &old);
	crm_record_set(&o, CRM_OF_TERMS, norm.s);
	rc = crm_store_save(s, &old, &o, e) < 0 ||
	    order_plan_remake(s, &o, e) < 0 ? -1 : 0;
out:
	crm_buf_free(&norm);
	crm_record_free(&old);
	crm_record_free(&o);
	return rc;
}

int
crm_pay_plan(struct crm_session *s, long long order, const char *terms,
    struct crm_err *e)
{
	int rc;

	if (terms == NULL || *terms == '\0')
		return crm_err_set(e, CRM_EX_USAGE, "plan ORDER needs --terms "
		    "('30%%:0,70%%:30')");
	if (crm_session_begin(s, e) < 0)
		return -1;
	rc = plan_locked(s, order, terms, e);
	return crm_session_end(s, rc == 0, e) < 0 ? -1 : rc;
}

/* The instalments of the orders the user sees: an open one past its due
 * date reads "overdue". ?6 today, ?7 customer, ?8 owner, ?9 status, ?10
 * order. */
static const char *
plan_sql(void)
{
	static char *sql;
	struct crm_buf b = { 0 };

	if (sql != NULL)
		return sql;
	crm_buf_adds(&b, SCOPE_TEAM "SELECT * FROM (SELECT i.id, c.id AS "
	    "order_id, c.number, cu.name, c.owner, i.seq, i.due_date, "
	    "crm_money(i.amount), crm_money(i.paid), "
	    "crm_money(i.amount - i.paid), CASE WHEN i.status = 'open' AND "
	    "i.due_date < ?6 THEN 'overdue' ELSE i.status END AS st "
	    "FROM instalments i JOIN orders c ON c.id = i.order_id "
	    "JOIN customers cu ON cu.id = c.customer_id WHERE ");
	crm_scope_visible_sql(&b, &crm_order_entity, "c");
	crm_buf_adds(&b, "AND (?7 IS NULL OR c.customer_id = ?7) "
	    "AND (?8 IS NULL OR c.owner = ?8) "
	    "AND (?10 IS NULL OR c.id = ?10)) "
	    "WHERE ?9 IS NULL OR st = ?9 ORDER BY due_date, id");
	sql = crm_buf_detach(&b);
	return sql;
}

static const struct crm_col plan_cols[] = {
	{ NC_("column", "id"), CRM_COL_INT },
	{ NC_("column", "order_id"), CRM_COL_INT },
	{ NC_("column", "number"), CRM_COL_TEXT },
	{ NC_("column", "customer"), CRM_COL_TEXT },
	{ NC_("column", "owner"), CRM_COL_TEXT },
	{ NC_("column", "seq"), CRM_COL_INT },
	{ NC_("column", "due_date"), CRM_COL_DATE },
	{ NC_("column", "amount"), CRM_COL_MONEY },
	{ NC_("column", "paid"), CRM_COL_MONEY },
	{ NC_("column", "outstanding"), CRM_COL_MONEY },
	{ NC_("column", "status"), CRM_COL_TEXT },
};

static int
status_ok(const char *st, struct crm_err *e)
{
	static const char *const ok[] = { "open", "paid", "overdue",
		"cancelled" };

	for (size_t i = 0; i < sizeof(ok) / sizeof(*ok); i++)
		if (strcmp(st, ok[i]) == 0)
			return 0;
	return crm_err_set(e, CRM_EX_USAGE, "--status: '%s' is not open, "
	    "paid, overdue or cancelled", st);
}

struct crm_rows *
crm_pay_plan_list(struct crm_session *s, const struct crm_plan_filter *f,
    struct crm_err *e)
{
	char today[CRM_DATE_LEN];
	long long customer = 0;
	sqlite3_stmt *st;

	if ((f->status && status_ok(f->status, e) < 0) ||
	    (f->customer && crm_find(s, &crm_customer_entity, f->customer,
	    &customer, e) < 0) ||
	    (f->order && crm_scope_may_see(s, &crm_order_entity, f->order,
	    e) < 0))
		return NULL;
	if ((st = crm_db_prepare(s->db, plan_sql(), e)) == NULL ||
	    crm_scope_bind(s, &crm_order_entity, st, e) < 0)
		return NULL;
	crm_today_text(today);
	crm_db_bind_text(st, 6, today);
	if (customer)
		sqlite3_bind_int64(st, 7, customer);
	crm_db_bind_text(st, 8, f->owner);
	crm_db_bind_text(st, 9, f->status);
	if (f->order)
		sqlite3_bind_int64(st, 10, f->order);
	return crm_rows_from_stmt(s->db, st, plan_cols,
	    sizeof(plan_cols) / sizeof(*plan_cols), 0);
}
