/* crm-order (design/commands.md "crm-order"): the product catalogue
 * (产品) so far — what quotes, orders and shipments will sell. A product
 * is known by its sku (型号), unique case-folded; everyone reads the
 * catalogue, managers and admins change it. A retired product (下架,
 * active 0) stays in the catalogue for the records that name it. */
#ifndef CRM_ORDER_H
#define CRM_ORDER_H

#include "crm/audit.h"
#include "crm/entity.h"
#include "crm/input.h"
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

#endif
