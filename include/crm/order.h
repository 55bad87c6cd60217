/* crm-order (design/commands.md "crm-order"): the product catalogue
 * (产品) — what quotes, orders and shipments sell — and sales orders
 * (销售订单, below). A product is known by its sku (型号), unique
 * case-folded; everyone reads the catalogue, managers and admins change
 * it. A retired product (下架, active 0) stays in the catalogue for the
 * records that name it. */
#ifndef CRM_ORDER_H
#define CRM_ORDER_H

#include "crm/audit.h"
#include "crm/buf.h"
#include "crm/clock.h"
#include "crm/entity.h"
#include "crm/input.h"
#include "crm/rows.h"
#include "crm/session.h"

/* The fields code names, in output column order (lib/product-entity.c). */
enum crm_product_field {
	CRM_PF_ID, CRM_PF_SKU, CRM_PF_NAME, CRM_PF_CATEGORY, CRM_PF_UNIT,
	CRM_PF_PRICE, CRM_PF_COST, CRM_PF_ACTIVE, CRM_PF_CREATED_AT,
	CRM_PF_UPDATED_AT, CRM_PF_NOTE,
	CRM_PRODUCT_NFIELDS
};

extern const struct crm_entity crm_product_entity;

/* Add a product (on sale unless the input says active 0); a sku another
 * product has is refused naming it (65). */
int crm_product_add(struct crm_session *s, const struct crm_input *in,
    long long *id, struct crm_err *e);
/* Change fields of a product; active 0 retires it, 1 puts it back. */
int crm_product_set(struct crm_session *s, long long id,
    const struct crm_input *in, struct crm_err *e);
/* Retire a product (下架): 65 if it is retired already. */
int crm_product_retire(struct crm_session *s, long long id,
    struct crm_err *e);
/* *id of the product text names: its sku exactly (case-folded), else
 * its id or name as crm_find takes them. */
int crm_product_find(struct crm_session *s, const char *text, long long *id,
    struct crm_err *e);
int crm_product_undo(struct crm_session *s, const struct crm_undo_group *g,
    struct crm_err *e);

/* Sales orders (销售订单): a customer's lines of products (crm/line.h),
 * numbered by order.number_format from a counter per year of the order
 * date (SO-2026-000001 ...: 1..N without gaps, taken in the adding
 * transaction), owned by the customer's owner unless given, linked to
 * the deal, quote or contract they follow, with the payment plan their
 * terms make (instalments, crm-pay's records). Seen as deals are: the
 * owner and the owner's managers; finance reads all; marketing none.
 *
 * Status: draft → confirmed → shipped → delivered → completed, or
 * cancelled from draft or confirmed; shipped and delivered follow from
 * shipments. Only a draft's lines and terms change. */
enum crm_order_field {
	CRM_OF_ID, CRM_OF_NUMBER, CRM_OF_CUSTOMER, CRM_OF_DEAL, CRM_OF_QUOTE,
	CRM_OF_CONTRACT, CRM_OF_OWNER, CRM_OF_STATUS, CRM_OF_DATE,
	CRM_OF_DELIVER_BY, CRM_OF_TERMS, CRM_OF_TOTAL, CRM_OF_CANCEL_REASON,
	CRM_OF_SEQ, CRM_OF_CREATED_AT, CRM_OF_UPDATED_AT, CRM_OF_NOTE,
	CRM_ORDER_NFIELDS
};

extern const struct crm_entity crm_order_entity;

/* An instalment of a payment plan (回款计划): crm-pay's record, made
 * here by an order's terms. */
enum crm_instalment_field {
	CRM_IF_ID, CRM_IF_ORDER, CRM_IF_SEQ, CRM_IF_PERCENT, CRM_IF_DUE,
	CRM_IF_AMOUNT, CRM_IF_PAID, CRM_IF_STATUS, CRM_IF_CREATED_AT,
	CRM_IF_UPDATED_AT, CRM_IF_NOTE,
	CRM_INSTALMENT_NFIELDS
};

extern const struct crm_entity crm_instalment_entity;

/* The order's own filters of crm_list (crm/list.h): order dates from
 * and to (YYYY-MM-DD, both included), or NULL. */
struct crm_order_filter {
	const char *from, *to;
};
/* Bind from and to of a struct crm_order_filter (own) at base and
 * base + 1: the list hook of orders and of shipments (crm/list.h). */
int crm_order_bind_dates(struct crm_session *s, sqlite3_stmt *st, int base,
    const void *own, struct crm_err *e);
/* Check --from and --to (any date crm reads) into from and to. */
int crm_order_filter_dates(struct crm_order_filter *f,
    char from[CRM_DATE_LEN], char to[CRM_DATE_LEN], struct crm_err *e);

/* Payment terms: "30%:0,60%:30,10%:90", percent (two decimals at
 * most) : days after the order date, adding up to 100%. */
#define CRM_TERMS_MAX 60
struct crm_term {
	int percent;		/* hundredths of a percent */
	int days;
};
/* Parse text into t (room for CRM_TERMS_MAX) and *n, and its normal
 * form into norm (may be NULL); 65 naming what is wrong. */
int crm_terms_parse(const char *text, struct crm_term *t, size_t *n,
    struct crm_buf *norm, struct crm_err *e);

/* Add a draft order of in's customer (id or name), with the lines
 * "SKU:QTY[:PRICE[:DISCOUNT%]]"; or, with in's quote, of the quote's
 * customer and lines (the quote must be approved and not expired; it
 * becomes accepted). Its instalments follow its terms (default:
 * pay.default_terms). */
int crm_order_add(struct crm_session *s, const struct crm_input *in,
    const char *const *lines, size_t nlines, long long *id,
    struct crm_err *e);
/* quote accept: the order of an approved, unexpired quote, with in's
 * other fields (terms, deliver_by ...); the quote becomes accepted. */
int crm_quote_accept(struct crm_session *s, long long quote,
    const struct crm_input *in, long long *id, struct crm_err *e);
/* edit: the note, delivery date, owner and custom fields at any time;
 * a draft's lines (nlines > 0: all of them anew) and terms, which make
 * its instalments anew. */
int crm_order_set(struct crm_session *s, long long id,
    const struct crm_input *in, const char *const *lines, size_t nlines,
    struct crm_err *e);
/* The moves of the status machine (a refused one is 65 naming the
 * status the order is in): confirm a draft; cancel a draft or a
 * confirmed order, with the reason (its open instalments are cancelled
 * too); complete a delivered order. */
int crm_order_confirm(struct crm_session *s, long long id,
    struct crm_err *e);
int crm_order_cancel(struct crm_session *s, long long id,
    const char *reason, struct crm_err *e);
int crm_order_complete(struct crm_session *s, long long id,
    struct crm_err *e);

/* The lines of an order the user sees, then a line of totals; its
 * instalments. */
struct crm_rows *crm_order_lines(struct crm_session *s, long long id,
    struct crm_err *e);
struct crm_rows *crm_order_instalments(struct crm_session *s, long long id,
    struct crm_err *e);

int crm_order_undo(struct crm_session *s, const struct crm_undo_group *g,
    struct crm_err *e);
int crm_instalment_undo(struct crm_session *s,
    const struct crm_undo_group *g, struct crm_err *e);

#endif
