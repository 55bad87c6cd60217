/* Who reads receipts, and what: finance and admins every receipt; a rep
 * or a manager those of the customers they (and their team) own;
 * marketing none (data.md: money is finance's, a rep follows their own
 * customers' payments). The funds account is shown to finance only. */
#include <stdio.h>
#include <string.h>

#include "pay-impl.h"
#include "scope-sql.h"
#include "crm/customer.h"
#include "crm/db.h"
#include "crm/find.h"
#include "crm/banned.h"

/* ?1..?5 the scope (?2: finance or an admin), ?6 the user reads
 * receipts at all, ?7 customer, ?8 from, ?9 to, ?10 one receipt. */
#define RECEIPT_SEEN \
	"(?2 OR (?6 AND c.owner IN (SELECT login FROM team)))"

static const char sql_list[] =
	SCOPE_TEAM "SELECT r.id, r.date, c.name, crm_money(r.amount), "
	"r.method, r.ref, o.number, crm_money(r.allocated), "
	"crm_money(CASE WHEN r.reversed_at IS NULL THEN r.amount - "
	"r.allocated ELSE 0 END), CASE WHEN r.reversed_at IS NULL THEN "
	"'received' ELSE 'reversed' END, CASE WHEN ?2 THEN a.name END, "
	"r.reversed_at, r.reversed_by, r.reverse_reason, r.note "
	"FROM receipts r JOIN customers c ON c.id = r.customer_id "
	"LEFT JOIN orders o ON o.id = r.order_id "
	"LEFT JOIN accounts a ON a.id = r.account_id "
	"WHERE " RECEIPT_SEEN " AND (?7 IS NULL OR r.customer_id = ?7) "
	"AND (?8 IS NULL OR r.date >= ?8) AND (?9 IS NULL OR r.date <= ?9) "
	"AND (?10 IS NULL OR r.id = ?10) ORDER BY r.date DESC, r.id DESC";

static const struct crm_col list_cols[] = {
	{ NC_("column", "id"), CRM_COL_INT },
	{ NC_("column", "date"), CRM_COL_DATE },
	{ NC_("column", "customer"), CRM_COL_TEXT },
	{ NC_("column", "amount"), CRM_COL_MONEY },
	{ NC_("column", "method"), CRM_COL_TEXT },
	{ NC_("column", "ref"), CRM_COL_TEXT },
	{ NC_("column", "number"), CRM_COL_TEXT },
	{ NC_("column", "allocated"), CRM_COL_MONEY },
	{ NC_("column", "credit"), CRM_COL_MONEY },
	{ NC_("column", "status"), CRM_COL_TEXT },
	{ NC_("column", "account"), CRM_COL_TEXT },
	{ NC_("column", "reversed_at"), CRM_COL_TEXT },
	{ NC_("column", "reversed_by"), CRM_COL_TEXT },
	{ NC_("column", "reverse_reason"), CRM_COL_TEXT },
	{ NC_("column", "note"), CRM_COL_TEXT },
};

static sqlite3_stmt *
prepare(struct crm_session *s, const char *sql, struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql, e);

	if (st == NULL || crm_scope_bind(s, &crm_receipt_entity, st, e) < 0)
		return NULL;
	sqlite3_bind_int(st, 6, (s->role & CRM_ROLE_MARKETING) == 0);
	return st;
}

struct crm_rows *
crm_receipt_list(struct crm_session *s, const struct crm_receipt_filter *f,
    long long id, struct crm_err *e)
{
	long long customer = 0;
	sqlite3_stmt *st;

	if (f && f->customer && crm_find(s, &crm_customer_entity,
	    f->customer, &customer, e) < 0)
		return NULL;
	if ((st = prepare(s, sql_list, e)) == NULL)
		return NULL;
	if (customer)
		sqlite3_bind_int64(st, 7, customer);
	if (f) {
		crm_db_bind_text(st, 8, f->from);
		crm_db_bind_text(st, 9, f->to);
	}
	if (id)
		sqlite3_bind_int64(st, 10, id);
	return crm_rows_from_stmt(s->db, st, list_cols,
	    sizeof(list_cols) / sizeof(*list_cols), 0);
}

static const char sql_seen[] =
	SCOPE_TEAM "SELECT 1 FROM receipts r JOIN customers c "
	"ON c.id = r.customer_id WHERE r.id = ?10 AND " RECEIPT_SEEN;

/* 0 if the user reads receipt id, else 65 "no receipt N". */
static int
may_read(struct crm_session *s, long long id, struct crm_err *e)
{
	sqlite3_stmt *st = prepare(s, sql_seen, e);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 10, id);
	if ((rc = crm_db_row(s->db, st, e)) < 0)
		return -1;
	if (rc == 0)
		return crm_err_set(e, CRM_EX_DATAERR, "no receipt %lld", id);
	sqlite3_reset(st);
	return 0;
}

static const char sql_allocs[] =
	"SELECT a.instalment_id, o.number, i.seq, i.due_date, "
	"crm_money(a.amount), a.date FROM allocations a "
	"JOIN instalments i ON i.id = a.instalment_id "
	"JOIN orders o ON o.id = i.order_id WHERE a.receipt_id = ? "
	"ORDER BY a.id";

static const struct crm_col alloc_cols[] = {
	{ NC_("column", "instalment"), CRM_COL_INT },
	{ NC_("column", "number"), CRM_COL_TEXT },
	{ NC_("column", "seq"), CRM_COL_INT },
	{ NC_("column", "due_date"), CRM_COL_DATE },
	{ NC_("column", "amount"), CRM_COL_MONEY },
	{ NC_("column", "date"), CRM_COL_DATE },
};

struct crm_rows *
crm_receipt_allocations(struct crm_session *s, long long id,
    struct crm_err *e)
{
	sqlite3_stmt *st;

	if (may_read(s, id, e) < 0 ||
	    (st = crm_db_prepare(s->db, sql_allocs, e)) == NULL)
		return NULL;
	sqlite3_bind_int64(st, 1, id);
	return crm_rows_from_stmt(s->db, st, alloc_cols,
	    sizeof(alloc_cols) / sizeof(*alloc_cols), 0);
}

int
crm_receipt_seen(struct crm_session *s, long long id, struct crm_err *e)
{
	return may_read(s, id, e);
}
