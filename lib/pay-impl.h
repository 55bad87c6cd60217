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

#endif
