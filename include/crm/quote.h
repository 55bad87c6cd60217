/* crm-order quotes (报价单, design/commands.md "crm-order"): a customer's
 * priced lines of products, and their approval by the setting
 * quote.approval. A quote is an entity with an owner, seen as deals are
 * (its owner and the owner's managers; finance reads all; marketing
 * none); its lines and approvals are child rows (schema/009-quote.sql).
 *
 * Status: draft → submitted → approved (or rejected); a quote within
 * every threshold is approved on submit. accepted (it becomes an order)
 * and expired are kept by the schema for the order verbs to come. */
#ifndef CRM_QUOTE_H
#define CRM_QUOTE_H

#include <stddef.h>
#include <stdint.h>

#include "crm/audit.h"
#include "crm/entity.h"
#include "crm/input.h"
#include "crm/rows.h"
#include "crm/session.h"

/* The fields code names, in output column order (lib/quote-entity.c). */
enum crm_quote_field {
	CRM_QF_ID, CRM_QF_CUSTOMER, CRM_QF_DEAL, CRM_QF_OWNER, CRM_QF_STATUS,
	CRM_QF_VALID_UNTIL, CRM_QF_GROSS, CRM_QF_TOTAL, CRM_QF_MAX_DISCOUNT,
	CRM_QF_SUBMITTED_AT, CRM_QF_APPROVED_BY, CRM_QF_CREATED_AT,
	CRM_QF_UPDATED_AT, CRM_QF_NOTE,
	CRM_QUOTE_NFIELDS
};

extern const struct crm_entity crm_quote_entity;

/* Add a draft quote of in's customer (id or name) and deal with the
 * lines "SKU:QTY[:PRICE[:DISCOUNT%]]" (crm/line.h: the price defaults to
 * the catalogue's); a bad, unknown or retired line is refused naming
 * it. */
int crm_quote_add(struct crm_session *s, const struct crm_input *in,
    const char *const *lines, size_t nlines, long long *id,
    struct crm_err *e);
/* The lines of a quote the user sees, then a line of totals. */
struct crm_rows *crm_quote_lines(struct crm_session *s, long long id,
    struct crm_err *e);

/* Submit a draft: approved at once when within every threshold of
 * quote.approval, else it awaits the approvals it needs. */
int crm_quote_submit(struct crm_session *s, long long id,
    struct crm_err *e);
/* The acting user's approval (as the owner's manager, or finance, or an
 * admin as either), recorded with who and when; the quote is approved
 * when it has all it needs. 77 when it awaits none of theirs. */
int crm_quote_approve(struct crm_session *s, long long id,
    struct crm_err *e);
/* The same approver's refusal, with its reason: the quote is rejected. */
int crm_quote_reject(struct crm_session *s, long long id,
    const char *reason, struct crm_err *e);
/* Who decided what and when on a quote the user sees. */
struct crm_rows *crm_quote_approvals(struct crm_session *s, long long id,
    struct crm_err *e);

int crm_quote_undo(struct crm_session *s, const struct crm_undo_group *g,
    struct crm_err *e);

/* ---- edit, expiry, the printable quote, reminders ---- */

/* A quote as it reads (list, show, the printed quote, crm remind): one
 * submitted or approved and past its valid_until is expired. Computed
 * when read, never stored, so that no job has to run for it and the
 * clock (CRM_NOW) alone decides; c is the alias of the quotes row. */
#define CRM_QUOTE_STATUS_SQL(c) \
	"(CASE WHEN (" c ".status = 'submitted' OR " c ".status = " \
	"'approved') AND " c ".valid_until < crm_today() THEN 'expired' " \
	"ELSE " c ".status END)"

/* The list filters of quotes (crm/list.h): --expired. */
struct crm_quote_filter {
	int expired;
};

/* Change a draft or a rejected quote (a rejected one becomes a draft
 * again, its earlier approvals spent): the fields of in (valid_until,
 * note, deal_id, custom fields) and, when nlines > 0, all its lines
 * replaced by these. A quote in any other status is refused naming it
 * (65). Audited, lines included: crm undo of the run puts them back. */
int crm_quote_edit(struct crm_session *s, long long id,
    const struct crm_input *in, const char *const *lines, size_t nlines,
    struct crm_err *e);
/* crm undo of a run's changes to quote lines (their audit entity is
 * "quote_line", their id "QUOTE:LINE"). */
int crm_quote_line_undo(struct crm_session *s,
    const struct crm_undo_group *g, struct crm_err *e);

/* The printable quote (crm/doc.h) of a quote the user sees, in their
 * language: NULL and "no quote N" (65) for one they do not. */
struct crm_doc;
struct crm_doc *crm_quote_doc(struct crm_session *s, long long id,
    struct crm_err *e);

/* Register the SQL function crm_quote_awaits(ID, LOGIN, ROLE) on the
 * session's connection: 'manager' or 'finance', the approval quote ID
 * awaits from that user by the rule of crm_quote_approve, else NULL (for
 * crm remind). */
int crm_quote_sql(struct crm_session *s, struct crm_err *e);

#endif
