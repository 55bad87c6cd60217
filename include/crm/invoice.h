/* Invoices (开票申请, crm-pay invoice): an order's invoices, asked for by
 * whoever may change the order (its owner, their managers) or finance,
 * issued with the printed invoice's number and date, or voided, by
 * finance and admins only. An invoice is never deleted. Seen as its
 * order is: the order's owner and their managers, finance and admins.
 *
 * What is invoiced of an order is its invoices requested or issued (a
 * void one no longer counts); it never exceeds the order's total, and a
 * cancelled or draft order is not invoiced. */
#ifndef CRM_INVOICE_H
#define CRM_INVOICE_H

#include "crm/audit.h"
#include "crm/entity.h"
#include "crm/rows.h"
#include "crm/session.h"

enum crm_invoice_field {
	CRM_VF_ID, CRM_VF_ORDER, CRM_VF_CUSTOMER, CRM_VF_OWNER, CRM_VF_AMOUNT,
	CRM_VF_STATUS, CRM_VF_TITLE, CRM_VF_TAX_ID, CRM_VF_NUMBER,
	CRM_VF_ISSUE_DATE, CRM_VF_REQUESTED_BY, CRM_VF_ISSUED_BY,
	CRM_VF_VOIDED_AT, CRM_VF_VOIDED_BY, CRM_VF_REASON,
	CRM_VF_CREATED_AT, CRM_VF_UPDATED_AT, CRM_VF_NOTE,
	CRM_INVOICE_NFIELDS
};

extern const struct crm_entity crm_invoice_entity;

/* What a request gives: the amount (NULL: what is still uninvoiced of
 * the order), the title (发票抬头; NULL: the customer's name), the tax
 * id and a note (or NULL). */
struct crm_invoice_request {
	const char *amount, *title, *tax_id, *note;
};

/* Ask for an invoice of order (an id or a number): 65 if the order is a
 * draft or cancelled, or if the amount would make what is invoiced more
 * than its total (naming both); 77 if the user may not change the
 * order. *id the new invoice's. */
int crm_invoice_request(struct crm_session *s, const char *order,
    const struct crm_invoice_request *rq, long long *id,
    struct crm_err *e);
/* Issue a requested invoice (finance, admins: 77 otherwise) with the
 * number of the printed invoice (unique: 65 naming the invoice that has
 * it) and its date (any date crm reads; 64 if not one). */
int crm_invoice_issue(struct crm_session *s, long long id,
    const char *number, const char *date, struct crm_err *e);
/* Void an invoice, requested or issued (finance, admins), with a
 * reason: it no longer counts as invoiced. 65 if void already. */
int crm_invoice_void(struct crm_session *s, long long id,
    const char *reason, struct crm_err *e);
int crm_invoice_undo(struct crm_session *s, const struct crm_undo_group *g,
    struct crm_err *e);

#endif
