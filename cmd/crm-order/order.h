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

#endif
