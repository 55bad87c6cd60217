/* crm-pay due and overdue: the open instalments of the orders a user
 * sees that come due within some days, or are past due — of orders
 * confirmed or later (a draft is not owed yet, a cancelled order no
 * longer). crm remind has the same two for the owners and finance
 * (lib/remind.c, remind.payment_days). */
#include <stdio.h>

#include "pay-impl.h"
#include "scope-sql.h"
#include "crm/db.h"
#include "crm/order.h"
#include "crm/setting.h"
#include "crm/banned.h"

/* ?6 the first day, ?7 the last (NULL: none), ?8 today. days: from
 * today to the due date, negative when past it. */
static const char *
due_sql(void)
{
	static char *sql;
	struct crm_buf b = { 0 };

	if (sql != NULL)
		return sql;
	crm_buf_adds(&b, SCOPE_TEAM "SELECT i.id, c.id, c.number, cu.name, "
	    "c.owner, i.seq, i.due_date, crm_money(i.amount - i.paid), "
	    "CAST(julianday(i.due_date) - julianday(?8) AS INTEGER) "
	    "FROM instalments i JOIN orders c ON c.id = i.order_id "
	    "JOIN customers cu ON cu.id = c.customer_id "
	    "WHERE i.status = 'open' AND c.status <> 'draft' "
	    "AND c.status <> 'cancelled' AND (?6 IS NULL OR i.due_date >= ?6) "
	    "AND (?7 IS NULL OR i.due_date <= ?7) AND ");
	crm_scope_visible_sql(&b, &crm_order_entity, "c");
	crm_buf_adds(&b, "ORDER BY i.due_date, c.id, i.seq");
	sql = crm_buf_detach(&b);
	return sql;
}

static const struct crm_col due_cols[] = {
	{ NC_("column", "id"), CRM_COL_INT },
	{ NC_("column", "order_id"), CRM_COL_INT },
	{ NC_("column", "number"), CRM_COL_TEXT },
	{ NC_("column", "customer"), CRM_COL_TEXT },
	{ NC_("column", "owner"), CRM_COL_TEXT },
	{ NC_("column", "seq"), CRM_COL_INT },
	{ NC_("column", "due_date"), CRM_COL_DATE },
	{ NC_("column", "outstanding"), CRM_COL_MONEY },
	{ NC_("column", "days"), CRM_COL_INT },
};

struct crm_rows *
crm_pay_due(struct crm_session *s, long long within, struct crm_err *e)
{
	char today[CRM_DATE_LEN], last[CRM_DATE_LEN], yesterday[CRM_DATE_LEN];
	sqlite3_stmt *st;

	if (within == CRM_DUE_SETTING && crm_setting_int(s, "remind.payment_days", &within,
	    e) < 0)
		return NULL;
	if ((st = crm_db_prepare(s->db, due_sql(), e)) == NULL ||
	    crm_scope_bind(s, &crm_order_entity, st, e) < 0)
		return NULL;
	crm_today_text(today);
	crm_date_format(crm_today() - 1, yesterday);
	if (within >= 0) {
		crm_date_format(crm_today() + (crm_day)within, last);
		crm_db_bind_text(st, 6, today);
		crm_db_bind_text(st, 7, last);
	} else {
		crm_db_bind_text(st, 7, yesterday);
	}
	crm_db_bind_text(st, 8, today);
	return crm_rows_from_stmt(s->db, st, due_cols,
	    sizeof(due_cols) / sizeof(*due_cols), 0);
}
