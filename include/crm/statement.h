/* A customer's statement (对账单, crm-pay statement; crm-report
 * statement is the same): what they ordered and paid over a period, with
 * the balance before it and after it, their invoices and their open
 * instalments, as a printable document (crm/doc.h) to send them. */
#ifndef CRM_STATEMENT_H
#define CRM_STATEMENT_H

#include "crm/doc.h"
#include "crm/session.h"

/* The statement of the customer text names (an id or a name) from day
 * `from` to day `to` (any dates crm reads, both included; NULL: from the
 * first record, to the last): 64 on a bad date or a from after to; 65
 * "no customer N" unless the user is finance, an admin, or the
 * customer's owner or one of their managers.
 *
 * The account: the orders (confirmed or later, not cancelled) charged
 * on their order date, the receipts credited on theirs, a reversal
 * charged back on the day it was made; the opening balance is that of
 * everything before `from`, the closing one the opening plus the
 * period's charges less its payments. A positive balance is owed by the
 * customer. */
struct crm_doc *crm_pay_statement(struct crm_session *s,
    const char *customer, const char *from, const char *to,
    struct crm_err *e);

#endif
