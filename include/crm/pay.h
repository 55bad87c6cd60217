/* crm-pay (design/commands.md "crm-pay"): funds accounts (资金账户) and
 * expenses (费用) so far; payment plans, invoices, receipts and
 * receivables come with the orders.
 *
 * An account is known by its name, unique case-folded; only finance and
 * admins see and change accounts. Its balance is its opening balance,
 * plus what it received, less the expenses paid from it: the view
 * account_balances (schema/012-pay.sql), which receipts will join.
 *
 * An expense belongs to the user who spent it (its field `user`, the
 * owner for who sees what): finance and admins see and change every
 * expense; anyone else adds their own and sees their own, a manager
 * also their team's. Only finance and admins charge an expense to an
 * account. */
#ifndef CRM_PAY_H
#define CRM_PAY_H

#include "crm/audit.h"
#include "crm/entity.h"
#include "crm/input.h"
#include "crm/rows.h"
#include "crm/session.h"

/* The fields code names, in output column order (lib/account-entity.c,
 * lib/expense-entity.c). */
enum crm_account_field {
	CRM_AF_ID, CRM_AF_NAME, CRM_AF_KIND, CRM_AF_CURRENCY, CRM_AF_OPENING,
	CRM_AF_ACTIVE, CRM_AF_CREATED_AT, CRM_AF_UPDATED_AT, CRM_AF_NOTE,
	CRM_ACCOUNT_NFIELDS
};

enum crm_expense_field {
	CRM_XF_ID, CRM_XF_DATE, CRM_XF_CATEGORY, CRM_XF_AMOUNT, CRM_XF_USER,
	CRM_XF_ACCOUNT, CRM_XF_CAMPAIGN, CRM_XF_CUSTOMER, CRM_XF_CREATED_AT,
	CRM_XF_UPDATED_AT, CRM_XF_NOTE,
	CRM_EXPENSE_NFIELDS
};

extern const struct crm_entity crm_account_entity;
extern const struct crm_entity crm_expense_entity;
/* The accounts with their balances (the view account_balances): read
 * only, for list. */
extern const struct crm_entity crm_account_balance_entity;

/* Add an account; a name another account has is refused naming it. */
int crm_account_add(struct crm_session *s, const struct crm_input *in,
    long long *id, struct crm_err *e);
/* Change fields of an account (active 0 closes it to new expenses). */
int crm_account_set(struct crm_session *s, long long id,
    const struct crm_input *in, struct crm_err *e);
/* One account's opening balance, received, spent and balance. */
struct crm_rows *crm_account_balance(struct crm_session *s, long long id,
    struct crm_err *e);
int crm_account_undo(struct crm_session *s, const struct crm_undo_group *g,
    struct crm_err *e);

/* Add an expense: the user defaults to the acting one; the account,
 * campaign and customer are given by id or name. */
int crm_expense_add(struct crm_session *s, const struct crm_input *in,
    long long *id, struct crm_err *e);
int crm_expense_set(struct crm_session *s, long long id,
    const struct crm_input *in, struct crm_err *e);
int crm_expense_undo(struct crm_session *s, const struct crm_undo_group *g,
    struct crm_err *e);

/* A campaign's cost: its own cost field, the expenses charged to it
 * that the user sees (spent), and the total of the two. */
struct crm_rows *crm_expense_campaign_cost(struct crm_session *s,
    long long campaign, struct crm_err *e);

/* The expense's own list filters: dates from and to (inclusive). */
struct crm_expense_filter {
	const char *from, *to;		/* YYYY-MM-DD, or NULL */
	char from_day[16], to_day[16];
};
/* Check list's filters before the query: --from and --to dates (64
 * naming the option), as YYYY-MM-DD into the filter. */
int crm_expense_list_check(struct crm_expense_filter *f,
    struct crm_err *e);

#endif
