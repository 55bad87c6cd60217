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

/* Payment plans (回款计划): an order's instalments, made by its terms
 * (crm/order.h). crm_pay_plan makes order's plan anew from terms — an
 * order not cancelled, with nothing paid (65 otherwise), by finance, an
 * admin or whoever may change the order (77); the order's terms become
 * terms. */
int crm_pay_plan(struct crm_session *s, long long order, const char *terms,
    struct crm_err *e);
/* plan list's filters, each NULL (0) for any: the customer (id or
 * name), the order's owner, the status (open, paid, overdue — open past
 * its due date —, cancelled), the order. */
struct crm_plan_filter {
	const char *customer, *owner, *status;
	long long order;
};
/* The instalments of the orders the user sees, by due date. */
struct crm_rows *crm_pay_plan_list(struct crm_session *s,
    const struct crm_plan_filter *f, struct crm_err *e);

/* The open instalments of the orders the user sees (confirmed or
 * later) due from today to within days ahead (CRM_DUE_SETTING:
 * remind.payment_days), or (CRM_DUE_OVERDUE) past due; with the days
 * from today to the due date (negative: overdue). */
#define CRM_DUE_OVERDUE (-1)
#define CRM_DUE_SETTING (-2)
struct crm_rows *crm_pay_due(struct crm_session *s, long long within,
    struct crm_err *e);

/* aging (账龄) as of a day (YYYY-MM-DD or any date crm reads; NULL:
 * today; a bad one is 64) by customer (NULL), owner or region: per
 * key, what was owed then in the buckets not yet due, 1–30, 31–60,
 * 61–90, 91–180 and over 180 days past due (basis "due" or NULL) or
 * since the order's date (basis "order"), and their sum; then the
 * total row. lib/pay-aging.c says what counts. */
struct crm_rows *crm_pay_aging(struct crm_session *s, const char *as_of,
    const char *by, const char *basis, struct crm_err *e);

/* Receipts (回款单): money a customer paid (lib/receipt*.c). */
enum crm_receipt_field {
	CRM_RF_ID, CRM_RF_CUSTOMER, CRM_RF_AMOUNT, CRM_RF_DATE, CRM_RF_METHOD,
	CRM_RF_REF, CRM_RF_ORDER, CRM_RF_ACCOUNT, CRM_RF_ALLOCATED,
	CRM_RF_REVERSED_AT, CRM_RF_REVERSED_BY, CRM_RF_REASON,
	CRM_RF_CREATED_AT, CRM_RF_UPDATED_AT, CRM_RF_NOTE,
	CRM_RECEIPT_NFIELDS
};
#define RECEIPT_METHODS "bank|cash|card|alipay|wechat|check"

extern const struct crm_entity crm_receipt_entity;

/* Record a receipt (finance and admins; 77 otherwise) of in's customer
 * (id or name), amount, date (default today), method, ref, order and
 * account (ids or names), and allocate it: to the instalment `to` (an
 * id, or NULL) first, then to the oldest open instalments of its order
 * (or, without one, of the customer's orders) that are confirmed or
 * later — never a draft's or a cancelled order's. What is left is the
 * customer's credit; the credit of earlier receipts is applied, after
 * this one, to the customer's oldest open instalments. *id the new
 * receipt's; *credit the customer's credit after it (cents). */
int crm_receipt_receive(struct crm_session *s, const struct crm_input *in,
    const char *to, long long *id, long long *credit, struct crm_err *e);
/* Reverse a receipt (finance and admins): it stays, marked reversed
 * with the reason; each of its allocations gets its negative, dated
 * today, re-opening what it paid. 65 if reversed already. */
int crm_receipt_reverse(struct crm_session *s, long long id,
    const char *reason, struct crm_err *e);
/* The receipts the user sees (finance, admins: all; others those of
 * the customers they and their team own; marketing none), newest
 * first, filtered by customer (id or name, or NULL) and dates (YYYY-MM-
 * DD, or NULL); one receipt (65 "no receipt N" when not seen); its
 * allocations. */
struct crm_receipt_filter {
	const char *customer, *from, *to;
};
struct crm_rows *crm_receipt_list(struct crm_session *s,
    const struct crm_receipt_filter *f, long long id, struct crm_err *e);
struct crm_rows *crm_receipt_allocations(struct crm_session *s,
    long long id, struct crm_err *e);
/* 0 if the user reads receipt id, else 65 "no receipt N". */
int crm_receipt_seen(struct crm_session *s, long long id,
    struct crm_err *e);
int crm_receipt_undo(struct crm_session *s, const struct crm_undo_group *g,
    struct crm_err *e);

#endif
