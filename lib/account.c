/* Funds accounts (资金账户): adding one, changing it, its balance, and
 * whether an expense may be charged to it. */
#include <stdio.h>
#include <stdlib.h>

#include "pay-impl.h"
#include "crm/db.h"
#include "crm/find.h"
#include "crm/store.h"
#include "crm/banned.h"

static const char sql_by_name[] =
	"SELECT id, name FROM accounts WHERE name_key = ?1 AND id IS NOT ?2";

/* Only finance and admins see accounts: a duplicate name names the
 * account to them, and to no one else (they cannot get here). */
static int
dup_check(struct crm_session *s, const struct crm_record *a,
    struct crm_err *e)
{
	sqlite3_stmt *st = crm_db_prepare(s->db, sql_by_name, e);
	int rc;

	if (st == NULL)
		return -1;
	crm_db_bind_text(st, 1, a->key[0]);
	if (a->id > 0)
		sqlite3_bind_int64(st, 2, a->id);
	if ((rc = crm_db_row(s->db, st, e)) == 1) {
		crm_err_set(e, CRM_EX_DATAERR, "field 'name': '%s' is the name "
		    "of account %lld '%s'", a->f[CRM_AF_NAME],
		    sqlite3_column_int64(st, 0), crm_db_col_text(st, 1));
		sqlite3_reset(st);
	}
	return rc == 0 ? 0 : -1;
}

static const struct crm_store_rules rules = {
	N_("add accounts"), 1ull << CRM_AF_NAME, NULL, dup_check
};

int
crm_account_add(struct crm_session *s, const struct crm_input *in,
    long long *id, struct crm_err *e)
{
	return crm_store_add_input(s, &crm_account_entity, in, &rules, id, e);
}

int
crm_account_set(struct crm_session *s, long long id,
    const struct crm_input *in, struct crm_err *e)
{
	return crm_store_edit_input(s, &crm_account_entity, id, in, &rules, e);
}

static const char sql_balance[] =
	"SELECT crm_money(opening), crm_money(received), crm_money(spent), "
	"crm_money(balance) FROM account_balances WHERE id = ?";

static const struct crm_col balance_cols[] = {
	{ NC_("column", "opening"), CRM_COL_MONEY },
	{ NC_("column", "received"), CRM_COL_MONEY },
	{ NC_("column", "spent"), CRM_COL_MONEY },
	{ NC_("column", "balance"), CRM_COL_MONEY },
};

struct crm_rows *
crm_account_balance(struct crm_session *s, long long id, struct crm_err *e)
{
	sqlite3_stmt *st;

	if (crm_scope_may_see(s, &crm_account_entity, id, e) < 0 ||
	    (st = crm_db_prepare(s->db, sql_balance, e)) == NULL)
		return NULL;
	sqlite3_bind_int64(st, 1, id);
	return crm_rows_from_stmt(s->db, st, balance_cols,
	    sizeof(balance_cols) / sizeof(*balance_cols), 0);
}

static const char sql_active[] =
	"SELECT active, name FROM accounts WHERE id = ?";

int
pay_account_for_expense(struct crm_session *s, const char *text, int exact,
    long long *id, struct crm_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if (crm_session_require(s, PAY_FINANCE, _("charge expenses to an "
	    "account"), e) < 0)
		return -1;
	rc = exact ? crm_find_named(s, &crm_account_entity, text, id, e) :
	    crm_find(s, &crm_account_entity, text, id, e);
	if (rc < 0 || (exact && rc != 1))
		return -1;
	if ((st = crm_db_prepare(s->db, sql_active, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, *id);
	if ((rc = crm_db_row(s->db, st, e)) != 1)
		return rc < 0 ? -1 : crm_err_set(e, CRM_EX_DATAERR,
		    "no account %lld", *id);
	rc = sqlite3_column_int(st, 0) ? 0 : crm_err_set(e, CRM_EX_DATAERR,
	    "account %lld '%s' is closed (active 0): no new expenses", *id,
	    crm_db_col_text(st, 1));
	sqlite3_reset(st);
	return rc;
}

int
crm_account_undo(struct crm_session *s, const struct crm_undo_group *g,
    struct crm_err *e)
{
	return crm_store_undo(s, &crm_account_entity, g, e);
}
