/* Shared by lib/account*.c and lib/expense*.c. */
#ifndef CRM_PAY_IMPL_H
#define CRM_PAY_IMPL_H

#include "crm/clock.h"
#include "crm/i18n.h"
#include "crm/import.h"
#include "crm/list.h"
#include "crm/pay.h"
#include "crm/record.h"
#include "crm/scope.h"

/* Who sees and changes accounts, and who charges an expense to one:
 * finance and admins. */
#define PAY_FINANCE (CRM_ROLE_ADMIN | CRM_ROLE_FINANCE)

/* What expenses' import and list have of their own
 * (lib/expense-import.c, lib/expense.c). */
extern const struct crm_import_def expense_import;
extern const struct crm_list_def expense_list;

/* The account text names (id or name; exact with exact) as its id, if
 * the acting user may charge expenses to it: finance or an admin (77),
 * and an account open to them (65). -1 and e otherwise. */
int pay_account_for_expense(struct crm_session *s, const char *text,
    int exact, long long *id, struct crm_err *e);

/* Receipt id, just recorded, paid out as crm-pay receive does: to the
 * instalment inst first (0: none), then the oldest open instalments of
 * the order (0: of the customer's orders); then the customer's credit
 * from earlier receipts on what is still open, dated date or later. */
int pay_receipt_allocate(struct crm_session *s, long long id,
    long long customer, long long order, long long inst, const char *date,
    struct crm_err *e);

/* Order order's customer and number, if a receipt may pay it (it is
 * confirmed or later): 0, or -1 and e ("order N is draft ..."). */
int pay_order_payable(struct crm_session *s, long long order,
    long long *customer, char number[64], struct crm_err *e);

/* Order order's instalments paid back to the receipts that paid them,
 * as their customer's credit: each allocation's negative, dated today,
 * before a cancel (lib/order-status.c) cancels them. */
int pay_order_release(struct crm_session *s, long long order,
    struct crm_err *e);

/* What receipts' import has of its own (lib/receipt-import.c). */
extern const struct crm_import_def receipt_import;

#endif
