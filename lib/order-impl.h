/* What lib/order*.c share: the payment plan, the lines' snapshot the
 * audit trail keeps, and the customer's last order date. */
#ifndef CRM_ORDER_IMPL_H
#define CRM_ORDER_IMPL_H

#include <stdint.h>

#include "crm/order.h"
#include "crm/record.h"

/* Make the instalments of order o's terms and total. */
int order_plan_make(struct crm_session *s, const struct crm_record *o,
    struct crm_err *e);
/* Make order o's instalments anew, the old ones dropped but those that
 * reversed receipts' allocations name: the new plan's first ones are
 * made of them (their changes audited), at least as many. */
int order_plan_remake(struct crm_session *s, const struct crm_record *o,
    struct crm_err *e);
/* Delete every instalment of order id (a draft's plan made anew). */
int order_plan_drop(struct crm_session *s, long long id, struct crm_err *e);
/* Cancel the open instalments of order id. */
int order_plan_cancel(struct crm_session *s, long long id,
    struct crm_err *e);

/* The lines of order id as JSON (the audit trail's field "lines": its
 * old and new values put them back on crm undo); the caller frees it. */
int order_lines_json(struct crm_session *s, long long id, char **json,
    struct crm_err *e);
/* Record in the run that the lines of order id went from old to new
 * (JSON, either NULL). */
int order_lines_audit(struct crm_session *s, const char *action,
    long long id, const char *old, const char *now, struct crm_err *e);

/* customers.last_order_at of customer cid from its orders not cancelled
 * (crm-customer list --dormant and the dormant reminder read it). */
int order_last_order_at(struct crm_session *s, const char *cid,
    struct crm_err *e);

/* The delivery date of o is not before its order date (65). */
int order_deliver_by_ok(const struct crm_record *o, struct crm_err *e);
/* o's total, in cents. */
void order_set_total(struct crm_record *o, int64_t total);

#endif
