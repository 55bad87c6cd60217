/* The verbs of crm-order, one file per area. */
#ifndef CMD_ORDER_H
#define CMD_ORDER_H

#include "crm/cli.h"
#include "crm/order.h"
#include "crm/quote.h"

extern const struct crm_verb product_verbs[];
void product_opts_init(void);
extern const struct crm_verb quote_verbs[];
void quote_opts_init(void);
extern const struct crm_verb contract_verbs[];
void contract_opts_init(void);

/* sales orders (sales.c): the verbs of the top level, and quote accept */
void sales_opts_init(void);
extern struct crm_opt order_add_opts[], order_edit_opts[],
    order_list_opts[], order_accept_opts[];
extern const struct crm_opt order_cancel_opts[];
int order_add(struct crm_ctx *c);
int order_list(struct crm_ctx *c);
int order_show(struct crm_ctx *c);
int order_edit(struct crm_ctx *c);
int order_confirm(struct crm_ctx *c);
int order_cancel(struct crm_ctx *c);
int order_complete(struct crm_ctx *c);
int quote_accept(struct crm_ctx *c);
/* import and export of orders, a row per line (order-io.c) */
extern const struct crm_opt order_import_opts[];
int order_import(struct crm_ctx *c);
int order_export(struct crm_ctx *c);

/* shipments (shipment.c): ship at the top level, the rest under
 * "shipment" */
extern const struct crm_verb shipment_verbs[];
extern const struct crm_opt order_ship_opts[];
void shipment_opts_init(void);
int order_ship(struct crm_ctx *c);

#endif
