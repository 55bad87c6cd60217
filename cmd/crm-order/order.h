/* The verbs of crm-order, one file per area. */
#ifndef CMD_ORDER_H
#define CMD_ORDER_H

#include "crm/cli.h"
#include "crm/order.h"

extern const struct crm_verb product_verbs[];
void product_opts_init(void);

#endif
